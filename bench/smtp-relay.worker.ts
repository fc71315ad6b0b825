/**
 * The benchmark's SMTP relay on its own thread (bench/deliver.bench.ts): smtp-server in headers
 * mode, as a relay on another host would be, so receiving and parsing the e-mails does not share
 * the event loop of the delivery code the benchmark measures. It counts what it received and the
 * Message-IDs received more than once, and answers the bench's `reset` / `report` / `stop`.
 */
import { parentPort } from 'node:worker_threads';
import { SmtpCapture } from '@vigie/testing';

export type RelayRequest = 'reset' | 'report' | 'stop';
export type RelayReply =
  | { kind: 'ready'; url: string }
  | { kind: 'reset' }
  | { kind: 'report'; received: number; duplicates: number }
  | { kind: 'stopped' };

async function main(): Promise<void> {
  const port = parentPort!;
  const smtp = await new SmtpCapture('headers').start();
  const reply = (r: RelayReply) => port.postMessage(r);
  // Only the Message-IDs are kept (and the messages dropped as they come), so the relay's memory
  // does not grow with the run and weigh on the RSS the bench reports.
  const seen = new Map<string, number>();
  let received = 0;
  smtp.onMessage((m) => {
    received++;
    const id = m.header('Message-ID') ?? '';
    seen.set(id, (seen.get(id) ?? 0) + 1);
    smtp.messages.length = 0;
  });
  port.on('message', (request: RelayRequest) => {
    if (request === 'reset') {
      seen.clear();
      received = 0;
      reply({ kind: 'reset' });
    } else if (request === 'report') {
      const duplicates = [...seen.values()].reduce((n, count) => n + count - 1, 0);
      reply({ kind: 'report', received, duplicates });
    } else {
      void smtp.stop().then(() => {
        reply({ kind: 'stopped' });
        port.close();
      });
    }
  });
  reply({ kind: 'ready', url: smtp.url });
}

void main();
