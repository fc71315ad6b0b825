import type { ContractType } from '@vigie/contracts';

/** The e-mails' French name of each contract type (instant e-mails, groups and digests alike). */
export const CONTRACT_LABELS: { readonly [C in ContractType]: string } = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  seasonal: 'Saisonnier',
  freelance: 'Indépendant',
  apprenticeship: 'Alternance',
  internship: 'Stage',
  professionalisation: 'Contrat de professionnalisation',
};
