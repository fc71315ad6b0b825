import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchCriteriaSchema } from '@vigie/contracts';
import { CandidateLinks, FakeClock, SignedTokens } from '@vigie/kernel';
import { Alert, DEFAULT_SCHEDULE } from '../alerts/alert';
import { FakePlaceDirectory } from '../testing/alert-fakes';
import { formValuesOfAlert, formValuesOfPost } from './criteria-form';
import { FormTokens } from './form-tokens';
import { manageView, ManagePageInput } from './manage-page';
import { PageRenderer, PageTemplate, PageView } from './page-renderer';

/**
 * Every candidate page rendered for representative inputs, against the HTML the pages had before
 * the move from Eta to Handlebars (`__fixtures__/pages.eta.json`, rendered by the Eta renderer).
 * Tags and attributes must match byte for byte; text may differ only in how many blanks separate
 * words (HTML shows any run of blanks as one space), and Handlebars spells the entities of `'`,
 * `=` and `` ` `` its own way (`&#x27;` for `&#39;`, `&#x3D;` and `&#x60;` for characters that
 * need no escape in a quoted attribute or in text).
 */
const clock = new FakeClock('2026-12-01T08:00:00Z');
const tokens = new SignedTokens('a-test-secret-that-is-long-enough-0123456789', clock);
const links = new CandidateLinks('http://127.0.0.1:3004', tokens);
const forms = new FormTokens(tokens);
const places = new FakePlaceDirectory();

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  id: '7c0f1e2d-1111-4000-8000-000000000001',
  candidateId: 'addr-1',
  email: 'lina.perrin@example.org',
  criteria: SearchCriteriaSchema.parse({
    q: `<script>alert('x')</script> soudeur & "chef"`,
    where: { kind: 'commune', communeCode: '69123', radiusKm: 20 },
    contractTypes: ['cdi', 'cdd'],
    remote: ['partial'],
  }),
  frequency: 'daily',
  schedule: DEFAULT_SCHEDULE,
  status: 'active',
  snoozedUntil: null,
  version: 3,
  createdAt: clock.now(),
  changedAt: clock.now(),
  ...overrides,
});

const manage = (a: Alert, extra: Partial<ManagePageInput> = {}) => {
  const view = manageView(
    {
      alert: a,
      token: 'tok.en-1',
      values: formValuesOfAlert(a),
      errors: [],
      notice: null,
      sent: [],
      now: clock.now(),
      ...extra,
    },
    forms,
    links,
    places,
  );
  return { ...view, unsubscribeUrl: view.unsubscribeUrl ? '/c/alerts/unsubscribe?t=u.1' : null };
};

const summary = {
  id: 'a1',
  label: `« <b>peintre</b> & l'été » à Nantes (10 km)`,
  status: 'active',
  statusLabel: 'active',
};

