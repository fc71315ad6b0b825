import { list, re, TextPattern } from '../text-pattern';

/**
 * R10 — place of residence and bank domiciliation (C. trav. L1132-1). Excluding or reserving by
 * where candidates live blocks; stating the workplace, travel or on-call constraints does not
 * (« poste basé à Lyon 7e », « résidence administrative : Bagneux », « logement de fonction »).
 */
export const RESIDENCE_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R10',
    reason: 'candidates chosen by where they live',
    anchors: list(
      'residant residante residants resident residente residents habitant habitante habitants domicilie domiciliee domicilies vivant demeurant resider habiter originaires',
    ),
    regex: re(
      `\\b(?:residant|resident|habitant|domicilie|vivant|demeurant)(?:e|s|es)? (?:(?:a|au|aux|dans|en|sur|sur la commune de|le|la|les|du|de|des) )?(?:[a-z0-9'-]+ ){0,4}?(?:uniquement|exclusivement|seulement|obligatoirement|exige(?:e|s)?|imperativement|requis(?:e)?)\\b|\\b(?:uniquement|exclusivement|seulement|reserve(?:e|s|es)? aux?) (?:les |des |aux )?(?:personnes |candidats? )?(?:residant|resident|habitant|domicilie)(?:e|s|es)?\\b|\\b(?:resider|habiter) (?:obligatoirement|imperativement|uniquement|exclusivement) (?:a|au|aux|dans|en|sur)\\b`,
    ),
  },
  {
    rule: 'R10',
    reason: 'candidates excluded by where they live',
    anchors: list('abstenir banlieue banlieusards cite cites quartier quartiers'),
    regex: re(
      `\\b(?:candidats?|personnes?|habitants?|residents?)? ?(?:du|de la|des|de) (?:\\d{2,3}|banlieue|cites?|quartiers?|[a-z'-]+) s'abstenir\\b|\\b(?:pas de|aucun) (?:candidats? )?(?:du \\d{2,3}|de banlieue|des cites|des quartiers|banlieusards?)\\b|\\bbanlieusards? s'abstenir\\b`,
    ),
    // « débutants s'abstenir », « curieux s'abstenir » are about skills or seriousness.
    unless: (hit) =>
      /\b(?:debutants?|curieux|touristes|indecis|plaisantins|amateurs|profils? juniors?|sans experience|non motives?|non serieux|dilettantes|experience)\b/.test(
        hit.match[0],
      ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R10',
    reason: 'bank domiciliation as a condition',
    anchors: list('bancaire banque domiciliation rib'),
    regex: re(
      `\\b(?:domiciliation bancaire|compte bancaire|rib|banque) (?:en france |francaise? )?(?:exige(?:e)?|obligatoire|uniquement|requis(?:e)?)\\b|\\bdomiciliation bancaire\\b`,
    ),
    // Collecting a RIB for the payroll after hiring is lawful.
    unless: (hit) => /\b(?:paie|salaire|embauche|virement|remboursement)\b/.test(hit.clause.text),
  },
];
