import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import type { FeedDeclaration, FeedItem, FeedParseLimits, FeedParser } from '../feed-format';
import { FeedFormatError } from '../feed-format-error';
import { jobTypesOf } from '../mapping/contract-vocabulary';
import { feedDate } from '../mapping/feed-dates';
import { parseFrenchSalary } from '../mapping/french-salary';
import { remoteModeOf } from '../mapping/remote-mode';
import { xmlText } from './xml-text-decoder';

/** Elements one `<job>` may hold (its fields and any markup inside them): more is FEED_TOO_MANY_ELEMENTS. */
export const MAX_JOB_ELEMENTS = 500;

// Header elements that carry the count the feed announces (LinkedIn's expectedJobCount, Indeed-like feeds' jobcount).
const COUNT_ELEMENTS = new Set(['expectedjobcount', 'jobcount', 'expectedcount']);

/**
 * Indeed-style XML (`<source>` header, one `<job>` per offer; the fields usually in CDATA), read with
 * saxes as it streams. Any DOCTYPE is refused before the parser sees it, so no entity is declared,
 * nothing is fetched and nothing expands (rows X1–X4); saxes knows only the five XML entities and
 * numeric references. Caps: nesting depth, elements per job, and text between two markup events
 * (so neither one huge text node nor 10⁶ `&#65;` is ever held past `maxRecordBytes`, row X5).
 * A fault mid-document throws after the jobs before it were yielded (row X8).
 */
export class IndeedXmlFeedParser implements FeedParser {
  readonly format = 'xml' as const;

  async *parse(
    source: Readable,
    limits: FeedParseLimits,
    onDeclaration?: (d: FeedDeclaration) => void,
  ): AsyncGenerator<FeedItem> {
    const reader = new JobReader(limits, onDeclaration);
    for await (const text of xmlText(source)) {
      yield* reader.write(text);
    }
    yield* reader.close();
  }
}

interface JobDraft {
  position: number;
  fields: Map<string, string>;
  elements: number;
  /** The direct child of `<job>` being read, and the depth it opened at. */
  field?: { name: string; depth: number; text: string };
}

class JobReader {
  private readonly sax = new SaxesParser({ position: true });
  private readonly ready: FeedItem[] = [];
  private depth = 0;
  private rootSeen = false;
  private prologue = '';
  private sinceEvent = 0;
  private jobs = 0;
  private job: JobDraft | undefined;
  private header: { name: string; text: string } | undefined;
  private declaration: FeedDeclaration = {};
  private declared = false;

  constructor(
    private readonly limits: FeedParseLimits,
    private readonly onDeclaration: ((d: FeedDeclaration) => void) | undefined,
  ) {
    this.sax.on('doctype', () => this.forbidDoctype());
    this.sax.on('error', (error) => {
      throw new FeedFormatError('FEED_MALFORMED', `the XML is malformed: ${error.message}`, [
        { field: `line ${this.sax.line}`, reason: error.message },
      ]);
    });
    this.sax.on('opentag', (tag) => this.open(tag.name));
    this.sax.on('closetag', (tag) => this.close_(tag.name));
    this.sax.on('text', (text) => this.text(text));
    this.sax.on('cdata', (text) => this.text(text));
  }

  *write(chunk: string): Generator<FeedItem> {
    if (!this.rootSeen) this.checkPrologue(chunk);
    // Text saxes buffers until the next markup event: capped in slices so one event cannot hold more.
    for (let i = 0; i < chunk.length; i += 16_384) {
      const slice = chunk.slice(i, i + 16_384);
      this.sinceEvent += slice.length;
      if (this.sinceEvent > this.limits.maxRecordBytes) {
        throw new FeedFormatError(
          'FEED_TEXT_TOO_LONG',
          `a text node exceeds ${this.limits.maxRecordBytes} characters`,
          [
            {
              field: `line ${this.sax.line}`,
              reason: `text longer than ${this.limits.maxRecordBytes} characters`,
            },
          ],
        );
      }
      yield* this.guarded(() => this.sax.write(slice));
    }
  }

  *close(): Generator<FeedItem> {
    yield* this.guarded(() => this.sax.close());
    this.declare();
  }

  /** The jobs completed before a fault in the same slice are still yielded, then the fault (row X8). */
  private *guarded(step: () => unknown): Generator<FeedItem> {
    try {
      step();
    } finally {
      yield* this.ready.splice(0);
    }
  }

  /** The DOCTYPE is refused from the raw text, before saxes would buffer an internal subset of any size. */
  private checkPrologue(chunk: string): void {
    this.prologue = (this.prologue + chunk).slice(-4096);
    if (/<!doctype/i.test(this.prologue.split(/<(?![?!])/)[0]!)) this.forbidDoctype();
  }

