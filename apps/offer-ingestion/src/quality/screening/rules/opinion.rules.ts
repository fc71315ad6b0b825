import { list, re, TextPattern } from '../text-pattern';

/**
 * R12 — political opinions, union or mutualist activity, elected office, mœurs, sexual
 * orientation and gender identity (C. trav. L1132-1). Equal-opportunity statements name these
 * criteria too (« quelle que soit votre orientation sexuelle »): they are recognised and skipped.
 */
export const OPINION_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R12',
    reason: 'union membership or activity as a condition',
    anchors: list(
      'syndique syndiquee syndiques syndicat syndicats syndical syndicale syndicaliste syndicalistes',
    ),
    regex: re(
      `\\b(?:non|pas|jamais) syndique(?:e|s|es)?\\b|\\b(?:sans|aucun(?:e)?|pas d'|pas de) (?:engagement|appartenance|activite|mandat|passe|affiliation|adhesion)s? (?:a un |a une )?syndica(?:l|le|ux|les|t)\\b|\\b(?:pas de |aucun )?syndicalistes? (?:s'abstenir|exclus)\\b|\\bpas de syndicalistes?\\b`,
    ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R12',
    reason: 'political opinion as a condition',
    anchors: list('politique politiques apolitique militant militante militants parti vote opinions'),
    regex: re(
      `\\b(?:sans|aucun(?:e)?|pas d'|pas de) (?:engagement|appartenance|activite|opinion|affiliation|militantisme|adhesion|mandat)s? (?:politique|a un parti|electif)s?\\b|\\bapolitique (?:exige|exigee|obligatoire|souhaite|uniquement)\\b|\\b(?:militants?|sympathisants?|electeurs?) (?:du |de la |d'un |d'une )?(?:parti|[a-z]+ (?:s'abstenir|exclus))\\b|\\bproches? (?:de nos|des) (?:idees|valeurs politiques)\\b`,
    ),
    // « neutralité politique et religieuse » of a public service is a duty, not a hiring criterion.
    unless: (hit) => /\bneutralite\b/.test(hit.clause.text),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R12',
    reason: 'sexual orientation, gender identity or mœurs as a condition',
    anchors: list(
      'heterosexuel heterosexuelle homosexuel homosexuelle homosexuels gay gays lesbienne lesbiennes trans transgenre transgenres orientation moeurs lgbt lgbtq',
    ),
    regex: re(
      `\\bheterosexuel(?:le)?s?\\b|\\b(?:pas d'|pas de|aucun(?:e)?|sans|non) (?:homosexuel(?:le)?s?|gays?|lesbiennes?|trans(?:genres?)?|lgbtq?\\+?)\\b|\\b(?:homosexuel(?:le)?s?|gays?|lesbiennes?|trans(?:genres?)?) s'abstenir\\b|\\borientation sexuelle (?:exigee|requise|compatible|conforme|traditionnelle)\\b|\\b(?:bonnes?|saines?) moeurs\\b|\\bmoeurs (?:irreprochables|conformes|traditionnelles)\\b`,
    ),
  },
];
