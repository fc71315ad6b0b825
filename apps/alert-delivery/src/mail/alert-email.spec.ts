import { MatchCreatedV1 } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import { escapeHtml, explanationLines, headerSafe, renderAlertEmail } from './alert-email';

const UNSUBSCRIBE =
  'https://alertes.vigie.example/v1/alerts/c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d/unsubscribe?token=abc_DEF-123&src=mail';
const instant = () => goldenFixture<MatchCreatedV1>('alerts.match.created.v1', 'instant');
const withOffer = (offer: Partial<MatchCreatedV1['offer']>): MatchCreatedV1 => ({
  ...instant(),
  offer: { ...instant().offer, ...offer },
});
const withExplanation = (explanation: Partial<MatchCreatedV1['explanation']>): MatchCreatedV1 => ({
  ...instant(),
  explanation: { ...instant().explanation, ...explanation },
});

describe('renderAlertEmail', () => {
  it('titles the e-mail after the offer', () => {
    expect(renderAlertEmail(instant(), UNSUBSCRIBE).subject).toBe(
      'Nouvelle offre : Développeur back-end TypeScript (H/F)',
    );
  });

  it('keeps the subject on one line when the title carries CR/LF (header injection)', () => {
    const result = renderAlertEmail(withOffer({ title: 'Dev\r\nBcc: x@evil.tld' }), UNSUBSCRIBE);

    expect(result.subject).not.toMatch(/[\r\n]/);
    expect(result.subject).toBe('Nouvelle offre : Dev Bcc: x@evil.tld');
  });

  it('bounds the subject length', () => {
    const result = renderAlertEmail(
      withOffer({ title: 'Très long intitulé '.repeat(20).trim() }),
      UNSUBSCRIBE,
    );

    expect(result.subject.length).toBeLessThanOrEqual(150);
    expect(result.subject.endsWith('…')).toBe(true);
  });

  it('escapes the offer title and company in the HTML', () => {
    const result = renderAlertEmail(
      withOffer({ title: '<script>alert(1)</script>', companyName: 'Dupont & Fils <b>' }),
      UNSUBSCRIBE,
    );

    expect(result.html).not.toContain('<script>');
    expect(result.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(result.html).toContain('Dupont &amp; Fils &lt;b&gt;');
  });

  it('escapes quotes in the apply link so it cannot break out of its attribute', () => {
    const result = renderAlertEmail(
      withOffer({ applyUrl: 'https://jobs.example.fr/x?a="onmouseover="alert(1)' }),
      UNSUBSCRIBE,
    );

    expect(result.html).toContain('href="https://jobs.example.fr/x?a=&quot;onmouseover=&quot;alert(1)"');
  });

  it('shows the offer, its contract, company, city and apply link in the text part', () => {
    const result = renderAlertEmail(instant(), UNSUBSCRIBE);

    expect(result.text).toContain('Développeur back-end TypeScript (H/F) (CDI)');
    expect(result.text).toContain('Atelier Numérique Lyonnais — Lyon');
    expect(result.text).toContain('Postuler : https://jobs.example.fr/offres/REQ-2026-0042');
  });

  it('leaves out the apply link and the where line when the offer has neither', () => {
    const result = renderAlertEmail(
      withOffer({ applyUrl: null, companyName: null, city: null }),
      UNSUBSCRIBE,
    );

    expect(result.text).not.toContain('Postuler');
    expect(result.text).not.toContain(' — ');
    expect(result.html).not.toContain("Voir l'offre");
  });

  it('explains the match in French, with distance and contract', () => {
    const result = renderAlertEmail(instant(), UNSUBSCRIBE);

    expect(result.text).toContain('- Mots-clés de votre alerte : typescript');
    expect(result.text).toContain('- Type de contrat recherché : CDI');
    expect(result.text).toContain('- À 3,2 km de Villeurbanne (rayon choisi : 20 km)');
    expect(result.html).toContain('<li>À 3,2 km de Villeurbanne (rayon choisi : 20 km)</li>');
    expect(result.text).toContain('Cette sélection repose uniquement sur les critères de votre alerte.');
  });

  it('puts the unsubscribe link in the text and in the HTML', () => {
    const result = renderAlertEmail(instant(), UNSUBSCRIBE);

    expect(result.text).toContain(`Se désabonner de cette alerte : ${UNSUBSCRIBE}`);
    expect(result.html).toContain(
      `<a href="${UNSUBSCRIBE.replace('&', '&amp;')}">Se désabonner de cette alerte</a>`,
    );
  });
});

describe('explanationLines', () => {
  it('lists the keywords as the candidate typed them', () => {
    expect(explanationLines(withExplanation({ matchedKeywords: ['Java', 'Spring Boot'] }))[0]).toBe(
      'Mots-clés de votre alerte : Java, Spring Boot',
    );
  });

  it.each([
    ['apprenticeship', 'Alternance'],
    ['internship', 'Stage'],
    ['interim', 'Intérim'],
    ['freelance', 'Indépendant'],
    ['professionalisation', 'Contrat de professionnalisation'],
  ] as const)('names the contract type %s in French (%s)', (contractType, label) => {
    expect(explanationLines(withExplanation({ contractType }))).toContain(
      `Type de contrat recherché : ${label}`,
    );
  });

  it('says nothing about the contract when the alert did not filter on it', () => {
    expect(explanationLines(withExplanation({ contractType: null })).join('\n')).not.toContain('contrat');
  });

  it('explains a fully remote offer matched without a distance', () => {
    expect(explanationLines(withExplanation({ distanceKm: null }))).toContain(
      'Poste en télétravail complet (lieu choisi : Villeurbanne)',
    );
  });

  it('writes decimal distances the French way', () => {
    expect(explanationLines(withExplanation({ distanceKm: 12.5 }))).toContain(
      'À 12,5 km de Villeurbanne (rayon choisi : 20 km)',
    );
  });

  it('says nothing about the place when the alert has none', () => {
    expect(explanationLines(withExplanation({ placeLabel: null, radiusKm: null, distanceKm: null }))).toEqual(
      ['Mots-clés de votre alerte : typescript', 'Type de contrat recherché : CDI'],
    );
  });
});

describe('headerSafe', () => {
  it('replaces control characters and folds whitespace into single spaces', () => {
    expect(headerSafe('a\r\nb\tc\u0000d\u007Fe   f')).toBe('a b c d e f');
  });

  it('trims', () => {
    expect(headerSafe('  \r\n Objet \n')).toBe('Objet');
  });

  it('truncates to the maximum with an ellipsis', () => {
    const result = headerSafe('x'.repeat(30), 10);

    expect(result).toBe(`${'x'.repeat(9)}…`);
    expect(result).toHaveLength(10);
  });

  it('keeps a value of exactly the maximum length', () => {
    expect(headerSafe('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes an ampersand that already looks like an entity, so text shows as written', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves plain text and accents alone', () => {
    expect(escapeHtml('Développeur — Lyon')).toBe('Développeur — Lyon');
  });
});
