import { Injectable } from '@nestjs/common';
import { cvContactRequestCreatedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CandidateSealer } from '../cv-emails/candidate-sealer';
import {
  CandidateContactView,
  ContactRequests,
  ContactStatus,
  RecruiterContactView,
  RevealedContact,
} from './contact-request.port';

interface Row {
  id: string;
  cv_id: string;
  company: string;
  message: string | null;
  status: ContactStatus;
  contact: RevealedContact | null;
  created_at: Date;
  answered_at: Date | null;
}

const COLUMNS = 'r.id, r.cv_id, r.company, r.message, r.status, r.contact, r.created_at, r.answered_at';

const forRecruiter = (r: Row): RecruiterContactView => ({
  requestId: r.id,
  cvId: r.cv_id,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  answeredAt: r.answered_at?.toISOString() ?? null,
  // The CHECK of the table already ties details to `accepted`; said again where they leave.
  contact: r.status === 'accepted' ? r.contact : null,
});

const forCandidate = (r: Row): CandidateContactView => ({
  requestId: r.id,
  cvId: r.cv_id,
  company: r.company,
  message: r.message,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  answeredAt: r.answered_at?.toISOString() ?? null,
});

@Injectable()
export class PgContactRequests extends ContactRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly sealer: CandidateSealer,
  ) {
    super();
  }

  async isSearchable(cvId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM cv_profiles WHERE cv_id = $1 AND searchable`,
      [cvId],
    );
    return rows.length > 0;
  }

  async open(
    request: { cvId: string; recruiterId: string; company: string; message: string | null },
    at: Date,
  ): Promise<{ view: RecruiterContactView; created: boolean }> {
    // Sealed before the transaction (the candidate's key may be made), for the record below.
    const cvs: Array<{ candidate_id: string }> = await this.dataSource.query(
      `SELECT candidate_id FROM cvs WHERE id = $1`,
      [request.cvId],
    );
    const sealed =
      cvs[0] &&
      (await this.sealer.seal({
        candidateId: cvs[0].candidate_id,
        cvId: request.cvId,
        company: request.company,
        message: request.message,
      }));
    // Created and announced in one transaction (the candidate's e-mail); a repeated request
    // inserts nothing and announces nothing.
    const inserted = await this.dataSource.transaction(async (tx) => {
      const rows: Array<Row & { candidate_id: string }> = await tx.query(
        `WITH ins AS (
           INSERT INTO contact_requests AS r (cv_id, recruiter_id, company, message, status, created_at)
           VALUES ($1, $2, $3, $4, 'pending', $5)
           ON CONFLICT (cv_id, recruiter_id) DO NOTHING RETURNING ${COLUMNS})
         SELECT ins.*, c.candidate_id FROM ins JOIN cvs c ON c.id = ins.cv_id`,
        [request.cvId, request.recruiterId, request.company, request.message, at],
      );
      const row = rows[0];
      // The CV is the one sealed for: a CV is never moved to another candidate.
      if (row && sealed)
        await this.outbox.append(tx, [
          buildEvent(
            cvContactRequestCreatedV1,
            { requestId: row.id, createdAt: row.created_at.toISOString(), sealed },
            { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
          ),
        ]);
      return row;
    });
    if (inserted) return { view: forRecruiter(inserted), created: true };
    const existing = await this.ofRecruiter(request.recruiterId, request.cvId);
    if (!existing) throw new Error('a contact request in conflict is not found');
    return { view: existing, created: false };
  }

  async ofRecruiter(recruiterId: string, cvId: string): Promise<RecruiterContactView | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM contact_requests r WHERE r.recruiter_id = $1 AND r.cv_id = $2`,
      [recruiterId, cvId],
    );
    return rows[0] ? forRecruiter(rows[0]) : undefined;
  }

  async ofCandidate(candidateId: string): Promise<CandidateContactView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM contact_requests r JOIN cvs c ON c.id = r.cv_id
       WHERE c.candidate_id = $1 ORDER BY r.created_at DESC LIMIT 200`,
      [candidateId],
    );
    return rows.map(forCandidate);
  }

  async answer(
    candidateId: string,
    requestId: string,
    answer: { status: 'accepted'; contact: RevealedContact } | { status: 'declined' },
    at: Date,
  ): Promise<CandidateContactView | undefined> {
    const contact = answer.status === 'accepted' ? JSON.stringify(answer.contact) : null;
    // An UPDATE … RETURNING answers [rows, count].
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE contact_requests r SET status = $3, contact = $4::jsonb, answered_at = $5
       FROM cvs c
       WHERE r.id = $2 AND c.id = r.cv_id AND c.candidate_id = $1
       RETURNING ${COLUMNS}`,
      [candidateId, requestId, answer.status, contact, at],
    );
    return rows[0] ? forCandidate(rows[0]) : undefined;
  }
}
