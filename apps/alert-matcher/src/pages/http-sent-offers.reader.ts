import { SentOffersResponseSchema } from '@vigie/contracts';
import { SentOffer, SentOffersReader } from './sent-offers.port';

/** A page must not hang on delivery: past this, the list is shown as unavailable. */
const TIMEOUT_MS = 2_000;

/** Reads alert-delivery's internal API (`GET /internal/v1/alerts/:id/sent-offers`). */
export class HttpSentOffersReader extends SentOffersReader {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {
    super();
  }

  async lastSent(alertId: string, limit: number): Promise<SentOffer[]> {
    const url = new URL(`/internal/v1/alerts/${encodeURIComponent(alertId)}/sent-offers`, this.baseUrl);
    url.searchParams.set('limit', String(limit));
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`alert-delivery answered ${res.status} for the sent offers`);
    const body = SentOffersResponseSchema.parse(await res.json());
    return body.offers.map((o) => ({ ...o, sentAt: new Date(o.sentAt) }));
  }
}
