// Starts (or finds) the infrastructure once per Jest run, only when a tier that needs it runs.
// Endpoints reach the test workers through the environment, which they inherit.
import { resolveInfrastructure } from './infra/resolve-infra.mjs';

const NEEDS_INFRA = new Set(['int', 'e2e']);

export default async function globalSetup(globalConfig) {
  const selected = globalConfig.selectProjects ?? ['unit', 'int', 'e2e'];
  if (!selected.some((p) => NEEDS_INFRA.has(p))) return;
  const { env, state } = await resolveInfrastructure();
  Object.assign(process.env, env);
  globalThis.__VIGIE_INFRA_STATE__ = state;
}
