import { list, PatternHit, re, TextPattern } from '../text-pattern';

/**
 * R5 — origin, ethnicity, nationality; R6 — language as an origin proxy; R11 — family name
 * (C. trav. L1132-1). A nationality condition is lawful where a statute imposes it: civil-service
 * posts (statut général, art. L321-1 CGFP), posts needing a defence clearance, the armed forces
 * and police; and proof of the right to work (« titre de séjour », « autorisation de travail ») is
 * not a nationality condition.
 */
const STATUTORY_NATIONALITY =
  /\b(?:habilitation|habilitable|secret(?:-| )defense|confidentiel defense|defense|fonction publique|fonctionnaires?|concours|titulaires? de la fonction|statut(?:aire)?|militaire|armee|gendarmerie|police nationale|douane|magistrat|ressortissants?|union europeenne|espace economique europeen|\bue\b|eee|permis de travail|autorisation de travail|titre de sejour|droit de travailler|work permit|visa)\b/;

const nationalityRequiredByStatute = (hit: PatternHit): boolean =>
  STATUTORY_NATIONALITY.test(hit.ctx.wholeText);

const REGIONS = '(?:alsacien(?:ne)?|breton(?:ne)?|corse|basque|normand(?:e)?|provencal(?:e)?|savoyard(?:e)?)';

const NATIONALITIES =
  '(?:francaise|francais|europeenne|europeen|algerienne|marocaine|tunisienne|portugaise|italienne|espagnole|allemande|britannique|anglaise|americaine|chinoise|turque|polonaise|roumaine|africaine|asiatique|maghrebine|arabe)';

export const ORIGIN_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R5',
    reason: 'ethnic or racial type',
    anchors: list(
      'type typee typees race races peau ethnie ethnique couleur souche blanc blanche caucasien caucasienne',
    ),
    regex: re(
      `\\btype (?:europeen|caucasien|mediterraneen|africain|asiatique|maghrebin|nordique|occidental)(?:ne)?s?\\b|\\b(?:non|pas) typee?s?\\b|\\b(?:de )?race (?:blanche|noire|europeenne)\\b|\\bpeau (?:blanche|claire|noire|mate)\\b|\\b(?:francais|francaise)s? de souche\\b|\\b(?:origine|ethnie|couleur) (?:exigee|requise|souhaitee|imposee|obligatoire)\\b|\\bcaucasien(?:ne)?s?\\b|\\bpersonnes? (?:blanche|de couleur)s?\\b`,
    ),
  },
  {
    rule: 'R5',
    reason: 'origin as a condition',
    anchors: list('origine origines originaire originaires etrangers etrangere etranger etrangeres'),
    regex: re(
      `\\b(?:d'origine|origine|originaires?) (?:francaise|europeenne|etrangere|maghrebine|africaine|asiatique|arabe|bretonne|alsacienne|locale|du pays)(?: (?:exigee|requise|souhaitee|uniquement|de preference|obligatoire))?\\b|\\b(?:pas d'|pas de candidats? )etrangers?\\b|\\betrangers? s'abstenir\\b`,
    ),
    // « entreprise d'origine française », « produits d'origine locale » describe the employer.
    unless: (hit) =>
      /\b(?:entreprise|societe|groupe|marque|produits?|capitaux|fabrication|viande|matieres?|lait|bois|ingredients?)s? ?$/.test(
        hit.before,
      ),
  },
  {
    rule: 'R5',
    reason: 'regional origin required',
    anchors: list(
      'alsacien alsacienne breton bretonne corse basque normand normande provencal provencale savoyard savoyarde',
    ),
    regex: re(
      `\\b(?:etre|vous etes|personne|candidat(?:e)?|profil|de preference|uniquement) (?:un |une )?${REGIONS}s?\\b(?! (?:courant|parle|ecrit|lu|exige|bilingue|souhaite))|\\b${REGIONS}s? (?:de preference|uniquement|exclusivement|exige(?:e)?|obligatoire|souhaite(?:e)?)\\b`,
    ),
  },
  {
    rule: 'R5',
    reason: 'nationality required without a statute',
    anchors: list('nationalite nationalites francais francaise francaises'),
    regex: re(
      `\\bnationalite ${NATIONALITIES}(?: (?:exigee|requise|obligatoire|imperative|souhaitee|uniquement|indispensable))?\\b|\\b(?:etre|candidats?|candidates?|personnes?) (?:de nationalite |obligatoirement |uniquement )?(?:francais|francaise)s? (?:uniquement|exclusivement|obligatoirement|exige|exigee|seulement)\\b`,
    ),
    unless: nationalityRequiredByStatute,
  },
  {
    rule: 'R5',
    reason: 'electoral card required',
    anchors: list('electeur electorale'),
    regex: re(`\\bcarte (?:d'electeur|electorale)\\b`),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R6',
    reason: 'native language or accent required',
    anchors: list('accent maternelle native natif natives speaker speakers'),
    regex: re(
      `\\bsans (?:aucun )?accent\\b|\\baccent (?:etranger|regional|prononce)? ?s'abstenir\\b|\\b(?:de )?langue maternelle(?: [a-z]+)?\\b|\\b(?:francais|anglais|allemand|espagnol|italien|arabe|chinois|portugais) (?:langue maternelle|natif|native)\\b|\\bnatifs? (?:francophones?|anglophones?|hispanophones?|germanophones?)\\b|\\bnative speakers?\\b|\\b(?:locuteur|locutrice)s? natif(?:s|ve|ves)?\\b`,
    ),
    // « le bilinguisme, la langue maternelle de nos élèves » describes the public, rare: keep firing.
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R11',
    reason: 'family name as a condition',
    anchors: list('nom noms patronyme consonance'),
    regex: re(
      `\\b(?:nom|patronyme)s? (?:a |de )?consonance\\b|\\bconsonance (?:francaise|etrangere|europeenne|maghrebine|africaine)\\b|\\bnom (?:de famille )?(?:francais|bien francais|europeen|etranger)\\b`,
    ),
    evenInEqualOpportunity: true,
  },
];
