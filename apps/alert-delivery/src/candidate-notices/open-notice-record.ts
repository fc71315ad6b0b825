import {
  ContactRequestSealedFieldsSchema,
  RetentionWarningSealedFieldsSchema,
  ViewSummarySealedFieldsSchema,
} from '@vigie/contracts';
import { SubjectCipher, SubjectCipherError } from '@vigie/kernel';
import type { z } from 'zod';
import type { NoticeEvent, NoticeRecord } from './candidate-notice';

/**
 * The event a CV e-mail comes from, its sealed fields opened by the envelope's key id (the
 * candidate is itself sealed); a clear record (written before the switch) as it is. Throws
 * `subject-erased` once the candidate's key is destroyed, `envelope-invalid` for a bad envelope.
 */
export async function openNoticeRecord(cipher: SubjectCipher, source: NoticeRecord): Promise<NoticeEvent> {
  switch (source.kind) {
    case 'view-summary': {
      if (!('sealed' in source.record)) return { kind: source.kind, event: source.record };
      const { sealed, ...clear } = source.record;
      const fields = await openFields(cipher, sealed, ViewSummarySealedFieldsSchema);
      return { kind: source.kind, event: { ...clear, ...fields } };
    }
    case 'retention-warning': {
      if (!('sealed' in source.record)) return { kind: source.kind, event: source.record };
      const { sealed, ...clear } = source.record;
      const fields = await openFields(cipher, sealed, RetentionWarningSealedFieldsSchema);
      return { kind: source.kind, event: { ...clear, ...fields } };
    }
    case 'contact-request': {
      if (!('sealed' in source.record)) return { kind: source.kind, event: source.record };
      const { sealed, ...clear } = source.record;
      const fields = await openFields(cipher, sealed, ContactRequestSealedFieldsSchema);
      return { kind: source.kind, event: { ...clear, ...fields } };
    }
  }
}

async function openFields<F extends { candidateId: string }>(
  cipher: SubjectCipher,
  sealed: unknown,
  schema: z.ZodType<F>,
): Promise<F> {
  const { subjectId, plaintext } = await cipher.open(sealed);
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  // The key's subject must be the sealed candidate: a key cannot vouch for another person.
  if (!parsed.success || parsed.data.candidateId !== subjectId) {
    throw new SubjectCipherError(
      'envelope-invalid',
      'the sealed fields of the CV e-mail are not those of its key’s candidate',
    );
  }
  return parsed.data;
}
