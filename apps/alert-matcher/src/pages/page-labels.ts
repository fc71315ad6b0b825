import { CONTRACT_TYPES, ContractType, REMOTE_MODES, WORKING_TIMES } from '@vigie/contracts';
import type { AlertFrequency, AlertStatus } from '../alerts/alert';

/** The French words of the candidate pages, in one place. */
export const CONTRACT_LABEL: { readonly [C in ContractType]: string } = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  apprenticeship: 'Apprentissage',
  professionalisation: 'Contrat de professionnalisation',
  internship: 'Stage',
  freelance: 'Indépendant',
  seasonal: 'Saisonnier',
};

export const STATUS_LABEL: { readonly [S in AlertStatus]: string } = {
  pending: 'en attente de confirmation',
  active: 'active',
  paused: 'en pause',
  unsubscribed: 'désabonnée',
  deleted: 'supprimée',
};

export const FREQUENCY_LABEL: { readonly [F in AlertFrequency]: string } = {
  instant: 'Dès qu’une offre paraît',
  daily: 'Une fois par jour',
  weekly: 'Une fois par semaine',
};

export const WEEKDAY_LABEL = [
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
] as const;

export const CHOICES = {
  contract: CONTRACT_TYPES.map((value) => ({ value, label: CONTRACT_LABEL[value] })),
  workingTime: WORKING_TIMES.map((value) => ({
    value,
    label: value === 'full_time' ? 'Temps plein' : 'Temps partiel',
  })),
  remote: REMOTE_MODES.map((value) => ({
    value,
    label:
      value === 'none' ? 'Sur site' : value === 'partial' ? 'Télétravail partiel' : 'Télétravail complet',
  })),
  frequency: (Object.keys(FREQUENCY_LABEL) as AlertFrequency[]).map((value) => ({
    value,
    label: FREQUENCY_LABEL[value],
  })),
  hour: Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${h} h` })),
  weekday: WEEKDAY_LABEL.map((label, i) => ({ value: String(i + 1), label })),
};

/**
 * The validation rules answer in English (they are the API's); the pages say the same in French.
 * A reason without a translation is still shown, so no error is ever hidden.
 */
const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^is not a known commune$/, 'Cette commune est inconnue : indiquez son nom ou son code INSEE.'],
  [/^is not a known department$/, 'Ce département est inconnu (exemple : 44).'],
  [/^is not a known region$/, 'Cette région est inconnue (code INSEE, exemple : 52).'],
  [/^must be at least 1 km$/, 'Le rayon doit être d’au moins 1 km.'],
  [/^must be at most (\d+) km$/, 'Le rayon doit être d’au plus $1 km.'],
  [/^needs a commune$/, 'Un rayon n’a de sens qu’avec une commune.'],
  [/^must be a number$/, 'Indiquez un nombre.'],
  [/^has no word to look for$/, 'Indiquez au moins un mot à chercher.'],
  [
    /^give at most one of commune, department, region$/,
    'Choisissez un seul lieu : une commune, un département ou une région.',
  ],
  [/^give at least one of keywords/, 'Indiquez au moins des mots-clés, un lieu ou un code ROME.'],
  [/^must be a ROME code/, 'Un code ROME est une lettre suivie de quatre chiffres (exemple : M1805).'],
  [/^must be instant, daily or weekly$/, 'Choisissez une fréquence.'],
  [/^must be a whole number from (\d+) to (\d+)$/, 'Choisissez une valeur de $1 à $2.'],
  [/^Too big|^too big|must be at most|<=/i, 'Cette valeur est trop grande.'],
  [/^Too small|^too small|>=/i, 'Cette valeur est trop petite.'],
];

export function frenchReason(reason: string): string {
  for (const [pattern, french] of REASONS) {
    const m = pattern.exec(reason);
    if (m) return french.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return `Valeur refusée (${reason}).`;
}

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export const frenchDate = (d: Date): string => DATE.format(d);
export const frenchDateTime = (d: Date): string => DATE_TIME.format(d);
