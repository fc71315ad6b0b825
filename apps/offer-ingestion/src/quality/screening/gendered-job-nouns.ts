/**
 * French job nouns (and the adjectives titles use) with a masculine and a feminine form, folded
 * (lower case, no accents). A title naming only one form selects on sex (C. trav. L1142-1).
 * Nouns with one form for both sexes (secrétaire, comptable, responsable, sage-femme, aide…) are
 * deliberately absent: they never fire.
 */

/** [masculine ending, feminine ending, masculine words]: « vendeur » with eur→euse gives « vendeuse ». */
const BY_ENDING: ReadonlyArray<readonly [string, string, string]> = [
  [
    'eur',
    'euse',
    `vendeur serveur coiffeur livreur chauffeur soudeur plongeur masseur danseur developpeur eboueur
     controleur regleur tourneur fraiseur demenageur laveur nettoyeur veilleur trieur emballeur cableur
     cueilleur vendangeur brodeur toiletteur demarcheur televendeur chercheur poseur acheteur chanteur
     porteur ajusteur monteur ripeur repasseur ramasseur receveur balayeur carreleur couvreur polisseur
     meuleur tailleur entraineur brasseur programmeur testeur videur confiseur rotisseur mareyeur
     superviseur enqueteur recruteur visiteur chroniqueur soigneur imprimeur tuyauteur metreur
     dispatcheur telemarketeur conditionneur releveur`,
  ],
  [
    'teur',
    'trice',
    `directeur animateur operateur teleoperateur conducteur instituteur redacteur educateur formateur
     administrateur coordinateur coordonnateur inspecteur auditeur dessinateur traducteur prospecteur
     teleprospecteur moniteur agriculteur viticulteur horticulteur puericulteur realisateur producteur
     presentateur correcteur collaborateur createur decorateur demonstrateur negociateur promoteur
     facteur tuteur accompagnateur organisateur planificateur programmateur illustrateur restaurateur
     installateur applicateur acteur estimateur evaluateur mediateur repartiteur verificateur reparateur
     preparateur ordonnateur rapporteur adaptateur concepteur conservateur instructeur`,
  ],
  [
    'ien',
    'ienne',
    `technicien mecanicien electricien pharmacien opticien estheticien informaticien musicien comedien
     chirurgien gardien logisticien praticien dieteticien electronicien statisticien mathematicien
     hydraulicien thermicien acousticien automaticien magicien electrotechnicien historien`,
  ],
  [
    'ier',
    'iere',
    `caissier cuisinier infirmier ouvrier magasinier menuisier plombier jardinier couturier patissier
     charcutier poissonnier epicier huissier greffier banquier guichetier coursier ambulancier
     brancardier saisonnier sommelier teinturier routier hotelier fermier conferencier serrurier
     carrossier tapissier vitrier cordonnier chaudronnier grutier equipier officier policier douanier
     portier palefrenier cantinier ferronnier bijoutier joaillier boutiquier batelier marinier
     charpentier tolier laitier chocolatier pompier lingier hospitalier financier gazier perruquier`,
  ],
  ['er', 'ere', `boulanger boucher berger horloger fromager maraicher messager conseiller teleconseiller`],
  ['on', 'onne', `macon patron vigneron bucheron forgeron`],
  [
    '',
    'e',
    `assistant consultant commercant enseignant surveillant intervenant gerant soignant representant
     negociant correspondant dirigeant remplacant suppleant marchand artisan adjoint agent president
     avocat candidat expert apprenti laureat docteur ingenieur professeur commercial charge employe
     delegue attache associe`,
  ],
];

/** Adjectives titles put after an épicène noun (« Comptable confirmée »); masculine + e. */
const ADJECTIVES = new Set(
  `polyvalent confirme qualifie specialise experimente diplome debutant`.split(/\s+/),
);

/** Words that are job nouns or adjectives (« base de données commerciale », « ingénierie financière »). */
const ADJECTIVAL_NOUNS = new Set(
  `commercial financier hospitalier soignant adjoint associe expert routier gazier policier douanier hotelier
   laitier fermier delegue charge`.split(/\s+/),
);

