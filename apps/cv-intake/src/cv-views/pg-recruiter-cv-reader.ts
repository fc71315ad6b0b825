import { Injectable } from '@nestjs/common';
import type { CvProfile } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { RecruiterCvReader } from './cv-view.port';

@Injectable()
export class PgRecruiterCvReader extends RecruiterCvReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async searchableProfile(cvId: string): Promise<CvProfile | undefined> {
    const rows: Array<{ profile: CvProfile }> = await this.dataSource.query(
      `SELECT profile FROM cv_profiles WHERE cv_id = $1 AND searchable`,
      [cvId],
    );
    return rows[0]?.profile;
  }
}
