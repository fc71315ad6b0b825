/** Lower case, no accents, single spaces (no-break spaces included): for matching source wordings. */
export function foldWording(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}
