#!/usr/bin/env node
// vigie-feed: a recruiter's ops tool. `vigie-feed push FILE [--mode snapshot|delta]` uploads a feed
// to Vigie as an import job (streamed, gzip on the fly), shows a live progress bar until the job
// ends, then prints the summary and where the report is. Env: VIGIE_API_URL, VIGIE_API_KEY.
import { createReadStream, statSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { URLSearchParams } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

const TYPES = [
  [/\.(jsonl|ndjson)$/i, 'application/x-ndjson'],
  [/\.xml$/i, 'application/xml'],
  [/\.csv$/i, 'text/csv'],
  [/\.(jsonld|json)$/i, 'application/ld+json'],
];
const USAGE = `usage: vigie-feed push FILE [--mode snapshot|delta] [--type CONTENT-TYPE] [--expected-count N]
  FILE may be gzipped already (.gz); otherwise it is gzipped on the fly.
  env: VIGIE_API_URL (e.g. http://127.0.0.1:3001), VIGIE_API_KEY`;

function fail(message, code = 1) {
  process.stderr.write(`vigie-feed: ${message}\n`);
  process.exit(code);
}

function contentTypeOf(file) {
  const name = file.replace(/\.gz$/i, '');
  return TYPES.find(([pattern]) => pattern.test(name))?.[1];
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** One line redrawn in place on a terminal; a line every few seconds otherwise (CI logs). */
class ProgressLine {
  constructor() {
    this.tty = process.stderr.isTTY === true;
    this.lastPrinted = 0;
  }
  draw(label, fraction, detail) {
    const width = 30;
    const done = Math.max(0, Math.min(width, Math.round((fraction ?? 0) * width)));
    const pct = fraction === null ? '  ?%' : `${String(Math.floor(fraction * 100)).padStart(3)}%`;
    const line = `${label.padEnd(9)} [${'#'.repeat(done)}${'-'.repeat(width - done)}] ${pct} ${detail}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}`);
    else if (Date.now() - this.lastPrinted > 3_000) {
      process.stderr.write(`${line}\n`);
      this.lastPrinted = Date.now();
    }
  }
  end() {
    if (this.tty) process.stderr.write('\n');
  }
}

async function push(file, options) {
  const base = (process.env.VIGIE_API_URL ?? '').replace(/\/$/, '');
  const key = process.env.VIGIE_API_KEY;
  if (!base) fail('set VIGIE_API_URL (e.g. http://127.0.0.1:3001)');
  if (!key) fail('set VIGIE_API_KEY');
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) fail(`no such file: ${file}`);
  const type = options.type ?? contentTypeOf(file);
  if (!type) fail(`cannot tell the format of ${file} from its name: pass --type`);

  const bar = new ProgressLine();
  let sent = 0;
  const counter = new Transform({
    transform(chunk, _enc, done) {
      sent += chunk.length;
      bar.draw('upload', size > 0 ? sent / size : 1, `${fmt(sent / 1024)} / ${fmt(size / 1024)} KiB`);
      done(null, chunk);
    },
  });
  let body = createReadStream(file).pipe(counter);
  if (!/\.gz$/i.test(file)) body = body.pipe(createGzip());
  const query = new URLSearchParams({ mode: options.mode });
  if (options['expected-count']) query.set('expectedCount', options['expected-count']);
  const res = await fetch(`${base}/v1/imports?${query}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': type, 'content-encoding': 'gzip' },
    body: Readable.toWeb(body),
    duplex: 'half',
  }).catch((e) => fail(`upload failed: ${e.cause?.message ?? e.message}`));
  const answer = await res.json().catch(() => ({}));
  if (res.status !== 202) {
    bar.end();
    fail(`upload refused (${res.status}): ${answer.error?.code ?? ''} ${answer.error?.message ?? ''}`);
  }
  const location = res.headers.get('location') ?? `/v1/imports/${answer.id}`;

  let job;
  for (;;) {
    const poll = await fetch(`${base}${location}`, { headers: { 'x-api-key': key } });
    job = await poll.json();
    if (poll.status !== 200) fail(`cannot read ${location} (${poll.status})`);
    const p = job.progress;
    const fraction = p.bytesTotal ? p.bytesRead / p.bytesTotal : null;
    const rate = p.itemsPerSecond === null ? '' : ` ${fmt(p.itemsPerSecond)}/s`;
    const eta = p.etaSeconds === null ? '' : ` ETA ${fmt(p.etaSeconds)}s`;
    bar.draw(job.status, job.status === 'completed' ? 1 : fraction, `${fmt(p.itemsRead)} items${rate}${eta}`);
    if (['completed', 'failed', 'held'].includes(job.status)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  bar.end();

  const c = job.counts;
  const out = [
    `import ${job.id}: ${job.status} (${job.format}, ${job.mode})`,
    `  items read ${fmt(job.progress.itemsRead)}: added ${fmt(c.added)}, updated ${fmt(c.updated)}, unchanged ${fmt(c.unchanged)}, expired ${fmt(c.expired)}, rejected ${fmt(c.rejected)}`,
  ];
  if (job.error) out.push(`  error ${job.error.code}: ${job.error.message}`);
  if (job.hold) {
    out.push(
      `  held (${job.hold.reason}): would expire ${fmt(job.hold.wouldExpire)} of ${fmt(job.hold.liveOffers)} live offers` +
        (job.hold.expectedCount === null
          ? ''
          : `; declared ${job.hold.expectedCount}, read ${job.hold.itemsRead}`),
      `  to apply it: curl -X POST ${base}${location}/confirm-expiry -H "x-api-key: $VIGIE_API_KEY"`,
    );
  }
  out.push(`  report: ${base}${location}/report (JSON) or ${base}${location}/report.csv`);
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(job.status === 'completed' ? 0 : job.status === 'held' ? 2 : 1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: 'string', default: 'delta' },
    type: { type: 'string' },
    'expected-count': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || positionals[0] !== 'push' || positionals.length !== 2) fail(USAGE, values.help ? 0 : 64);
if (!['snapshot', 'delta'].includes(values.mode)) fail('--mode is snapshot or delta');
await push(positionals[1], values);
