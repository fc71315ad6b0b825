import { rulesIn } from '../../../../test-fixtures/quality/rules-in';

describe('R10 — residence and bank domiciliation', () => {
  it.each([
    "Candidats du 93 s'abstenir.",
    'Résidant dans le quartier uniquement.',
    'Habitant la commune exclusivement.',
    'Résider obligatoirement à Paris.',
    'Pas de candidats de banlieue.',
    'Domiciliation bancaire en France exigée.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R10');
  });

  it.each([
    'Poste basé à Lyon 7e, astreintes de nuit.',
    'Résidence administrative : Bagneux.',
    'Logement de fonction sur place.',
    "Débutants s'abstenir.",
    'Merci de fournir un RIB à l’embauche pour le virement du salaire.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R10');
  });
});

describe('R12 — opinions, union activity, orientation', () => {
  it.each([
    'Personnel non syndiqué.',
    'Sans engagement politique.',
    'Pas de syndicalistes.',
    'Hétérosexuel de préférence.',
    "Homosexuels s'abstenir.",
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R12');
  });

  it.each([
    'Quelle que soit votre orientation sexuelle, rejoignez-nous.',
    'Soumise au principe de neutralité religieuse et politique.',
    'Vous suivez la politique sécurité du groupe.',
    'Dialogue avec les organisations syndicales.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R12');
  });
});

describe('R13 — economic vulnerability', () => {
  it.each([
    'Pas de bénéficiaires du RSA.',
    "Chômeurs s'abstenir.",
    'Aucun interdit bancaire.',
    'Les candidats devront être bénéficiaires du RSA.',
    'Les candidats doivent être inscrits à France Travail.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R13');
  });

  it.each([
    "Contrat d'insertion, merci de vérifier votre éligibilité auprès de votre conseiller France Travail.",
    'Poste ouvert au public éligible au contrat PEC.',
    'Le candidat devra être inscrit dans un cursus informatique (bac + 2).',
    'Vous accompagnez les demandeurs d’emploi dans leur recherche.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R13');
  });
});
