#!/usr/bin/env node
// Compiles every service and library in one TypeScript pass (faster than one `nest build` per
// app), then rewrites the @vigie/* path aliases to relative imports so `node dist/…` runs as is.
// `nest build <app>` keeps working for a single app (nest-cli.json).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

// Template files (the e-mails' and the candidate pages' *.hbs, the pages' stylesheet) are read at run
// time next to the module that loads them: tsc does not copy them, so they are copied beside the
// compiled JavaScript.
const ASSET = /\.(hbs|css)$/;
function copyAssets(outDir, dir = '') {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'dist-tools', '.git'].includes(entry.name)) copyAssets(outDir, rel);
    } else if (ASSET.test(entry.name)) cpSync(join(root, rel), join(root, outDir, rel));
  }
}

// `--tools` also builds the benchmarks (with the test helpers they reuse) into dist-tools/.
const tools = process.argv.includes('--tools');
const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('tsc-alias'), ['-p', 'tsconfig.build.json']);
for (const top of ['apps', 'libs']) copyAssets('dist', top);
// Services load @vigie/geo at start-up: build its cache now (node_modules/.cache/vigie-geo) so
// that no service, test or benchmark pays the one-off build from the npm packages.
run(process.execPath, ['-e', "require('./dist/libs/geo/src/load-gazetteer.js').loadGazetteer()"]);
if (tools) {
  rmSync(join(root, 'dist-tools'), { recursive: true, force: true });
  run(bin('tsc'), ['-p', 'tsconfig.tools.json']);
  run(bin('tsc-alias'), ['-p', 'tsconfig.tools.json']);
  for (const top of ['apps', 'libs']) copyAssets('dist-tools', top);
}
console.log(
  `build: dist/apps/<service>/src/main.js${tools ? ' and dist-tools/' : ''} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
