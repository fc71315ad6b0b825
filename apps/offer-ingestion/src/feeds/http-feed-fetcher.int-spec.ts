import { FeedServer, FEED_SERVER_HOST, startFeedServer } from '@vigie/testing';
import type { ServerResponse } from 'node:http';
import { text } from 'node:stream/consumers';
import { DnsResolver, ResolvedAddress } from './dns-resolver.port';
import { FeedFetchError } from './feed-fetcher.port';
import { HttpFeedFetcher, HttpFeedFetcherSettings } from './http-feed-fetcher';

/** Answers from a table; each name may change its answer from one lookup to the next (DNS rebinding). */
class FakeDnsResolver extends DnsResolver {
  readonly lookups: string[] = [];
  constructor(private readonly answers: Record<string, string[][]>) {
    super();
  }
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    this.lookups.push(hostname);
    const seq = this.answers[hostname];
    if (!seq) throw new Error(`NXDOMAIN ${hostname}`);
    const answer = seq.length > 1 ? seq.shift()! : seq[0]!;
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }
}

const FEED = '{"externalRef":"A-1"}\n{"externalRef":"A-2"}\n';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (e) {
    return e instanceof FeedFetchError ? e.code : `not a FeedFetchError: ${String(e)}`;
  }
}

describe('HttpFeedFetcher against real local HTTPS servers', () => {
  let server: FeedServer;
  let route: (
    url: string,
    res: ServerResponse,
    headers: Record<string, string | string[] | undefined>,
  ) => void;

  beforeAll(async () => {
    server = await startFeedServer((req, res) => route(req.url ?? '', res, req.headers));
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.requests.length = 0;
    route = (url, res, headers) => {
      if (url === '/feed.jsonl') {
        if (headers['if-none-match'] === '"v1"') {
          res.writeHead(304).end();
          return;
        }
        res
          .writeHead(200, {
            'content-type': 'application/x-ndjson',
            etag: '"v1"',
            'last-modified': 'Tue, 01 Dec 2026 08:00:00 GMT',
          })
          .end(FEED);
        return;
      }
      res.writeHead(404).end();
    };
  });

  const fetcher = (dns: FakeDnsResolver, overrides: Partial<HttpFeedFetcherSettings> = {}): HttpFeedFetcher =>
    new HttpFeedFetcher(
      {
        policy: { allowLoopback: true },
        maxBytes: 1_000_000,
        timeoutMs: 5_000,
        connectTimeoutMs: 2_000,
        maxRedirects: 3,
        userAgent: 'vigie-test',
        ca: server.certPem!,
        ...overrides,
      },
      dns,
    );
  const loopbackDns = () => new FakeDnsResolver({ [FEED_SERVER_HOST]: [['127.0.0.1']] });
  const request = (path: string, extra: { etag?: string } = {}) => ({
    url: `${server.origin()}${path}`,
    etag: extra.etag ?? null,
    lastModified: null,
  });

  it('fetches over TLS from the address it resolved, verifying the certificate for the host name', async () => {
    const dns = loopbackDns();

    const outcome = await fetcher(dns).fetch(request('/feed.jsonl'));

    expect(outcome).toMatchObject({
      kind: 'body',
      contentType: 'application/x-ndjson',
      etag: '"v1"',
      lastModified: 'Tue, 01 Dec 2026 08:00:00 GMT',
    });
    if (outcome.kind !== 'body') throw new Error('no body');
    expect(await text(outcome.body)).toBe(FEED);
    expect(server.requests[0]).toMatchObject({ servername: FEED_SERVER_HOST });
    expect(server.requests[0]!.headers.host).toBe(`${FEED_SERVER_HOST}:${server.port}`);
    expect(dns.lookups).toEqual([FEED_SERVER_HOST]);
  });

  it('sends the stored validators and reports 304 as not modified', async () => {
    const outcome = await fetcher(loopbackDns()).fetch(request('/feed.jsonl', { etag: '"v1"' }));

    expect(outcome.kind).toBe('not-modified');
    expect(server.requests[0]!.headers['if-none-match']).toBe('"v1"');
  });

  it('refuses a certificate it was not told to trust', async () => {
    const dns = loopbackDns();
    const untrusting = new HttpFeedFetcher(
      {
        policy: { allowLoopback: true },
        maxBytes: 1_000,
        timeoutMs: 5_000,
        connectTimeoutMs: 2_000,
        maxRedirects: 0,
        userAgent: 'vigie-test',
      },
      dns,
    );
    expect(await codeOf(untrusting.fetch(request('/feed.jsonl')))).toBe('CONNECT_FAILED');
  });

  it('without the loopback opt-in, never connects to a name that resolves to loopback', async () => {
    const strict = fetcher(loopbackDns(), { policy: { allowLoopback: false } });

    expect(await codeOf(strict.fetch(request('/feed.jsonl')))).toBe('EGRESS_REFUSED');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a name when any of its addresses is not public, even next to a public one', async () => {
    const dns = new FakeDnsResolver({ [FEED_SERVER_HOST]: [['93.184.216.34', '169.254.169.254']] });

    expect(await codeOf(fetcher(dns, { policy: { allowLoopback: false } }).fetch(request('/x')))).toBe(
      'EGRESS_REFUSED',
    );
  });

  it('follows a redirect by hand and checks it again: a rebinding name pointing at the metadata service is refused', async () => {
    // The first lookup answers loopback (allowed here), the next one the metadata address.
    const dns = new FakeDnsResolver({ [FEED_SERVER_HOST]: [['127.0.0.1'], ['169.254.169.254']] });
    route = (url, res) =>
      url === '/moved' ? res.writeHead(302, { location: '/feed.jsonl' }).end() : res.writeHead(404).end();

    expect(await codeOf(fetcher(dns).fetch(request('/moved')))).toBe('EGRESS_REFUSED');
    expect(dns.lookups).toEqual([FEED_SERVER_HOST, FEED_SERVER_HOST]);
    expect(server.requests.map((r) => r.url)).toEqual(['/moved']);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/'],
    ['https://169.254.169.254/latest/meta-data/'],
    ['https://[fd00:ec2::254]/latest/meta-data/'],
    ['file:///etc/passwd'],
    ['gopher://127.0.0.1:6379/_INFO'],
  ])('refuses a redirect to %s', async (location) => {
    route = (_url, res) => res.writeHead(301, { location }).end();

    expect(await codeOf(fetcher(loopbackDns()).fetch(request('/moved')))).toBe('EGRESS_REFUSED');
    expect(server.requests).toHaveLength(1);
  });

  it('follows relative redirects up to the limit, then gives up', async () => {
    route = (url, res) =>
      url === '/a'
        ? res.writeHead(307, { location: '/feed.jsonl' }).end()
        : url === '/feed.jsonl'
          ? res.writeHead(200).end(FEED)
          : res.writeHead(302, { location: url }).end();

    const followed = await fetcher(loopbackDns()).fetch(request('/a'));
    expect(followed).toMatchObject({ kind: 'body', finalUrl: `${server.origin()}/feed.jsonl` });
    expect(await codeOf(fetcher(loopbackDns()).fetch(request('/loop')))).toBe('TOO_MANY_REDIRECTS');
    expect(server.requests.filter((r) => r.url === '/loop')).toHaveLength(4);
  });

  it('caps the body: a declared length over the cap is refused, a streamed one errors once past it', async () => {
    route = (url, res) =>
      url === '/declared'
        ? res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000))
        : (res.writeHead(200), res.end('y'.repeat(5000)));
    const small = fetcher(loopbackDns(), { maxBytes: 1_000 });

    expect(await codeOf(small.fetch(request('/declared')))).toBe('TOO_LARGE');
    const streamed = await small.fetch(request('/chunked'));
    if (streamed.kind !== 'body') throw new Error('no body');
    expect(await codeOf(text(streamed.body))).toBe('TOO_LARGE');
  });

  it('times out a server that never answers, and one that stalls in the middle of the body', async () => {
    route = (url, res) => {
      if (url === '/stall') {
        res.writeHead(200);
        res.write('{"externalRef":"S-1"}\n');
      }
      // otherwise: never answers
    };
    const impatient = fetcher(loopbackDns(), { timeoutMs: 1_500, connectTimeoutMs: 500 });

    expect(await codeOf(impatient.fetch(request('/silent')))).toBe('TIMEOUT');
    const stalled = await impatient.fetch(request('/stall'));
    if (stalled.kind !== 'body') throw new Error('no body');
    expect(await codeOf(text(stalled.body))).toBe('TIMEOUT');
  });

  it('reports an HTTP error status and an unknown name', async () => {
    route = (_url, res) => res.writeHead(503).end();

    expect(await codeOf(fetcher(loopbackDns()).fetch(request('/down')))).toBe('HTTP_STATUS');
    expect(
      await codeOf(
        fetcher(new FakeDnsResolver({})).fetch({
          url: 'https://nowhere.example.test/feed',
          etag: null,
          lastModified: null,
        }),
      ),
    ).toBe('DNS_FAILED');
  });
});