/** Feminine forms that also name a machine (« conducteur de balayeuse »): a job only when they head the title. */
export const MACHINE_NAMES = new Set(
  `balayeuse laveuse fraiseuse trieuse emballeuse meuleuse polisseuse soudeuse brodeuse conditionneuse
   ramasseuse vendangeuse porteuse tailleuse releveuse cableuse chargeuse batteuse couveuse`.split(/\s+/),
);

/** Pairs the ending rules cannot make. */
const IRREGULAR: ReadonlyArray<readonly [string, string]> = [
  ['hote', 'hotesse'],
  ['steward', 'hotesse'],
  ['maitre', 'maitresse'],
  ['chef', 'cheffe'],
  ['barman', 'barmaid'],
  ['auteur', 'autrice'],
  ['auteur', 'auteure'],
  ['ambassadeur', 'ambassadrice'],
  ['docteur', 'doctoresse'],
  ['chauffeur', 'chauffeure'],
  ['gouvernant', 'gouvernante'],
];

export interface GenderedLexicon {
  /** Folded feminine form → its masculine forms. */
  masculineOf: ReadonlyMap<string, readonly string[]>;
  /** Folded masculine form → its feminine forms. */
  feminineOf: ReadonlyMap<string, readonly string[]>;
  /** Both forms of the adjectives (« confirme », « confirmee »). */
  adjectives: ReadonlySet<string>;
}

function buildLexicon(): GenderedLexicon {
  const masculineOf = new Map<string, string[]>();
  const feminineOf = new Map<string, string[]>();
  const add = (masc: string, fem: string): void => {
    masculineOf.set(fem, [...new Set([...(masculineOf.get(fem) ?? []), masc])]);
    feminineOf.set(masc, [...new Set([...(feminineOf.get(masc) ?? []), fem])]);
  };
  for (const [mascEnding, femEnding, words] of BY_ENDING) {
    for (const word of words.split(/\s+/).filter(Boolean)) {
      if (!word.endsWith(mascEnding)) throw new Error(`${word} does not end in ${mascEnding}`);
      add(word, word.slice(0, word.length - mascEnding.length) + femEnding);
    }
  }
  for (const [masc, fem] of IRREGULAR) add(masc, fem);
  const adjectives = new Set<string>();
  for (const adjective of ADJECTIVES) {
    add(adjective, `${adjective}e`);
    adjectives.add(adjective).add(`${adjective}e`);
  }
  for (const word of ADJECTIVAL_NOUNS) {
    adjectives.add(word);
    for (const fem of feminineOf.get(word) ?? []) adjectives.add(fem);
  }
  return { masculineOf, feminineOf, adjectives };
}

export const GENDERED_JOB_NOUNS: GenderedLexicon = buildLexicon();

export interface GenderedWord {
  gender: 'm' | 'f';
  /** The singular form found in the lexicon. */
  lemma: string;
  /** Forms of the other gender (singular). */
  counterparts: readonly string[];
  adjective: boolean;
}

/** The lexicon entry of a folded word, plurals folded back (« vendeuses », « chefs »). */
export function genderOf(word: string): GenderedWord | null {
  const forms = word.length > 3 && word.endsWith('s') ? [word, word.slice(0, -1)] : [word];
  for (const w of forms) {
    const masculine = GENDERED_JOB_NOUNS.masculineOf.get(w);
    const adjective = GENDERED_JOB_NOUNS.adjectives.has(w);
    if (masculine !== undefined) return { gender: 'f', lemma: w, counterparts: masculine, adjective };
    const feminine = GENDERED_JOB_NOUNS.feminineOf.get(w);
    if (feminine !== undefined) return { gender: 'm', lemma: w, counterparts: feminine, adjective };
  }
  return null;
}

/** Every folded feminine noun, singular and plural (adjectives and machine names left out). */
export function feminineNouns(): string[] {
  return [...GENDERED_JOB_NOUNS.masculineOf.keys()]
    .filter((f) => !GENDERED_JOB_NOUNS.adjectives.has(f) && !MACHINE_NAMES.has(f))
    .flatMap((f) => [f, `${f}s`]);
}
