import { MatchCreatedV2, TOPICS } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import type { PendingMatch } from '../projection/pending-matches.port';
import { renderGroupedEmail } from './grouped-email';

const fixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
const LINKS = {
  unsubscribe: 'https://alertes.vigie.example/c/alerts/unsubscribe?t=abc',
  manage: 'https://alertes.vigie.example/c/alerts/manage?t=def',
  seeAll: 'https://www.vigie.example/offres?q=d%C3%A9veloppeur&contract=cdi',
};

function pending(offer: Partial<PendingMatch['offer']> = {}): PendingMatch {
  return {
    matchId: fixture.matchId,
    candidateId: fixture.candidateId,
    alertId: fixture.alertId,
    offerId: fixture.offerId,
    clusterId: fixture.clusterId,
    frequency: 'instant',
    matchedAt: new Date(fixture.matchedAt),
    receivedAt: new Date(fixture.matchedAt),
    offer: { ...fixture.offer, ...offer },
    explanation: fixture.explanation,
  };
}

describe('renderGroupedEmail (template files)', () => {
  it('shows every offer with why it was sent, in both parts, with the alert’s links', () => {
    const email = renderGroupedEmail(
      'instant',
      [pending(), pending({ title: 'Développeur Node.js' })],
      3,
      LINKS,
    );

    expect(email.subject).toBe('2 nouvelles offres pour votre alerte');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Développeur back-end TypeScript (H/F)');
      expect(part).toContain('Développeur Node.js');
      expect(part).toContain('Pourquoi cette offre ?');
      expect(part).toContain('« développeur » trouvé dans l’intitulé');
      expect(part).toContain('À 3,2 km de Lyon (rayon choisi : 30 km)');
      expect(part).toContain('3 autres offres : voir toutes les offres de votre alerte');
    }
    expect(email.text).toContain(`Se désabonner de cette alerte : ${LINKS.unsubscribe}`);
    expect(email.text).toContain(`: ${LINKS.manage}`);
    expect(email.html).toContain(`href="${LINKS.manage.replace('=', '&#x3D;')}"`);
    expect(email.html).toContain(
      'href="https://www.vigie.example/offres?q&#x3D;d%C3%A9veloppeur&amp;contract&#x3D;cdi"',
    );
  });

  it('is accessible French HTML without images or tracking', () => {
    const { html } = renderGroupedEmail('daily', [pending()], 0, LINKS);

    expect(html).toMatch(/^<!doctype html>\s*<html lang="fr">/);
    expect(html).toMatch(/<title>Nouvelle offre : Développeur back-end TypeScript \(H\/F\)<\/title>/);
    expect(html).toContain('<h1');
    expect(html).toContain('Voir l’offre « Développeur back-end TypeScript (H/F) » et postuler');
    expect(html).not.toMatch(/<img|<script|url\(|<link /i);
  });

  it('keeps the subject on one line whatever the offer title holds (E1)', () => {
    const email = renderGroupedEmail('instant', [pending({ title: 'Dev\r\nBcc: x@evil.tld' })], 0, LINKS);

    expect(email.subject).toBe('Nouvelle offre : Dev Bcc: x@evil.tld');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('escapes offer data in the HTML part, not in the text part', () => {
    const email = renderGroupedEmail(
      'instant',
      [
        pending({
          title: '<script>alert(1)</script>',
          companyName: 'Dupont & Fils',
          applyUrl: 'https://x.example/?a="b',
        }),
      ],
      0,
      LINKS,
    );

    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Dupont &amp; Fils');
    expect(email.html).toContain('href="https://x.example/?a&#x3D;&quot;b"');
    expect(email.text).toContain('<script>alert(1)</script> (CDI)');
    expect(email.text).toContain('Dupont & Fils');
  });
});
