import { Client } from '@opensearch-project/opensearch';
import type { CvProfile } from '@vigie/contracts';
import { CvIndex, CvIndexOperation, CvIndexOutcome } from '../indexing/cv-index.port';
import { CV_INDEX_MAPPINGS, CV_INDEX_SETTINGS, CV_STATES, CvIndexNames } from './cv-index.mapping';

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

/** The `cvs` alias over its current generation, written in bulk with external versions. */
export class OpenSearchCvIndex extends CvIndex {
  constructor(
    private readonly client: Client,
    private readonly names: CvIndexNames,
    private readonly replicas: number,
  ) {
    super();
  }

  async ensureIndex(): Promise<void> {
    const { alias, index } = this.names;
    const exists = await this.client.indices.exists({ index });
    if (exists.body) return;
    try {
      await this.client.indices.create({
        index,
        body: {
          settings: CV_INDEX_SETTINGS(this.replicas),
          mappings: CV_INDEX_MAPPINGS,
          aliases: { [alias]: { is_write_index: true } },
        },
      });
    } catch (e) {
      // Another replica created it first.
      if (!String((e as Error).message).includes('resource_already_exists_exception')) throw e;
    }
  }

  async write(operations: readonly CvIndexOperation[]): Promise<CvIndexOutcome[]> {
    if (operations.length === 0) return [];
    const body: Record<string, unknown>[] = [];
    for (const op of operations) {
      if (op.kind === 'erase') {
        body.push({ delete: { _index: this.names.alias, _id: op.cvId } });
        continue;
      }
      body.push(
        { index: { _index: this.names.alias, _id: op.cvId, version: op.version, version_type: 'external' } },
        op.kind === 'upsert'
          ? liveSource(op.cvId, op.version, op.profile, op.indexedAt)
          : { cvId: op.cvId, version: op.version, state: CV_STATES.gone, indexedAt: op.indexedAt },
      );
    }
    const response = await this.client.bulk({ body });
    const items = (response.body as { items: Array<Record<string, BulkItemResult>> }).items;
    return items.map((item, i) => outcomeOf(Object.values(item)[0]!, operations[i]!.kind));
  }
}

/**
 * The stored form lists the profile's fields one by one (never a spread of the event), so only
 * what the mapping knows can reach the engine; geo_point wants `lat`/`lon`.
 */
function liveSource(cvId: string, version: number, p: CvProfile, indexedAt: string): Record<string, unknown> {
  return {
    cvId,
    version,
    state: CV_STATES.live,
    title: p.title,
    pastTitles: p.pastTitles,
    skills: p.skills,
    experienceYears: p.experienceYears,
    education: p.education.map((e) => ({ degree: e.degree, field: e.field })),
    languages: p.languages.map((l) => ({ code: l.code, level: l.level })),
    commune: p.commune && {
      code: p.commune.code,
      name: p.commune.name,
      departmentCode: p.commune.departmentCode,
      regionCode: p.commune.regionCode,
    },
    geo: p.geo && { lat: p.geo.latitude, lon: p.geo.longitude },
    contractTypes: p.contractTypes,
    summary: p.summary,
    indexedAt,
  };
}

function outcomeOf(result: BulkItemResult, kind: CvIndexOperation['kind']): CvIndexOutcome {
  const reason = `${result.status} ${result.error?.type ?? ''} ${result.error?.reason ?? ''}`.trim();
  if (result.status === 200 || result.status === 201) return { status: 'applied' };
  // Erasing what is not there (never indexed, or erased already) is done.
  if (kind === 'erase' && result.status === 404) return { status: 'applied' };
  if (result.status === 409) return { status: 'stale' };
  if (result.status === 429 || result.status >= 500) return { status: 'retry', reason };
  return { status: 'rejected', reason };
}
