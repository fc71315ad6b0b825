import PDFDocument from 'pdfkit';
import { buildZip, ZipEntrySpec } from './zip-builder';

/**
 * Real CV files built by the tests (never copied from anywhere): DOCX and ODT written by the raw ZIP
 * builder with the parts Word and LibreOffice write, PDFs by pdfkit or by hand when a feature
 * pdfkit cannot write (JavaScript actions) is needed.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface DocxOptions {
  /** Word's macro-enabled main part type and a vbaProject.bin (a .docm renamed .docx, F3). */
  macros?: boolean;
  /** An image relationship with TargetMode="External" pointing there (F3: never fetched). */
  externalImageUrl?: string;
  /** An embedded OLE object part. */
  oleObject?: boolean;
  /** Extra entries, e.g. hostile names. */
  extraEntries?: ZipEntrySpec[];
}

export function docxEntries(paragraphs: string[], options: DocxOptions = {}): ZipEntrySpec[] {
  const main = options.macros
    ? 'application/vnd.ms-word.document.macroEnabled.main+xml'
    : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  const body = paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
    .join('');
  const rels = [
    options.externalImageUrl
      ? `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${esc(options.externalImageUrl)}" TargetMode="External"/>`
      : '',
    options.macros
      ? '<Relationship Id="rId8" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
      : '',
  ].join('');
  const image = options.externalImageUrl
    ? '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:link="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    : '';
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${image}</w:body></w:document>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
    ...(options.macros
      ? [{ name: 'word/vbaProject.bin', data: Buffer.from('ATTRIBUT VB_Name = "AutoOpen"\nShell "calc"') }]
      : []),
    ...(options.oleObject ? [{ name: 'word/embeddings/oleObject1.bin', data: Buffer.alloc(512, 0xd0) }] : []),
    ...(options.extraEntries ?? []),
  ];
}

export function docxFile(paragraphs: string[], options: DocxOptions = {}): Buffer {
  return buildZip(docxEntries(paragraphs, options));
}

export function odtEntries(paragraphs: string[]): ZipEntrySpec[] {
  const body = paragraphs.map((p) => `<text:p>${esc(p)}</text:p>`).join('');
  return [
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    {
      name: 'content.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    },
    {
      name: 'META-INF/manifest.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
  ];
}

export function odtFile(paragraphs: string[]): Buffer {
  return buildZip(odtEntries(paragraphs));
}

export interface PdfOptions {
  /** Encrypts the PDF so that it cannot be opened without this password (F9). */
  userPassword?: string;
  /** Draws shapes only, no text layer: a scanned CV. */
  imageOnly?: boolean;
}

export async function pdfFile(lines: string[], options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    compress: true,
    ...(options.userPassword ? { userPassword: options.userPassword, pdfVersion: '1.7' as const } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  if (options.imageOnly) {
    for (let i = 0; i < 20; i += 1) doc.rect(50 + i * 10, 50 + i * 12, 200, 8).fill('#333');
  } else {
    for (const line of lines) doc.text(line);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * A hand-written PDF with a text line and, optionally, a JavaScript /OpenAction, a /Launch action
 * and an embedded file (F5): pdfkit cannot write those. Offsets of the xref table are exact.
 */
export function pdfWithActiveContent(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /EmbeddedFiles << /Names [(x.exe) 7 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /AA << /O 8 0 R >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /S /JavaScript /JS (app.alert('pwned'); this.submitForm('http://169.254.169.254/');) >>",
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Filespec /F (x.exe) /EF << /F 9 0 R >> >>',
    '<< /S /Launch /F (cmd.exe) >>',
    '<< /Length 4 >>\nstream\nMZ\x90\x00\nendstream',
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The first bytes of a Linux executable and of a Windows one (F7: renamed cv.pdf). */
export function elfExecutable(): Buffer {
  const b = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  b.writeUInt16LE(2, 16);
  b.writeUInt16LE(0x3e, 18);
  return b;
}

export function windowsExecutable(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
