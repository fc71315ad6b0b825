import { list, PatternHit, re, TextPattern } from '../text-pattern';

/**
 * R8 — health and disability (C. trav. L1132-1). The candidate's health or the absence of a
 * disability as a condition blocks; a company or equipment « en bonne santé », health as the
 * job's subject (« santé des jeunes enfants ») and offers open to disabled workers do not.
 * Physical demands are to be described as tasks (« port de charges jusqu'à 25 kg »).
 */
const NOT_THE_CANDIDATE = (hit: PatternHit): boolean =>
  /\b(?:entreprise|societe|groupe|structure|marche|secteur|economie|finances?|equipements?|systemes?|reseaux?|installations?|parc|serveurs?|machines?|animaux|plantes|arbres|cultures|patients?|residents?|enfants|population|salaries|collaborateurs|equipes?)s?(?: [a-z]+){0,2} (?:en |a |est |sont |et |,)?(?:une |la |sa |leur )?$/.test(
    hit.before,
  ) ||
  /^ ?(?:financiere|economique|des |de (?:l'|la |nos |vos |ses )|du |d'un|d'une)/.test(hit.after) ||
  /\b(?:preserver|veiller|surveill[a-z]*|suivi|garantir|assurer|maintenir|contribuer|promouvoir|favoriser|prevention)\b/.test(
    hit.before.slice(-40),
  );

export const HEALTH_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R8',
    reason: "candidate's health as a condition",
    anchors: list('sante'),
    regex: re(
      `\\b(?:en )?(?:bonne|parfaite|excellente) sante\\b|\\b(?:etat de sante|sante) (?:parfait|irreprochable|compatible|sans faille)\\b`,
    ),
    // « une entreprise en bonne santé », « la bonne santé des équipements / financière ».
    unless: NOT_THE_CANDIDATE,
  },
  {
    rule: 'R8',
    reason: 'physical fitness as a condition',
    anchors: list('condition forme physique'),
    regex: re(`\\b(?:en )?(?:bonne|parfaite|excellente|tres bonne) (?:condition|forme) physique\\b`),
    unless: NOT_THE_CANDIDATE,
    // Often stands for real physical tasks: published, reworded after review.
    severity: 'flag',
    suggestion:
      "Décrivez les tâches physiques : « travail en extérieur par tous les temps, port de charges jusqu'à 25 kg ».",
  },
  {
    rule: 'R8',
    reason: 'able-bodied candidate or no disability required',
    anchors: list(
      'valide valides handicap handicapes handicape handicapee handicapees medical medicaux maladie sante',
    ),
    regex: re(
      `\\bpersonnes? valides?\\b|\\b(?:sans|aucun|pas de|non) (?:handicap|handicape(?:e|s|es)?|travailleurs? handicapes?|probleme de sante|problemes de sante|antecedents? medicaux|maladie chronique|arret maladie)\\b|\\b(?:handicapes?|travailleurs? handicapes?|rqth) s'abstenir\\b|\\bpas de (?:personnes? )?(?:en situation de handicap|rqth)\\b`,
    ),
    unless: (hit) => /^ ?(?:n'est|ne sera|ne constitue|n'est pas|ne pose)/.test(hit.after),
    evenInEqualOpportunity: true,
  },
];
