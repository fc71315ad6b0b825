import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { parser as jsonTokenParser } from 'stream-json';
import { FeedFormatError } from '../feed-format-error';
import { utf8Text } from '../utf8-text';

/** One node read from a JSON-LD document: a value built under the caps, or why it could not be. */
export type JsonLdNode =
  | { value: Record<string, unknown>; inGraph: boolean }
  | { error: string; inGraph: boolean; tooLong?: true };

interface Token {
  name: string;
  value?: string;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The nodes of a JSON-LD feed, streaming, built from the tokens of a maintained streaming JSON
 * parser (stream-json): one object, a top-level array of objects, an object whose `@graph` array
 * holds the nodes, or a sequence of such values (JSON Lines). Never more than one node is held.
 *
 * Each node is built by this assembler under its caps rather than by JSON.parse or stream-json's
 * own Assembler, which assign keys (`__proto__` is a setter there): prototype keys are dropped,
 * nesting past `maxDepth` and text past `maxRecordBytes` make the node an error (its remaining
 * tokens are skipped as they stream, never held), integers beyond 2⁵³ are kept as strings.
 * A JSON syntax error is FEED_MALFORMED after the nodes before it.
 */
export async function* jsonLdNodes(
  source: Readable,
  limits: { maxRecordBytes: number; maxDepth: number },
): AsyncGenerator<JsonLdNode> {
  // Strings as they are (decodeStrings off): utf8Text has checked and decoded the bytes.
  const tokens = jsonTokenParser({
    jsonStreaming: true,
    packValues: false,
    streamValues: true,
    decodeStrings: false,
  });
  const assembler = new NodeAssembler(limits.maxRecordBytes, limits.maxDepth);
  let fault: unknown;
  // Tokens are taken as they come (the assembler holds at most the node being built), so the nodes
  // finished before a syntax error are still yielded before FEED_MALFORMED.
  tokens.on('data', (token: Token) => {
    if (fault !== undefined) return;
    try {
      assembler.take(token);
    } catch (error) {
      fault = error;
    }
  });
  const ended = new Promise<void>((resolve, reject) => {
    tokens.once('end', resolve);
    tokens.once('error', reject);
  });
  ended.catch((error: unknown) => {
    fault ??= error;
  });
  try {
    for await (const text of utf8Text(source)) {
      if (!tokens.write(text)) await Promise.race([once(tokens, 'drain'), ended]);
      yield* assembler.drain();
      if (fault !== undefined) break;
    }
    if (fault === undefined) {
      tokens.end();
      await ended.catch(() => undefined);
    }
    yield* assembler.drain();
  } finally {
    tokens.destroy();
  }
  if (fault instanceof FeedFormatError) throw fault;
  if (fault !== undefined) {
    const detail = fault instanceof Error ? fault.message : 'unreadable JSON';
    throw new FeedFormatError('FEED_MALFORMED', `the JSON-LD is not valid JSON: ${detail}`, [
      { field: 'body', reason: 'not valid JSON' },
    ]);
  }
}

/** A container being built; `target` is undefined while the node it belongs to is skipped. */
interface Frame {
  kind: 'object' | 'array';
  target: Record<string, unknown> | unknown[] | undefined;
  key?: string;
  /** This frame is a top-level array or an envelope's `@graph`: each element is a node. */
  holdsNodes?: boolean;
  /** This frame is the top-level object: a node, unless it turns out to hold a `@graph`. */
  envelope?: boolean;
  hasGraph?: boolean;
}

interface OpenNode {
  /** Index in `frames` of the node's own object. */
  depth: number;
  bytes: number;
  inGraph: boolean;
  error?: string;
  tooLong?: true;
}

class NodeAssembler {
  private readonly frames: Frame[] = [];
  private readonly nodes: OpenNode[] = [];
  private ready: JsonLdNode[] = [];
  private text = '';
  private textOpen = false;

  constructor(
    private readonly maxBytes: number,
    private readonly maxDepth: number,
  ) {}

