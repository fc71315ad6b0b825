import ipaddr from 'ipaddr.js';

/**
 * Where feed fetches may go (bad-input row A6). Only public unicast addresses are reachable: no
 * private, loopback, link-local (the 169.254.169.254 metadata service), CGNAT, multicast,
 * unspecified, reserved or documentation ranges, nor any IPv6 form that embeds one of those
 * (IPv4-mapped, NAT64, 6to4, Teredo; fd00:ec2::254 is unique-local). Checked on every address
 * the hostname resolves to, at connect time, and again after every redirect.
 */
export interface EgressPolicy {
  /** Test-only opt-in (FEED_FETCH_ALLOW_LOOPBACK): http: URLs and loopback addresses are allowed. */
  allowLoopback: boolean;
}

export type EgressVerdict = { allowed: true } | { allowed: false; reason: string };

const ALLOWED_SCHEMES = new Set(['https:']);

export function checkFeedUrl(raw: string, policy: EgressPolicy): EgressVerdict & { url?: URL } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'is not an absolute URL' };
  }
  const schemeAllowed =
    ALLOWED_SCHEMES.has(url.protocol) || (policy.allowLoopback && url.protocol === 'http:');
  if (!schemeAllowed) {
    return { allowed: false, reason: `scheme ${url.protocol} is not allowed; use https:` };
  }
  if (url.username || url.password) {
    return { allowed: false, reason: 'must not carry credentials (user:password@)' };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host.length === 0) return { allowed: false, reason: 'has no host' };
  // An address written in the URL is never looked up: check it here.
  if (ipaddr.isValid(host)) {
    const verdict = checkAddress(host, policy);
    if (!verdict.allowed) return verdict;
  }
  return { allowed: true, url };
}

export function checkAddress(address: string, policy: EgressPolicy): EgressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, reason: `${address} is not an IP address` };
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv6' && isIpv4Compatible(ip as ipaddr.IPv6)) {
    return { allowed: false, reason: `${address} is a deprecated IPv4-compatible IPv6 address` };
  }
  const range = ip.range();
  if (range === 'unicast') return { allowed: true };
  if (range === 'loopback' && policy.allowLoopback) return { allowed: true };
  return { allowed: false, reason: `${address} is a ${range} address, not a public one` };
}

/** ::a.b.c.d (::/96, other than :: and ::1, which have ranges of their own). */
function isIpv4Compatible(ip: ipaddr.IPv6): boolean {
  const parts = ip.parts;
  return parts.slice(0, 6).every((p) => p === 0) && !(parts[6] === 0 && (parts[7] === 0 || parts[7] === 1));
}
