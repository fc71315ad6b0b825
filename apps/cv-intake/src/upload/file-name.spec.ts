import { decodeMultipartFileName, sanitiseFileName } from './file-name';

describe('sanitiseFileName (F10)', () => {
  it.each([
    ['..\\..\\x', 'x'],
    ['../../etc/passwd', 'passwd'],
    ['a\r\nb.pdf', 'ab.pdf'],
    ['cv\u0000.pdf.exe', 'cv.pdf.exe'],
    ['\u202Efdp.exe', 'fdp.exe'],
    ['...', 'cv'],
    ['', 'cv'],
    ['  Mon   CV  final.pdf ', 'Mon CV final.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('keeps at most 200 code points of a long Unicode name', () => {
    const name = sanitiseFileName(`${'é'.repeat(250)}😀${'x'.repeat(250)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.startsWith('éé')).toBe(true);
  });

  it('re-decodes UTF-8 names that multipart parsing read as latin1', () => {
    expect(decodeMultipartFileName(Buffer.from('Hélène.pdf', 'utf8').toString('latin1'))).toBe('Hélène.pdf');
    expect(decodeMultipartFileName('plain.pdf')).toBe('plain.pdf');
  });
});
