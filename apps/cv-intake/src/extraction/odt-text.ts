import { SaxesParser } from 'saxes';
import { readZipEntry } from './zip-reading';

const BLOCKS = new Set(['text:p', 'text:h', 'text:list-item', 'table:table-row']);

/**
 * The text of an ODT's content.xml through a streaming XML parser: no DTD, no entity expansion
 * beyond XML's five (saxes never resolves external entities), paragraphs and headings on their
 * own lines, tabs and `text:s` spaces kept.
 */
export async function extractOdtText(bytes: Buffer, maxXmlBytes: number): Promise<string> {
  const xml = await readZipEntry(bytes, 'content.xml', maxXmlBytes);
  if (!xml) throw new Error('the ODT has no content.xml');
  const parser = new SaxesParser({ xmlns: false });
  const parts: string[] = [];
  let inBody = 0;
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE in content.xml is refused');
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'office:body') inBody += 1;
    else if (tag.name === 'text:tab') parts.push('\t');
    else if (tag.name === 'text:line-break') parts.push('\n');
    else if (tag.name === 'text:s')
      parts.push(' '.repeat(Math.min(50, Number(tag.attributes['text:c'] ?? 1) || 1)));
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'office:body') inBody -= 1;
    else if (BLOCKS.has(tag.name)) parts.push('\n');
  });
  parser.on('text', (t) => {
    if (inBody > 0) parts.push(t);
  });
  parser.write(xml.toString('utf8')).close();
  return parts
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
