import { Injectable } from '@nestjs/common';
import type { CvProfile } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import type { RevealedContact } from '../contact/contact-request.port';
import { OpenableCv, RecruiterCvReader } from './cv-view.port';

@Injectable()
export class PgRecruiterCvReader extends RecruiterCvReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async openable(cvId: string, recruiterId: string): Promise<OpenableCv | undefined> {
    // One round trip: the accepted request of this recruiter, if any, by its unique key.
    const rows: Array<{ profile: CvProfile; contact: RevealedContact | null }> = await this.dataSource.query(
      `SELECT p.profile, r.contact FROM cv_profiles p
       LEFT JOIN contact_requests r ON r.cv_id = p.cv_id AND r.recruiter_id = $2 AND r.status = 'accepted'
       WHERE p.cv_id = $1 AND p.searchable`,
      [cvId, recruiterId],
    );
    const row = rows[0];
    return row ? { profile: row.profile, contact: row.contact ?? null } : undefined;
  }
}
