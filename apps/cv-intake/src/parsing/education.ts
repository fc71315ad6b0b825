import type { CvProfile } from '@vigie/contracts';
import { dateRangesIn } from './date-ranges';
import { fold } from './fold';

export type Education = CvProfile['education'][number];

// French and English degree words, folded; a line naming none is an institution or a detail.
const DEGREE =
  /(?<![a-z])(?:master|mastere|msc|m\.sc|licence|license|bachelor|bachelors|bsc|b\.sc|bts|dut|but|bac|baccalaureat|cap|bep|doctorat|doctorate|phd|ph\.d|diplome|titre professionnel|ingenieur|engineering degree|mba|bba|deug|dess|dea|b\.?e|b\.?\s?tech|m\.?\s?tech|bca|mca|b\.?com|m\.?com|b\.?a|m\.?a|b\.?s|m\.?s|b\.?m\.?m|h\.?s\.?c|s\.?s\.?c|sslc|ll\.?b|ll\.?m|polytechnic|secondary|associate|certificate|certificat|degree|diploma|high school|lycee)(?![a-z])/;

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');

/**
 * The degrees of an education section: « Master en informatique — Université de Lyon, 2015 – 2017 »
 * gives { degree: « Master », field: « informatique » }. Institutions and years are dropped (age
 * proxies, and the contract has no field for them).
 */
export function educationIn(lines: readonly string[]): Education[] {
  const out: Education[] = [];
  for (const line of lines) {
    let rest = line;
    for (const r of dateRangesIn(line).reverse())
      rest = rest.slice(0, r.index) + rest.slice(r.index + r.length);
    // The degree comes first; the institution follows a dash, a bar, a comma or « at ».
    const [head = ''] = rest
      .replace(/[()]/g, ' ')
      .split(/\s[—–|]\s|\s-\s|,\s|\s{2,}|\s(?:at|from|à l'|à la|à|chez)\s/u)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    if (!DEGREE.test(fold(head))) continue;
    const m = /^(.+?)\s+(?:in|en|:|-)\s+(.+)$/u.exec(head);
    const degree = clip((m?.[1] ?? head).replace(/[\s:.-]+$/u, ''), 200);
    if (degree.length === 0) continue;
    out.push({ degree, field: m?.[2] ? clip(m[2], 200) : null });
    if (out.length === 20) break;
  }
  return out;
}
