/**
 * Generated French job-ad texts, for when the real offers of ../shared/data are absent: seeded, so
 * a failure reproduces, and dense in what the analysis chain must get right (elisions with both
 * apostrophes, accents and ligatures, decomposed accents, C++ / C# / .NET, Bac+2, H/F, hyphens,
 * numbers, stop words, plurals and feminine forms).
 */
export interface OfferTexts {
  id: string;
  title: string;
  description: string;
  companyName: string;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same corpus everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = [
  'Développeur C++ / C# .NET (H/F)',
  'Infirmier / Infirmière de bloc opératoire F/H/X',
  "Aide-soignant(e) de nuit – EHPAD l'Oasis",
  'Vendeuse / Vendeur en boulangerie-pâtisserie',
  'Ingénieur(e) études et développement node.js H/F',
  'Conducteur / Conductrice de travaux BTP Bac+2',
  'Chef de cœur – maître d’œuvre',
  'Caissière, caissier – CDD 35h',
  'Assistant(e) RH – ressources humaines',
  'Agent d’entretien des espaces verts',
  'Educatrice spécialisée / éducateur spécialisé',
  'Technicien SAV itinérant – électroménager',
];
const SENTENCES = [
  "Vous rejoindrez l'équipe d’exploitation et travaillerez jusqu'à 35 heures par semaine.",
  'Rémunération : 2 150,00 € brut mensuel sur 13 mois, tickets-restaurant, mutuelle.',
  'Nous recherchons un(e) collaborateur(trice) autonome, rigoureux(se) et curieux(se).',
  "Expérience souhaitée d'au moins 2 ans ; Bac+2/+3 en informatique (BTS SIO, DUT).",
  'Maîtrise de C++17, C#, .NET Core, ASP.NET et Node.js ; notions de Vue.js.',
  'Poste basé à Saint-Étienne, déplacements ponctuels en Auvergne-Rhône-Alpes.',
  "Les missions principales : l’accueil des patients, les soins d'hygiène et de confort.",
  'Horaires : 6h-13h / 13h-20h, un week-end sur deux. Travail en équipe.',
  'Ce poste est ouvert aux personnes en situation de handicap (RQTH).',
  'Vous êtes titulaire du permis B et du CACES R489 cat. 3 ; FIMO à jour.',
  'Œuvrer au sein d’une structure à taille humaine, c’est l’assurance d’une évolution rapide.',
  'Les candidatures (CV + lettre) sont à adresser à recrutement@exemple.fr avant le 15/12.',
  'Qualités : sens de l’écoute, ponctualité, dynamisme ; anglais courant (TOEIC 785).',
  'Décomposés : cafe\u0301, e\u0301quipe, re\u0301mune\u0301ration ; trait d\u2019union con\u00additionnel.',
];
const COMPANIES = [
  'Mairie de BAGNEUX',
  "L'Atelier d’Émile",
  'SAS Œnologie & Fils',
  'C.H.U. de Nantes',
  'Groupe ADÉQUAT',
];

export function generatedOfferTexts(count: number, seed = 42): OfferTexts[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out: OfferTexts[] = [];
  for (let i = 0; i < count; i++) {
    const sentences = Array.from({ length: 4 + Math.floor(random() * 12) }, () => pick(SENTENCES));
    out.push({
      id: `generated-${i}`,
      title: pick(TITLES),
      description: sentences.join(random() < 0.5 ? ' ' : '\n- '),
      companyName: pick(COMPANIES),
    });
  }
  return out;
}
