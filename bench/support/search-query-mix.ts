import type { ParamBag } from '@vigie/contracts';

/**
 * The query mix: what candidates type and tick on a French job board. Free text alone, text near a
 * commune with a radius, text with filters, browsing a place without text (sorted by date),
 * distance sort, facets on the first page of most searches, phrases and exclusions.
 */
export const QUERY_MIX: readonly ParamBag[] = [
  { q: 'développeur java', commune: 'Lyon', radius: '30', contract: 'cdi', facets: 'true' },
  { q: 'aide soignant', department: '69', facets: 'true' },
  { q: 'comptable', minSalary: '35000', facets: 'true' },
  { q: 'cariste', commune: 'Lille', radius: '20', sort: 'distance' },
  { q: '"chef de chantier"', region: '84' },
  { q: 'vendeur -alternance', contract: 'cdi,cdd', facets: 'true' },
  { q: 'infirmier', remote: 'none', workingTime: 'part_time' },
  { commune: 'Nantes', radius: '15', facets: 'true' },
  { q: 'boulanger', commune: 'Bordeaux', radius: '40' },
  { q: 'assistant administratif', department: '75', facets: 'true' },
  { q: 'chauffeur poids lourd', region: '32', contract: 'cdi' },
  { q: 'agent de nettoyage', commune: 'Marseille', radius: '10', facets: 'true' },
  { q: 'technicien de maintenance', minSalary: '30000', includeUnsalaried: 'true' },
  { q: 'serveur', commune: 'Paris', radius: '5', sort: 'date' },
  { q: 'électricien', department: '44', contract: 'interim' },
  { q: 'développeur', remote: 'full', facets: 'true' },
  { department: '13', contract: 'cdi', facets: 'true' },
  { q: 'cuisinier', commune: 'Toulouse', radius: '25', facets: 'true' },
  { q: 'commercial', region: '11', minSalary: '40000' },
  { q: 'auxiliaire de vie', commune: 'Rennes', radius: '30', workingTime: 'part_time' },
  { q: 'manutentionnaire', department: '59' },
  { q: 'mécanicien automobile', commune: 'Strasbourg', radius: '50', facets: 'true' },
  { q: 'préparateur de commandes', contract: 'interim', facets: 'true' },
  { q: 'ingénieur', region: '84', minSalary: '45000', facets: 'true' },
  { q: 'coiffeur', commune: 'Nice', radius: '20' },
  { q: 'plombier chauffagiste', department: '33', facets: 'true' },
  { q: 'secrétaire médicale', commune: 'Montpellier', radius: '30' },
  { q: 'maçon', region: '52', contract: 'cdi,cdd,interim' },
  { q: 'agent de sécurité', commune: 'Lyon', radius: '10', sort: 'date', facets: 'true' },
  { q: 'éducateur spécialisé', facets: 'true' },
];
