import { FeedFormatError } from '../feed-format-error';

export type JsonRecord = { position: number; text: string } | { position: number; tooLong: number };

/**
 * The records of a JSON feed as text, streaming: the elements of a top-level array, or each
 * top-level value of JSON Lines / concatenated JSON (a top-level array's elements count one by
 * one). Each record's text then goes through safeJsonParse (prototype keys, depth, big ids): a
 * generic streaming assembler would build objects by assignment, where `__proto__` is a setter.
 * A record over `maxRecordBytes` is skipped as it streams and reported; a document that breaks
 * off or closes what it never opened is FEED_MALFORMED after the records before it.
 */
export async function* jsonRecords(
  chunks: AsyncIterable<string>,
  maxRecordBytes: number,
): AsyncGenerator<JsonRecord> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Depth at which records live: 1 inside a top-level array, else 0.
  let recordDepth = 0;
  let pieces: string[] = [];
  let recordLength = 0;
  let open = false;
  let skipping = false;
  let position = 0;

  for await (const chunk of chunks) {
    let start = open ? 0 : -1;
    const ready: JsonRecord[] = [];
    const finish = (end: number) => {
      position += 1;
      if (skipping) ready.push({ position, tooLong: recordLength + end - Math.max(start, 0) });
      else {
        pieces.push(chunk.slice(Math.max(start, 0), end));
        ready.push({ position, text: pieces.join('') });
      }
      pieces = [];
      recordLength = 0;
      open = false;
      skipping = false;
      start = -1;
    };
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
      if (!open && depth === recordDepth) {
        if (c === 0x2c && recordDepth === 1) continue;
        if (c === 0x5b && depth === 0) {
          // A top-level array: its elements are the records.
          depth = 1;
          recordDepth = 1;
          continue;
        }
        if (c === 0x5d && depth === 1 && recordDepth === 1) {
          depth = 0;
          recordDepth = 0;
          continue;
        }
        if (c !== 0x7b && c !== 0x5b) {
          throw new FeedFormatError('FEED_MALFORMED', `record ${position + 1} is not a JSON object`, [
            { field: `record ${position + 1}`, reason: 'must be a JSON object' },
          ]);
        }
        open = true;
        start = i;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth += 1;
      else if (c === 0x7d || c === 0x5d) {
        depth -= 1;
        if (depth < 0)
          throw new FeedFormatError('FEED_MALFORMED', 'the JSON closes a bracket it never opened', [
            { field: 'body', reason: 'unbalanced brackets' },
          ]);
        if (open && depth === recordDepth) finish(i + 1);
      }
    }
    if (open) {
      const tail = chunk.slice(Math.max(start, 0));
      recordLength += tail.length;
      if (recordLength > maxRecordBytes) {
        skipping = true;
        pieces = [];
      } else if (!skipping) pieces.push(tail);
    }
    for (const record of ready) {
      if ('text' in record && record.text.length > maxRecordBytes)
        yield { position: record.position, tooLong: record.text.length };
      else yield record;
    }
  }
  if (open || depth !== 0 || inString) {
    throw new FeedFormatError('FEED_MALFORMED', `the JSON breaks off after record ${position}`, [
      { field: `record ${position + 1}`, reason: 'truncated' },
    ]);
  }
}
