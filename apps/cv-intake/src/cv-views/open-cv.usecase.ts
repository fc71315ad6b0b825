import type { CvProfile } from '@vigie/contracts';
import type { RevealedContact } from '../contact/contact-request.port';
import { Clock, SubjectCipher } from '@vigie/kernel';
import { createHash, randomUUID } from 'node:crypto';
import { CvError } from '../cvs/cv-errors';
import type { AuthenticatedRecruiter } from '../recruiters/recruiter-accounts.port';
import { sealCvView } from './cv-view-seal';
import { CvViewPublisher, RecruiterCvReader } from './cv-view.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OpenedCv {
  cvId: string;
  viewId: string;
  profile: CvProfile;
  /** The details the candidate gave this recruiter on accepting their contact request; else null. */
  contact: RevealedContact | null;
}

/**
 * A recruiter opens a CV: the anonymised profile, and a view on cvs.cv.viewed.v1 acknowledged by
 * Kafka before the answer (a view that could not be announced is a 503, never a silent loss). An
 * `Idempotency-Key` makes the view id deterministic, so a client's retry is counted once. Who
 * viewed (recruiter, company) is sealed under the CV's key, so it dies with the CV on the topic too.
 */
export class OpenCvUseCase {
  constructor(
    private readonly reader: RecruiterCvReader,
    private readonly views: CvViewPublisher,
    private readonly cipher: SubjectCipher,
    private readonly clock: Clock,
  ) {}

  async execute(recruiter: AuthenticatedRecruiter, cvId: string, idempotencyKey?: string): Promise<OpenedCv> {
    const cv = UUID.test(cvId) ? await this.reader.openable(cvId, recruiter.recruiterId) : undefined;
    if (!cv) throw new CvError('CV_NOT_FOUND', 'CV not found');
    const viewId = idempotencyKey ? viewIdOf(recruiter.recruiterId, cvId, idempotencyKey) : randomUUID();
    const view = {
      viewId,
      cvId,
      recruiterId: recruiter.recruiterId,
      company: recruiter.company,
      viewedAt: this.clock.now().toISOString(),
    };
    await this.views.publish(await sealCvView(this.cipher, view));
    return { cvId, viewId, profile: cv.profile, contact: cv.contact };
  }
}

/** A UUID (version 8, RFC 9562) from the recruiter, the CV and the client's idempotency key. */
export function viewIdOf(recruiterId: string, cvId: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${recruiterId}\n${cvId}\n${idempotencyKey}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
