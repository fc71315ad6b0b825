import { rulesIn } from '../../../../test-fixtures/quality/rules-in';

describe('R2 — family situation and pregnancy', () => {
  it.each([
    'Poste réservé à une personne célibataire.',
    'Profil : personne mariée de préférence.',
    'Candidat sans enfant pour des déplacements fréquents.',
    'Pas d’enfants à charge, disponibilité totale.',
    'Non enceinte, le poste implique le port de charges.',
    "Candidates enceintes s'abstenir.",
    'Pas de projet de grossesse dans les deux ans.',
    'Mères de famille s’abstenir.',
    'Libre de toute contrainte familiale.',
    'SANS  ENFANT',
  ])('fires on %j', (text) => {
    expect(rulesIn(text)).toContain('R2');
  });

  it.each([
    'Diagnostiquer le matériel : vidéoprojecteur, enceinte, borne.',
    "Vérifier l'absence d'usagers dans l'enceinte du site.",
    'Indicateurs de santé relatifs aux femmes enceintes et aux nouveau-nés.',
    'Logement pour célibataire proposé sur place.',
    'Sans distinction de situation de famille, de grossesse ou de handicap.',
  ])('leaves %j alone', (text) => {
    expect(rulesIn(text)).not.toContain('R2');
  });
});
