/**
 * A business rule was broken. Each module declares its codes as a string union and maps every
 * code once per transport (HTTP status, queue outcome), so an unmapped code fails the build:
 *
 *   type ImportErrorCode = 'FEED_TOO_LARGE' | 'UNKNOWN_FORMAT';
 *   throw new DomainError<ImportErrorCode>('FEED_TOO_LARGE', 'the feed exceeds 2 GiB once decompressed');
 */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: ReadonlyArray<{ field: string; reason: string }>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError<C extends string>(
  error: unknown,
  codes?: readonly C[],
): error is DomainError<C> {
  return error instanceof DomainError && (codes === undefined || codes.includes(error.code as C));
}
