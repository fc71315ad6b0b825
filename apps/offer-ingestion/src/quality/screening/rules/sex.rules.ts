import type { Detector } from '../detector';
import { feminineNouns, genderOf, MACHINE_NAMES } from '../gendered-job-nouns';
import { list, PatternHit, re, TextPattern, words } from '../text-pattern';

/**
 * R1 — sex in the title or the text (C. trav. L1142-1 1°). « H/F » shows the job is open to both
 * sexes after a masculine generic (« Vendeur H/F ») but does not cure a feminine title
 * (« Vendeuse H/F »); double and inclusive forms are neutral (« Vendeur / Vendeuse »,
 * « Serveur·euse », « Assistant(e) »). Sex may be a determining condition for models and roles.
 */

// « h/f », « f / h », « (h-f) », « homme ou femme »… anywhere in the title.
const OPEN_TO_BOTH =
  /(?<![a-z])(?:h ?[/-] ?f|f ?[/-] ?h|hf|fh)(?![a-z])|homme ?(?:ou|et|\/) ?femme|femme ?(?:ou|et|\/) ?homme|\(e\)|·e(?![a-z])/;
// The feminine (or masculine) ending written right after the word: « serveur·euse », « agent(e) ».
const INCLUSIVE_ENDING =
  /^(?:[·./(-] ?|\/ ?)(?:e|euse|se|ne|nne|rice|trice|ice|ere|iere|ienne|ante|ente|ee|esse|fe|le|te|elle|eure|eur|r|ier|ien|er)(?![a-z])\)?/;
// Sex is a determining condition for these (L1142-2, D1142-1: models, artists for a role).
const INCLUSIVE_TITLE = /\(e\)|[·.]e(?![a-z])|\/e(?![a-z])/;
const SEX_MAY_BE_REQUIRED =
  /\b(?:mannequins?|modeles? (?:photo|vivant|pour)|doublure|pour (?:le|un) role|casting|figurant(?:e|s|es)?)\b/;
const WORD = /[a-z]+/g;
const EPICENE_JOB_NOUNS = new Set(
  `secretaire comptable gestionnaire standardiste receptionniste fleuriste responsable stagiaire libraire
   dentiste psychologue analyste architecte aide auxiliaire interprete journaliste photographe graphiste cadre
   medecin pilote manager coach juriste notaire vendeur`.split(/\s+/),
);

/** The word before an adjective is a job noun: « Responsable commerciale », « Comptable confirmée ». */
function followsJobNoun(before: string): boolean {
  const previous = /([a-z]+)[^a-z]*$/.exec(before)?.[1];
  if (previous === undefined) return false;
  const entry = genderOf(previous);
  return EPICENE_JOB_NOUNS.has(previous) || (entry !== null && !entry.adjective);
}

