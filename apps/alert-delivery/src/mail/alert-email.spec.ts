import { MatchCreatedV1 } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import { explanationLines, headerSafe, renderAlertEmail } from './alert-email';

const UNSUBSCRIBE =
  'https://alertes.vigie.example/v1/alerts/c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d/unsubscribe?token=abc_DEF-123&src=mail';
const instant = () => goldenFixture<MatchCreatedV1>('alerts.match.created.v1', 'instant');
const withOffer = (offer: Partial<MatchCreatedV1['offer']>): MatchCreatedV1 => ({
  ...instant(),
  offer: { ...instant().offer, ...offer },
});
/** What a mail client shows for an HTML text or attribute value (the entities Handlebars writes). */
const shown = (html: string) =>
  html.replace(/&(lt|gt|quot|amp|#x27|#x3D|#x60);/g, (_, e: string) => ENTITIES[e]!);
const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  amp: '&',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
};
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

  it('escapes a hostile offer title and company in the HTML, and shows them as written', () => {
    const title = `<script>alert("x")</script> & 'quotes'`;
    const companyName = 'Dupont & Fils <b>';
    const result = renderAlertEmail(withOffer({ title, companyName }), UNSUBSCRIBE);

    expect(result.html).not.toMatch(/<script|<b>|"x"|'quotes'|& /);
    const heading = /<h2>(.*) <small>/.exec(result.html)![1]!;
    expect(shown(heading)).toBe(title);
    expect(shown(/<title>(.*)<\/title>/.exec(result.html)![1]!)).toBe(result.subject);
    expect(result.html).toContain(`<p>${'Dupont &amp; Fils &lt;b&gt;'} — Lyon</p>`);
    expect(result.text).toContain(`${title} (CDI)`);
  });

  it('escapes quotes in the apply link so it cannot break out of its attribute', () => {
    const applyUrl = 'https://jobs.example.fr/x?a="onmouseover="alert(1)';
    const result = renderAlertEmail(withOffer({ applyUrl }), UNSUBSCRIBE);

    const href = /<a href="([^"]*)">Voir l’offre/.exec(result.html)![1]!;
    expect(shown(href)).toBe(applyUrl);
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
    expect(result.html).not.toContain('Voir l’offre');
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
    const href = /<a href="([^"]*)">Se désabonner de cette alerte<\/a>/.exec(result.html)![1]!;
    expect(shown(href)).toBe(UNSUBSCRIBE);
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
