import { rulesIn } from '../../../../test-fixtures/quality/rules-in';

describe('R7 — religion', () => {
  it.each([
    'Cabinet recherche dentiste musulman(e) pour remplacements.',
    'Boucher israélite pour la découpe.',
    'Personne catholique pratiquante de préférence.',
    'De confession juive.',
    'Candidate non voilée.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R7');
  });

  it.each([
    'Établissement catholique d’enseignement sous contrat.',
    'École privée catholique recrute un professeur.',
    'Soumise au principe de neutralité religieuse et politique.',
    'Boucherie halal recherche un boucher.',
    'Expérience dans un rôle de Data Engineer pratiquant ces langages : Spark, Scala.',
    'Quelle que soit votre religion, rejoignez-nous.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R7');
  });
});

describe('R8 — health and disability', () => {
  it.each([
    'Personne en bonne santé.',
    'Personne valide uniquement.',
    "Travailleurs handicapés s'abstenir.",
    'Sans handicap.',
    'Aucun problème de santé.',
    'Vous êtes en bonne condition physique.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R8');
  });

  it('flags physical fitness and blocks a health condition', () => {
    const { screenOffer } = jest.requireActual<typeof import('../offer-screener')>('../offer-screener');
    const base = { title: 'Manutentionnaire (H/F)', companyName: 'ACME', contractType: 'cdi' };
    expect(screenOffer({ ...base, description: 'Bonne condition physique.' }).decision).toBe('flagged');
    expect(screenOffer({ ...base, description: 'Personne en bonne santé.' }).decision).toBe('blocked');
  });

  it.each([
    'Une entreprise pérenne et en bonne santé (+9 % de croissance).',
    'Surveillance de la bonne santé des équipements.',
    'Vous veillez à la bonne santé des résidents.',
    'La santé financière du groupe est solide.',
    'Poste ouvert aux personnes en situation de handicap.',
    'Le handicap n’est pas un frein.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R8');
  });
});

describe('R9 — physical appearance', () => {
  it.each([
    'Bonne présentation.',
    'BONNE PRESENTATION EXIGEE',
    'Présentation soignée.',
    'CV avec photo exigée.',
    'Joindre une photo à votre candidature.',
    'Cheveux courts et yeux bleus.',
    'Physique agréable.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R9');
  });

  it.each([
    'Présentation du poste : vous animez une équipe.',
    'Bonne présentation des résultats en comité.',
    'La présentation impeccable des lieux publics.',
    'Photographier les faits avant et après nettoyage.',
    'Taille de l’équipe : 12 personnes.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R9');
  });

  it('lets a model agency ask for measurements', () => {
    expect(rulesIn('Taille 38 exigée, photo en pied.', { title: 'Mannequin (H/F)' })).not.toContain('R9');
  });
});
