import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  repoRoot,
  buildZip,
  docxEntries,
  docxFile,
  odtFile,
  pdfFile,
  pdfWithActiveContent,
} from '@vigie/testing';
import { DEFAULT_ZIP_LIMITS } from '../upload/zip-inspection';
import { extractCvText } from './extract-cv-text';

describe('extractCvText', () => {
  it('reads the text of a PDF, a DOCX, an ODT and a text CV', async () => {
    const pdf = await extractCvText(
      await pdfFile(['Aide-soignante diplômée', 'Hôpital de Nantes, 2018-2024']),
      'pdf',
      DEFAULT_ZIP_LIMITS,
    );
    expect(pdf.state).toBe('parsed');
    expect(pdf.text).toContain('Aide-soignante diplômée');
    const docx = await extractCvText(
      docxFile(['Chef de rang', 'Service en salle']),
      'docx',
      DEFAULT_ZIP_LIMITS,
    );
    expect(docx).toMatchObject({ state: 'parsed', flags: [] });
    expect(docx.text).toContain('Chef de rang');
    const odt = await extractCvText(
      odtFile(['Électricien bâtiment', 'Habilitation B1V']),
      'odt',
      DEFAULT_ZIP_LIMITS,
    );
    expect(odt.text).toBe('Électricien bâtiment\nHabilitation B1V');
    const text = await extractCvText(
      Buffer.from('Comptable unique\nSage, Excel'),
      'text',
      DEFAULT_ZIP_LIMITS,
    );
    expect(text).toEqual({ state: 'parsed', flags: [], text: 'Comptable unique\nSage, Excel' });
  });

  it('F9: an encrypted PDF is accepted as text_not_extractable, without a crash', async () => {
    const outcome = await extractCvText(
      await pdfFile(['Secret'], { userPassword: 'pw-1234' }),
      'pdf',
      DEFAULT_ZIP_LIMITS,
    );
    expect(outcome.state).toBe('text_not_extractable');
    expect(outcome.flags).toContain('pdf_encrypted');
    expect(outcome.text).toBeUndefined();
  });

  it('an image-only PDF (a scan) is text_not_extractable', async () => {
    const outcome = await extractCvText(await pdfFile([], { imageOnly: true }), 'pdf', DEFAULT_ZIP_LIMITS);
    expect(outcome).toMatchObject({ state: 'text_not_extractable', flags: ['pdf_no_text_layer'] });
  });

  it('F5: JavaScript, /Launch and embedded files are flagged, never run, and the text is still read', async () => {
    const outcome = await extractCvText(
      pdfWithActiveContent('Technicien de maintenance industrielle'),
      'pdf',
      DEFAULT_ZIP_LIMITS,
    );
    expect(outcome.state).toBe('parsed');
    expect(outcome.text).toContain('Technicien de maintenance industrielle');
    expect(outcome.flags).toEqual(
      expect.arrayContaining([
        'pdf_javascript_ignored',
        'pdf_launch_action_ignored',
        'pdf_embedded_files_ignored',
        'pdf_open_action_ignored',
      ]),
    );
  });

  it('F4: the pdf.js bundle has no eval path at all (CVE-2024-4367 compiled font paths with new Function)', () => {
    const bundle = readFileSync(join(repoRoot(), 'node_modules/unpdf/dist/pdfjs.mjs'), 'utf8');
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle).not.toMatch(/new Function\s*\(|[^.\w]eval\s*\(/);
  });

  it('F3: a DOCX with macros and a remote image gives its text; the macros and the link are ignored', async () => {
    const outcome = await extractCvText(
      docxFile(['Assistante de direction'], {
        macros: true,
        externalImageUrl: 'http://169.254.169.254/latest/meta-data/',
      }),
      'docx',
      DEFAULT_ZIP_LIMITS,
    );
    expect(outcome.state).toBe('parsed');
    expect(outcome.text).toBe('Assistante de direction');
    expect(outcome.flags).toEqual(['macros_ignored']);
  });

  it('an archive whose entry inflates beyond what it declares never reaches mammoth', async () => {
    const lying = docxEntries(['x']).map((e) =>
      e.name === 'word/document.xml'
        ? { ...e, data: Buffer.alloc(2 * 1_048_576, 0x20), declaredSize: 900, localDeclaredSize: 900 }
        : e,
    );
    await expect(extractCvText(buildZip(lying), 'docx', DEFAULT_ZIP_LIMITS)).rejects.toThrow(
      /too many bytes|inflate|size/i,
    );
  });

  it('a file whose content is not the recorded format fails', async () => {
    expect(await extractCvText(docxFile(['x']), 'pdf', DEFAULT_ZIP_LIMITS)).toEqual({
      state: 'failed',
      flags: ['format_changed'],
    });
  });
});
