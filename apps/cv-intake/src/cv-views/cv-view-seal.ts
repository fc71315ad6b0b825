import { CvView, CvViewedV1, CvViewerSchema, isSealedCvView, SealedCvView } from '@vigie/contracts';
import { SubjectCipher, SubjectCipherError } from '@vigie/kernel';

/**
 * Who viewed a CV is sealed under the CV's key (the subject is the CV: destroyed with its row, by
 * an erasure or the retention, in that transaction). A clear record (written before sealing) is
 * read as it is.
 */
export async function sealCvView(cipher: SubjectCipher, view: CvView): Promise<SealedCvView> {
  const viewer = JSON.stringify({ recruiterId: view.recruiterId, company: view.company });
  return {
    viewId: view.viewId,
    cvId: view.cvId,
    viewer: await cipher.encrypt(view.cvId, viewer),
    viewedAt: view.viewedAt,
  };
}

/** The clear view; `subject-erased` once the CV's key is gone, `envelope-invalid` for a bad viewer. */
export async function openCvView(cipher: SubjectCipher, record: CvViewedV1): Promise<CvView> {
  if (!isSealedCvView(record)) return record;
  const text = await cipher.decrypt(record.cvId, record.viewer);
  let viewer: unknown;
  try {
    viewer = JSON.parse(text);
  } catch {
    viewer = undefined;
  }
  const parsed = CvViewerSchema.safeParse(viewer);
  if (!parsed.success) {
    throw new SubjectCipherError('envelope-invalid', 'the sealed viewer is not { recruiterId, company }');
  }
  return { viewId: record.viewId, cvId: record.cvId, ...parsed.data, viewedAt: record.viewedAt };
}
