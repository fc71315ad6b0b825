import { PageRenderer } from './page-renderer';

const summary = { id: 'a1', label: '« soudeur » à Lyon (20 km)', status: 'active', statusLabel: 'active' };

describe('PageRenderer', () => {
  const sut = new PageRenderer();

  it('lays every page out in the French layout, titled in the page and in the tab', () => {
    const html = sut.render('confirm', {
      title: 'Confirmer votre alerte',
      alert: summary,
      token: 't',
      formToken: 'f',
    });
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('<title>Confirmer votre alerte — Vigie Alertes</title>');
    expect(html).toMatch(/<main id="contenu" tabindex="-1">\n<h1>Confirmer votre alerte<\/h1>/);
    expect(html).toContain('<strong>« soudeur » à Lyon (20 km)</strong>');
  });

  it('escapes values in text and in attributes, the title included', () => {
    const html = sut.render('message', {
      title: '<img src=x>',
      text: 'a & b',
      link: { href: '/c/x?t="><script>', text: '<b>suite</b>' },
    });
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('<title>&lt;img src&#x3D;x&gt; — Vigie Alertes</title>');
    expect(html).toContain('<a href="/c/x?t&#x3D;&quot;&gt;&lt;script&gt;">&lt;b&gt;suite&lt;/b&gt;</a>');
    expect(html).toContain('<p>a &amp; b</p>');
  });

  it('marks an error message and shows a message without a link', () => {
    const html = sut.render('message', {
      title: 'Lien invalide',
      text: 'Ce lien n’est plus valable.',
      error: true,
    });
    expect(html).toContain('<h1 class="error-title">Lien invalide</h1>');
    expect(html).not.toContain('<a href="/c');
  });

  it('lists the candidate’s alerts with their status, and the button only while one is live', () => {
    const view = { title: 'Se désabonner de toutes les alertes', token: 't', formToken: 'f' };
    const live = sut.render('unsubscribe-all', { ...view, alerts: [summary], live: true });
    expect(live).toContain('<li>« soudeur » à Lyon (20 km) — active</li>');
    expect(live).toContain('Me désabonner de toutes mes alertes</button>');
    const gone = sut.render('unsubscribe-all', {
      ...view,
      alerts: [{ ...summary, statusLabel: 'désabonnée' }],
      live: false,
    });
    expect(gone).not.toContain('</button>');
    expect(gone).toContain('Vous êtes désabonné·e de toutes vos alertes');
    expect(sut.render('unsubscribe-all', { ...view, alerts: [], live: false })).toContain(
      'Vous n’avez plus aucune alerte.',
    );
  });

  it('refuses a view that lacks a value the page prints', () => {
    expect(() =>
      sut.render('unsubscribe-all', {
        title: 't',
        token: 't',
        formToken: 'f',
        alerts: [{ label: 'x' }],
        live: false,
      }),
    ).toThrow(/"statusLabel" not defined/);
  });
});
