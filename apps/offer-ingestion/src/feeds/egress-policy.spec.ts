import { checkAddress, checkFeedUrl } from './egress-policy';

const strict = { allowLoopback: false };
const tests = { allowLoopback: true };

describe('checkAddress', () => {
  it.each([['8.8.8.8'], ['93.184.216.34'], ['2001:4860:4860::8888'], ['2a00:1450:4007:80f::200e']])(
    'allows the public address %s',
    (address) => {
      expect(checkAddress(address, strict)).toEqual({ allowed: true });
    },
  );

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['192.0.2.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    const verdict = checkAddress(address, strict);
    expect(verdict.allowed).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining(range) as unknown });
  });

  it('refuses an IPv4-compatible IPv6 form of a loopback address', () => {
    expect(checkAddress('::7f00:1', strict).allowed).toBe(false);
  });

  it('allows loopback, and only loopback, with the test opt-in', () => {
    expect(checkAddress('127.0.0.1', tests)).toEqual({ allowed: true });
    expect(checkAddress('::1', tests)).toEqual({ allowed: true });
    expect(checkAddress('::ffff:127.0.0.1', tests)).toEqual({ allowed: true });
    expect(checkAddress('169.254.169.254', tests).allowed).toBe(false);
    expect(checkAddress('10.0.0.1', tests).allowed).toBe(false);
  });
});

describe('checkFeedUrl (A6)', () => {
  it('accepts an https URL with a host name', () => {
    expect(checkFeedUrl('https://ats.example.fr/feeds/jobs.xml?token=1', strict).allowed).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', 'scheme file: is not allowed'],
    ['gopher://example.fr:70/_GET', 'scheme gopher: is not allowed'],
    ['ftp://example.fr/jobs.xml', 'scheme ftp: is not allowed'],
    ['http://ats.example.fr/jobs.xml', 'scheme http: is not allowed'],
    ['http://169.254.169.254/latest/meta-data/', 'scheme http: is not allowed'],
    ['https://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['https://[::ffff:169.254.169.254]/', 'linkLocal'],
    ['https://[fd00:ec2::254]/', 'uniqueLocal'],
    ['https://10.0.0.5/feed', 'private'],
    ['https://user:secret@ats.example.fr/feed', 'credentials'],
    ['not a url', 'not an absolute URL'],
    ['/relative/feed.xml', 'not an absolute URL'],
  ])('refuses %s', (url, reason) => {
    const verdict = checkFeedUrl(url, strict);
    expect(verdict.allowed).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining(reason) as unknown });
  });

  it('allows http: and loopback with the test opt-in, never the metadata service', () => {
    expect(checkFeedUrl('http://127.0.0.1:8080/feed.jsonl', tests).allowed).toBe(true);
    expect(checkFeedUrl('http://169.254.169.254/', tests).allowed).toBe(false);
    expect(checkFeedUrl('file:///etc/passwd', tests).allowed).toBe(false);
  });
});
