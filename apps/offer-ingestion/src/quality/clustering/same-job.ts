import { SIGNATURE_SIZE, type OfferFingerprint } from './offer-fingerprint';

/**
 * Thresholds measured on the labelled pairs (test-fixtures/quality/duplicate-pairs.json,
 * docs/quality.md): copies of one ad by one employer keep most of their text; a job reposted by
 * another company (an agency, a multiposter) must keep nearly all of it.
 */
export const SAME_JOB = {
  /** Jaccard similarity of the titles' content words (unless one title contains the other). */
  minTitleSimilarity: 0.65,
  /** Same (or unnamed) employer, same title: a re-post rewords part of the ad. */
  minTextSimilarity: 0.5,
  /** Same employer, title reworded (« Data Engineer Confirmé » / « … Confirmé BI »): more text in common. */
  minTextSimilarityRetitled: 0.66,
  /** Another named employer (an agency, a multiposter): most of the text in common. */
  minTextSimilarityAcrossCompanies: 0.7,
} as const;

/** Share of equal MinHash bins: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function textSimilarity(a: Uint16Array, b: Uint16Array): number {
  let equal = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) equal++;
  return equal / SIGNATURE_SIZE;
}

function commonWords(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return common;
}

/** Jaccard similarity of two sorted, unique hash lists. */
export function titleSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const common = commonWords(a, b);
  return common / (a.length + b.length - common);
}

/** Share of the shorter title's words found in the other. */
export function titleContainment(a: Uint32Array, b: Uint32Array): number {
  const shorter = Math.min(a.length, b.length);
  return shorter === 0 ? (a.length === b.length ? 1 : 0) : commonWords(a, b) / shorter;
}

/**
 * How likely two offers are one job, in [0, 1], or null when they are not: the same place
 * (a job in another commune is another job), a similar title and a similar text.
 */
export function sameJobScore(a: OfferFingerprint, b: OfferFingerprint): number | null {
  if (a.placeKey !== b.placeKey) return null;
  const title = titleSimilarity(a.titleWords, b.titleWords);
  // A title may also grow by words (« DBA SQL » / « DBA SQL/Big Data », « … - Saint-Nazaire »).
  if (title < SAME_JOB.minTitleSimilarity && titleContainment(a.titleWords, b.titleWords) < 1) return null;
  const text = textSimilarity(a.signature, b.signature);
  const otherCompany = a.companyKey !== null && b.companyKey !== null && a.companyKey !== b.companyKey;
  const needed = otherCompany
    ? SAME_JOB.minTextSimilarityAcrossCompanies
    : title < 1
      ? SAME_JOB.minTextSimilarityRetitled
      : SAME_JOB.minTextSimilarity;
  if (text < needed) return null;
  return (3 * text + title) / 4;
}
