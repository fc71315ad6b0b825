import type { LookupAddress } from 'node:dns';
import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import { LookupFunction } from 'node:net';
import { Transform } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { DnsResolver } from './dns-resolver.port';
import { checkAddress, checkFeedUrl, EgressPolicy } from './egress-policy';
import { FeedFetcher, FeedFetchError, FeedFetchOutcome, FeedFetchRequest } from './feed-fetcher.port';

export interface HttpFeedFetcherSettings {
  policy: EgressPolicy;
  /** Largest body accepted, in bytes as transferred. */
  maxBytes: number;
  /** The whole fetch, body included. */
  timeoutMs: number;
  /** Until the response headers arrive. */
  connectTimeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  /** Extra trusted CA certificates (PEM), e.g. a test server's self-signed certificate. */
  ca?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * node:http(s) with our own `lookup`: the hostname is resolved once per connection by the
 * DnsResolver port, every address is checked against the egress policy, and the socket connects
 * to the checked address (no second resolution, so DNS rebinding gains nothing). Redirects are
 * followed by hand, each hop checked again; bodies are capped in bytes and time.
 */
export class HttpFeedFetcher extends FeedFetcher {
  constructor(
    private readonly settings: HttpFeedFetcherSettings,
    private readonly resolver: DnsResolver,
  ) {
    super();
  }

  async fetch(request: FeedFetchRequest): Promise<FeedFetchOutcome> {
    const abort = new AbortController();
    const timer = setTimeout(
      () =>
        abort.abort(new FeedFetchError('TIMEOUT', `no complete answer within ${this.settings.timeoutMs} ms`)),
      this.settings.timeoutMs,
    );
    try {
      let url = request.url;
      for (let hop = 0; ; hop++) {
        const verdict = checkFeedUrl(url, this.settings.policy);
        if (!verdict.allowed || !verdict.url) {
          throw new FeedFetchError(
            'EGRESS_REFUSED',
            `${hop === 0 ? 'URL' : 'redirect'} ${verdict.allowed ? '' : verdict.reason}`,
          );
        }
        const res = await this.get(verdict.url, request, abort.signal);
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status)) {
          res.resume();
          const location = res.headers.location;
          if (!location) throw new FeedFetchError('HTTP_STATUS', `HTTP ${status} without a Location`);
          if (hop >= this.settings.maxRedirects) {
            throw new FeedFetchError(
              'TOO_MANY_REDIRECTS',
              `more than ${this.settings.maxRedirects} redirects`,
            );
          }
          url = new URL(location, verdict.url).toString();
          continue;
        }
        if (status === 304) {
          res.resume();
          clearTimeout(timer);
          return { kind: 'not-modified', finalUrl: url };
        }
        if (status !== 200) {
          res.resume();
          throw new FeedFetchError('HTTP_STATUS', `HTTP ${status}`);
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > this.settings.maxBytes) {
          res.destroy();
          throw new FeedFetchError(
            'TOO_LARGE',
            `Content-Length ${declared} exceeds ${this.settings.maxBytes} bytes`,
          );
        }
        return {
          kind: 'body',
          finalUrl: url,
          body: this.capped(res, abort.signal, () => clearTimeout(timer)),
          contentType: res.headers['content-type'] ?? null,
          contentEncoding: res.headers['content-encoding'] ?? null,
          etag: header(res, 'etag'),
          lastModified: header(res, 'last-modified'),
        };
      }
    } catch (e) {
      clearTimeout(timer);
      throw e;
    }
  }

  private get(url: URL, request: FeedFetchRequest, signal: AbortSignal): Promise<IncomingMessage> {
    const headers: Record<string, string> = {
      'user-agent': this.settings.userAgent,
      accept: '*/*',
      'accept-encoding': 'gzip, identity',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(url, {
        method: 'GET',
        headers,
        agent: false,
        lookup: this.lookup,
        signal,
        ...(this.settings.ca ? { ca: [...rootCertificates, this.settings.ca] } : {}),
      });
      req.setTimeout(this.settings.connectTimeoutMs, () =>
        req.destroy(new FeedFetchError('TIMEOUT', `no response within ${this.settings.connectTimeoutMs} ms`)),
      );
      req.once('response', (res) => {
        // From here the whole-fetch deadline governs (a large feed may take minutes).
        req.setTimeout(0);
        resolve(res);
      });
      req.once('error', (e) => reject(asFetchError(e, signal)));
      req.end();
    });
  }

  /** Resolves through the port and hands Node only addresses the policy allows. */
  private readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolver.resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          return callback(new FeedFetchError('DNS_FAILED', `${hostname} has no address`), '', 4);
        }
        for (const a of addresses) {
          const verdict = checkAddress(a.address, this.settings.policy);
          if (!verdict.allowed) {
            return callback(
              new FeedFetchError('EGRESS_REFUSED', `${hostname} resolves to ${verdict.reason}`),
              '',
              4,
            );
          }
        }
        if (options.all) {
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        }
        const first =
          addresses.find(
            (a) => options.family === undefined || options.family === 0 || a.family === options.family,
          ) ?? addresses[0]!;
        callback(null, first.address, first.family);
      },
      (e: unknown) =>
        callback(new FeedFetchError('DNS_FAILED', `${hostname} could not be resolved: ${String(e)}`), '', 4),
    );
  };

  private capped(res: IncomingMessage, signal: AbortSignal, done: () => void): Transform {
    let bytes = 0;
    const max = this.settings.maxBytes;
    const out = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > max) return callback(new FeedFetchError('TOO_LARGE', `the body exceeds ${max} bytes`));
        callback(null, chunk);
      },
    });
    const onAbort = () => res.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      done();
    };
    // By hand rather than pipeline(): the reader must see a FeedFetchError, not "aborted".
    res.once('error', (e) => {
      finish();
      out.destroy(asFetchError(e, signal));
    });
    res.once('end', finish);
    out.once('error', () => {
      finish();
      res.destroy();
    });
    res.pipe(out);
    return out;
  }
}

function header(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name];
  return typeof value === 'string' && value.length <= 1_000 ? value : null;
}

function asFetchError(e: unknown, signal: AbortSignal): FeedFetchError {
  if (e instanceof FeedFetchError) return e;
  if (signal.aborted && signal.reason instanceof FeedFetchError) return signal.reason;
  const code = (e as { code?: string }).code;
  return new FeedFetchError(
    'CONNECT_FAILED',
    `${code ?? 'network error'}: ${(e as Error).message ?? String(e)}`,
  );
}
