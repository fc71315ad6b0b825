import { Clock } from '@vigie/kernel';
import { fieldErrors } from '@vigie/platform';
import { z } from 'zod';
import { ContactError } from './contact-errors';
import {
  CandidateContactView,
  ContactRequests,
  RecruiterContactView,
  RevealedContact,
} from './contact-request.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const OpenContactSchema = z.strictObject({
  /** Shown to the candidate with the company name. */
  message: z.string().trim().min(1).max(1_000).optional(),
});

export const AcceptContactSchema = z.strictObject({
  /** Defaults to the address of the candidate's token. */
  email: z.email().max(254).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .()-]{6,25}$/, 'a phone number')
    .optional(),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success)
    throw new ContactError('CONTACT_INPUT_INVALID', 'invalid request body', fieldErrors(parsed.error));
  return parsed.data;
}

/**
 * Consented reveal: a recruiter asks to contact the candidate of a searchable CV; the candidate
 * accepts (choosing what to give: their token's address by default, a name, a phone) or declines.
 * Only an accepted request carries contact details, to that recruiter only; a later decline
 * withdraws them. Anyone else's request or CV is not found.
 */
export class ContactRequestsUseCase {
  constructor(
    private readonly requests: ContactRequests,
    private readonly clock: Clock,
  ) {}

  async open(
    recruiter: { recruiterId: string; company: string },
    cvId: string,
    body: unknown,
  ): Promise<{ view: RecruiterContactView; created: boolean }> {
    const input = parse(OpenContactSchema, body);
    if (!UUID.test(cvId) || !(await this.requests.isSearchable(cvId)))
      throw new ContactError('CONTACT_CV_NOT_FOUND', 'CV not found');
    return this.requests.open(
      {
        cvId,
        recruiterId: recruiter.recruiterId,
        company: recruiter.company,
        message: input.message ?? null,
      },
      this.clock.now(),
    );
  }

  async ofRecruiter(recruiterId: string, cvId: string): Promise<RecruiterContactView> {
    const view = UUID.test(cvId) ? await this.requests.ofRecruiter(recruiterId, cvId) : undefined;
    if (!view) throw new ContactError('CONTACT_REQUEST_NOT_FOUND', 'no contact request for this CV');
    return view;
  }

  ofCandidate(candidateId: string): Promise<CandidateContactView[]> {
    return this.requests.ofCandidate(candidateId);
  }

  async accept(
    candidate: { candidateId: string; email: string },
    requestId: string,
    body: unknown,
  ): Promise<CandidateContactView> {
    const input = parse(AcceptContactSchema, body);
    const contact: RevealedContact = {
      email: input.email ?? candidate.email,
      name: input.name ?? null,
      phone: input.phone ?? null,
    };
    return this.answer(candidate.candidateId, requestId, { status: 'accepted', contact });
  }

  decline(candidateId: string, requestId: string): Promise<CandidateContactView> {
    return this.answer(candidateId, requestId, { status: 'declined' });
  }

  private async answer(
    candidateId: string,
    requestId: string,
    answer: Parameters<ContactRequests['answer']>[2],
  ): Promise<CandidateContactView> {
    const view = UUID.test(requestId)
      ? await this.requests.answer(candidateId, requestId, answer, this.clock.now())
      : undefined;
    if (!view) throw new ContactError('CONTACT_REQUEST_NOT_FOUND', 'contact request not found');
    return view;
  }
}
