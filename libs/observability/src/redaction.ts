/**
 * Log paths that may hold personal data or secrets. pino replaces them with "[redacted]".
 * Candidates' e-mails, CV text and credentials must never reach the logs.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-admin-token"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'email',
  '*.email',
  '*.*.email',
  'recipient',
  '*.recipient',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'cvText',
  '*.cvText',
];

/** Masks an e-mail address for the rare log line that must refer to one: c***@example.org. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
