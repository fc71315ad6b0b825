import { ruleIdsOf, ScreenableOffer } from '../../src/quality/screening/finding';
import { screenOffer } from '../../src/quality/screening/offer-screener';

/** The rule ids screening finds in an offer written as a test needs it. */
export function rulesIn(description: string, overrides: Partial<ScreenableOffer> = {}): string[] {
  return ruleIdsOf(
    screenOffer({
      title: 'Employé polyvalent (H/F)',
      description,
      companyName: 'Entreprise Martin',
      contractType: 'cdi',
      ...overrides,
    }).findings,
  );
}

export function rulesInTitle(title: string, description = 'Vous rejoignez notre équipe.'): string[] {
  return rulesIn(description, { title });
}