export const genderedJobTitle: Detector = (ctx, out) => {
  const title = ctx.title.folded.text;
  if (title.length === 0) return;
  const openToBoth = OPEN_TO_BOTH.test(title);
  const present = new Set(title.match(WORD) ?? []);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(title); m !== null; m = WORD.exec(title)) {
    const entry = genderOf(m[0]);
    if (entry === null) continue;
    const end = m.index + m[0].length;
    if (INCLUSIVE_ENDING.test(title.slice(end))) continue;
    if (entry.counterparts.some((c) => present.has(c) || present.has(`${c}s`))) continue;
    // « prise en charge », « en charge de » : the noun, not the job « chargé ».
    if (entry.lemma === 'charge' && /(?:en|de) $/.test(title.slice(Math.max(0, m.index - 3), m.index)))
      continue;
    if (entry.gender === 'm' && openToBoth) continue;
    // « Chauffeur balayeuse », « conducteur de balayeuse »: the machine driven, not the driver.
    if (
      MACHINE_NAMES.has(entry.lemma) &&
      /(?:[a-z]+ (?:de |d'une |sur |la |une )?)$/.test(title.slice(0, m.index))
    )
      continue;
    // « Un(e) ingénieur(e) expérimentée »: an adjective left unpaired in an inclusive title.
    if (entry.adjective && INCLUSIVE_TITLE.test(title)) continue;
    // « Administrateur des données commerciales »: the adjective agrees with a thing, not the hire.
    if (entry.adjective && m.index > 0 && !followsJobNoun(title.slice(0, m.index))) continue;
    if (SEX_MAY_BE_REQUIRED.test(ctx.wholeText)) return;
    out.push({
      ruleId: 'R1',
      field: 'title',
      start: m.index,
      end,
      ...(entry.gender === 'f'
        ? { reason: 'feminine job title (« H/F » does not make a feminine title neutral)' }
        : {
            // The masculine generic is French's default form: a missing « H/F » is reworded, not refused.
            reason: 'masculine job title without « H/F » or the feminine form',
            severity: 'flag' as const,
            suggestion: 'Ajoutez « (H/F) » ou la forme féminine : « Boulanger / Boulangère (H/F) ».',
          }),
    });
  }
};

const FEMININE = words(...feminineNouns());
const FEMININE_ADJECTIVES = words(
  'serieuse',
  'motivee',
  'souriante',
  'rigoureuse',
  'organisee',
  'experimentee',
  'polyvalente',
  'qualifiee',
  'diplomee',
  'confirmee',
  'douce',
  'coquette',
  'elegante',
  'jolie',
  'belle',
  'mignonne',
  'feminine',
  'charmante',
  'avenante',
  'soignee',
  'discrete',
  'ponctuelle',
  'attentionnee',
  'minutieuse',
  'travailleuse',
  'courageuse',
  'consciencieuse',
  'bienveillante',
  'accueillante',
  'dynamique et souriante',
);
// One form for both sexes: the adjective after them shows which sex is wanted (« secrétaire sérieuse »).
const EPICENE_NOUNS = words(
  'secretaire',
  'comptable',
  'gestionnaire',
  'standardiste',
  'receptionniste',
  'fleuriste',
  'responsable',
  'stagiaire',
  'collaborat(?:eur|rice)',
  'libraire',
  'dentiste',
  'psychologue',
  'analyste',
  'architecte',
  'aide',
  'auxiliaire',
  'interprete',
  'journaliste',
  'photographe',
  'graphiste',
  'esthetic(?:ien|ienne)',
);
const RECRUITING = words(
  'recherch(?:e|ons|ent|ez|ons activement)',
  'recrut(?:e|ons|ent|ement)',
  'cherch(?:e|ons|ent)',
  'embauch(?:e|ons|ent)',
  "a la recherche d(?:e |')",
  "poste d(?:e |')",
  "en tant qu(?:e |')",
  "en qualite d(?:e |')",
  'vous etes',
  'devenez',
  'deviendrez',
  "besoin d(?:e |')",
  'urgent ?:?',
  'future',
  'nouvelle',
);
const PERSON_OF_ONE_SEX = '(?:femme|homme|dame|fille|garcon|monsieur|madame)s?';
const BOTH_SEXES_AFTER =
  /^ ?(?:ou|et|\/|ou un|ou une|comme) ?(?:un |une |des )?(?:hommes?|femmes?|garcons?|filles?)/;
const BOTH_SEXES_BEFORE = /(?:hommes?|femmes?) ?(?:ou|et|\/|comme aux|comme) ?(?:des |les |aux )?$/;

const notBothSexes = (hit: PatternHit): boolean =>
  BOTH_SEXES_AFTER.test(hit.after) || BOTH_SEXES_BEFORE.test(hit.before);

// « vendeur ou vendeuse », « vendeuse / vendeur », « vendeuse(eur) »: both forms are offered.
const doubleForm = (hit: PatternHit): boolean => {
  const noun = /[a-z]+$/.exec(hit.match[0])![0];
  const counterparts: readonly string[] = genderOf(noun)?.counterparts ?? [];
  const near: readonly string[] =
    `${hit.before.slice(-40)} ${hit.match[0]} ${hit.after.slice(0, 40)}`.match(WORD) ?? [];
  return (
    INCLUSIVE_ENDING.test(hit.after) || counterparts.some((c) => near.includes(c) || near.includes(`${c}s`))
  );
};

// « sérieux / sérieuse », « sérieux ou sérieuse »: the masculine is written too.
const bothAdjectives = (hit: PatternHit): boolean =>
  /[a-z]+ ?(?:\/|ou) ?$/.test(
    hit.before.slice(-20) + hit.match[0].slice(0, hit.match[0].lastIndexOf(' ') + 1),
  ) ||
  /^ ?(?:\/|ou) ?[a-z]+/.test(hit.after) ||
  INCLUSIVE_ENDING.test(hit.after);

const PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R1',
    reason: 'person of one sex named as the wanted candidate',
    anchors: list('jeune'),
    regex: re(`\\bjeunes? (?:femme|homme|fille|garcon)s?\\b`),
    unless: notBothSexes,
  },
  {
    rule: 'R1',
    reason: 'gendered job name',
    anchors: list('femme homme dame garcon fille femmes hommes'),
    regex: re(
      `\\b(?:(?:femme|homme)s? (?:de (?:menage|chambre|service|terrain|confiance|peine|entretien|salle)|d'entretien|a tout faire|toutes mains|de main)|dames? (?:de compagnie|de service|pipi)|garcons? (?:de cafe|d'etage|de salle|de course)|filles? (?:de salle|de comptoir))\\b`,
    ),
    unless: notBothSexes,
  },
  {
    rule: 'R1',
    reason: 'sex stated as a condition',
    anchors: list('sexe masculin feminin masculine feminine'),
    regex: re(
      `\\b(?:de )?sexe (?:masculin|feminin)\\b|\\b(?:profil|candidat|candidature|poste|personnel|equipe)s? (?:exclusivement |uniquement |strictement )?(?:masculin|feminin)e?s?\\b(?! ou)`,
    ),
    unless: (hit) =>
      /\b(?:masculin|feminin)e?s? (?:ou|et|comme) (?:masculin|feminin)/.test(hit.match[0] + hit.after),
  },
  {
    rule: 'R1',
    reason: 'job reserved to one sex',
    anchors: list(
      'femmes hommes filles garcons dames messieurs reserve reservee reserves uniquement exclusivement seulement',
    ),
    regex: re(
      `\\b(?:uniquement|exclusivement|seulement|que|reserve(?:e|s|es)? aux?) (?:des |les |aux |a des )?(?:femmes|hommes|filles|garcons|dames|messieurs|candidates)\\b|\\b(?:femmes|hommes|filles|garcons|dames|messieurs|candidatures? (?:feminines?|masculines?)) (?:uniquement|exclusivement|seulement)\\b`,
    ),
    // « club de fitness dédié exclusivement aux femmes »: the clientele, not the staff.
    unless: (hit) =>
      notBothSexes(hit) ||
      (/\b(?:club|salle|centre|institut|clientele|espace|cours|seances?|residence|foyer|boutique|magasin|dedie|destine|consacre)e?s?\b/.test(
        hit.before.slice(-40),
      ) &&
        !/\b(?:poste|emploi|candidat|recrut)/.test(hit.before.slice(-40))),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R1',
    reason: 'a woman or a man sought',
    anchors: list('femme homme dame fille garcon monsieur madame'),
    regex: re(`\\b${RECRUITING} (?:[a-z']+ ){0,2}?(?:un |une |d'un |d'une |des )?${PERSON_OF_ONE_SEX}\\b`),
    unless: notBothSexes,
  },
  {
    rule: 'R1',
    reason: 'feminine job name for the wanted candidate',
    anchors: feminineNouns(),
    // The noun right after the verb or after its article: « recherche vendeuse », « recrutons une
    // assistante »; « recherche des équipes soignantes » is an adjective after another noun.
    regex: re(
      `\\b${RECRUITING} (?:(?:[a-z']+ ){0,3}?(?:une |d'une |des |notre |votre |la |future |nouvelle ))?${FEMININE}\\b`,
    ),
    fields: ['description'],
    unless: doubleForm,
  },
  {
    rule: 'R1',
    reason: 'the wanted candidate described in the feminine',
    anchors: list('candidate collaboratrice candidates'),
    regex: re(
      `\\b(?:la|une|votre|notre|nos|les) (?:future |nouvelle |futures |nouvelles )?(?:candidate|collaboratrice)s?\\b(?![·.(/-])`,
    ),
    fields: ['description'],
    // « le ou la candidate », « un/une candidate », « candidat ou candidate » are inclusive.
    unless: (hit) =>
      /^ ?(?:ou|\/|et) ?(?:le |un |du )?(?:candidat|collaborateur)/.test(hit.after) ||
      /(?:candidat|collaborateur|le|un|l')s? ?(?:ou|\/|et) ?$/.test(hit.before),
  },
  {
    rule: 'R1',
    reason: 'feminine adjective for the wanted candidate',
    anchors: list(
      'serieuse motivee souriante rigoureuse organisee experimentee polyvalente qualifiee diplomee confirmee douce coquette elegante jolie belle mignonne charmante avenante soignee discrete ponctuelle attentionnee minutieuse travailleuse courageuse consciencieuse bienveillante accueillante',
    ),
    regex: re(
      `\\b(?:${EPICENE_NOUNS}|vous etes|etre|serez) (?:(?:tres|plutot|assez|vraiment|particulierement|[a-z]+ment|dynamique|autonome|disponible),? (?:et )?)?${FEMININE_ADJECTIVES}\\b(?![·.(/-])`,
    ),
    unless: bothAdjectives,
  },
];

// A model or an actor for a role may be chosen by sex (C. trav. R1142-1): no R1 in such offers.
export const SEX_PATTERNS: readonly TextPattern[] = PATTERNS.map((p) => ({
  ...p,
  unless: (hit) => SEX_MAY_BE_REQUIRED.test(hit.ctx.wholeText) || (p.unless?.(hit) ?? false),
}));
