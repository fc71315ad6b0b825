import { type ImportJob, type ImportReportRow, screeningVerdictOf } from './import-job';

/** What GET /v1/imports/:id shows: state, counters, and progress with a rate and an ETA while running. */
export function importView(job: ImportJob, now: Date) {
  const elapsedS = job.startedAt ? Math.max((now.getTime() - job.startedAt.getTime()) / 1_000, 0.001) : null;
  const running = job.status === 'running' && elapsedS !== null;
  const itemsPerSecond = running ? job.counters.itemsRead / elapsedS : null;
  const bytesPerSecond = running ? job.bytesRead / elapsedS : null;
  const etaSeconds =
    running && job.bytesTotal !== null && bytesPerSecond! > 0
      ? Math.max(job.bytesTotal - job.bytesRead, 0) / bytesPerSecond!
      : null;
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    mode: job.mode,
    source: job.source,
    expectedCount: job.expectedCount,
    progress: {
      bytesTotal: job.bytesTotal,
      bytesRead: job.bytesRead,
      itemsRead: job.counters.itemsRead,
      itemsPerSecond: itemsPerSecond === null ? null : Math.round(itemsPerSecond),
      etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds),
    },
    counts: {
      added: job.counters.added,
      updated: job.counters.updated,
      unchanged: job.counters.unchanged,
      expired: job.counters.expired,
      rejected: job.counters.rejected,
    },
    hold: job.hold,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    receivedAt: job.receivedAt?.toISOString() ?? null,
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    links: { self: `/v1/imports/${job.id}`, report: `/v1/imports/${job.id}/report` },
  };
}

export function reportRowView(row: ImportReportRow) {
  return {
    position: row.position,
    externalRef: row.externalRef,
    outcome: row.outcome,
    reasonCode: row.reasonCode,
    fieldErrors: row.fieldErrors ?? [],
    offerId: row.offerId,
    screening: screeningVerdictOf(row),
    findings: row.findings ?? [],
  };
}
