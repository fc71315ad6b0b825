import { TransientError } from '@vigie/messaging';
import { PermanentMailError } from './mailer.port';
import { classifySmtpError } from './smtp-mailer';

const smtpError = (fields: { responseCode?: number; code?: string; command?: string }) =>
  Object.assign(new Error('relay said no'), fields);

describe('classifySmtpError', () => {
  it.each([421, 450, 451, 452])('treats a %d reply as transient', (responseCode) => {
    expect(classifySmtpError(smtpError({ responseCode, code: 'EENVELOPE' }))).toBeInstanceOf(TransientError);
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'])(
    'treats %s (relay unreachable) as transient',
    (code) => {
      expect(classifySmtpError(smtpError({ code }))).toBeInstanceOf(TransientError);
    },
  );

  it('treats refused credentials as transient: the operator fixes them, the mail waits', () => {
    expect(classifySmtpError(smtpError({ code: 'EAUTH', responseCode: 535 }))).toBeInstanceOf(TransientError);
  });

  it('treats a 5xx on RCPT TO as a permanent refusal of the recipient', () => {
    const result = classifySmtpError(smtpError({ responseCode: 554, command: 'RCPT TO' }));

    expect(result).toBeInstanceOf(PermanentMailError);
    expect(result).toMatchObject({ responseCode: 554, recipientRefused: true });
  });

  it.each([550, 551, 553])('treats %d as a refusal of the recipient whatever the command', (responseCode) => {
    expect(classifySmtpError(smtpError({ responseCode, command: 'DATA' }))).toMatchObject({
      recipientRefused: true,
    });
  });

  it('treats a 554 on DATA as a permanent refusal of the message, not of the address', () => {
    expect(classifySmtpError(smtpError({ responseCode: 554, command: 'DATA' }))).toMatchObject({
      responseCode: 554,
      recipientRefused: false,
    });
  });

  it('returns any other error unchanged, so it is dead-lettered rather than retried forever', () => {
    const bug = new TypeError('mail.headers is not iterable');

    expect(classifySmtpError(bug)).toBe(bug);
  });
});
