/**
 * One recipient's part of a delivery status notification (RFC 3464, `message/delivery-status`):
 * who it was about and whether the failure is permanent.
 */
export interface RecipientStatus {
  /** The address the report is about (Final-Recipient, else Original-Recipient), as written. */
  recipient: string;
  action: string;
  /** Enhanced status code (RFC 3463), e.g. `5.1.1`. */
  status: string;
  diagnostic: string | null;
}

const FIELD = /^([A-Za-z-]+)\s*:\s*(.*)$/;

/** `rfc822; someone@example.org` → `someone@example.org` (the address type is dropped). */
function addressOf(value: string): string {
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<|>$/g, '');
}

/**
 * The per-recipient blocks of a `message/delivery-status` body: groups of header-style fields
 * separated by blank lines, the first group being about the message (Reporting-MTA…). Folded
 * lines are unfolded. Blocks without a recipient or a status are left out.
 */
export function parseDeliveryStatus(body: string): RecipientStatus[] {
  const unfolded = body.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  const blocks = unfolded.split(/\n\s*\n/);
  const statuses: RecipientStatus[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = FIELD.exec(line.trim());
      if (m) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    }
    const recipient = fields.get('final-recipient') ?? fields.get('original-recipient');
    const status = fields.get('status');
    if (!recipient || !status) continue;
    statuses.push({
      recipient: addressOf(recipient),
      action: (fields.get('action') ?? '').toLowerCase(),
      status: status.split(/\s/)[0]!,
      diagnostic: fields.get('diagnostic-code') ?? null,
    });
  }
  return statuses;
}

/** A permanent failure (RFC 3464 `Action: failed` with a 5.x.x status): the address is dead. */
export function isPermanentFailure(s: RecipientStatus): boolean {
  return s.action === 'failed' && /^5\.\d{1,3}\.\d{1,3}$/.test(s.status);
}
