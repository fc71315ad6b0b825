// Profiles the process it is preloaded into, from start to exit, into
// $CPU_PROFILE_DIR/<pid>.cpuprofile (open it in Chrome DevTools or speedscope). For child processes
// started with NODE_OPTIONS, which refuses --cpu-prof:
//   BENCH_INDEXER_NODE_OPTIONS="--import $PWD/bench/support/cpu-profile.preload.mjs" CPU_PROFILE_DIR=/tmp/prof
import inspector from 'node:inspector';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.CPU_PROFILE_DIR ?? '.';
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
let written = false;
function write() {
  if (written) return;
  written = true;
  // An in-process session answers synchronously, so the profile is written here and now.
  session.post('Profiler.stop', (err, result) => {
    if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}
process.on('exit', write);
// A service stopping on SIGTERM (Nest re-raises the signal after its shutdown hooks, so 'exit' never
// comes): the profile is of the work before the stop, which is what is wanted.
process.once('SIGTERM', write);
