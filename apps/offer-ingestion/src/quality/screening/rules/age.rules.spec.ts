import { rulesIn } from '../../../../test-fixtures/quality/rules-in';

describe('R3 — upper age limit', () => {
  it.each([
    'Vous avez moins de 30 ans.',
    'Le poste est proposé à une personne plutôt jeune (- de 30 ans).',
    'Profil : entre 25 et 35 ans.',
    'Vendeuse 25-35 ans.',
    'Candidats de 18 à 26 ans.',
    'Âge maximum : 45 ans.',
    '45 ans maximum.',
    "Plus de 50 ans s'abstenir.",
    'Limite d’âge fixée par l’entreprise.',
    'Vous avez entre 20 et 24 ans et souhaitez vous engager.',
    'MOINS  DE  30  ANS',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R3');
  });

  it('fires on « 18 à 26 ans » for a contrat de professionnalisation (no statutory cap)', () => {
    expect(
      rulesIn('Contrat de professionnalisation : 18 à 26 ans.', { contractType: 'professionalisation' }),
    ).toContain('R3');
  });

  it.each([
    ["Contrat d'apprentissage, 16-29 ans révolus selon la réglementation.", 'apprenticeship'],
    ["Ouvert aux moins de 30 ans dans le cadre du contrat d'apprentissage.", 'apprenticeship'],
    ['Service civique : 16 à 25 ans (30 ans pour les jeunes en situation de handicap).', 'cdd'],
    ['Vous avez 16 à 29 ans révolus conformément à la réglementation.', 'apprenticeship'],
  ])('accepts the statutory limit in %j', (text, contractType) => {
    expect(rulesIn(text, { contractType })).not.toContain('R3');
  });

  it.each([
    "Vous justifiez d'une expérience de 10 à 15 ans minimum.",
    "Minimum de 7 - 10 ans d'expérience en data.",
    "Une entreprise forte de 15 ans d'expérience.",
    'Depuis plus de 30 ans, notre bureau d’études accompagne les collectivités.',
    'La mission locale accompagne les jeunes de 16 à 25 ans.',
    'Vous encadrez des enfants de 6 à 12 ans.',
    'Accueil des personnes âgées autonomes à partir de 60 ans.',
    'Vous avez au moins 18 ans.',
    'Contrat de 18 mois à pourvoir rapidement.',
    "Vous disposez d'au moins de 3 ans d'expériences dans le domaine data.",
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R3');
  });
});

describe('R4 — indirect age', () => {
  it.each([
    'Jeune diplômé uniquement.',
    'Jeunes diplômés exclusivement.',
    'Réservé aux juniors.',
    "2 à 5 ans d'expérience maximum.",
    "Pas plus de 3 ans d'expérience.",
    'Vous êtes jeune et dynamique.',
    'Profil jeune et motivé.',
    'Le poste est proposé à une personne plutôt jeune.',
    'Profil surdimensionné s’abstenir.',
    'Trop senior pour ce poste : merci de ne pas postuler.',
    'Merci de préciser votre âge dans votre candidature.',
    'Famille recherche jeune homme pour aide aux devoirs.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R4');
  });

  it.each([
    'Jeune entreprise innovante, nous recrutons.',
    'Jeune diplômé accepté.',
    'Jeunes diplômés bienvenus.',
    'Rejoignez une équipe dynamique, jeune et motivée.',
    'Une ambiance jeune et décontractée.',
    'Doctorat obtenu depuis moins de 2 ans (Jeune Docteur).',
    'Bibliothécaire espace jeunes.',
    "Au moins 2 ans d'expérience.",
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R4');
  });
});
