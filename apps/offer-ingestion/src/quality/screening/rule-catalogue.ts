import type { Severity } from './finding';

export const RULE_IDS = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R8',
  'R9',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'R16',
  'R17',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface RuleDefinition {
  id: RuleId;
  name: string;
  /**
   * Direct selection on a protected criterion, a statutory ban or a charge on candidates blocks;
   * wording that usually hides a criterion but can be innocent, and form defects, flag for review.
   */
  severity: Severity;
  legalBasis: readonly string[];
  suggestion: string;
}

const L1132 = 'C. trav. L1132-1';
const L5321 = 'C. trav. L5321-2';
const PENAL = 'C. pén. 225-1, 225-2 5°';

/** Rules R1–R17 of docs/quality.md (from the French-law reference on job offers). */
export const RULES: Readonly<Record<RuleId, RuleDefinition>> = {
  R1: {
    id: 'R1',
    name: 'Sexe dans le titre ou le texte',
    severity: 'block',
    legalBasis: ['C. trav. L1142-1 1°', L1132, L5321, 'C. pén. 225-2'],
    suggestion:
      'Écrivez les deux formes ou une forme neutre : « Vendeur / Vendeuse (H/F) », « Assistant·e (F/H) ».',
  },
  R2: {
    id: 'R2',
    name: 'Situation de famille ou grossesse',
    severity: 'block',
    legalBasis: ['C. trav. L1142-1 1°', L1132, L5321],
    suggestion: 'Décrivez la contrainte du poste objectivement : « déplacements 3 jours par semaine ».',
  },
  R3: {
    id: 'R3',
    name: "Limite d'âge",
    severity: 'block',
    legalBasis: ['C. trav. L5331-2', L1132, PENAL],
    suggestion:
      "Retirez la limite d'âge ; seule une limite légale peut être citée avec le nom du dispositif (« contrat d'apprentissage : 16 à 29 ans révolus »).",
  },
  R4: {
    id: 'R4',
    name: 'Âge indirect',
    severity: 'flag',
    legalBasis: [L1132, 'C. pén. 225-1'],
    suggestion:
      "Indiquez un minimum seulement : « première expérience acceptée », « au moins 2 ans d'expérience ».",
  },
  R5: {
    id: 'R5',
    name: 'Origine, ethnie ou nationalité',
    severity: 'block',
    legalBasis: [L1132, L5321, PENAL],
    suggestion:
      'Retirez ce critère ; une condition de nationalité ne peut figurer que si un texte l’impose (fonction publique, habilitation défense), à citer.',
  },
  R6: {
    id: 'R6',
    name: "Langue comme indice d'origine",
    severity: 'block',
    legalBasis: [L1132, L5321],
    suggestion:
      'Indiquez le niveau utile au poste : « anglais courant (niveau C1) pour les échanges clients ».',
  },
  R7: {
    id: 'R7',
    name: 'Religion',
    severity: 'block',
    legalBasis: [L1132, L5321, 'C. pén. 225-1'],
    suggestion:
      'Retirez la référence religieuse ; une exigence professionnelle essentielle (C. trav. L1133-1) doit être documentée et passe en revue humaine.',
  },
  R8: {
    id: 'R8',
    name: 'État de santé ou handicap',
    severity: 'block',
    legalBasis: [L1132, L5321],
    suggestion:
      "Décrivez les tâches : « port de charges jusqu'à 25 kg » ; l'aptitude médicale relève du médecin du travail.",
  },
  R9: {
    id: 'R9',
    name: 'Apparence physique',
    severity: 'flag',
    legalBasis: [L1132, L5321],
    suggestion:
      'Décrivez la tenue ou le contact attendu : « tenue professionnelle fournie », « accueil de la clientèle ».',
  },
  R10: {
    id: 'R10',
    name: 'Lieu de résidence ou domiciliation bancaire',
    severity: 'block',
    legalBasis: [L1132, L5321],
    suggestion:
      'Indiquez le lieu de travail et les contraintes : « poste basé à Lyon 7e, astreintes de nuit ».',
  },
  R11: {
    id: 'R11',
    name: 'Nom de famille',
    severity: 'block',
    legalBasis: [L1132, L5321, 'C. pén. 225-1'],
    suggestion: 'Retirez toute condition portant sur le nom.',
  },
  R12: {
    id: 'R12',
    name: 'Opinions, activité syndicale, mœurs, orientation ou identité de genre',
    severity: 'block',
    legalBasis: [L1132, L5321, 'C. pén. 225-1'],
    suggestion: 'Retirez ce critère : il ne peut pas fonder un recrutement.',
  },
  R13: {
    id: 'R13',
    name: 'Vulnérabilité économique',
    severity: 'block',
    legalBasis: [L1132, L5321],
    suggestion: 'Pour un contrat aidé, écrivez seulement « ouvert au public éligible au contrat de … ».',
  },
  R14: {
    id: 'R14',
    name: 'Offre rédigée en langue étrangère',
    severity: 'flag',
    legalBasis: ['C. trav. L5331-4', 'C. trav. R5334-1'],
    suggestion: "Rédigez l'offre en français ; une version étrangère peut suivre le texte français.",
  },
  R15: {
    id: 'R15',
    name: 'Allégation fausse ou trompeuse',
    severity: 'flag',
    legalBasis: ['C. trav. L5331-3'],
    suggestion: 'Décrivez un poste réel et disponible, avec la rémunération, le contrat et le lieu exacts.',
  },
  R16: {
    id: 'R16',
    name: 'Offre payante pour le candidat',
    severity: 'block',
    legalBasis: ['C. trav. L5331-1', 'C. trav. L5331-5'],
    suggestion:
      'Retirez toute somme demandée au candidat et tout numéro surtaxé ; donnez un numéro ou un e-mail non surtaxé.',
  },
  R17: {
    id: 'R17',
    name: "Forme de l'offre",
    severity: 'flag',
    legalBasis: ['C. trav. L5332-1', 'C. trav. L5332-2'],
    suggestion:
      "Donnez le nom et l'adresse de l'employeur à la plateforme ; l'offre peut rester anonyme pour les lecteurs.",
  },
};
