import { CandidateLinks, FakeClock, SignedTokens, SystemClock } from '@vigie/kernel';
import { eventually, offerInput, TEST_SECRETS, useRunningStack } from '@vigie/testing';
import { launchChromium, screenshot, seriousAxeViolations } from '@vigie/testing/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const SUITE = 'candidate-pages';

interface AlertState {
  status: string;
  frequency: string;
  snoozedUntil: string | null;
  criteria: { q: string | null; where: unknown; contractTypes: string[] };
  schedule: { hour: number };
  version: number;
}

/**
 * The candidate pages in headless Chromium, against the running services: an alert created with
 * only an e-mail address is confirmed, edited, paused, snoozed and unsubscribed from its links,
 * every page passing axe-core without a serious or critical violation and loading nothing from
 * another origin.
 */
describe('candidate pages in a browser', () => {
  const env = useRunningStack('e2e-pages', { MATCHER_SHARDS: '1' });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let links: CandidateLinks;
  let base: string;
  const foreignRequests: string[] = [];

  const alertState = async (id: string) =>
    (await env.api.internal<AlertState>('GET', `/internal/v1/alerts/${id}`)).body;

  const expectAccessible = async (name: string) => {
    await screenshot(page, SUITE, name);
    expect(await seriousAxeViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    base = env.stack.services['alert-matcher'].url;
    links = new CandidateLinks(base, new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, new SystemClock()));
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'fr-FR' });
    page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) foreignRequests.push(r.url());
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('confirms an alert, edits it with errors shown next to the fields, pauses, snoozes and unsubscribes from all', async () => {
    const email = 'maelle.roux@example.org';
    const created = await env.api.createAddressAlert({
      email,
      criteria: { q: 'ébéniste', where: { kind: 'department', code: '44' } },
    });
    expect(created.status).toBe(201);
    const alertId = created.body.id;

    // Confirm: the GET only shows a button (link scanners open links); the click confirms.
    const confirmPage = await page.goto(links.confirm(alertId));
    expect(confirmPage?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Confirmer votre alerte');
    expect((await alertState(alertId)).status).toBe('pending');
    await expectAccessible('01-confirm');
    await page.getByRole('button', { name: 'Confirmer mon alerte' }).click();
    await page.waitForURL(/\/c\/alerts\/manage\?t=.+&done=confirmed$/);
    expect(await page.getByRole('status').textContent()).toContain('Votre alerte est confirmée');
    expect((await alertState(alertId)).status).toBe('active');
    await expectAccessible('02-manage-confirmed');

    // An offer matched now is mailed, and shown among the last offers sent.
    const recruiter = await env.api.createRecruiter('Ateliers du Bois Nantais');
    const offer = offerInput({
      externalRef: 'PAGES-1',
      title: 'Ébéniste d’art (H/F)',
      description: 'Restauration de meubles anciens et fabrication sur mesure en atelier.',
      location: {
        city: 'Nantes',
        postalCode: '44000',
        communeCode: '44109',
        latitude: 47.2184,
        longitude: -1.5536,
      },
    });
    expect((await env.api.publishOffers(recruiter.body.apiKey, [offer])).status).toBe(200);
    // Two e-mails: the double opt-in confirmation, then the offer's.
    await eventually(
      () =>
        expect(env.smtp.to(email).map((m) => m.subject)).toContain('Nouvelle offre : Ébéniste d’art (H/F)'),
      { timeoutMs: 60_000 },
    );
    await eventually(
      async () => {
        await page.reload();
        // allTextContents does not wait: a page rendered before the ledger committed is reloaded.
        expect((await page.locator('ul.sent li').allTextContents()).join(' ')).toContain(
          'Ébéniste d’art (H/F)',
        );
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    // A commune that does not exist: refused, the error next to its field, nothing saved.
    await page.getByLabel('Commune (nom ou code INSEE)').fill('Nulleville-sur-Rien');
    await page.getByLabel('ou département (code, par exemple 44)').fill('');
    await page.getByRole('button', { name: 'Enregistrer mes critères' }).click();
    await page.waitForLoadState();
    const commune = page.getByLabel('Commune (nom ou code INSEE)');
    expect(await commune.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#commune-error').textContent()).toContain('Cette commune est inconnue');
    expect(await commune.inputValue()).toBe('Nulleville-sur-Rien');
    expect(await page.locator(':focus').getAttribute('role')).toBe('alert');
    expect((await alertState(alertId)).version).toBe(2);
    await expectAccessible('03-manage-errors');

    // Valid criteria: saved as the API would save them (the commune by its name).
    await commune.fill('Nantes');
    await page.getByLabel('Rayon autour de la commune (km)').fill('25');
    await page.getByLabel('CDI').check();
    await page.getByLabel('Fréquence').selectOption('daily');
    await page.getByLabel('Heure des résumés quotidiens et hebdomadaires').selectOption('18');
    await page.getByRole('button', { name: 'Enregistrer mes critères' }).click();
    await page.waitForURL(/done=criteria$/);
    expect(await page.getByRole('status').textContent()).toBe('Vos critères sont enregistrés.');
    const edited = await alertState(alertId);
    expect(edited).toMatchObject({
      frequency: 'daily',
      schedule: { hour: 18 },
      criteria: {
        q: 'ébéniste',
        where: { kind: 'commune', communeCode: '44109', radiusKm: 25 },
        contractTypes: ['cdi'],
      },
    });

    // The page as it was before the next change; its form token is bound to this version.
    const staleForm = await page
      .locator('form[action="/c/alerts/manage/pause"] input[name="form"]')
      .inputValue();
    const linkToken = await page
      .locator('form[action="/c/alerts/manage/pause"] input[name="t"]')
      .inputValue();

    await page.getByRole('button', { name: 'Mettre en pause' }).click();
    await page.waitForURL(/done=paused$/);
    expect((await alertState(alertId)).status).toBe('paused');
    await page.getByRole('button', { name: 'Reprendre l’alerte' }).click();
    await page.waitForURL(/done=resumed$/);
    expect((await alertState(alertId)).status).toBe('active');

    // Replaying the old pause form changes nothing: the alert moved on since that page.
    const replay = await fetch(`${base}/c/alerts/manage/pause`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: linkToken, form: staleForm }).toString(),
      redirect: 'manual',
    });
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('Cette page n’était plus à jour');
    expect((await alertState(alertId)).status).toBe('active');

    const before = Date.now();
    await page.getByRole('button', { name: 'Suspendre un mois' }).click();
    await page.waitForURL(/done=snoozed$/);
    const snoozed = await alertState(alertId);
    const until = new Date(snoozed.snoozedUntil!).getTime();
    expect(until).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000 + 1_000);
    expect(await page.textContent('main')).toContain('suspendue jusqu’au');
    await expectAccessible('04-manage-snoozed');

    // Unsubscribe from everything, from the link at the bottom of the manage page.
    await page.getByRole('link', { name: 'Me désabonner de toutes mes alertes' }).click();
    expect(await page.textContent('h1')).toBe('Se désabonner de toutes les alertes');
    await expectAccessible('05-unsubscribe-all');
    await page.getByRole('button', { name: 'Me désabonner de toutes mes alertes' }).click();
    expect(await page.textContent('h1')).toBe('Vous êtes désabonné·e de tout');
    expect((await alertState(alertId)).status).toBe('unsubscribed');
    await expectAccessible('06-unsubscribed-all');

    expect(foreignRequests).toEqual([]);
  });

  it('answers a forged, expired or misused link with the same page that reveals nothing', async () => {
    const created = await env.api.createAddressAlert({
      email: 'theo.marchand@example.org',
      criteria: { q: 'tapissier', where: { kind: 'department', code: '44' } },
    });
    const alertId = created.body.id;
    const manage = new URL(links.manage(alertId));
    const token = manage.searchParams.get('t')!;
    const [payload, mac] = token.split('.');
    const forged = `${Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(alertId, '00000000-0000-4000-8000-000000000000')).toString('base64url')}.${mac}`;
    const longAgo = new CandidateLinks(
      base,
      new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, new FakeClock(Date.now() - 8 * 86_400_000)),
    );
    const cases = {
      forged: `${base}/c/alerts/manage?t=${forged}`,
      expired: longAgo.confirm(alertId),
      'another page': `${base}/c/alerts/confirm?t=${token}`,
      missing: `${base}/c/alerts/manage`,
    };
    const bodies = new Set<string>();
    for (const [name, url] of Object.entries(cases)) {
      const res = await page.goto(url);
      expect([name, res?.status()]).toEqual([name, 403]);
      expect(await page.textContent('h1')).toBe('Ce lien n’est pas valide');
      bodies.add((await page.textContent('main')) ?? '');
    }
    expect(bodies.size).toBe(1);
    await expectAccessible('07-invalid-link');
    expect((await alertState(alertId)).status).toBe('pending');
  });

  it('unsubscribes with the RFC 8058 one-click POST, and shows a button (not an unsubscribe) on GET', async () => {
    const created = await env.api.createAddressAlert({
      email: 'ines.lefort@example.org',
      criteria: { q: 'luthier', where: { kind: 'department', code: '44' } },
    });
    const alertId = created.body.id;
    await env.api.internal('POST', `/internal/v1/alerts/${alertId}/confirm`);
    const url = links.unsubscribe(alertId);

    await page.goto(url);
    expect((await alertState(alertId)).status).toBe('active');
    await expectAccessible('08-unsubscribe');

    const oneClick = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await alertState(alertId)).status).toBe('unsubscribed');
    // The mailbox provider may POST again: still 200, nothing else changes.
    expect((await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect((await alertState(alertId)).version).toBe(3);
  });
});
