import { readJsonLines, sharedDataFile } from './shared-data';
import { seededRandom } from './text-corpus';

/** A job ad as the quality tests and the benchmark use it (neutral: no app type). */
export interface JobAd {
  id: string;
  title: string;
  description: string;
  companyName: string | null;
  /** Commune INSEE code, else department code, else null. */
  placeKey: string | null;
  contractType: string | null;
}

const CONTRACTS: Record<string, string> = {
  CDI: 'cdi',
  CDD: 'cdd',
  MIS: 'interim',
  SAI: 'seasonal',
  LIB: 'freelance',
};

interface FranceTravailOffer {
  id: string;
  intitule?: string;
  description?: string;
  typeContrat?: string;
  natureContrat?: string;
  entreprise?: { nom?: string };
  lieuTravail?: { commune?: string; libelle?: string };
}

function fromFranceTravail(r: FranceTravailOffer): JobAd {
  const department = /^(\d[\dAB]{1,2})\s*-/.exec(r.lieuTravail?.libelle ?? '')?.[1] ?? null;
  const nature = r.natureContrat ?? '';
  return {
    id: r.id,
    title: r.intitule ?? '',
    description: r.description ?? '',
    companyName: r.entreprise?.nom ?? null,
    placeKey: r.lieuTravail?.commune ?? department,
    contractType: /apprentissage/i.test(nature)
      ? 'apprenticeship'
      : /professionnalisation/i.test(nature)
        ? 'professionalisation'
        : (CONTRACTS[r.typeContrat ?? ''] ?? null),
  };
}

/** The real France Travail offers with a title and a text, or null when the data folder is absent. */
export function franceTravailAds(): JobAd[] | null {
  const file = sharedDataFile('offers_france_travail.jsonl');
  if (file === undefined) return null;
  return readJsonLines<FranceTravailOffer>(file)
    .map(fromFranceTravail)
    .filter((ad) => ad.title !== '' && ad.description !== '');
}

const JOBS = [
  [
    'Comptable (H/F)',
    'la tenue de la comptabilité générale, les déclarations fiscales et la clôture mensuelle',
  ],
  ['Technicien de maintenance (H/F)', 'la maintenance préventive et curative des lignes de production'],
  ['Développeur Java (H/F)', 'la conception et le développement de services Java pour nos clients bancaires'],
  [
    'Aide-soignant / Aide-soignante (H/F)',
    "l'accompagnement des résidents dans les gestes de la vie quotidienne",
  ],
  ['Cariste (H/F)', 'le chargement, le déchargement et le rangement des marchandises en entrepôt'],
  [
    'Conseiller / Conseillère de vente (H/F)',
    "l'accueil des clients, le conseil et l'encaissement en magasin",
  ],
  ['Chef de chantier (H/F)', "l'organisation des équipes et le suivi des travaux de gros œuvre"],
  ['Data analyst (H/F)', 'la production de tableaux de bord et l’analyse des ventes'],
] as const;
const COMPANIES = [
  'Durand Industrie',
  'Groupe Arnaud',
  'Cabinet Lefèvre',
  'Transports Girard',
  null,
] as const;
const PLACES = ['69123', '75056', '13055', '31555', '44109', '33063', '59350', '67482'] as const;
const SENTENCES = [
  'Vous rejoignez une équipe de {n} personnes attachée à la qualité du service.',
  'Le poste est à pourvoir dès que possible, en contrat à durée indéterminée.',
  'Vous assurez {job} en lien avec votre responsable.',
  'Une première expérience sur un poste similaire est appréciée.',
  'Rémunération selon profil, mutuelle, tickets restaurant et prime annuelle.',
  'Les horaires sont du lundi au vendredi, de 8 h 30 à 17 h.',
  'Vous êtes rigoureux et avez le sens du travail en équipe.',
  'Formation assurée à la prise de poste par nos référents.',
  'Nos locaux sont accessibles en transports en commun.',
  'Vous participez aux réunions hebdomadaires et aux projets d’amélioration continue.',
];

/** Generated French job ads, for when the real data folder is absent. */
export function syntheticJobAds(count: number, seed = 1): JobAd[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const [title, job] = pick(JOBS);
    const sentences = SENTENCES.filter(() => random() < 0.7).map((s) =>
      s.replace('{n}', String(3 + Math.floor(random() * 40))).replace('{job}', job),
    );
    return {
      id: `synthetic-${seed}-${i}`,
      title,
      description: `Entreprise de ${pick(['Lyon', 'Nantes', 'Lille', 'Metz', 'Tours'])}, nous recrutons. ${sentences.join(' ')} Référence ${Math.floor(random() * 1e6)}.`,
      companyName: pick(COMPANIES),
      placeKey: pick(PLACES),
      contractType: 'cdi',
    };
  });
}
