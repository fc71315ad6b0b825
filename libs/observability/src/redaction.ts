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
