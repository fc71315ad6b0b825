import { releaseInfrastructure } from './infra/resolve-infra.mjs';

export default async function globalTeardown() {
  await releaseInfrastructure(globalThis.__VIGIE_INFRA_STATE__);
}
