import { isIP } from 'node:net';

/**
 * The client's address for rate limiting. X-Forwarded-For is written by anyone, so it counts only
 * when the service sits behind `trustedHops` proxies that each append the address they saw: the
 * client is then the `trustedHops`-th entry from the right (entries further left are the client's
 * own claims). With 0 hops, or a header shorter than that, the socket's peer is the client.
 */
export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedHops: number,
): string {
  const peer = normalise(socketAddress ?? 'unknown');
  if (trustedHops === 0 || forwardedFor === undefined) return peer;
  const entries = (typeof forwardedFor === 'string' ? [forwardedFor] : [...forwardedFor])
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const candidate = entries[entries.length - trustedHops];
  return candidate !== undefined && isIP(candidate) !== 0 ? normalise(candidate) : peer;
}

/** « ::ffff:1.2.3.4 » and « 1.2.3.4 » are one client; an IPv6 client is limited by its /64. */
function normalise(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return v4[1]!;
  if (isIP(address) === 6) {
    const groups = expandV6(address);
    return `${groups.slice(0, 4).join(':')}::/64`;
  }
  return address;
}

function expandV6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const missing = 8 - h.length - t.length;
  return [...h, ...Array<string>(Math.max(0, missing)).fill('0'), ...t].map((g) =>
    g.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
