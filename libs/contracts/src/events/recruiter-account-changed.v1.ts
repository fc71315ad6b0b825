import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * A recruiter account as other services need it to authenticate the recruiter's API keys
 * (cv-intake's recruiter CV search): the keys travel as their prefix and SHA-256 only — a 256-bit
 * random secret cannot be recovered from its hash — never as the key itself.
 */
export const RecruiterAccountChangedV1Schema = z.object({
  recruiterId: z.uuid(),
  /** The company name recruiters act for (shown to candidates whose CV they opened). */
  name: z.string().min(1).max(300),
  status: z.enum(['active', 'disabled']),
  keys: z
    .array(
      z.object({
        prefix: z.string().regex(/^[0-9a-f]{12}$/),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** Null for the current key; the end of the grace period for a rotated-out key. */
        validUntil: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .max(20),
  changedAt: z.iso.datetime({ offset: true }),
});

export type RecruiterAccountChangedV1 = z.infer<typeof RecruiterAccountChangedV1Schema>;

/** Compacted, keyed by recruiter id: the latest state of every account is always readable. */
export const recruiterAccountChangedV1 = defineEvent({
  topic: TOPICS.recruiterAccountChanged,
  type: 'recruiters.account.changed',
  schemaVersion: 1,
  value: RecruiterAccountChangedV1Schema,
  keyOf: (v) => v.recruiterId,
  compacted: true,
});
