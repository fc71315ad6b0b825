import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CvSummary {
  id: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  anonymised: boolean;
  createdAt: string;
}

/** Port: candidates' CV records, always scoped by candidate. */
export abstract class CvRepository {
  abstract listForCandidate(candidateId: string): Promise<CvSummary[]>;
}

@Injectable()
export class PgCvRepository extends CvRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async listForCandidate(candidateId: string): Promise<CvSummary[]> {
    const rows: Array<{
      id: string;
      original_name: string;
      media_type: string;
      size_bytes: number;
      anonymised: boolean;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT id, original_name, media_type, size_bytes, anonymised, created_at FROM cvs WHERE candidate_id = $1 ORDER BY created_at DESC`,
      [candidateId],
    );
    return rows.map((r) => ({
      id: r.id,
      originalName: r.original_name,
      mediaType: r.media_type,
      sizeBytes: r.size_bytes,
      anonymised: r.anonymised,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
