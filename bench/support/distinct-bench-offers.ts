import type { Gazetteer } from '@vigie/geo';

/**
 * Offers for bench:e2e that are genuinely different jobs, so duplicate clustering keeps them apart
 * and each is matched and e-mailed on its own. Clustering never joins offers of two communes
 * (docs/quality.md, "Same job"), so offer i gets its own (commune, occupation) pair: the commune
 * cycles over the most populous communes, the occupation changes once every commune has had one.
 * Company and description change with them, and the alert keyword `benchkw<k>` sits in the title.
 */
const JOBS = [
  ['Technicien de maintenance', 'I1304', 'la maintenance préventive et curative des lignes de production'],
  ['Comptable', 'M1203', 'la tenue de la comptabilité générale et la clôture mensuelle'],
  ['Développeur Java', 'M1805', 'la conception de services Java pour nos clients bancaires'],
  ['Cariste', 'N1101', 'le chargement et le rangement des marchandises en entrepôt'],
  ['Conseiller de vente', 'D1214', "l'accueil des clients, le conseil et l'encaissement en magasin"],
  ['Chef de chantier', 'F1202', "l'organisation des équipes et le suivi des travaux de gros œuvre"],
  ['Infirmier de bloc opératoire', 'J1503', "l'assistance du chirurgien et la sécurité du patient"],
  ['Boulanger', 'D1102', 'la fabrication des pains et viennoiseries du fournil'],
  ['Électricien du bâtiment', 'F1602', 'le câblage et la mise en service des tableaux électriques'],
  ['Assistant de direction', 'M1604', "la gestion de l'agenda, des déplacements et du courrier"],
] as const;

const EMPLOYERS = ['Industries', 'Groupe', 'Ateliers', 'Services', 'Cabinet', 'Compagnie'] as const;

export interface BenchOffer {
  externalRef: string;
  title: string;
  description: string;
  companyName: string;
  contractType: 'cdi';
  workingTime: 'full_time';
  remote: 'partial';
  romeCode: string;
  location: { city: string; postalCode?: string; communeCode: string };
  salary: { min: number; max: number; period: 'month' };
}

export class DistinctBenchOffers {
  private readonly communes;

  /** `count` offers need ⌈count / occupations⌉ communes; the most populous come first. */
  constructor(gazetteer: Gazetteer, count: number) {
    const needed = Math.ceil(count / JOBS.length);
    this.communes = gazetteer
      .communes()
      .filter((c) => c.kind === 'commune-actuelle' && c.population > 0 && c.postalCodes.length > 0)
      .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code))
      .slice(0, needed);
    if (this.communes.length < needed)
      throw new Error(`only ${this.communes.length} communes for ${count} distinct offers`);
  }

  offer(i: number, keyword: string): BenchOffer {
    const commune = this.communes[i % this.communes.length]!;
    const [job, romeCode, duties] = JOBS[Math.floor(i / this.communes.length) % JOBS.length]!;
    const employer = `${EMPLOYERS[i % EMPLOYERS.length]} ${commune.name}`;
    return {
      externalRef: `BENCH-${i}`,
      title: `${job} ${keyword} (H/F)`,
      description:
        `${employer} recrute à ${commune.name} : poste de ${job} (H/F), ${duties}. ` +
        `Vous rejoignez une équipe de ${3 + (i % 37)} personnes ; poste à pourvoir au ${1 + (i % 28)} du mois prochain.`,
      companyName: employer,
      contractType: 'cdi',
      workingTime: 'full_time',
      remote: 'partial',
      romeCode,
      location: { city: commune.name, postalCode: commune.postalCodes[0], communeCode: commune.code },
      salary: { min: 2_000 + (i % 400), max: 2_600 + (i % 400), period: 'month' },
    };
  }
}
