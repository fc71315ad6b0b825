import { Injectable } from '@nestjs/common';
import type { CvProfile } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import type { RevealedContact } from '../contact/contact-request.port';
import { CvRecord, CvRecordSource, OpenableCv, RecruiterCvReader } from './cv-view.port';

@Injectable()
export class PgRecruiterCvReader extends RecruiterCvReader implements CvRecordSource {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async openable(cvId: string, recruiterId: string): Promise<OpenableCv | undefined> {
    const record = await this.record(cvId);
    return record && { profile: record.profile, contact: record.contacts.get(recruiterId) ?? null };
  }

  async record(cvId: string): Promise<CvRecord | undefined> {
    // One round trip: the profile and the details given on every accepted request (a handful).
    const rows: Array<{ profile: CvProfile; contacts: Record<string, RevealedContact> }> =
      await this.dataSource.query(
        `SELECT p.profile,
                coalesce(jsonb_object_agg(r.recruiter_id, r.contact) FILTER (WHERE r.status = 'accepted'),
                         '{}'::jsonb) AS contacts
         FROM cv_profiles p LEFT JOIN contact_requests r ON r.cv_id = p.cv_id
         WHERE p.cv_id = $1 AND p.searchable GROUP BY p.cv_id`,
        [cvId],
      );
    const row = rows[0];
    return row ? { profile: row.profile, contacts: new Map(Object.entries(row.contacts)) } : undefined;
  }
}
