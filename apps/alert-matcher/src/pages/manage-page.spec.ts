import { SearchCriteriaSchema } from '@vigie/contracts';
import { CandidateLinks, FakeClock, SignedTokens } from '@vigie/kernel';
import { Alert, DEFAULT_SCHEDULE } from '../alerts/alert';
import { FakePlaceDirectory } from '../testing/alert-fakes';
import { formValuesOfAlert, formValuesOfPost } from './criteria-form';
import { FormTokens } from './form-tokens';
import { manageView } from './manage-page';
import { PageRenderer } from './page-renderer';

const clock = new FakeClock('2026-12-01T08:00:00Z');
const tokens = new SignedTokens('a-test-secret-that-is-long-enough-0123456789', clock);
const links = new CandidateLinks('http://127.0.0.1:3004', tokens);
const forms = new FormTokens(tokens);
const places = new FakePlaceDirectory();
const renderer = new PageRenderer();

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  id: '7c0f1e2d-1111-4000-8000-000000000001',
  candidateId: 'addr-1',
  email: 'lina.perrin@example.org',
  criteria: SearchCriteriaSchema.parse({
    q: '<script>alert(1)</script> soudeur',
    where: { kind: 'commune', communeCode: '69123', radiusKm: 20 },
    contractTypes: ['cdi'],
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

const render = (a: Alert, extra: Partial<Parameters<typeof manageView>[0]> = {}) =>
  renderer.render(
    'manage',
    manageView(
      {
        alert: a,
        token: 'tok',
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
    ),
  );

describe('the manage page', () => {
  it('escapes what the candidate typed, in the title and in the fields', () => {
    const html = render(alert());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; soudeur');
    expect(html).toContain('<html lang="fr">');
  });

  it('shows the current criteria, the place by name and the actions of an active alert', () => {
    const html = render(alert());
    expect(html).toMatch(/id="commune" name="commune" value="69123"/);
    expect(html).toContain('Lieu actuel : Lyon');
    expect(html).toMatch(/id="contract-cdi" name="contract" value="cdi" checked/);
    expect(html).toMatch(/<option value="daily" selected>/);
    expect(html).toContain('Mettre en pause');
    expect(html).toContain('Suspendre un mois');
    expect(html).not.toContain('Reprendre l’alerte');
  });

  it('puts each error next to its field, marked invalid, and the others at the top', () => {
    const a = alert();
    const html = render(a, {
      values: formValuesOfPost({
        q: 'x',
        commune: 'Nulle-part',
        frequency: 'daily',
        hour: '8',
        weekday: '1',
      }),
      errors: [
        { field: 'commune', reason: 'is not a known commune' },
        { field: '(query)', reason: 'give at least one of keywords (q), a place (where) or a ROME code' },
      ],
    });
    expect(html).toMatch(
      /id="commune" name="commune" value="Nulle-part" maxlength="120" aria-invalid="true" aria-describedby="commune-error"/,
    );
    expect(html).toContain('<p class="field-error" id="commune-error">Cette commune est inconnue');
    expect(html).toContain('<li>Indiquez au moins des mots-clés, un lieu ou un code ROME.</li>');
    expect(html).toContain('role="alert"');
  });

  it('offers only deletion for an unsubscribed alert, and says when the sent offers are unavailable', () => {
    const html = render(alert({ status: 'unsubscribed' }), { sent: 'unavailable' });
    expect(html).not.toContain('Enregistrer mes critères');
    expect(html).toContain('Supprimer cette alerte');
    expect(html).toContain('momentanément indisponible');
  });

  it('lists the last offers sent, with their date in French', () => {
    const html = render(alert(), {
      sent: [
        {
          offerId: '7c0f1e2d-2222-4000-8000-000000000002',
          title: 'Soudeur TIG',
          companyName: 'Ateliers <Rhône>',
          placeLabel: 'Lyon',
          applyUrl: 'https://emploi.example.org/o/1',
          sentAt: new Date('2026-11-30T17:05:00Z'),
        },
      ],
    });
    expect(html).toContain('<a href="https://emploi.example.org/o/1">Soudeur TIG</a>');
    expect(html).toContain('Ateliers &lt;Rhône&gt;');
    expect(html).toContain('30 novembre 2026 à 18:05');
  });
});
