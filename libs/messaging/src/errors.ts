/** The operation may succeed if retried later (broker or database down, 429, 5xx, deadlock…). Never dead-lettered. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** The message can never be processed as it is (schema violation, impossible state). Dead-lettered at once. */
export class PermanentError extends Error {
  constructor(
    message: string,
    readonly reasonCode: string = 'PERMANENT_ERROR',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

export type ErrorKind = 'transient' | 'permanent' | 'unknown';

/** Services add rules for their adapters' errors (e.g. "a Postgres connection error is transient"). */
export type ErrorClassifier = (error: unknown) => ErrorKind | undefined;

export function classifyError(error: unknown, rules: readonly ErrorClassifier[] = []): ErrorKind {
  if (error instanceof TransientError) return 'transient';
  if (error instanceof PermanentError) return 'permanent';
  for (const rule of rules) {
    const kind = rule(error);
    if (kind) return kind;
  }
  return 'unknown';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