  private forbidDoctype(): never {
    throw new FeedFormatError('FEED_DOCTYPE_FORBIDDEN', 'XML feeds must not contain a DOCTYPE', [
      { field: '<!DOCTYPE>', reason: 'forbidden: no DTD or entity declarations are read' },
    ]);
  }

  private open(rawName: string): void {
    this.sinceEvent = 0;
    this.rootSeen = true;
    this.depth += 1;
    if (this.depth > this.limits.maxDepth) {
      throw new FeedFormatError(
        'FEED_TOO_DEEP',
        `the XML is nested deeper than ${this.limits.maxDepth} levels`,
        [{ field: `line ${this.sax.line}`, reason: `deeper than ${this.limits.maxDepth} levels` }],
      );
    }
    const name = rawName.toLowerCase();
    if (this.job) {
      this.job.elements += 1;
      if (this.job.elements > MAX_JOB_ELEMENTS) {
        throw new FeedFormatError(
          'FEED_TOO_MANY_ELEMENTS',
          `job ${this.job.position} holds more than ${MAX_JOB_ELEMENTS} elements`,
          [{ field: `<job> ${this.job.position}`, reason: `more than ${MAX_JOB_ELEMENTS} elements` }],
        );
      }
      this.job.field ??= { name, depth: this.depth, text: '' };
      return;
    }
    if (name === 'job') {
      this.declare();
      this.jobs += 1;
      this.job = { position: this.jobs, fields: new Map(), elements: 0 };
      return;
    }
    this.header = { name, text: '' };
  }

  private close_(rawName: string): void {
    this.sinceEvent = 0;
    const job = this.job;
    if (job?.field && job.field.depth === this.depth) {
      // A repeated field (two <city>) keeps the first: Indeed allows one of each.
      if (!job.fields.has(job.field.name)) job.fields.set(job.field.name, job.field.text);
      job.field = undefined;
    } else if (job && rawName.toLowerCase() === 'job' && job.field === undefined) {
      this.ready.push(jobItem(job));
      this.job = undefined;
    } else if (!job && this.header) {
      if (COUNT_ELEMENTS.has(this.header.name)) {
        const count = Number(this.header.text.trim());
        if (Number.isSafeInteger(count) && count >= 0) this.declaration = { expectedCount: count };
      }
      this.header = undefined;
    }
    this.depth -= 1;
  }

  private text(text: string): void {
    this.sinceEvent = 0;
    if (this.job?.field) {
      this.job.field.text += text;
      if (this.job.field.text.length > this.limits.maxRecordBytes) {
        throw new FeedFormatError(
          'FEED_RECORD_TOO_LARGE',
          `job ${this.job.position} exceeds ${this.limits.maxRecordBytes} characters`,
          [
            {
              field: `<${this.job.field.name}>`,
              reason: `longer than ${this.limits.maxRecordBytes} characters`,
            },
          ],
        );
      }
    } else if (this.header) {
      this.header.text += text.slice(0, 256);
    }
  }

  private declare(): void {
    if (this.declared) return;
    this.declared = true;
    this.onDeclaration?.(this.declaration);
  }
}

/** One `<job>`'s fields onto OfferInput's shape (the mapping table is in docs/ingestion.md). */
export function jobItem(job: { position: number; fields: ReadonlyMap<string, string> }): FeedItem {
  const get = (name: string): string | undefined => {
    const value = job.fields.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const externalRef = get('referencenumber') ?? get('requisitionid');
  if (externalRef === undefined) {
    return {
      position: job.position,
      errors: [
        { field: '<referencenumber>', reason: 'missing: a job needs a referencenumber or requisitionid' },
      ],
    };
  }
  const { contractType, workingTime } = jobTypesOf([get('jobtype') ?? '']);
  const city = get('city');
  const postalCode = get('postalcode');
  const salary = parseFrenchSalary(get('salary'));
  const candidate: Record<string, unknown> = {
    externalRef,
    title: get('title'),
    description: get('description'),
    companyName: get('company'),
    contractType,
    workingTime,
    remote: remoteModeOf(get('remotetype')),
    location: city === undefined ? undefined : { city, ...(postalCode !== undefined && { postalCode }) },
    salary,
    applyUrl: get('url'),
    publishedAt: feedDate(get('date')),
    validThrough: feedDate(get('expirationdate')),
  };
  return { position: job.position, externalRef, candidate: withoutUndefined(candidate) };
}

export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
