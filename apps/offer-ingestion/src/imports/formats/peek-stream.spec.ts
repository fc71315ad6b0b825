import { chunkedStream } from '@vigie/testing';
import { peekStream } from './peek-stream';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('peekStream', () => {
  it('gives the first bytes and a stream that still yields all of them', async () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(100);

    const { head, stream } = await peekStream(chunkedStream(text, 3), 10);

    expect(head.toString()).toBe('abcdefghij');
    expect(await readAll(stream)).toBe(text);
  });

  it('gives what there is when the stream is shorter than asked', async () => {
    const { head, stream } = await peekStream(chunkedStream('abc'), 10);

    expect(head.toString()).toBe('abc');
    expect(await readAll(stream)).toBe('abc');
  });
});
