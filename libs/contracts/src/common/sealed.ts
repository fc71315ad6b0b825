import { z } from 'zod';

const base64 = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .refine((s) => bytes === undefined || Buffer.from(s, 'base64').length === bytes, {
      message: `must be ${bytes} bytes`,
    });

/**
 * Personal data sealed under its subject's key (AES-256-GCM, the subject id as authenticated
 * data): the key id, a random 96-bit IV, the 128-bit tag and the ciphertext. Destroying the
 * subject's key on erasure makes every copy unreadable (crypto-shredding, docs/cv.md).
 */
export const SealedEnvelopeSchema = z.strictObject({
  v: z.literal(1),
  kid: z.uuid(),
  iv: base64(12),
  tag: base64(16),
  ct: base64().refine((s) => s.length <= 8_192, { message: 'at most 8 KiB of base64' }),
});
