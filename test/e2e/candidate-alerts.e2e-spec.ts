import { TOPICS } from '@vigie/contracts';
import { unsubscribeToken } from '@vigie/platform';
import { delay, eventually, offerInput, readTopic, TEST_SECRETS, useRunningStack } from '@vigie/testing';

/** What candidates see and control: their own alerts only, one-click unsubscribe, traceable events. */
describe('candidate alerts', () => {
  const env = useRunningStack('e2e-cand');
  let apiKey: string;

  beforeAll(async () => {
    apiKey = (await env.api.createRecruiter('Hôpital Nord')).body.apiKey;
  });

  it("answers 401 without a valid token and 404 for another candidate's alert", async () => {
    const alice = env.api.candidateToken('cand-alice', 'alice@example.org');
    const bob = env.api.candidateToken('cand-bob', 'bob@example.org');
    const created = await env.api.createAlert(alice, { keywords: ['infirmier'] });
    const id = created.body.id;

    expect((await env.api.getAlert(undefined, id)).status).toBe(401);
    expect((await env.api.getAlert(`${alice.slice(0, -3)}abc`, id)).status).toBe(401);
    expect((await env.api.getAlert(bob, id)).status).toBe(404);
    expect((await env.api.deleteAlert(bob, id)).status).toBe(404);
    expect((await env.api.listAlerts(bob)).body).toEqual([]);
    expect((await env.api.getAlert(alice, id)).body).toMatchObject({
      id,
      email: 'alice@example.org',
      criteria: { q: 'infirmier' },
      status: 'active',
    });
  });

  it('stops e-mailing after a one-click unsubscribe, which a link scanner cannot trigger', async () => {
    const email = 'noor.haddad@example.org';
    const token = env.api.candidateToken('cand-noor', email);
    const alertId = (await env.api.createAlert(token, { keywords: ['ambulancier'] })).body.id;
    await env.api.publishOffers(apiKey, [
      offerInput({
        externalRef: 'AMB-1',
        title: 'Ambulancier DEA',
        description: 'Transport sanitaire urgent.',
      }),
    ]);
    const first = await eventually(
      () => {
        const mails = env.smtp.to(email);
        expect(mails).toHaveLength(1);
        return mails[0]!;
      },
      { timeoutMs: 60_000 },
    );
    const link = first.header('List-Unsubscribe')!.replace(/^<|>$/g, '');

    // The candidate pages' signed link (CandidateLinks.unsubscribe): a forged token is refused,
    // a GET (a link scanner) only shows the button.
    const forged = new URL(link);
    forged.searchParams.set('t', 'forged');
    expect((await env.api.followUnsubscribe(forged.toString(), 'POST')).status).toBe(403);
    expect((await env.api.followUnsubscribe(link, 'GET')).status).toBe(200);
    expect((await env.api.getAlert(token, alertId)).body).toMatchObject({ status: 'active' });

    // The matcher's former endpoint, in e-mails sent before the switch, still unsubscribes.
    const legacy = new URL(`/v1/alerts/${alertId}/unsubscribe`, new URL(link).origin);
    legacy.searchParams.set('token', 'forged');
    expect((await env.api.followUnsubscribe(legacy.toString(), 'POST')).status).toBe(400);
    legacy.searchParams.set('token', unsubscribeToken(alertId, TEST_SECRETS.UNSUBSCRIBE_SECRET));
    expect((await env.api.followUnsubscribe(legacy.toString(), 'POST')).status).toBe(200);
    expect((await env.api.getAlert(token, alertId)).body).toMatchObject({ status: 'unsubscribed' });

    // The one-click POST of the header's link, again: 200, nothing else changes.
    expect((await env.api.followUnsubscribe(link, 'POST')).status).toBe(200);
    expect((await env.api.getAlert(token, alertId)).body).toMatchObject({ status: 'unsubscribed' });

    await env.api.publishOffers(apiKey, [
      offerInput({ externalRef: 'AMB-2', title: 'Ambulancier de nuit', description: 'Transport sanitaire.' }),
    ]);
    await eventually(async () => {
      const indexed = await readTopic(env.kafka, env.topic(TOPICS.offerIndexed));
      expect(indexed.some((m) => m.value?.includes('Ambulancier de nuit'))).toBe(true);
    });
    await delay(3_000);
    expect(env.smtp.to(email)).toHaveLength(1);
  });

  it('carries the correlation id of the HTTP request through every event of the offer', async () => {
    await env.api.createAlert(env.api.candidateToken('cand-tom', 'tom@example.org'), {
      keywords: ['grutier'],
    });
    const grutier = (m: { value: string | null }) => m.value?.includes('Grutier à tour') ?? false;
    // The new alert reaches the matcher through alerts.alert.changed.v1 within about a second; an
    // offer indexed before that is not matched (no backfill), so under load one more offer may be
    // needed before a match exists. Every one of them carries the same correlation id.
    let n = 0;
    await eventually(
      async () => {
        n += 1;
        const published = await env.api.publishOffers(
          apiKey,
          [
            offerInput({
              externalRef: `GRU-${n}`,
              title: 'Grutier à tour',
              description: `Chantier de construction n° ${n}.`,
            }),
          ],
          { 'x-correlation-id': 'trace-grutier-42' },
        );
        expect(published.status).toBe(200);
        await eventually(
          async () =>
            expect(
              (await readTopic(env.kafka, env.topic(TOPICS.matchCreatedV2))).filter(grutier).length,
            ).toBeGreaterThan(0),
          { timeoutMs: 20_000 },
        );
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    for (const topic of [TOPICS.offerChanged, TOPICS.offerIndexed, TOPICS.matchCreatedV2]) {
      await eventually(async () => {
        const messages = (await readTopic(env.kafka, env.topic(topic))).filter(grutier);
        expect(messages.length).toBeGreaterThan(0);
        expect({ topic, ids: [...new Set(messages.map((m) => m.headers.ce_correlationid))] }).toEqual({
          topic,
          ids: ['trace-grutier-42'],
        });
      });
    }
  });

  it('serves each API its OpenAPI document', async () => {
    const ingestion = (await (
      await fetch(`${env.stack.services['offer-ingestion'].url}/docs/openapi.json`)
    ).json()) as { paths: Record<string, unknown> };
    const alerts = (await (
      await fetch(`${env.stack.services['alert-matcher'].url}/docs/openapi.json`)
    ).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(ingestion.paths)).toEqual(
      expect.arrayContaining(['/v1/offers/batch', '/v1/offers/{id}', '/health/ready']),
    );
    expect(Object.keys(alerts.paths)).toEqual(
      expect.arrayContaining(['/v1/alerts', '/v1/alerts/{id}/unsubscribe']),
    );
  });
});
