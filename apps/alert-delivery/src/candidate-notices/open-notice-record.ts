import {
  ContactRequestSealedFieldsSchema,
  RetentionWarningSealedFieldsSchema,
  ViewSummarySealedFieldsSchema,
} from '@vigie/contracts';
import { openSealedFields, SubjectCipher } from '@vigie/kernel';
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

/** The sealed fields, which must name the key's own candidate. */
function openFields<F extends { candidateId: string }>(
  cipher: SubjectCipher,
  sealed: unknown,
  schema: z.ZodType<F>,
): Promise<F> {
  return openSealedFields(
    cipher,
    sealed,
    (json) => schema.safeParse(json).data,
    (fields) => fields.candidateId,
    'the sealed fields of the CV e-mail are not those of its key’s candidate',
  );
}
