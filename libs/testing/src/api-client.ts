import { signCandidateToken } from '@vigie/platform';
import { TEST_SECRETS } from './test-secrets';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

async function call<T>(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<HttpResult<T>> {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T };
}

/** The HTTP calls a recruiter or candidate makes, for end-to-end tests and benchmarks. */
export class VigieApi {
  constructor(private readonly urls: { ingestion: string; alerts: string }) {}

  createRecruiter(name: string): Promise<HttpResult<{ id: string; apiKey: string }>> {
    return call(
      'POST',
      `${this.urls.ingestion}/v1/admin/recruiters`,
      { 'x-admin-token': TEST_SECRETS.ADMIN_TOKEN },
      { name },
    );
  }

  publishOffers(
    apiKey: string | undefined,
    offers: unknown[],
    headers: Record<string, string> = {},
  ): Promise<HttpResult<PublishBody>> {
    return call(
      'POST',
      `${this.urls.ingestion}/v1/offers/batch`,
      { ...(apiKey ? { 'x-api-key': apiKey } : {}), ...headers },
      { offers },
    );
  }

  getOffer(apiKey: string, id: string): Promise<HttpResult> {
    return call('GET', `${this.urls.ingestion}/v1/offers/${id}`, { 'x-api-key': apiKey });
  }

  /** PUT /v1/offers/{externalRef}: one offer created or updated by the recruiter's reference. */
  putOffer(apiKey: string, externalRef: string, offer: unknown): Promise<HttpResult> {
    return call(
      'PUT',
      `${this.urls.ingestion}/v1/offers/${encodeURIComponent(externalRef)}`,
      { 'x-api-key': apiKey },
      offer,
    );
  }

  expireOffer(apiKey: string, id: string): Promise<HttpResult> {
    return call('POST', `${this.urls.ingestion}/v1/offers/${id}/expire`, { 'x-api-key': apiKey });
  }

  deleteOffer(apiKey: string, id: string): Promise<HttpResult> {
    return call('DELETE', `${this.urls.ingestion}/v1/offers/${id}`, { 'x-api-key': apiKey });
  }

  rotateApiKey(
    apiKey: string,
  ): Promise<HttpResult<{ apiKey: string; prefix: string; previousKeyValidUntil: string }>> {
    return call('POST', `${this.urls.ingestion}/v1/api-keys/rotate`, { 'x-api-key': apiKey });
  }

  disableRecruiter(id: string): Promise<HttpResult> {
    return call('POST', `${this.urls.ingestion}/v1/admin/recruiters/${id}/disable`, {
      'x-admin-token': TEST_SECRETS.ADMIN_TOKEN,
    });
  }

  registerFeed(apiKey: string, feed: unknown): Promise<HttpResult<FeedBody>> {
    return call('POST', `${this.urls.ingestion}/v1/feeds`, { 'x-api-key': apiKey }, feed);
  }

  listFeeds(apiKey: string): Promise<HttpResult<FeedBody[]>> {
    return call('GET', `${this.urls.ingestion}/v1/feeds`, { 'x-api-key': apiKey });
  }

  getFeed(apiKey: string, id: string): Promise<HttpResult<FeedBody & { fetches: FeedFetchBody[] }>> {
    return call('GET', `${this.urls.ingestion}/v1/feeds/${id}`, { 'x-api-key': apiKey });
  }

  fetchFeedNow(apiKey: string, id: string): Promise<HttpResult> {
    return call('POST', `${this.urls.ingestion}/v1/feeds/${id}/fetch`, { 'x-api-key': apiKey });
  }

  deleteFeed(apiKey: string, id: string): Promise<HttpResult> {
    return call('DELETE', `${this.urls.ingestion}/v1/feeds/${id}`, { 'x-api-key': apiKey });
  }

  candidateToken(candidateId: string, email: string): string {
    return signCandidateToken({ candidateId, email }, TEST_SECRETS.CANDIDATE_TOKEN_SECRET);
  }

  createAlert(token: string, alert: unknown): Promise<HttpResult<{ id: string }>> {
    return call('POST', `${this.urls.alerts}/v1/alerts`, { authorization: `Bearer ${token}` }, alert);
  }

  /** An alert without an account: only an e-mail address (pending until confirmed). */
  createAddressAlert(alert: unknown): Promise<HttpResult<{ id: string; status: string }>> {
    return call('POST', `${this.urls.alerts}/v1/alerts`, {}, alert);
  }

  /** alert-matcher's internal API, as alert-delivery's candidate pages call it. */
  internal<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return call(
      method,
      `${this.urls.alerts}${path}`,
      { authorization: `Bearer ${TEST_SECRETS.INTERNAL_API_TOKEN}` },
      body,
    );
  }

  getAlert(token: string | undefined, id: string): Promise<HttpResult> {
    return call(
      'GET',
      `${this.urls.alerts}/v1/alerts/${id}`,
      token ? { authorization: `Bearer ${token}` } : {},
    );
  }

  listAlerts(token: string): Promise<HttpResult<Array<{ id: string }>>> {
    return call('GET', `${this.urls.alerts}/v1/alerts`, { authorization: `Bearer ${token}` });
  }

  deleteAlert(token: string, id: string): Promise<HttpResult> {
    return call('DELETE', `${this.urls.alerts}/v1/alerts/${id}`, { authorization: `Bearer ${token}` });
  }

  /** Follows an unsubscribe link as a mailbox provider (POST, RFC 8058) or a person/scanner (GET) would. */
  followUnsubscribe(url: string, method: 'GET' | 'POST'): Promise<HttpResult<unknown>> {
    return call(
      method,
      url,
      method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
    );
  }
}

export interface ScreeningFindingBody {
  ruleId: string;
  severity: 'block' | 'flag';
  span: { field: string; start: number; end: number; text: string } | null;
  legalBasis: string[];
  suggestion: string;
  reason: string;
}

export interface PublishBody {
  accepted: Array<{
    index: number;
    externalRef: string;
    offerId: string;
    version: number;
    outcome: string;
    clusterId: string | null;
    moderation: { status: 'clean' | 'flagged'; ruleIds: string[] };
    findings: ScreeningFindingBody[];
  }>;
  rejected: Array<{
    index: number;
    externalRef: string | null;
    code: 'INVALID' | 'BLOCKED_BY_SCREENING';
    errors: Array<{ field: string; reason: string }>;
    findings?: ScreeningFindingBody[];
  }>;
}

export interface FeedBody {
  id: string;
  url: string;
  format: string;
  mode: string;
  schedule: { everyMinutes: number };
  nextFetchAt: string;
}

export interface FeedFetchBody {
  status: 'imported' | 'not-modified' | 'failed';
  importId: string | null;
  error: { code: string; message: string } | null;
}