  drain(): JsonLdNode[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  take(token: Token): void {
    switch (token.name) {
      case 'startObject':
        return this.open('object');
      case 'startArray':
        return this.open('array');
      case 'endObject':
      case 'endArray':
        return this.close();
      case 'startKey':
      case 'startString':
      case 'startNumber':
        this.text = '';
        this.textOpen = true;
        return this.count(1);
      case 'stringChunk':
      case 'numberChunk':
        this.count(Buffer.byteLength(token.value!));
        if (this.textOpen && !this.skipping()) this.text += token.value!;
        return;
      case 'endKey':
        this.textOpen = false;
        this.frames[this.frames.length - 1]!.key = this.text;
        return;
      case 'endString':
        this.textOpen = false;
        return this.place(this.text);
      case 'endNumber':
        this.textOpen = false;
        return this.place(numberOf(this.text));
      case 'nullValue':
        return this.place(null);
      case 'trueValue':
        return this.place(true);
      case 'falseValue':
        return this.place(false);
      default:
        // keyValue / stringValue / numberValue are not emitted with packValues: false.
        return;
    }
  }

  private open(kind: Frame['kind']): void {
    this.count(1);
    const parent = this.frames[this.frames.length - 1];
    if (parent === undefined) {
      // A top-level value: an array of nodes, or an object (a node, or an envelope with @graph).
      if (kind === 'array') this.frames.push({ kind, target: undefined, holdsNodes: true });
      else {
        this.nodes.push({ depth: 0, bytes: 1, inGraph: false });
        this.frames.push({ kind, target: {}, envelope: true });
      }
      return;
    }
    if (parent.envelope && parent.key === '@graph' && kind === 'array') {
      parent.hasGraph = true;
      this.frames.push({ kind, target: undefined, holdsNodes: true });
      return;
    }
    if (parent.holdsNodes) {
      this.nodes.push({ depth: this.frames.length, bytes: 1, inGraph: this.insideGraph() });
      if (kind === 'array') this.fail('must be a JSON object');
    }
    const node = this.currentNode();
    if (node !== undefined && node.error === undefined && this.frames.length - node.depth >= this.maxDepth)
      this.fail(`nested deeper than ${this.maxDepth} levels`);
    const target = this.skipping() ? undefined : kind === 'object' ? {} : [];
    this.frames.push({ kind, target });
  }

  private close(): void {
    const frame = this.frames.pop()!;
    const node = this.currentNode();
    if (node !== undefined && node.depth === this.frames.length) {
      this.nodes.pop();
      // An envelope that held a @graph was a wrapper (its @context is not needed), not a node.
      if (frame.envelope && frame.hasGraph && node.error === undefined) return;
      if (node.error !== undefined)
        this.ready.push({ error: node.error, inGraph: node.inGraph, ...(node.tooLong && { tooLong: true }) });
      else this.ready.push({ value: frame.target as Record<string, unknown>, inGraph: node.inGraph });
      return;
    }
    if (frame.holdsNodes) return;
    this.place(frame.target);
  }

  /** A finished value into its parent: an object's property (prototype keys dropped) or an array's element. */
  private place(value: unknown): void {
    const parent = this.frames[this.frames.length - 1];
    if (parent === undefined) {
      throw new FeedFormatError('FEED_MALFORMED', 'a JSON-LD feed holds objects, not bare values', [
        { field: 'body', reason: 'must be a JSON object or an array of objects' },
      ]);
    }
    if (parent.holdsNodes) {
      // A scalar where a node was expected: one rejected node.
      this.ready.push({ error: 'must be a JSON object', inGraph: this.insideGraph() });
      return;
    }
    if (parent.target === undefined) return;
    if (parent.kind === 'array') (parent.target as unknown[]).push(value);
    else if (!FORBIDDEN_KEYS.has(parent.key!))
      (parent.target as Record<string, unknown>)[parent.key!] = value;
  }

  private count(bytes: number): void {
    const node = this.currentNode();
    if (node === undefined) return;
    node.bytes += bytes;
    if (node.bytes > this.maxBytes && node.error === undefined) {
      this.fail(`longer than ${this.maxBytes} bytes`);
      node.tooLong = true;
    }
  }

  /** Marks the open node as an error and stops building it: its tokens are only counted from now on. */
  private fail(reason: string): void {
    const node = this.currentNode()!;
    node.error = reason;
    this.text = '';
    for (let i = node.depth; i < this.frames.length; i += 1) this.frames[i]!.target = undefined;
  }

  private skipping(): boolean {
    return this.currentNode()?.error !== undefined;
  }

  private currentNode(): OpenNode | undefined {
    return this.nodes[this.nodes.length - 1];
  }

  private insideGraph(): boolean {
    return this.frames.length > 0 && this.frames[0]!.envelope === true;
  }
}

/** JSON number text to a number, or to the same digits as a string when an integer is past 2⁵³. */
function numberOf(text: string): number | string {
  const value = Number(text);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(value)) return text;
  return value;
}
