import { list, PatternHit, re, TextPattern } from '../text-pattern';

/**
 * R3 — upper age limits (C. trav. L5331-2) and R4 — indirect age (L1132-1). An age is a limit
 * only when it bounds the candidate: « 10 à 15 ans d'expérience », « depuis 30 ans », « enfants
 * de 6 à 12 ans », « jeunes de 16 à 25 ans » (the public served) are not. The statutory limits of
 * a scheme may be stated with the scheme's name: apprenticeship (16–29 ans révolus, C. trav.
 * L6222-1), service civique (16–25, 30 with a disability), international volunteering (18–28).
 * The contrat de professionnalisation has no upper limit (it is open to jobseekers over 26).
 */

// What follows an age-looking number when it is a duration: « 10 ans d'expérience ».
const DURATION_AFTER =
  /^ ?(?:d'|de |en |dans |sur |au sein |a un |a ce |a des |au poste|minimum d'|au moins d')?(?:experiences?|anciennete|metier|pratique|existence|carriere|activite|expertise|exercice|service|presence|histoire|savoir-faire|recul|permis|poste similaire|poste equivalent|fonction)/;
// What precedes it: « depuis 30 ans », « une expérience de 5 à 10 ans », « fondée il y a 20 ans ».
const DURATION_BEFORE =
  /\b(?:experiences?|anciennete|depuis|il y a|existence|fonde(?:e|s)?|cree(?:e|s)?|carriere|pratique|permis|garantie|duree|pendant|durant|depuis plus)\b|\b(?:contrat|mission|cdd|engagement) de (?=\d)/;
// The people the job serves, not the candidate: « animateur pour enfants de 6 à 12 ans ».
const PUBLIC_SERVED =
  /\b(?:jeunes|enfants|eleves|public|publics|adolescents|ados|beneficiaires|patients|residents|usagers|mineurs|apprenants|etudiants|bebes|nourrissons|familles|personnes agees|seniors|retraites|classes?|groupes?|clients|clientele|accueill[a-z]*|accompagn[a-z]*|encadr[a-z]*|animer|aupres d(?:e|es|')|tranche d'age|ages? de|filles|garcons|joueurs|sportifs|licencies)\b/;
const SCHEME =
  /\b(?:apprenti(?:e|s|es)?|apprentissage|service civique|volontariat international|v\.?i\.?e)\b/;
const LEGAL_WORDING =
  /\b(?:revolus|reglementation|reglementaire|legale?s?|eligib[a-z]*|conditions? d'acces|selon la loi|dispositif|code du travail)\b/;

function isDuration(hit: PatternHit): boolean {
  return DURATION_AFTER.test(hit.after) || DURATION_BEFORE.test(hit.before.slice(-70));
}

function servesPublic(hit: PatternHit): boolean {
  return PUBLIC_SERVED.test(hit.before.slice(-60));
}

/** A statutory bound of a named scheme (apprenticeship, service civique), stated as such. */
function statutoryLimit(hit: PatternHit, low: number | null, high: number): boolean {
  if (high > 30 || (low !== null && low < 15)) return false;
  const clause = hit.clause.text;
  if (SCHEME.test(clause)) return true;
  return hit.ctx.offer.contractType === 'apprenticeship' && LEGAL_WORDING.test(clause);
}

function ageNumbers(hit: PatternHit): number[] {
  return (hit.match[0].match(/\d+/g) ?? []).map(Number);
}

export const AGE_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R3',
    reason: 'age range for the candidate',
    anchors: list('ans'),
    regex: re(
      `\\b(?:entre |de |agee?s? de |age de |age : |age requis :? )?(\\d{2}) ?(?:a|-|et|\\/|au) ?(\\d{2}) ?ans\\b`,
    ),
    unless: (hit) => {
      const [low, high] = ageNumbers(hit) as [number, number];
      if (low < 15 || high > 70 || high <= low) return true;
      return isDuration(hit) || servesPublic(hit) || statutoryLimit(hit, low, high);
    },
  },
  {
    rule: 'R3',
    reason: 'upper age limit',
    anchors: list('ans'),
    regex: re(
      `(?:(?<!au )\\bmoins de|- de|-de|\\bpas plus de|\\bau plus|\\bmaximum|\\bmax|\\bn'excedant pas|\\bne depassant pas|\\bjusqu'a|\\bde -) ?(\\d{2}) ?ans\\b|\\b(\\d{2}) ?ans (?:maximum|max|au plus|au maximum|dernier delai|maxi)\\b`,
    ),
    unless: (hit) => {
      const [age] = ageNumbers(hit) as [number];
      if (age < 16 || age > 70) return true;
      return isDuration(hit) || servesPublic(hit) || statutoryLimit(hit, null, age);
    },
  },
  {
    rule: 'R3',
    reason: 'age limit stated',
    anchors: list('age ages agee agees'),
    regex: re(
      `\\b(?:limite d'age|age (?:maximum|maximal|max|limite)|age (?:inferieur|superieur) a|ages? de moins de)\\b`,
    ),
    unless: (hit) => servesPublic(hit) || statutoryLimit(hit, null, 30),
  },
  {
    rule: 'R3',
    reason: 'older candidates excluded',
    anchors: list('abstenir senior seniors plus'),
    // Every phrasing below holds one of these: its anchors alone are common words.
    requires: ['abstenir', 'senior'],
    regex: re(
      `\\b(?:plus de \\d{2} ans|\\d{2} ans et plus|seniors?|retraites?|quinquagenaires?|quadragenaires?) s'abstenir\\b|\\bpas de seniors?\\b`,
    ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R4',
    reason: '« jeune et dynamique » for the candidate',
    anchors: list('jeune jeunes'),
    regex: re(`\\bjeunes?,? (?:et )?dynamiques?\\b|\\bdynamiques? et jeunes?\\b`),
    // A young team or company describes the employer, not the candidate (see docs/quality.md).
    unless: (hit) =>
      /\b(?:equipe|entreprise|ambiance|societe|structure|start-?up|agence|cabinet|groupe|marque|environnement|enseigne|boite|atmosphere|esprit|cadre|collectif|service|team|pme|tpe|famille|communaute|organisation|association|esn|effectif)s?(?: [a-z]+)?,? (?:tres |plutot |assez )?$/.test(
        hit.before,
      ),
  },
  {
    rule: 'R4',
    reason: 'young graduates only',
    anchors: list('jeune jeunes uniquement exclusivement seulement reserve reservee'),
    regex: re(
      `\\bjeunes? diplome(?:e|s|es)?(?:\\(e\\)s?|\\(es\\))? (?:uniquement|exclusivement|seulement)\\b|\\b(?:uniquement|exclusivement|seulement|reserve(?:e|s|es)? aux?) (?:des |les |aux )?(?:jeunes|juniors?)\\b|\\bjuniors? (?:uniquement|exclusivement|seulement)\\b`,
    ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R4',
    reason: '« jeune femme », « jeune homme »: youth asked with the sex',
    anchors: list('jeune jeunes'),
    regex: re(`\\bjeunes? (?:femme|homme|fille|garcon)s?\\b`),
  },
  {
    rule: 'R4',
    reason: 'a young candidate wanted',
    anchors: list('jeune jeunes'),
    regex: re(
      `\\b(?:profil|personne|candidat(?:e)?|collaborat(?:eur|rice)|recrue|vendeu(?:r|se)|equipier(?:e)?)s? (?:plutot |assez |tres |relativement )?jeunes?\\b|\\b(?:plutot|assez|relativement) jeunes?\\b|\\bjeunes? (?:profil|personne|candidat(?:e)?|recrue|collaborat(?:eur|rice))s?\\b`,
    ),
  },
  {
    rule: 'R4',
    reason: 'older or over-qualified candidates discouraged',
    anchors: list('senior surdimensionne surqualifie surqualifiee generation natives native'),
    regex: re(
      `\\btrop (?:senior|experimente(?:e)?|age(?:e)?|vieux|vieille)s?\\b|\\bprofils? (?:surdimensionne|surqualifie)(?:e|s|es)?\\b|\\bsurqualifie(?:e|s|es)? s'abstenir\\b|\\bgeneration (?:y|z|millenium|millennials)\\b|\\bdigital natives?\\b`,
    ),
  },
  {
    rule: 'R4',
    reason: 'maximum experience',
    anchors: list('maximum max moins plus maximale'),
    // Every phrasing below holds one of these: its anchors alone are common words.
    requires: ['experience'],
    regex: re(
      `\\b(?:pas plus de|au maximum|maximum|max|(?<!au )moins de|au plus) (?:\\d+ (?:a|-) )?\\d+ ans? d'experiences?\\b|\\b\\d+ ans? d'experiences? (?:maximum|max|au maximum|au plus)\\b|\\bexperience (?:maximum|maximale|max) (?:de )?\\d+ ans?\\b`,
    ),
  },
  {
    rule: 'R4',
    reason: "candidate's age asked for",
    anchors: list('age naissance'),
    regex: re(
      `\\b(?:indiquez|indiquer|precisez|preciser|mentionnez|mentionner|avec|joindre|communiquez|communiquer|envoyez|envoyer)(?: nous)? (?:votre |son |leur |l')(?:age|date de naissance)\\b`,
    ),
    evenInEqualOpportunity: true,
  },
];
