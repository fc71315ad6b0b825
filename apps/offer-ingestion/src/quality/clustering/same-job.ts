import { SIGNATURE_SIZE, type OfferFingerprint } from './offer-fingerprint';

/**
 * Thresholds measured on the labelled pairs (test-fixtures/quality/duplicate-pairs.json,
 * docs/quality.md): copies of one ad by one employer keep most of their text; a job reposted by
 * another company (an agency, a multiposter) must keep nearly all of it.
 */
export const SAME_JOB = {
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

/** Jaccard similarity of two sorted, unique hash lists. */
export function titleSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
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
  return common / (a.length + b.length - common);
}

/**
 * How likely two offers are one job, in [0, 1], or null when they are not: the same place
 * (a job in another commune is another job), a similar title and a similar text.
 */
export function sameJobScore(a: OfferFingerprint, b: OfferFingerprint): number | null {
  if (a.placeKey !== b.placeKey) return null;
  const title = titleSimilarity(a.titleWords, b.titleWords);
  if (title < SAME_JOB.minTitleSimilarity) return null;
  const text = textSimilarity(a.signature, b.signature);
  const otherCompany = a.companyKey !== null && b.companyKey !== null && a.companyKey !== b.companyKey;
  if (text < (otherCompany ? SAME_JOB.minTextSimilarityAcrossCompanies : SAME_JOB.minTextSimilarity))
    return null;
  return (3 * text + title) / 4;
}
