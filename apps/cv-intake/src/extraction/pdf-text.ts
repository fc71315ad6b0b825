import { definePDFJSModule, extractText, getDocumentProxy } from 'unpdf';

let pdfjsReady: Promise<void> | undefined;
/** unpdf's serverless pdf.js build, loaded once (explicitly, so every runtime loads the same file). */
function loadPdfjs(): Promise<void> {
  pdfjsReady ??= definePDFJSModule(() => import('unpdf/pdfjs'));
  return pdfjsReady;
}

export type PdfText = { kind: 'text'; text: string } | { kind: 'not_extractable'; reason: string };

/** Active or embedded content that is never run or opened, only reported (F5). */
const ACTIVE_CONTENT: ReadonlyArray<[RegExp, string]> = [
  [/\/JavaScript\b|\/JS\s*[(<]/, 'pdf_javascript_ignored'],
  [/\/Launch\b/, 'pdf_launch_action_ignored'],
  [/\/EmbeddedFiles?\b/, 'pdf_embedded_files_ignored'],
  [/\/OpenAction\b/, 'pdf_open_action_ignored'],
  [/\/URI\s*\(/, 'pdf_links_not_followed'],
];

export function pdfFlags(bytes: Buffer): string[] {
  const raw = bytes.toString('latin1');
  return ACTIVE_CONTENT.filter(([pattern]) => pattern.test(raw))
    .map(([, flag]) => flag)
    .sort();
}

/** Fewer letters than this over the whole document reads as a scan (image-only PDF). */
const MIN_LETTERS = 20;

/**
 * PDF text through pdf.js 6 (unpdf's serverless build), no font loading, no XFA, no scripting.
 * CVE-2024-4367 came from pdf.js compiling font paths with `new Function` when `isEvalSupported`
 * was on; pdf.js 5 removed that path and the option with it, and a unit test checks that the
 * bundle holds no `eval(`/`new Function` at all (pdf-text.spec.ts). An encrypted or image-only PDF
 * is reported as not extractable rather than failed.
 */
export async function extractPdfText(bytes: Buffer): Promise<PdfText> {
  await loadPdfjs();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      // Errors only: pdf.js warns on stdout about fonts it is not asked to render.
      verbosity: 0,
      stopAtErrors: false,
    });
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') return { kind: 'not_extractable', reason: 'encrypted' };
    throw e;
  }
  try {
    const { text } = await extractText(pdf, { mergePages: true });
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (letters < MIN_LETTERS) return { kind: 'not_extractable', reason: 'no_text_layer' };
    return { kind: 'text', text: text.trim() };
  } finally {
    await pdf.loadingTask.destroy();
  }
}
