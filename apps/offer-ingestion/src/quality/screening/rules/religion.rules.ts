import { list, re, TextPattern } from '../text-pattern';

/**
 * R7 — religion (C. trav. L1132-1). A faith named for the candidate blocks; an employer of a
 * given ethos describing itself (« établissement catholique d'enseignement ») or the principle of
 * « neutralité religieuse » of a public service does not. A genuine occupational requirement
 * (L1133-1) is for a person to judge: the block sends it to review.
 */
const FAITH =
  '(?:musulman(?:e)?|israelite|juif|juive|catholique|chretien(?:ne)?|protestant(?:e)?|bouddhiste|hindou(?:e)?|athee|evangelique|orthodoxe)s?';

export const RELIGION_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R7',
    reason: 'faith required of the candidate',
    anchors: list(
      'musulman musulmane musulmans israelite juif juive catholique chretien chretienne protestant protestante bouddhiste hindou athee evangelique orthodoxe',
    ),
    regex: re(
      `\\b(?:[a-z]+(?:eur|euse|ier|iere|ien|ienne|iste|ant|ante|e|in|ine|er|ere)|personne|candidat(?:e)?|profil|etre|vous etes|de preference|uniquement|exclusivement)s?(?:\\(e\\))? ${FAITH}\\b|\\b${FAITH} (?:exige|exigee|requis|requise|souhaite|souhaitee|uniquement|de preference|obligatoire|pour (?:remplacement|poste))\\b`,
    ),
    // The employer's own ethos or a principle, not a condition on the candidate.
    unless: (hit) =>
      /\b(?:etablissement|ecole|college|lycee|institution|association|eglise|paroisse|communaute|enseignement|diocese|aumonerie|oeuvre|fondation|culte|fete|tradition|patrimoine|hopital|clinique|neutralite|culture|enseigne|valeur|monde|pays|calendrier|quartier|cuisine|art|histoire|boucherie|restaurant|epicerie|librairie|magasin|commerce|musique|chant|radio|presse|media)s?(?: [a-z]+)? $/.test(
        hit.before + hit.match[0].replace(/\s\S+$/, ' '),
      ) || /\b(?:neutralite|laicite)\b/.test(hit.clause.text),
  },
  {
    rule: 'R7',
    reason: 'religion or its signs as a condition',
    anchors: list('religion confession voile voilee voilees religieuse religieux'),
    regex: re(
      `\\bde (?:religion|confession) [a-z]+\\b|\\b(?:religion|confession) (?:exigee|requise|souhaitee|[a-z]+ (?:exigee|requise|souhaitee))\\b|\\b(?:non|pas) voilee?s?\\b|\\b(?:sans|pas de) (?:voile|signe religieux|signes religieux)\\b|\\bvoilees? s'abstenir\\b`,
    ),
    unless: (hit) => /\b(?:neutralite|laicite)\b/.test(hit.clause.text),
    evenInEqualOpportunity: true,
  },
];
