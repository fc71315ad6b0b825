import type { OfferTexts } from '@vigie/testing';
import { seededRandom } from '@vigie/testing';

/** Words and spellings that exercise synonyms, gendered forms and the chain's special tokens. */
const SPECIAL = [
  'dev',
  'RH',
  'infirmière',
  'infirmier',
  'vendeuse',
  'caissière',
  'ingénieure',
  'aide-soignante',
  'C++',
  'C#',
  '.NET',
  'node.js',
  'Bac+2',
  'H/F',
  "l'équipe",
  'd’expérience',
  'Œuvre',
  'cœur',
  'ASH',
  'front-end',
  'e-commerce',
  'manageuse',
  'hôtesse',
  'PL',
  'BTP',
  'chef',
  'cheffe',
  'développeuse',
];

/**
 * Queries built from real titles with a seeded PRNG: one to three of a title's words, sometimes a
 * quoted run of two or three consecutive words, sometimes an exclusion taken from another title,
 * sometimes a word from SPECIAL. They are meant to be realistic, not adversarial.
 */
export function queriesFromTitles(offers: readonly OfferTexts[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words = (title: string) => title.split(/\s+/).filter((w) => w.length > 1 && !/["“”«»„]/.test(w));
  const out: string[] = [];
  while (out.length < count) {
    const title = words(pick(offers).title);
    if (title.length === 0) continue;
    const parts: string[] = [];
    const n = 1 + Math.floor(random() * Math.min(3, title.length));
    for (let i = 0; i < n; i++) parts.push(pick(title));
    if (random() < 0.3 && title.length >= 2) {
      const at = Math.floor(random() * (title.length - 1));
      parts.push(`"${title.slice(at, at + 2 + Math.floor(random() * 2)).join(' ')}"`);
    }
    if (random() < 0.3) parts.push(`-${pick(words(pick(offers).title).concat('stage'))}`);
    if (random() < 0.1) parts.push(`-"${title.slice(0, 2).join(' ')}"`);
    if (random() < 0.25) parts.push(pick(SPECIAL));
    out.push(parts.join(' '));
  }
  return out;
}
