import { rulesIn } from '../../../../test-fixtures/quality/rules-in';

const ENGLISH =
  'We are looking for a data engineer to join our team. You will work with the data platform and build pipelines for our customers across the company, with strong skills in Python.';

describe('R14 — French language of the offer', () => {
  it('flags an offer written entirely in English', () => {
    expect(rulesIn(ENGLISH, { title: 'Data engineer' })).toEqual(['R14']);
  });

  it.each([
    [
      'a French offer naming English tools',
      'Vous travaillez avec Spark, Scala et Kafka dans un environnement Agile Scrum et des revues de code.',
    ],
    [
      'a French text followed by its translation',
      `Vous rejoignez notre équipe data à Nantes pour construire nos flux de données avec les équipes produit. ${ENGLISH}`,
    ],
    ['a short text', 'Data engineer, Python.'],
  ])('leaves %s alone', (_, text) => {
    expect(rulesIn(text)).not.toContain('R14');
  });
});

describe('R15 — false or misleading allegations', () => {
  it.each([
    'Nous souhaitons constituer un vivier de candidatures.',
    'Pas de poste à pourvoir actuellement.',
    "Gagnez jusqu'à 5 000 € par mois depuis chez vous.",
    'Revenus illimités !',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R15');
  });

  it('fires when the title announces another contract than the offer’s', () => {
    expect(
      rulesIn('Vous rejoignez notre équipe.', { title: 'CDI - Comptable (H/F)', contractType: 'cdd' }),
    ).toContain('R15');
  });

  it.each([
    ['CDI - Comptable (H/F)', 'cdi'],
    ['Comptable en CDD ou CDI (H/F)', 'cdd'],
    ['Comptable (H/F)', null],
  ])('leaves the title %j with contract %j alone', (title, contractType) => {
    expect(rulesIn('Tenue de la comptabilité.', { title, contractType })).not.toContain('R15');
  });

  it('leaves « alimenter notre base de données » alone', () => {
    expect(rulesIn('Vous alimentez notre base de données clients sous BigQuery.')).not.toContain('R15');
  });
});

describe('R16 — free for candidates', () => {
  it.each([
    'Frais de dossier : 50 €.',
    'Frais d’inscription de 120 euros à régler à la signature.',
    'Les candidats devront participer aux frais de recrutement.',
    "Dossier accompagné d'un chèque de 30 euros.",
    'Kit de démarrage : 150 €.',
    'Renseignements au 08 99 23 45 67.',
    'Appelez le 0899234567.',
    'Tél. : +33 8 92 12 34 56.',
    'Service surtaxé 0,80 €/min.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R16');
  });

  it('flags, not blocks, a 08 2x number', () => {
    const { screenOffer } = jest.requireActual<typeof import('../offer-screener')>('../offer-screener');
    const result = screenOffer({
      title: 'Agent (H/F)',
      description: 'Standard : 08 20 12 34 56.',
      companyName: 'ACME',
      contractType: 'cdi',
    });
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['R16', 'flag']]);
  });

  it.each([
    'Aucun frais d’inscription ou de dossier ne vous sera demandé.',
    'Participation aux frais de transport en commun à 50 %.',
    'Frais de déplacement remboursés.',
    'Chèques cadeaux de 150 € à Noël.',
    'Prime de 150 € par mois selon objectifs.',
    'Renseignements : 04 76 08 98 65.',
    'Prise en charge des frais de formation par l’entreprise.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R16');
  });
});

describe('R17 — form', () => {
  it('flags an employer withheld from the platform', () => {
    expect(
      rulesIn("Entreprise confidentielle : le nom sera communiqué lors de l'entretien.", {
        companyName: null,
      }),
    ).toEqual(['R17']);
    expect(rulesIn('Vous gérez les stocks.', { companyName: 'Confidentiel' })).toEqual(['R17']);
  });

  it.each([
    [
      'an anonymous direct offer (the recruiter account is the employer on file)',
      'Vous gérez les stocks.',
      null,
    ],
    [
      'an agency naming itself',
      'Notre client, acteur de la distribution, recherche un logisticien.',
      'Experis France',
    ],
  ])('leaves %s alone', (_, description, companyName) => {
    expect(rulesIn(description, { companyName })).not.toContain('R17');
  });
});
