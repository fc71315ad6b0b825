import { Transaction } from '@vigie/database';
import { Alert } from './alert';

export type NewAlert = Omit<Alert, 'id' | 'status' | 'createdAt'>;

export interface CandidateQuery {
  tokens: string[];
  contractType: string;
  notAfter: Date;
}

/** Port: candidates' alerts. Every read is scoped by candidate, so nobody reaches another's alert. */
export abstract class AlertRepository {
  abstract create(alert: NewAlert): Promise<Alert>;
  abstract countActive(candidateId: string): Promise<number>;
  abstract listForCandidate(candidateId: string): Promise<Alert[]>;
  abstract findForCandidate(candidateId: string, alertId: string): Promise<Alert | null>;
  abstract markDeleted(candidateId: string, alertId: string): Promise<boolean>;
  abstract unsubscribe(alertId: string): Promise<boolean>;
  /**
   * For each query, the active alerts created before `notAfter` whose keywords are all among the
   * tokens, with a fitting contract type. One round trip for a whole batch of offers.
   */
  abstract findCandidates(tx: Transaction, queries: readonly CandidateQuery[]): Promise<Alert[][]>;
}