const PAGE_CASES: Record<string, [template: PageTemplate, data: PageView]> = {
  confirm: ['confirm', { title: 'Confirmer votre alerte', alert: summary, token: 'c.t-1', formToken: 'f.1' }],
  'message, error': [
    'message',
    { title: 'Lien invalide', text: 'Ce lien <a> n’est plus valable.', error: true },
  ],
  'message, link': [
    'message',
    {
      title: 'Alerte supprimée',
      text: `Votre alerte « l'été » est supprimée.`,
      link: { href: '/c/unsubscribe-all?t=x.y&z=1', text: 'Gérer mes <autres> alertes' },
    },
  ],
  'message, text only': [
    'message',
    { title: 'Vous êtes désabonné·e de tout', text: 'Plus aucun e-mail (2 alertes).' },
  ],
  unsubscribe: [
    'unsubscribe',
    {
      title: 'Se désabonner de cette alerte',
      alert: summary,
      done: false,
      action: '/c/alerts/unsubscribe?t=a%2Bb',
      unsubscribeAllUrl: '/c/unsubscribe-all?t=all.1',
    },
  ],
  'unsubscribe, done': [
    'unsubscribe',
    {
      title: 'Se désabonner de cette alerte',
      alert: summary,
      done: true,
      action: '/c/alerts/unsubscribe?t=a',
      unsubscribeAllUrl: '/c/unsubscribe-all?t=all.1',
    },
  ],
  'unsubscribe-all, none': [
    'unsubscribe-all',
    { title: 'Se désabonner de toutes les alertes', token: 't', formToken: 'f', alerts: [], live: false },
  ],
  'unsubscribe-all, live': [
    'unsubscribe-all',
    {
      title: 'Se désabonner de toutes les alertes',
      token: 't.1',
      formToken: 'f.1',
      alerts: [summary, { ...summary, id: 'a2', label: 'sans mots-clés', statusLabel: 'en pause' }],
      live: true,
    },
  ],
  'unsubscribe-all, all gone': [
    'unsubscribe-all',
    {
      title: 'Se désabonner de toutes les alertes',
      token: 't.1',
      formToken: 'f.1',
      alerts: [{ ...summary, statusLabel: 'désabonnée' }],
      live: false,
    },
  ],
  'manage, active': ['manage', manage(alert())],
  'manage, paused and snoozed, notice, sent offers': [
    'manage',
    manage(alert({ status: 'paused', snoozedUntil: new Date('2026-12-20T00:00:00Z') }), {
      notice: 'snoozed',
      sent: [
        {
          offerId: '7c0f1e2d-2222-4000-8000-000000000002',
          title: 'Soudeur <TIG>',
          companyName: 'Ateliers & Fils',
          placeLabel: 'Lyon',
          applyUrl: 'https://emploi.example.org/o/1?a=1&b=2',
          sentAt: new Date('2026-11-30T17:05:00Z'),
        },
        {
          offerId: '7c0f1e2d-3333-4000-8000-000000000003',
          title: null,
          companyName: null,
          placeLabel: null,
          applyUrl: null,
          sentAt: new Date('2026-11-29T07:00:00Z'),
        },
      ],
    }),
  ],
  'manage, errors': [
    'manage',
    manage(alert(), {
      values: formValuesOfPost({
        q: 'x"y',
        commune: 'Nulle-part',
        radius: '500',
        contract: ['cdi', 'bogus'],
        includeUnsalaried: 'true',
        minSalary: '-1',
        frequency: 'often',
        hour: '8',
        weekday: '9',
      }),
      errors: [
        { field: 'q', reason: 'is too long' },
        { field: 'commune', reason: 'is not a known commune' },
        { field: 'radius', reason: 'must be at most 200 km' },
        { field: 'contract', reason: 'is not a contract type' },
        { field: 'minSalary', reason: 'must be a number' },
        { field: 'frequency', reason: 'must be instant, daily or weekly' },
        { field: 'weekday', reason: 'must be a whole number from 1 to 7' },
        { field: '(query)', reason: 'give at least one of keywords (q), a place (where) or a ROME code' },
      ],
    }),
  ],
  'manage, pending, sent unavailable': [
    'manage',
    manage(alert({ status: 'pending' }), { sent: 'unavailable' }),
  ],
  'manage, unsubscribed': ['manage', manage(alert({ status: 'unsubscribed' }))],
};

const FIXTURE = join(__dirname, '__fixtures__', 'pages.eta.json');

/** What HTML makes of a page: entity spellings and runs of blanks in text are not differences. */
function canonical(html: string): string {
  return html
    .replace(/&#x27;/g, '&#39;')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : part.replace(/\s+/g, ' ')))
    .join('')
    .trim();
}

describe('the candidate pages, against their HTML before the move to Handlebars', () => {
  const renderer = new PageRenderer();
  let expected: Record<string, string>;
  beforeAll(() => {
    expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
  });

  it('has a snapshot for every case, and a case for every snapshot', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(PAGE_CASES).sort());
  });

  it.each(Object.keys(PAGE_CASES))('renders %s as before', (name) => {
    const [template, data] = PAGE_CASES[name]!;
    expect(canonical(renderer.render(template, data))).toBe(canonical(expected[name]!));
  });
});
