import http, { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

export interface FeedServer {
  /** `https://<host>:<port>` (or http:), with the host name the test's fake DNS resolves. */
  origin(host?: string): string;
  port: number;
  /** PEM of the self-signed certificate, to trust in the fetcher under test (https only). */
  certPem: string | null;
  requests: Array<{ url: string; headers: IncomingMessage['headers']; servername: string | null }>;
  close(): Promise<void>;
}

export const FEED_SERVER_HOST = 'feeds.example.test';

/**
 * A real local HTTP(S) server standing for a recruiter's ATS. The HTTPS one presents a fresh
 * self-signed certificate for FEED_SERVER_HOST, localhost and 127.0.0.1.
 */
export async function startFeedServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { tls: boolean } = { tls: true },
): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  const listener: RequestListener = (req, res) => {
    const socket = req.socket as Partial<TLSSocket>;
    requests.push({
      url: req.url ?? '',
      headers: req.headers,
      servername: typeof socket.servername === 'string' ? socket.servername : null,
    });
    handler(req, res);
  };
  let certPem: string | null = null;
  let server: http.Server;
  if (options.tls) {
    const pems = await generate([{ name: 'commonName', value: FEED_SERVER_HOST }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: FEED_SERVER_HOST },
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    certPem = pems.cert;
    server = https.createServer({ key: pems.private, cert: pems.cert }, listener);
  } else {
    server = http.createServer(listener);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: (host = FEED_SERVER_HOST) => `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    certPem,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
