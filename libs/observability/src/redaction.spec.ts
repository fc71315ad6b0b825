import { REDACTED_LOG_PATHS } from './redaction';

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
