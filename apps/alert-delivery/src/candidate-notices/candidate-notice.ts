import type {
  CvContactRequestCreatedV1,
  CvContactRequestCreatedV1Record,
  CvRetentionWarningCreatedV1,
  CvRetentionWarningCreatedV1Record,
  CvViewSummaryCreatedV1,
  CvViewSummaryCreatedV1Record,
} from '@vigie/contracts';

/** What each CV e-mail shows: copied from its event, never the address (resolved at send time). */
export type NoticeContent =
  | {
      kind: 'view-summary';
      weekStart: string;
      recruiterCount: number;
      viewCount: number;
      companies: string[];
    }
  | { kind: 'retention-warning'; erasesAt: string; cvCount: number }
  | { kind: 'contact-request'; requestId: string; company: string; message: string | null };

export type NoticeKind = NoticeContent['kind'];

/** One e-mail to send a candidate; `key` is its e-mail ledger key (one e-mail per event). */
export interface CandidateNotice {
  key: string;
  candidateId: string;
  content: NoticeContent;
  receivedAt: Date;
}

/** A notice as it is recorded, with when cv-intake produced its event. */
export interface NewNotice extends CandidateNotice {
  /** An event older than its candidate's erasure is refused. */
  occurredAt: Date;
}

/** The event each e-mail comes from, decoded and validated by the consumer. */
export type NoticeEvent =
  | { kind: 'view-summary'; event: CvViewSummaryCreatedV1 }
  | { kind: 'retention-warning'; event: CvRetentionWarningCreatedV1 }
  | { kind: 'contact-request'; event: CvContactRequestCreatedV1 };

/** A record as consumed: sealed (the candidate's fields under their key) or clear (older ones). */
export type NoticeRecord =
  | { kind: 'view-summary'; record: CvViewSummaryCreatedV1Record }
  | { kind: 'retention-warning'; record: CvRetentionWarningCreatedV1Record }
  | { kind: 'contact-request'; record: CvContactRequestCreatedV1Record };

/** The ledger key: `cv:<kind>:<event id>`, deterministic, so a replay claims the same key. */
export function noticeOf(source: NoticeEvent, receivedAt: Date): NewNotice {
  switch (source.kind) {
    case 'view-summary': {
      const e = source.event;
      return {
        key: `cv:view-summary:${e.summaryId}`,
        candidateId: e.candidateId,
        content: {
          kind: 'view-summary',
          weekStart: e.weekStart,
          recruiterCount: e.recruiterCount,
          viewCount: e.viewCount,
          companies: e.companies,
        },
        occurredAt: new Date(e.createdAt),
        receivedAt,
      };
    }
    case 'retention-warning': {
      const e = source.event;
      return {
        key: `cv:retention-warning:${e.warningId}`,
        candidateId: e.candidateId,
        content: { kind: 'retention-warning', erasesAt: e.erasesAt, cvCount: e.cvCount },
        occurredAt: new Date(e.createdAt),
        receivedAt,
      };
    }
    case 'contact-request': {
      const e = source.event;
      return {
        key: `cv:contact-request:${e.requestId}`,
        candidateId: e.candidateId,
        content: { kind: 'contact-request', requestId: e.requestId, company: e.company, message: e.message },
        occurredAt: new Date(e.createdAt),
        receivedAt,
      };
    }
  }
}
