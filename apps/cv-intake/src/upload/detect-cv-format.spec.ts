import {
  docxFile,
  elfExecutable,
  odtFile,
  pdfFile,
  pdfWithActiveContent,
  sharedDataDir,
  windowsExecutable,
} from '@vigie/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDomainError } from '@vigie/kernel';
import { detectCvFormat } from './detect-cv-format';

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await detectCvFormat(bytes);
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  throw new Error('accepted');
}

describe('detectCvFormat (content decides, never the name)', () => {
  it('recognises PDF, DOCX, ODT, UTF-8 text and JSON Resume built by the test', async () => {
    expect((await detectCvFormat(await pdfFile(['Aide-soignante, 5 ans']))).format).toBe('pdf');
    expect((await detectCvFormat(docxFile(['Chef de rang']))).format).toBe('docx');
    expect((await detectCvFormat(odtFile(['Électricien']))).format).toBe('odt');
    expect((await detectCvFormat(Buffer.from('\uFEFFDéveloppeuse Java\nCompétences : Spring'))).format).toBe(
      'text',
    );
    const resume = await detectCvFormat(Buffer.from(JSON.stringify({ basics: { label: 'Comptable' } })));
    expect(resume.format).toBe('json-resume');
    expect(resume.resume?.basics?.label).toBe('Comptable');
  });

  it('reads a macro-enabled document (.docm renamed .docx) as DOCX: the macros are never run', async () => {
    expect((await detectCvFormat(docxFile(['x'], { macros: true }))).format).toBe('docx');
  });

  it('refuses executables whatever they are called (F7) and markup (F6)', async () => {
    expect(await refusal(elfExecutable())).toBe('CV_UNSUPPORTED_TYPE');
    expect(await refusal(windowsExecutable())).toBe('CV_UNSUPPORTED_TYPE');
    expect(await refusal(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'))).toBe(
      'CV_UNSUPPORTED_TYPE',
    );
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
      Buffer.from('JFIF\0'),
      Buffer.alloc(64),
    ]);
    expect(await refusal(jpeg)).toBe('CV_UNSUPPORTED_TYPE');
  });

  it('takes a PDF+HTML or PDF+ZIP polyglot for what its first bytes say, a PDF (F6)', async () => {
    const pdf = pdfWithActiveContent('Infirmier');
    const html = Buffer.concat([pdf, Buffer.from('<html><script>alert(1)</script></html>')]);
    const zip = Buffer.concat([pdf, docxFile(['hidden'])]);
    expect((await detectCvFormat(html)).format).toBe('pdf');
    expect((await detectCvFormat(zip)).format).toBe('pdf');
  });

  it('refuses empty and one-byte files (F8) and binary that is not UTF-8', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe('CV_FILE_EMPTY');
    expect(await refusal(Buffer.from('a'))).toBe('CV_FILE_EMPTY');
    expect(
      await refusal(
        Buffer.from([
          0xc3, 0x28, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e,
          0x4f,
        ]),
      ),
    ).toBe('CV_TEXT_NOT_UTF8');
    expect(await refusal(Buffer.from('Nom\u0000Prénom\u0001 bla bla bla bla'))).toBe('CV_TEXT_NOT_UTF8');
  });

  it('accepts every real JSON Resume sample of the shared data', async () => {
    const dir = sharedDataDir();
    if (!dir) {
      console.log('NOTICE: ../shared/data is absent; the JSON Resume samples are not checked');
      return;
    }
    const files = readdirSync(join(dir, 'jsonresume_samples')).filter(
      (f) => f.endsWith('.resume.json') || f.includes('_jrs_'),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(dir, 'jsonresume_samples', file));
      expect({ file, format: (await detectCvFormat(bytes)).format }).toEqual({ file, format: 'json-resume' });
    }
  });
});
