import { isDomainError } from '@vigie/kernel';
import { buildZip, docxEntries, docxFile, odtFile } from '@vigie/testing';
import { DEFAULT_ZIP_LIMITS, inspectZipDirectory } from './zip-inspection';

async function refusalOf(bytes: Buffer): Promise<string> {
  try {
    await inspectZipDirectory(bytes, DEFAULT_ZIP_LIMITS);
  } catch (e) {
    if (isDomainError(e, ['CV_ARCHIVE_REFUSED'])) return e.message;
    throw e;
  }
  throw new Error('the archive was accepted');
}

describe('inspectZipDirectory (before any extraction)', () => {
  it('accepts a real DOCX and ODT and lists their entries', async () => {
    expect((await inspectZipDirectory(docxFile(['Chef de projet']), DEFAULT_ZIP_LIMITS)).entries).toContain(
      'word/document.xml',
    );
    expect((await inspectZipDirectory(odtFile(['Électricien']), DEFAULT_ZIP_LIMITS)).entries).toContain(
      'content.xml',
    );
  });

  it('F1: refuses a document.xml declaring 4 GB, and a real 1000:1 bomb, from the directory alone', async () => {
    const declared = docxEntries(['x']).map((e) =>
      e.name === 'word/document.xml' ? { ...e, declaredSize: 0xfffffff0, localDeclaredSize: 0xfffffff0 } : e,
    );
    expect(await refusalOf(buildZip(declared))).toMatch(/uncompressed bytes/);
    const bomb = docxEntries(['x']).map((e) =>
      e.name === 'word/document.xml' ? { ...e, data: Buffer.alloc(30 * 1_048_576, 0x20) } : e,
    );
    expect(await refusalOf(buildZip(bomb))).toMatch(/compression ratio/);
  });

  it('F2: refuses ZIP64, local/central disagreement, climbing and absolute names, and 5,000 entries', async () => {
    expect(await refusalOf(buildZip(docxEntries(['x']), { zip64Locator: true }))).toMatch(/ZIP64/);
    const lying = docxEntries(['x']).map((e) =>
      e.name === 'word/document.xml' ? { ...e, localDeclaredSize: 7 } : e,
    );
    expect(await refusalOf(buildZip(lying))).toMatch(/local and central/);
    const renamed = docxEntries(['x']).map((e) =>
      e.name === 'word/document.xml' ? { ...e, localName: 'word/evil.xml' } : e,
    );
    expect(await refusalOf(buildZip(renamed))).toMatch(/another name|inconsistent/);
    for (const name of ['../../etc/cron.d/x', '/etc/passwd', 'word\\..\\..\\x', 'C:/x', 'a\u0000b']) {
      const hostile = docxFile(['x'], { extraEntries: [{ name, data: 'x' }] });
      expect(await refusalOf(hostile)).toMatch(
        /climbs out|absolute|control character|backslash|inconsistent|invalid/,
      );
    }
    const many = docxEntries(['x']).concat(
      Array.from({ length: 5_000 }, (_, i) => ({ name: `word/media/p${i}.xml`, data: '', store: true })),
    );
    expect(await refusalOf(buildZip(many))).toMatch(/5004 entries/);
  });

  it('F3: flags macros and OLE objects that are ignored', async () => {
    const dir = await inspectZipDirectory(
      docxFile(['x'], { macros: true, oleObject: true }),
      DEFAULT_ZIP_LIMITS,
    );
    expect(dir.flags).toEqual(['embedded_objects_ignored', 'macros_ignored']);
  });

  it('refuses duplicate names and something that is not an archive', async () => {
    const dup = buildZip([...docxEntries(['x']), { name: 'word/document.xml', data: '<x/>' }]);
    expect(await refusalOf(dup)).toMatch(/twice/);
    expect(await refusalOf(Buffer.from('PK\u0003\u0004 not really a zip at all'))).toMatch(
      /not a readable archive/,
    );
  });
});
