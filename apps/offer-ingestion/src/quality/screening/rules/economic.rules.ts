import { list, re, TextPattern } from '../text-pattern';

/**
 * R13 — particular economic vulnerability (C. trav. L1132-1). Excluding jobseekers, minimum-income
 * recipients or people in debt blocks. A subsidised contract may only say it is open to the
 * eligible public: France Travail prints « Contrat d'insertion, vérifiez votre éligibilité auprès
 * de votre conseiller », which is lawful; « les candidats devront être bénéficiaires du RSA » is
 * flagged for rewording.
 */
export const ECONOMIC_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R13',
    reason: 'economically vulnerable candidates excluded',
    anchors: list(
      'rsa chomeurs chomage demandeurs surendettes surendettement interdit interdits fiche fiches precaires sdf aides minima beneficiaires abstenir',
    ),
    regex: re(
      `\\b(?:pas de|aucun|sans|non) (?:beneficiaires? (?:du |des |de l')?)?(?:rsa|chomeurs?|demandeurs? d'emploi|allocataires?|minima sociaux|personnes? au chomage|surendette(?:e)?s?|interdits? bancaires?|sdf|precaires?)\\b|\\b(?:rsa|chomeurs?|demandeurs? d'emploi|allocataires?|beneficiaires? (?:du |des )?(?:rsa|minima sociaux|aides sociales)|surendette(?:e)?s?|interdits? bancaires?|fiche(?:e)?s? (?:a la )?banque de france) s'abstenir\\b|\\b(?:ne pas etre|ne pas avoir ete) (?:au chomage|fiche(?:e)?|interdit(?:e)? bancaire|surendette(?:e)?)\\b`,
    ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R13',
    reason: 'subsidised-contract eligibility written as a condition on candidates',
    anchors: list('devront devra doivent doit obligatoirement imperativement'),
    regex: re(
      `\\b(?:les |le )?candidat(?:e)?s? (?:devront|devra|doivent|doit) (?:obligatoirement |imperativement )?(?:etre|avoir ete) (?:beneficiaires?|inscrit(?:e)?s? (?:a|au|comme) (?:france travail|pole emploi|chomage|demandeur)|allocataires?|eligibles?|demandeurs? d'emploi|au chomage|indemnise(?:e)?s?)\\b`,
    ),
    severity: 'flag',
    suggestion:
      "Écrivez « poste ouvert au public éligible au contrat de … » et laissez l'éligibilité au prescripteur.",
  },
];
