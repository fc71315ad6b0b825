import type { HttpResult } from './api-client';

export interface ImportBody {
  id: string;
  status: 'receiving' | 'queued' | 'running' | 'held' | 'completed' | 'failed';
  format: string;
  mode: 'snapshot' | 'delta';
  source: { kind: 'upload' } | { kind: 'feed'; feedId: string; url: string };
  progress: {
    bytesTotal: number | null;
    bytesRead: number;
    itemsRead: number;
    itemsPerSecond: number | null;
    etaSeconds: number | null;
  };
  counts: { added: number; updated: number; unchanged: number; expired: number; rejected: number };
  hold: { reason: string; wouldExpire: number; liveOffers: number } | null;
  error: { code: string; message: string } | null;
  links: { self: string; report: string };
}

export interface ImportReportBody {
  importId: string;
  rows: Array<{
    position: number | null;
    externalRef: string | null;
    outcome: string;
    reasonCode: string | null;
    fieldErrors: Array<{ field: string; reason: string }>;
    offerId: string | null;
    screening: 'clean' | 'flagged' | 'blocked' | null;
    findings: Array<{
      ruleId: string;
      severity: 'block' | 'flag';
      span: { field: string; start: number; end: number; text: string } | null;
      legalBasis: string[];
      suggestion: string;
      reason: string;
    }>;
  }>;
  next: string | null;
}

async function parsed<T>(res: Response): Promise<HttpResult<T> & { headers: Headers }> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    // not JSON (the CSV report): keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** A recruiter's calls to the import jobs API (POST /v1/imports and the job's status and report). */
export class ImportsApi {
  constructor(private readonly ingestionUrl: string) {}

  async upload(
    apiKey: string,
    body: Buffer | string,
    options: { contentType: string; contentEncoding?: string; mode?: string; expectedCount?: number },
  ): Promise<
    HttpResult<{ id: string; error?: { code: string; message: string } }> & { location: string | null }
  > {
    const query = new URLSearchParams();
    if (options.mode) query.set('mode', options.mode);
    if (options.expectedCount !== undefined) query.set('expectedCount', String(options.expectedCount));
    const res = await fetch(`${this.ingestionUrl}/v1/imports?${query.toString()}`, {
      method: 'POST',
      headers: {
        'x-api-key': apiKey,
        'content-type': options.contentType,
        ...(options.contentEncoding ? { 'content-encoding': options.contentEncoding } : {}),
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const result = await parsed<{ id: string }>(res);
    return { ...result, location: res.headers.get('location') };
  }

  async get(apiKey: string, id: string): Promise<HttpResult<ImportBody>> {
    return parsed(await fetch(`${this.ingestionUrl}/v1/imports/${id}`, { headers: { 'x-api-key': apiKey } }));
  }

  async report(apiKey: string, id: string, query = ''): Promise<HttpResult<ImportReportBody>> {
    return parsed(
      await fetch(`${this.ingestionUrl}/v1/imports/${id}/report${query}`, {
        headers: { 'x-api-key': apiKey },
      }),
    );
  }

  async reportCsv(apiKey: string, id: string): Promise<HttpResult<string> & { headers: Headers }> {
    const res = await fetch(`${this.ingestionUrl}/v1/imports/${id}/report.csv`, {
      headers: { 'x-api-key': apiKey },
    });
    return { status: res.status, body: await res.text(), headers: res.headers };
  }

  async confirmExpiry(apiKey: string, id: string): Promise<HttpResult> {
    return parsed(
      await fetch(`${this.ingestionUrl}/v1/imports/${id}/confirm-expiry`, {
        method: 'POST',
        headers: { 'x-api-key': apiKey },
      }),
    );
  }
}
