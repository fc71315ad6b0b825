import { list, re, TextPattern } from '../text-pattern';

/**
 * R2 — family situation and pregnancy (C. trav. L1142-1 1°, L1132-1). « Enceinte » is also an
 * enclosure or a loudspeaker, « célibataire » a housing type: only a condition on the candidate fires.
 */
export const FAMILY_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R2',
    reason: 'marital status required',
    anchors: list('celibataire celibataires marie mariee maries mariees divorce divorcee pacse pacsee'),
    regex: re(
      `\\b(?:etre |profil |personne |candidat(?:e)?s? |vous etes |de preference |idealement |uniquement |exclusivement )(?:[a-z]+ )?(?:celibataires?|marie(?:e|s|es)?|divorce(?:e|s|es)?|pacse(?:e|s|es)?)\\b|\\b(?:celibataire|marie(?:e)?) (?:exige|exigee|souhaite|souhaitee|obligatoire|uniquement|de preference|impose|imposee)\\b`,
    ),
  },
  {
    rule: 'R2',
    reason: 'children or their absence as a condition',
    anchors: list('enfant enfants abstenir contrainte contraintes charge charges'),
    // Every phrasing below holds one of these: its anchors alone are common words.
    requires: ['enfant', 'abstenir', 'famil'],
    regex: re(
      `\\b(?:sans |pas d'|pas de |aucun |ni )(?:jeunes? )?enfants?(?: a charge| en bas age)?\\b|\\b(?:mere|pere|parent)s? (?:de famille |isole(?:e)?s? )?s'abstenir\\b|\\bpas de (?:contrainte|charge)s? (?:familiale|de famille)s?\\b`,
    ),
    unless: (hit) =>
      /\b(?:garde|accueil|animation|creche|ecole|soin|protection|mineur|jeu|atelier|activite|public)s? ?(?:d'|des? )?$/.test(
        hit.before.slice(-25),
      ),
  },
  {
    rule: 'R2',
    reason: 'pregnancy or maternity plans as a condition',
    anchors: list('enceinte enceintes grossesse grossesses maternite conge'),
    regex: re(
      `\\b(?:non|pas|ne pas etre|ne soyez pas|aucune?) enceintes?\\b|\\benceintes? s'abstenir\\b|\\b(?:pas de|sans|aucun) (?:projet (?:de |d'))?(?:grossesse|maternite|conge maternite|bebe)\\b|\\b(?:projet|desir) (?:de |d')(?:grossesse|maternite|enfant)s?\\b`,
    ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R2',
    reason: 'family situation as a condition',
    anchors: list('familiale famille familial'),
    regex: re(
      `\\b(?:situation (?:familiale|de famille)|vie de famille|contraintes? familiales?) (?:compatible|sans|libre|stable|exigee?|sans contrainte)\\b|\\b(?:libre|degage(?:e)?) de (?:toute |toutes )?(?:obligation|contrainte|attache)s? familiales?\\b`,
    ),
  },
];
