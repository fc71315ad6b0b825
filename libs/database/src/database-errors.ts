/** SQLSTATE classes and codes worth retrying: the same statement may succeed a moment later. */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled (statement timeout)
]);

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'terminating connection',
  'the database system is starting up',
  'the database system is shutting down',
];

/** True when a Postgres error says "try again later" (connection lost, deadlock, failover…). */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const withCode = error as Error & { code?: string; driverError?: unknown };
  if (withCode.driverError instanceof Error && withCode.driverError !== error) {
    return isTransientDatabaseError(withCode.driverError);
  }
  const code = withCode.code;
  if (
    code !== undefined &&
    (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') || TRANSIENT_NODE_CODES.has(code))
  ) {
    return true;
  }
  return TRANSIENT_MESSAGES.some((m) => error.message.includes(m));
}
