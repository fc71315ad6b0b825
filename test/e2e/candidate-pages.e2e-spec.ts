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

  /** Creates an address-only alert (pending until confirmed) for a keyword in Loire-Atlantique. */
  async function alertWithOffer(email: string, keyword: string): Promise<string> {
    const created = await env.api.createAddressAlert({
      email,
      criteria: { q: keyword, where: { kind: 'department', code: '44' } },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function publishOfferFor(recruiterName: string, ref: string, title: string): Promise<void> {
    const recruiter = await env.api.createRecruiter(recruiterName);
    const offer = offerInput({
      externalRef: ref,
      title,
      description: `${title} : atelier de Nantes, travail sur mesure.`,
      location: {
        city: 'Nantes',
        postalCode: '44000',
        communeCode: '44109',
        latitude: 47.2184,
        longitude: -1.5536,
      },
    });
    expect((await env.api.publishOffers(recruiter.body.apiKey, [offer])).status).toBe(200);
  }

  /** The e-mail with this subject, as the SMTP server received it. */
  const mailWithSubject = (email: string, subject: string) =>
    eventually(
      () => {
        const mail = env.smtp.to(email).find((m) => m.subject === subject);
        expect(mail?.subject).toBe(subject);
        return mail!;
      },
      { timeoutMs: 60_000 },
    );

  /** The one link of a page kind in an e-mail's plain-text part. */
  const linkIn = (text: string, path: string) => {
    const found = text.match(new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\?t=[\\w.-]+`));
    expect(found?.[0]).toBeDefined();
    return found![0];
  };

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
    await publishOfferFor('Ateliers du Bois Nantais', 'PAGES-1', 'Ébéniste d’art (H/F)');
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
    expect(await page.textContent('main li')).toMatch(/^« ébéniste » .+ — active$/);
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

  it('follows the links of the real e-mails: confirm, see the criteria and the last offers sent, pause, unsubscribe', async () => {
    const email = 'lucie.tonnelier@example.org';
    const title = 'Tonnelier (H/F)';
    const alertId = await alertWithOffer(email, 'tonnelier');

    // The double opt-in e-mail's link, opened in the browser.
    const confirmation = await mailWithSubject(email, 'Confirmez votre alerte emploi');
    await page.goto(linkIn(confirmation.text, '/c/alerts/confirm'));
    await expectAccessible('10-mailed-confirm');
    await page.getByRole('button', { name: 'Confirmer mon alerte' }).click();
    await page.waitForURL(/done=confirmed$/);
    expect((await alertState(alertId)).status).toBe('active');

    // The alert e-mail's manage link: its criteria and, once the ledger committed, the offer sent.
    await publishOfferFor('Tonnellerie de l’Erdre', 'PAGES-MAIL-1', title);
    const alertMail = await mailWithSubject(email, `Nouvelle offre : ${title}`);
    const manage = linkIn(alertMail.text, '/c/alerts/manage');
    // The HTML part's « Gérer cette alerte » is the same link (Handlebars escapes `=` and `&`).
    const htmlManage = alertMail.html.match(/<a href="([^"]+)"[^>]*>Gérer cette alerte<\/a>/)?.[1];
    expect(htmlManage?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toBe(manage);
    await page.goto(manage);
    expect(await page.getByLabel('Mots-clés').inputValue()).toBe('tonnelier');
    expect(await page.getByLabel('ou département (code, par exemple 44)').inputValue()).toBe('44');
    await eventually(
      async () => {
        await page.reload();
        expect((await page.locator('ul.sent li').allTextContents()).join(' ')).toContain(title);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    await expectAccessible('11-mailed-manage');

    await page.getByRole('button', { name: 'Mettre en pause' }).click();
    await page.waitForURL(/done=paused$/);
    expect((await alertState(alertId)).status).toBe('paused');
    await expectAccessible('12-mailed-paused');

    // Unsubscribe from the manage page's link, as the candidate would.
    await page.getByRole('link', { name: 'Me désabonner de cette alerte' }).click();
    expect(await page.textContent('h1')).toBe('Se désabonner de cette alerte');
    await expectAccessible('13-mailed-unsubscribe');
    await page.getByRole('button', { name: 'Me désabonner de cette alerte' }).click();
    expect(await page.textContent('h1')).toBe('Vous êtes désabonné·e');
    expect((await alertState(alertId)).status).toBe('unsubscribed');
    await expectAccessible('14-mailed-unsubscribed');
    expect(foreignRequests).toEqual([]);
  });

  it('unsubscribes from the e-mail’s List-Unsubscribe URL POSTed as a mailbox provider would (RFC 8058), and refuses a tampered or expired one', async () => {
    const email = 'ines.lefort@example.org';
    const title = 'Luthier (H/F)';
    const alertId = await alertWithOffer(email, 'luthier');
    await env.api.internal('POST', `/internal/v1/alerts/${alertId}/confirm`);
    await publishOfferFor('Atelier de lutherie nantais', 'PAGES-MAIL-2', title);
    const mail = await mailWithSubject(email, `Nouvelle offre : ${title}`);

    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = mail.header('List-Unsubscribe')!.replace(/^<|>$/g, '');
    expect(new URL(url).pathname).toBe('/c/alerts/unsubscribe');
    expect(links.verify('unsubscribe', new URL(url).searchParams.get('t')!).sub).toBe(alertId);
    // A provider's one-click: a form-encoded body, no cookie, no form token.
    const oneClick = (target: string) =>
      fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const before = await alertState(alertId);
    expect(before.status).toBe('active');

    const tampered = new URL(url);
    const token = tampered.searchParams.get('t')!;
    tampered.searchParams.set('t', `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    const expired = new CandidateLinks(
      base,
      new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, new FakeClock(Date.now() - 181 * 86_400_000)),
    ).unsubscribe(alertId);
    for (const [name, target] of [
      ['tampered', tampered.toString()],
      ['expired', expired],
    ]) {
      const refused = await oneClick(target!);
      expect([name, refused.status]).toEqual([name, 403]);
      expect(await refused.text()).toContain('Ce lien n’est pas valide');
    }
    expect(await alertState(alertId)).toEqual(before);

    // A link scanner's GET shows the button and unsubscribes nothing.
    await page.goto(url);
    expect((await alertState(alertId)).status).toBe('active');
    await expectAccessible('08-unsubscribe');

    expect((await oneClick(url)).status).toBe(200);
    const after = await alertState(alertId);
    expect(after.status).toBe('unsubscribed');
    // The provider may POST again: still 200, nothing else changes.
    expect((await oneClick(url)).status).toBe(200);
    expect((await alertState(alertId)).version).toBe(after.version);
  });
});
