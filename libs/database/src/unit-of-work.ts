import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** An open database transaction, passed from a use case to the repositories it calls. */
export interface Transaction {
  readonly manager: EntityManager;
}

/** Port: runs work in one transaction; everything in it commits or nothing does. */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/** Retries the whole transaction on serialization failures and deadlocks, which Postgres asks us to do. */
@Injectable()
export class TypeOrmUnitOfWork extends UnitOfWork {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => work({ manager }));
      } catch (e) {
        const code =
          (e as { code?: string; driverError?: { code?: string } }).driverError?.code ??
          (e as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw e;
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
      }
    }
  }
}
