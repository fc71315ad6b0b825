import { screenOffer } from './offer-screener';

const offer = (title: string, description: string) => ({
  title,
  description,
  companyName: 'ACME',
  contractType: 'cdi',
});

describe('bad-input catalogue rows L1–L3', () => {
  it('L1: « Recherche vendeuse 25-35 ans, bonne présentation » is blocked with sex, age and appearance', () => {
    const result = screenOffer(offer('Vendeur (H/F)', 'Recherche vendeuse 25-35 ans, bonne présentation'));

    expect(result.decision).toBe('blocked');
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.span?.text])).toEqual([
      ['R1', 'block', 'Recherche vendeuse'],
      ['R3', 'block', '25-35 ans'],
      ['R9', 'flag', 'bonne présentation'],
    ]);
    const age = result.findings[1]!;
    expect(age.legalBasis).toContain('C. trav. L5331-2');
    expect(age.span).toEqual({ field: 'description', start: 19, end: 28, text: '25-35 ans' });
    expect(age.suggestion).toMatch(/apprentissage/);
  });

  it('L1 with adversarial spellings: extra spaces, dots, capitals, no accents, H/F added', () => {
    const result = screenOffer(
      offer('V.E.N.D.E.U.S.E  H/F', 'RECHERCHE  VENDEUSE  25 - 35  ANS,  BONNE  PRESENTATION'),
    );

    expect(result.decision).toBe('blocked');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['R1', 'R1', 'R3', 'R9']);
    expect(result.findings.map((f) => f.span)).toContainEqual({
      field: 'title',
      start: 0,
      end: 15,
      text: 'V.E.N.D.E.U.S.E',
    });
  });

  it('L2: an offer entirely in English is published but flagged under L5331-4', () => {
    const result = screenOffer(
      offer(
        'Software engineer',
        'We are looking for a software engineer to join our platform team. You will design and build services with our product managers and you should have strong skills in TypeScript.',
      ),
    );

    expect(result.decision).toBe('flagged');
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'R14',
        severity: 'flag',
        span: null,
        legalBasis: ['C. trav. L5331-4', 'C. trav. R5334-1'],
      }),
    ]);
  });

  it.each([
    ['a fee', 'Frais de dossier : 50 €', 'Frais de dossier'],
    ['a premium-rate number', 'Candidatures au 08 99 12 34 56', '08 99 12 34 56'],
  ])('L3: %s is blocked under L5331-1 / L5331-5', (_, description, text) => {
    const result = screenOffer(offer('Agent de sécurité (H/F)', description));

    expect(result.decision).toBe('blocked');
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'R16',
        severity: 'block',
        legalBasis: ['C. trav. L5331-1', 'C. trav. L5331-5'],
        span: expect.objectContaining({ field: 'description', text }),
      }),
    ]);
  });

  it('J4: a title disguised with a right-to-left override and zero-width characters is still read', () => {
    const result = screenOffer(offer('\u202eVen\u200bdeu\u2060se', 'Vente en boutique.'));
    expect(result.findings.map((f) => f.ruleId)).toEqual(['R1']);
  });
});
