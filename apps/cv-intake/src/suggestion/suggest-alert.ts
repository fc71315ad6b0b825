import { type CvProfile, type SearchCriteria, SearchCriteriaSchema } from '@vigie/contracts';
import type { ParsingDecision } from '../parsing/build-profile';
import { MAX_TITLE_KEYWORDS, titleKeywords } from './title-keywords';

/** Why a title word was left out, as the candidate is told (stop words are not worth a line). */
const DROPPED_BECAUSE = {
  personal: 'it says something about the person, not the job',
  limit: `an alert requires every word: at most ${MAX_TITLE_KEYWORDS}`,
} as const;

/** `POST /v1/alerts`'s body (alert-matcher): the suggestion is shown and sent exactly as this. */
export interface CreateAlertBody {
  criteria: SearchCriteria;
}

export interface AlertSuggestion {
  body: CreateAlertBody;
  /** What the machine proposed, from which field of the profile (also written to the decision log). */
  decisions: ParsingDecision[];
}

/**
 * The radius around the desired commune: a large city has offers close by, a small commune's
 * candidates commute further (INSEE's legal population).
 */
export function radiusKmFor(population: number | null): number {
  if (population !== null && population >= 200_000) return 10;
  if (population !== null && population >= 20_000) return 20;
  return 30;
}

const decision = (field: string, action: string): ParsingDecision => ({ step: 'suggest', field, action });

/**
 * A CV profile (parsed or corrected by the candidate) → the criteria of an alert: the words of the
 * current title (else the latest past one), the desired commune with a radius from its size, the
 * contract types sought. Only these fields are read: skills, education, languages, experience and
 * the summary never reach the alert. Undefined when there is neither a title word nor a commune.
 */
export function suggestAlert(
  profile: CvProfile,
  populationOf: (communeCode: string) => number | null,
): AlertSuggestion | undefined {
  const decisions: ParsingDecision[] = [];
  const titleField = profile.title !== null ? 'title' : 'pastTitles';
  const title = profile.title ?? profile.pastTitles[0] ?? null;
  const keywords = titleKeywords(title);
  if (keywords.words.length > 0) {
    decisions.push(
      decision(
        titleField,
        `alert keywords « ${keywords.words.join(' ')} » from the ${titleField === 'title' ? 'current title' : 'latest past title'}`,
      ),
    );
  }
  for (const d of keywords.dropped) {
    if (d.reason !== 'no-term')
      decisions.push(decision(titleField, `« ${d.word} » left out: ${DROPPED_BECAUSE[d.reason]}`));
  }
  const commune = profile.commune;
  const radiusKm = commune ? radiusKmFor(populationOf(commune.code)) : null;
  if (commune && radiusKm !== null) {
    decisions.push(
      decision('commune', `alert place ${commune.name} (${commune.code}) within ${radiusKm} km`),
    );
  }
  if (profile.contractTypes.length > 0) {
    decisions.push(decision('contractTypes', `alert contracts ${profile.contractTypes.join(', ')}`));
  }
  if (keywords.words.length === 0 && !commune) return undefined;
  const criteria = SearchCriteriaSchema.parse({
    q: keywords.words.length > 0 ? keywords.words.join(' ') : null,
    where: commune ? { kind: 'commune', communeCode: commune.code, radiusKm } : null,
    contractTypes: [...new Set(profile.contractTypes)],
  });
  return { body: { criteria }, decisions };
}
