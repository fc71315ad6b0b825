/**
 * npm run measure:feeds — the figures of docs/ingestion.md, "Feed formats":
 *  - the share of the real France Travail offers (VIGIE_SHARED_DATA or ../shared/data) that the
 *    francetravail parser turns into offers OfferInputSchema and the canonical mapping accept
 *    (target ≥ 99%), every reject printed with its errors;
 *  - per format, a generated feed of BENCH_FEED_ITEMS offers (default 200,000) streamed through its
 *    parser: items per second and peak RSS (flat memory: the feed is generated as it is read).
 * Figures are printed and written to bench-results/feeds.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { repoRoot, sharedDataFile } from '@vigie/testing';
import type { FeedFormat, FeedParseLimits } from '../apps/offer-ingestion/src/imports/formats/feed-format';
import { parserFor } from '../apps/offer-ingestion/src/imports/formats/parser-registry';
import { canonicalOfferContent } from '../apps/offer-ingestion/src/offers/canonical-offer';
import { OfferInputSchema } from '../apps/offer-ingestion/src/offers/offer-input.schema';

const ITEMS = Number(process.env.BENCH_FEED_ITEMS ?? 200_000);
const limits: FeedParseLimits = { maxRecordBytes: 1_000_000, maxDepth: 32 };
const results: Record<string, number> = {};

function generated(format: FeedFormat, items: number): Readable {
  const offer = (i: number) => ({
    externalRef: `gen-${i}`,
    title: `Soudeur TIG ${i}`,
    description: `Soudure TIG sur inox, offre numéro ${i}.`,
    contractType: 'cdi',
  });
  function* lines(): Generator<string> {
    if (format === 'xml') yield '<?xml version="1.0" encoding="utf-8"?><source>';
    if (format === 'csv') yield 'externalRef;title;description;contractType\n';
    if (format === 'francetravail') yield '[';
    for (let i = 0; i < items; i += 1) {
      const o = offer(i);
      if (format === 'jsonl') yield `${JSON.stringify(o)}\n`;
      else if (format === 'xml')
        yield `<job><referencenumber>${o.externalRef}</referencenumber><title><![CDATA[${o.title}]]></title><description><![CDATA[${o.description}]]></description><jobtype>CDI</jobtype></job>\n`;
      else if (format === 'csv') yield `${o.externalRef};${o.title};${o.description};CDI\n`;
      else
        yield `${i === 0 ? '' : ','}${JSON.stringify({ id: o.externalRef, intitule: o.title, description: o.description, typeContrat: 'CDI' })}\n`;
    }
    if (format === 'xml') yield '</source>';
    if (format === 'francetravail') yield ']';
  }
  // Chunks of about 64 KiB, generated as they are read.
  function* chunks(): Generator<Buffer> {
    let pending: string[] = [];
    let size = 0;
    for (const line of lines()) {
      pending.push(line);
      size += line.length;
      if (size >= 65_536) {
        yield Buffer.from(pending.join(''), 'utf8');
        pending = [];
        size = 0;
      }
    }
    if (pending.length > 0) yield Buffer.from(pending.join(''), 'utf8');
  }
  return Readable.from(chunks(), { objectMode: false });
}

async function measureRealOffers(): Promise<void> {
  const file = sharedDataFile('offers_france_travail.jsonl');
  if (file === undefined) {
    console.log('NOTICE: ../shared/data absent: the real-offer share is not measured');
    return;
  }
  let total = 0;
  let accepted = 0;
  for await (const item of parserFor('francetravail').parse(Readable.from([readFileSync(file)]), limits)) {
    total += 1;
    const input = OfferInputSchema.safeParse(item.candidate);
    if (input.success) {
      canonicalOfferContent(input.data);
      accepted += 1;
    } else {
      const errors =
        item.errors ?? input.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message }));
      console.log(`reject ${item.externalRef ?? `#${item.position}`}: ${JSON.stringify(errors)}`);
    }
  }
  results.francetravail_real_offers = total;
  results.francetravail_real_accepted = accepted;
  results.francetravail_real_accepted_share = accepted / total;
  console.log(
    `france travail real offers: ${accepted}/${total} accepted (${((100 * accepted) / total).toFixed(2)}%) ${accepted / total >= 0.99 ? 'PASS' : 'FAIL'} (target ≥ 99%)`,
  );
}

async function measureFormat(format: FeedFormat): Promise<void> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let count = 0;
  const started = process.hrtime.bigint();
  for await (const item of parserFor(format).parse(generated(format, ITEMS), limits)) {
    if (item.candidate) count += 1;
    if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mib = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  results[`${format}_items`] = count;
  results[`${format}_items_per_s`] = Math.round(count / seconds);
  results[`${format}_rss_peak_mib`] = mib(peak);
  results[`${format}_rss_growth_mib`] = mib(peak - baseline);
  console.log(
    `${format}: ${count} items in ${seconds.toFixed(1)} s (${Math.round(count / seconds)}/s), RSS peak ${mib(peak)} MiB (+${mib(peak - baseline)} MiB)`,
  );
}

async function main(): Promise<void> {
  await measureRealOffers();
  for (const format of ['jsonl', 'xml', 'csv', 'francetravail'] as const) await measureFormat(format);
  const dir = join(repoRoot(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'feeds.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written: bench-results/feeds.json (the machine is shared: figures are lower bounds)');
}

void main();
