import { list, re, TextPattern } from '../text-pattern';

/**
 * R9 — physical appearance (C. trav. L1132-1). Flagged rather than blocked: « bonne présentation »
 * usually means a dress code and is reworded after review. « Présentation du poste », « présentation
 * orale », « présentation des résultats » are not about the candidate. Models and roles excepted.
 */
const ROLE = /\b(?:mannequins?|modeles? (?:photo|vivant|pour)|casting|pour (?:le|un) role|figurant)/;

export const APPEARANCE_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R9',
    reason: 'appearance of the candidate',
    anchors: list('presentation physique apparence allure look presente presentable'),
    regex: re(
      `\\b(?:bonne|excellente|tres bonne|belle|parfaite|impeccable) (?:presentation|apparence|allure)(?! (?:du|de la|des|de l'|d'|orale|ecrite|power ?point|client|commerciale|technique|de projet|de nos|de vos))\\b|\\bpresentation (?:soignee|impeccable|irreprochable|agreable|exigee)\\b|\\b(?:physique|look) (?:agreable|avenant|attrayant|irreprochable|soigne|exige|jeune|de mannequin)\\b|\\b(?:belle|agreable) (?:apparence|physique|gueule)\\b|\\b(?:bien|tres bien) (?:presente(?:e)?|physiquement)(?! (?:dans|sur|en|au|aux|a|par|le|la|les))\\b|\\bpresentable\\b`,
    ),
    // « la présentation impeccable des lieux »: the premises, not the candidate.
    unless: (hit) =>
      ROLE.test(hit.ctx.wholeText) || /^ ?(?:du|de la|des|de l'|d'|de nos|de vos|de ses)\b/.test(hit.after),
  },
  {
    rule: 'R9',
    reason: 'physical features or a photograph required',
    anchors: list(
      'photo photos photographie cheveux yeux taille poids mince minceur tatouage tatouages piercing piercings barbe mesurant',
    ),
    regex: re(
      `\\b(?:cv )?(?:avec |et )?photos? (?:exigee?s?|obligatoires?|imperatives?|indispensables?|requises?|recentes? exigee?s?|en pied)\\b|\\b(?:joindre|envoyer|envoyez|joignez)(?: nous)? (?:une |votre |vos )?photos?\\b|\\bcheveux (?:courts|longs|blonds|bruns|attaches)\\b|\\byeux (?:bleus|verts|clairs|marron)\\b|\\b(?:taille|poids) (?:minimum|maximum|minimale|maximale|max|min|requise?|exigee?)\\b|\\btaille (?:mannequin|\\d+)\\b|\\b(?:mince|silhouette fine)\\b|\\b(?:sans|pas de|aucun) (?:tatouages?|piercings?|barbe) (?:visibles?)?\\b|\\bmesurant (?:au moins|plus de|moins de)? ?\\d`,
    ),
    unless: (hit) =>
      ROLE.test(hit.ctx.wholeText) ||
      /\b(?:equipement|materiel|machine|piece|produit|colis|charge|vetement|stock|lot)s?(?: [a-z]+)? $/.test(
        hit.before,
      ),
  },
];
