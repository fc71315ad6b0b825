import type { SynonymRule } from './synonym-rule';

/**
 * Reviewed by hand: abbreviations and spellings of job titles and skills that mean exactly the same
 * thing in French job ads. Kept conservative, because an alert e-mails what it matches: nothing
 * broader (« chauffeur » is not « conducteur »), no abbreviation whose other meanings are common in
 * ads two-way (those are one-way).
 */
export const ABBREVIATIONS: readonly SynonymRule[] = [
  // Human resources and management
  { terms: ['rh', 'ressources humaines'] },
  { terms: ['drh', 'directeur des ressources humaines'] },
  { terms: ['rrh', 'responsable des ressources humaines'] },
  { terms: ['daf', 'directeur administratif et financier'] },
  {
    terms: ['dsi', "directeur des systèmes d'information", "direction des systèmes d'information"],
    oneWay: true,
  },
  { terms: ['adv', 'administration des ventes'] },
  { terms: ['sav', 'service après-vente'] },
  // Care, education, social work
  { terms: ['ash', 'agent de service hospitalier', 'agent des services hospitaliers'] },
  { terms: ['aes', 'accompagnant éducatif et social'] },
  { terms: ['aesh', 'accompagnant des élèves en situation de handicap'] },
  { terms: ['atsem', 'agent territorial spécialisé des écoles maternelles'] },
  { terms: ['avs', 'auxiliaire de vie scolaire'] },
  { terms: ['asv', 'auxiliaire spécialisé vétérinaire'] },
  { terms: ['as', 'aide-soignant'], oneWay: true },
  { terms: ['ide', "infirmier diplômé d'état"], oneWay: true },
  { terms: ['ap', 'auxiliaire de puériculture'], oneWay: true },
  // Transport and building
  { terms: ['pl', 'poids lourd'] },
  { terms: ['spl', 'super poids lourd'] },
  { terms: ['vl', 'véhicule léger'] },
  { terms: ['vtc', 'voiture de transport avec chauffeur'] },
  { terms: ['btp', 'bâtiment et travaux publics'] },
  // Software
  { terms: ['dev', 'développeur'] },
  { terms: ['frontend', 'front-end'] },
  { terms: ['backend', 'back-end'] },
  { terms: ['fullstack', 'full-stack'] },
  { terms: ['ecommerce', 'e-commerce'] },
  { terms: ['webdesigner', 'web designer'] },
  { terms: ['nodejs', 'node.js'] },
  { terms: ['dotnet', '.net'] },
  { terms: ['csharp', 'c#'] },
  { terms: ['cpp', 'c++'] },
  { terms: ['js', 'javascript'], oneWay: true },
];
