import { Injectable } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { activeCorrelationId } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { AccessAudit, DeniedAccess } from './access-audit.port';

@Injectable()
export class PgAccessAudit extends AccessAudit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async recordDenied(entry: DeniedAccess): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_audit (at, recruiter_id, action, resource_type, resource_id, outcome, correlation_id)
       VALUES ($1, $2, $3, $4, $5, 'not_found', $6)`,
      [
        this.clock.now(),
        entry.recruiterId,
        entry.action,
        entry.resourceType,
        entry.resourceId.slice(0, 200),
        activeCorrelationId() ?? null,
      ],
    );
  }
}
