import { rulesIn } from '../../../../test-fixtures/quality/rules-in';

describe('R5 — origin, ethnicity, nationality', () => {
  it.each([
    'Personne de type européen.',
    'Personne non typée.',
    'Race blanche.',
    'Nationalité française exigée.',
    'NATIONALITE FRANCAISE',
    'Français de souche de préférence.',
    "Copie de votre carte d'électeur.",
    'Alsacien de préférence.',
    'Origine européenne souhaitée.',
    "Étrangers s'abstenir.",
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R5');
  });

  it.each([
    'Ce poste est habilitable Défense, la nationalité française est requise.',
    'Permis de travail en règle ou nationalité française.',
    'Être de nationalité française ou ressortissant de l’Union européenne (fonction publique).',
    'Le groupe compte 4 000 collaborateurs de 55 nationalités.',
    'Entreprise d’origine française implantée dans 12 pays.',
    'Sans distinction d’origine, de nationalité ou de religion.',
    'Breton courant apprécié pour nos écoles Diwan.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R5');
  });
});

describe('R6 — language as an origin proxy', () => {
  it.each([
    'Expression en français sans accent.',
    'Langue maternelle anglaise exigée.',
    'Français langue maternelle.',
    'Native speaker only.',
    'Locuteur natif espagnol.',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R6');
  });

  it.each([
    'Anglais courant (niveau C1) pour les échanges clients.',
    'Bilingue français-allemand.',
    'Notions d’espagnol.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R6');
  });
});

describe('R11 — family name', () => {
  it.each(['Nom à consonance française.', 'Patronyme à consonance européenne souhaité.'])(
    'fires on %j',
    (text) => {
      expect(rulesIn(text)).toContain('R11');
    },
  );

  it('leaves « nom du responsable » alone', () => {
    expect(rulesIn('Indiquez le nom du responsable qui vous a orienté.')).not.toContain('R11');
  });
});
