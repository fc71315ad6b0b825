import { criteriaToParams } from '@vigie/contracts';
import { Alert } from './alert';

/**
 * What a candidate sees of their alert. `searchParams` is the same search as query parameters
 * (`GET /v1/offers/search?<searchParams>`), so a page can show « see these offers now ».
 */
export function alertView(a: Alert) {
  return {
    id: a.id,
    email: a.email,
    criteria: a.criteria,
    searchParams: new URLSearchParams(criteriaToParams(a.criteria)).toString(),
    frequency: a.frequency,
    schedule: a.schedule,
    status: a.status,
    snoozedUntil: a.snoozedUntil?.toISOString() ?? null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    changedAt: a.changedAt.toISOString(),
  };
}

export type AlertView = ReturnType<typeof alertView>;
