import { z } from 'zod';
import { CvError } from '../cvs/cv-errors';
import { AlertCreator, AlertCreatorCandidate, CreatedAlert } from './suggested-alert.port';
import type { CreateAlertBody } from './suggest-alert';

/** A click must not hang on alert-matcher: past this, the candidate is told to try again. */
const TIMEOUT_MS = 5_000;

const CreatedAlertSchema = z.looseObject({ id: z.uuid(), status: z.string() });
const ErrorBodySchema = z.object({
  error: z.object({ fields: z.array(z.object({ field: z.string(), reason: z.string() })).optional() }),
});

/**
 * alert-matcher's `POST /v1/alerts` with the candidate's own token (the alert is theirs, verified
 * by alert-matcher) and an `Idempotency-Key`. Not retried here: the candidate's click is the retry,
 * and the key makes it safe.
 */
export class HttpAlertCreator extends AlertCreator {
  constructor(private readonly baseUrl: string) {
    super();
  }

  async create(
    candidate: AlertCreatorCandidate,
    body: CreateAlertBody,
    idempotencyKey: string,
  ): Promise<CreatedAlert> {
    let res: Response;
    try {
      res = await fetch(new URL('/v1/alerts', this.baseUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${candidate.token}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new CvError('CV_ALERTS_UNAVAILABLE', `alert-matcher cannot be reached: ${(e as Error).message}`);
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (res.status >= 500 || res.status === 429) {
      throw new CvError('CV_ALERTS_UNAVAILABLE', `alert-matcher answered ${res.status}`);
    }
    if (!res.ok) {
      // alert-matcher's reasons (an alert limit, criteria it refuses) are the candidate's to read.
      const fields = ErrorBodySchema.safeParse(json).data?.error.fields ?? [];
      throw new CvError('CV_SUGGESTION_REFUSED', `alert-matcher refused the alert (${res.status})`, fields);
    }
    const created = CreatedAlertSchema.safeParse(json);
    if (!created.success)
      throw new CvError('CV_ALERTS_UNAVAILABLE', 'alert-matcher answered an unknown body');
    return created.data;
  }
}
