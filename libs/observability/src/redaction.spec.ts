import { maskEmail, REDACTED_LOG_PATHS } from './redaction';

describe('maskEmail', () => {
  it('keeps the first letter and the domain only', () => {
    expect(maskEmail('camille.martin@example.org')).toBe('c***@example.org');
  });

  it('hides the whole local part, whatever its length', () => {
    const masked = maskEmail('jean-baptiste.de-la-fontaine@example.fr');

    expect(masked).toBe('j***@example.fr');
    expect(masked).not.toContain('baptiste');
  });

  it('masks a one-letter local part the same way', () => {
    expect(maskEmail('a@example.org')).toBe('a***@example.org');
  });

  it.each(['not-an-email', '@example.org', ''])('masks %p entirely when it is not an address', (value) => {
    expect(maskEmail(value)).toBe('***');
  });
});

describe('REDACTED_LOG_PATHS', () => {
  it('covers credentials and the personal data a log line may carry', () => {
    expect(REDACTED_LOG_PATHS).toEqual(
      expect.arrayContaining([
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'email',
        '*.email',
        'recipient',
        'cvText',
      ]),
    );
  });
});
