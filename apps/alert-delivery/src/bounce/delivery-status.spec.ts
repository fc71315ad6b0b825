import { isPermanentFailure, parseDeliveryStatus } from './delivery-status';

const REPORT = [
  'Reporting-MTA: dns; relay.example.net',
  'Arrival-Date: Tue, 1 Dec 2026 17:00:00 +0000',
  '',
  'Final-Recipient: rfc822; gone@example.org',
  'Original-Recipient: rfc822;gone@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected:',
  ' User unknown in virtual mailbox table',
  '',
  'Original-Recipient: rfc822; <slow@example.org>',
  'Action: delayed',
  'Status: 4.4.1 (connection timed out)',
].join('\r\n');

describe('parseDeliveryStatus', () => {
  it('reads each recipient block of a report, unfolding folded fields', () => {
    expect(parseDeliveryStatus(REPORT)).toEqual([
      {
        recipient: 'gone@example.org',
        action: 'failed',
        status: '5.1.1',
        diagnostic:
          'smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
      },
      { recipient: 'slow@example.org', action: 'delayed', status: '4.4.1', diagnostic: null },
    ]);
  });

  it('finds nothing in a text that is not a report', () => {
    expect(parseDeliveryStatus('Bonjour,\n\nStatus: tout va bien\n')).toEqual([]);
  });
});

describe('isPermanentFailure', () => {
  it('is a failed action with a 5.x.x status only', () => {
    const [gone, slow] = parseDeliveryStatus(REPORT);
    expect(isPermanentFailure(gone!)).toBe(true);
    expect(isPermanentFailure(slow!)).toBe(false);
    expect(isPermanentFailure({ ...gone!, action: 'delivered' })).toBe(false);
    expect(isPermanentFailure({ ...gone!, status: '4.2.2' })).toBe(false);
  });
});
