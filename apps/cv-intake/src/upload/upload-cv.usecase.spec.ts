import { isDomainError } from '@vigie/kernel';
import { buildZip, docxEntries, docxFile, elfExecutable, pdfFile } from '@vigie/testing';
import { InMemoryCvRepository, InMemoryFileStorage } from '../testing/in-memory-cv-ports';
import { UploadCvUseCase } from './upload-cv.usecase';
import { DEFAULT_ZIP_LIMITS } from './zip-inspection';

function setup() {
  const cvs = new InMemoryCvRepository();
  const storage = new InMemoryFileStorage();
  const upload = new UploadCvUseCase(cvs, storage, { maxBytes: 1_048_576, zip: DEFAULT_ZIP_LIMITS });
  return { cvs, storage, upload };
}

describe('UploadCvUseCase', () => {
  it('stores the original under a random key and the sanitised name as metadata (F10)', async () => {
    const { cvs, storage, upload } = setup();
    const bytes = await pdfFile(['Magasinier cariste']);
    const cv = await upload.execute({ candidateId: 'cand-1', bytes, fileName: '..\\..\\x\r\nb.pdf\u0000' });
    expect(cv).toMatchObject({
      format: 'pdf',
      mediaType: 'application/pdf',
      state: 'received',
      sizeBytes: bytes.length,
    });
    expect(cv.originalName).toBe('xb.pdf');
    expect(cv.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(storage.files.get(cv.storageKey)?.equals(bytes)).toBe(true);
    expect(cvs.rows.size).toBe(1);
  });

  it('decides the format by content: a DOCX named cv.pdf is a DOCX, an ELF named cv.pdf is refused (F7)', async () => {
    const { storage, upload } = setup();
    expect(
      (await upload.execute({ candidateId: 'c', bytes: docxFile(['x']), fileName: 'cv.pdf' })).format,
    ).toBe('docx');
    await expect(
      upload.execute({ candidateId: 'c', bytes: elfExecutable(), fileName: 'cv.pdf' }),
    ).rejects.toMatchObject({
      code: 'CV_UNSUPPORTED_TYPE',
    });
    expect(storage.files.size).toBe(1);
  });

  it('refuses a zip bomb before storing anything (F1)', async () => {
    const { storage, cvs, upload } = setup();
    const bomb = buildZip(
      docxEntries(['x']).map((e) =>
        e.name === 'word/document.xml' ? { ...e, declaredSize: 4_000_000_000 } : e,
      ),
    );
    const error = await upload
      .execute({ candidateId: 'c', bytes: bomb, fileName: 'cv.docx' })
      .catch((e: unknown) => e);
    expect(isDomainError(error, ['CV_ARCHIVE_REFUSED'])).toBe(true);
    expect(storage.files.size).toBe(0);
    expect(cvs.rows.size).toBe(0);
  });

  it('J1: a JSON Resume with __proto__ or constructor.prototype pollutes nothing', async () => {
    const { upload } = setup();
    const hostile =
      '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"basics":{"label":"Comptable","__proto__":{"polluted":1}}}';
    const cv = await upload.execute({ candidateId: 'c', bytes: Buffer.from(hostile), fileName: 'cv.json' });
    expect(cv.format).toBe('json-resume');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a JSON document that is not a JSON Resume, naming the field', async () => {
    const { upload } = setup();
    const error = await upload
      .execute({
        candidateId: 'c',
        bytes: Buffer.from('{"basics":{"name":42},"work":"x"}'),
        fileName: 'a.json',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CV_JSON_RESUME_INVALID' });
    expect((error as { details: Array<{ field: string }> }).details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['file.basics.name', 'file.work']),
    );
  });
});
