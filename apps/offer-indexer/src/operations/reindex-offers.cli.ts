import { errorMessage } from '@vigie/messaging';
import { reindexOffersCommand } from './reindex-offers.command';

reindexOffersCommand(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`))
  .then((status) => (process.exitCode = status))
  .catch((e: unknown) => {
    process.stderr.write(`reindex:offers failed: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  });
