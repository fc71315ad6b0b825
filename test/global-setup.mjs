// Starts (or finds) the infrastructure once per Jest run, only when a tier that needs it runs.
// Endpoints reach the test workers through the environment, which they inherit.
import { resolveInfrastructure } from './infra/resolve-infra.mjs';

const NEEDS_INFRA = new Set(['int', 'e2e']);

/** The tiers named after --selectProjects (Jest 30 does not expose them to the global setup). */
function selectedProjects(argv) {
  const at = argv.indexOf('--selectProjects');
  if (at < 0) return ['unit', 'int', 'e2e'];
  const names = [];
  for (const arg of argv.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    names.push(arg);
  }
  return names;
}

export default async function globalSetup() {
  const selected = selectedProjects(process.argv);
  if (!selected.some((p) => NEEDS_INFRA.has(p))) return;
  const { env, state } = await resolveInfrastructure();
  Object.assign(process.env, env);
  globalThis.__VIGIE_INFRA_STATE__ = state;
}
