import { Inject, Injectable } from '@nestjs/common';
import type {
  ContactRequestSealedFields,
  RetentionWarningSealedFields,
  ViewSummarySealedFields,
} from '@vigie/contracts';
import { SealedEnvelope, SubjectCipher } from '@vigie/kernel';

/** The candidates' cipher (the shared key table), apart from the CVs' own (`SubjectCipher`, cv_keys). */
export const CANDIDATE_CIPHER = Symbol('CANDIDATE_CIPHER');

/**
 * Seals the personal fields of cv-intake's CV e-mail events (retention warning, views summary,
 * contact request) under the candidate's key in the shared table: alert-delivery, which sends the
 * e-mails, opens them there, and the candidate's erasure (here or in alert-matcher) destroys the
 * key. Called before the producer's transaction: making a key takes the candidate's key lock,
 * which must never be awaited while holding rows an erasure deletes.
 */
@Injectable()
export class CandidateSealer {
  constructor(@Inject(CANDIDATE_CIPHER) private readonly cipher: SubjectCipher) {}

  seal(
    fields: RetentionWarningSealedFields | ViewSummarySealedFields | ContactRequestSealedFields,
  ): Promise<SealedEnvelope> {
    return this.cipher.encrypt(fields.candidateId, JSON.stringify(fields));
  }
}
