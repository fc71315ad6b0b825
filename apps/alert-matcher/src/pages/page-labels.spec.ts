import { frenchReason } from './page-labels';

describe('frenchReason', () => {
  it('says the validation reasons in French, with their figures', () => {
    expect(frenchReason('is not a known commune')).toMatch(/^Cette commune est inconnue/);
    expect(frenchReason('must be at most 200 km')).toBe('Le rayon doit être d’au plus 200 km.');
    expect(frenchReason('must be a whole number from 0 to 23')).toBe('Choisissez une valeur de 0 à 23.');
    expect(frenchReason('give at least one of keywords (q), a place (where) or a ROME code')).toBe(
      'Indiquez au moins des mots-clés, un lieu ou un code ROME.',
    );
  });

  it('still shows a reason it cannot translate', () => {
    expect(frenchReason('has an unbalanced quote')).toBe('Valeur refusée (has an unbalanced quote).');
  });
});
