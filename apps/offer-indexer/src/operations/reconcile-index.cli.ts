import { errorMessage } from '@vigie/messaging';
import { reconcileIndexCommand } from './reconcile-index.command';

reconcileIndexCommand(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`))
  .then((status) => (process.exitCode = status))
  .catch((e: unknown) => {
    process.stderr.write(`reconcile:index failed: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  });
