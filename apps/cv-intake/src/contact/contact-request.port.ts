/** What the candidate chose to give a recruiter on accepting (nothing else is ever revealed). */
export interface RevealedContact {
  email: string;
  name: string | null;
  phone: string | null;
}

export type ContactStatus = 'pending' | 'accepted' | 'declined';

/** A request as the recruiter sees it: the contact details only once accepted. */
export interface RecruiterContactView {
  requestId: string;
  cvId: string;
  status: ContactStatus;
  createdAt: string;
  answeredAt: string | null;
  contact: RevealedContact | null;
}

/** A request as the candidate sees it. */
export interface CandidateContactView {
  requestId: string;
  cvId: string;
  company: string;
  message: string | null;
  status: ContactStatus;
  createdAt: string;
  answeredAt: string | null;
}

/** Port: contact requests. Reads are scoped: a recruiter's own requests, a candidate's own CVs. */
export abstract class ContactRequests {
  /** Whether the CV exists and is searchable (what a recruiter may ask about). */
  abstract isSearchable(cvId: string): Promise<boolean>;
  /** Creates the request, or returns the existing one of this recruiter for this CV (idempotent). */
  abstract open(
    request: { cvId: string; recruiterId: string; company: string; message: string | null },
    at: Date,
  ): Promise<{ view: RecruiterContactView; created: boolean }>;
  abstract ofRecruiter(recruiterId: string, cvId: string): Promise<RecruiterContactView | undefined>;
  abstract ofCandidate(candidateId: string): Promise<CandidateContactView[]>;
  /**
   * The candidate's answer: accepted with the details given, or declined (which also withdraws a
   * consent given before). Undefined when the request is not on one of the candidate's CVs.
   */
  abstract answer(
    candidateId: string,
    requestId: string,
    answer: { status: 'accepted'; contact: RevealedContact } | { status: 'declined' },
    at: Date,
  ): Promise<CandidateContactView | undefined>;
}
