/**
 * The candidate's file name as harmless metadata (F10): the last path segment only, control
 * characters (CR, LF, NUL…) and bidi overrides removed, NFC, at most 200 code points. It is shown
 * back to its owner and never used as a path or storage key (keys are random UUIDs).
 */
export function sanitiseFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/u, '');
  const limited = Array.from(cleaned).slice(0, 200).join('').trim();
  return limited.length > 0 ? limited : 'cv';
}

/**
 * busboy decodes multipart file names as latin1 unless told otherwise; browsers send UTF-8.
 * Re-decode when the latin1 string is really UTF-8 bytes.
 */
export function decodeMultipartFileName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name)) return name;
  const bytes = Buffer.from(name, 'latin1');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? name : utf8;
}
