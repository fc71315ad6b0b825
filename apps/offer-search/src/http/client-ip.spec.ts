import { clientIp } from './client-ip';

describe('clientIp', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientIp('10.0.0.9', '203.0.113.7', 0)).toBe('10.0.0.9');
  });

  it('takes the address the outermost trusted proxy saw, not what the client claims', () => {
    // The client wrote « 1.1.1.1 »; the one trusted proxy appended the real peer, 203.0.113.7.
    expect(clientIp('10.0.0.9', '1.1.1.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientIp('10.0.0.9', ['1.1.1.1, 203.0.113.7', '10.0.0.2'], 2)).toBe('203.0.113.7');
  });

  it('falls back to the socket when the header is short or not an address', () => {
    expect(clientIp('10.0.0.9', '203.0.113.7', 2)).toBe('10.0.0.9');
    expect(clientIp('10.0.0.9', 'evil', 1)).toBe('10.0.0.9');
  });

  it('treats IPv4-mapped addresses as IPv4 and limits IPv6 clients by their /64', () => {
    expect(clientIp('::ffff:192.0.2.1', undefined, 0)).toBe('192.0.2.1');
    expect(clientIp('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientIp('2001:db8:1:2:bbbb:cccc:dddd:1', undefined, 0)).toBe('2001:db8:1:2::/64');
  });
});
