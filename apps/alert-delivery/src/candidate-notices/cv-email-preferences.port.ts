/** Port: candidates who turned the CV e-mails off (the retention warning, a legal notice, still goes). */
export abstract class CvEmailPreferences {
  /** Idempotent. */
  abstract optOut(candidateId: string, at: Date): Promise<void>;
  abstract optedOutAmong(candidateIds: readonly string[]): Promise<Set<string>>;
}
