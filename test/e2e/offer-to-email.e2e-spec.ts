import { readFileSync } from 'node:fs';
import {
  deadLetterTopicOf,
  ENVELOPE_HEADERS,
  OfferChangedV2,
  OfferIndexedV2,
  OfferIndexedV2Schema,
  TOPICS,
} from '@vigie/contracts';
import {
  delay,
  eventually,
  goldenFixture,
  offerInput,
  produce,
  readTopic,
  useRunningStack,
} from '@vigie/testing';

/**
 * The walking skeleton, end to end on real components: an offer posted to the ingestion API comes
 * out as one e-mail, through Postgres, Kafka, OpenSearch and an SMTP server, with every service
 * running as its own process from the build.
 */
describe('offer to alert e-mail', () => {
  const env = useRunningStack('e2e');
  let apiKey: string;

  beforeAll(async () => {
    const recruiter = await env.api.createRecruiter('Atelier Numérique Lyonnais');
    expect(recruiter.status).toBe(201);
    apiKey = recruiter.body.apiKey;
  });

  it('e-mails a matching offer once to the right candidate, and reports a bad item of the batch', async () => {
    const email = 'camille.martin@example.org';
    const token = env.api.candidateToken('cand-camille', email);
    const alert = await env.api.createAlert(token, {
      keywords: ['TypeScript'],
      place: {
        label: 'Villeurbanne',
        communeCode: '69266',
        latitude: 45.7719,
        longitude: 4.8902,
        radiusKm: 20,
      },
      contractTypes: ['cdi'],
    });
    expect(alert.status).toBe(201);

    const matching = offerInput({ externalRef: 'E2E-MATCH', title: 'Développeur TypeScript confirmé (H/F)' });
    const elsewhere = offerInput({
      externalRef: 'E2E-FAR',
      title: 'Développeur TypeScript à Brest',
      location: { city: 'Brest', postalCode: '29200', latitude: 48.3904, longitude: -4.4861 },
    });
    // A v1-style body (hybrid, monthly salary): still accepted, stored and announced canonically.
    const unrelated = offerInput({
      externalRef: 'E2E-OTHER',
      title: 'Boulanger',
      description: 'Fabrication du pain au levain.',
      remote: 'hybrid',
      salary: { min: 1_800, max: 2_000, period: 'month' },
    });
    const invalid = offerInput({ externalRef: 'E2E-BAD', title: '', contractType: 'permanent' });

    const published = await env.api.publishOffers(apiKey, [matching, invalid, elsewhere, unrelated]);
    expect(published.status).toBe(422);
    expect(published.body.accepted.map((a) => [a.index, a.outcome])).toEqual([
      [0, 'created'],
      [2, 'created'],
      [3, 'created'],
    ]);
    expect(published.body.rejected).toHaveLength(1);
    expect(published.body.rejected[0]).toMatchObject({ index: 1, externalRef: 'E2E-BAD' });
    expect(published.body.rejected[0]!.errors.map((e) => e.field).sort()).toEqual([
      'offers[1].contractType',
      'offers[1].title',
    ]);

    const mail = await eventually(
      () => {
        const received = env.smtp.to(email);
        expect(received).toHaveLength(1);
        return received[0]!;
      },
      { timeoutMs: 60_000 },
    );
    expect(mail.subject).toBe('Nouvelle offre : Développeur TypeScript confirmé (H/F)');
    expect(mail.text).toContain('Pourquoi cette offre ?');
    expect(mail.text).toMatch(/« typescript » trouvé dans l’intitulé/i);
    expect(mail.text).toMatch(/À \d+(,\d)? km de Villeurbanne/);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    const stored = await env.api.getOffer(apiKey, published.body.accepted[0]!.offerId);
    expect(stored.body).toMatchObject({
      content: {
        contract: { type: 'cdi', source: null },
        workingTime: 'full_time',
        remote: 'partial',
        place: { label: 'Lyon', postalCode: '69003', departmentCode: '69', geoPrecision: 'feed' },
        salary: { minAnnualEur: 45_000, maxAnnualEur: 55_000 },
        romeCode: 'M1805',
        moderation: { status: 'clean', ruleIds: [] },
      },
    });

    // The Brest and bakery offers reach the matcher too; give them time to (not) produce mail.
    const bakery = await eventually(async () => {
      const indexed = await readTopic(env.kafka, env.topic(TOPICS.offerIndexed));
      expect(indexed.length).toBeGreaterThanOrEqual(3);
      const found = indexed.find((m) => m.key === published.body.accepted[2]!.offerId);
      expect(found).toBeDefined();
      return JSON.parse(found!.value!) as OfferIndexedV2;
    });
    expect(OfferIndexedV2Schema.safeParse(bakery).error?.issues ?? []).toEqual([]);
    expect(bakery.offer).toMatchObject({
      remote: 'partial',
      salary: { minAnnualEur: 21_600, maxAnnualEur: 24_000 },
    });
    await delay(3_000);
    expect(env.smtp.to(email)).toHaveLength(1);
  });

  it('sends exactly one e-mail when the match event is delivered twice', async () => {
    const email = 'sacha.durand@example.org';
    const token = env.api.candidateToken('cand-sacha', email);
    expect((await env.api.createAlert(token, { keywords: ['cariste'] })).status).toBe(201);
    const offer = offerInput({
      externalRef: 'E2E-CARISTE',
      title: 'Cariste CACES 3',
      description: 'Entrepôt logistique, équipe de jour.',
      contractType: 'interim',
    });
    expect((await env.api.publishOffers(apiKey, [offer])).status).toBe(200);
    await eventually(() => expect(env.smtp.to(email)).toHaveLength(1), { timeoutMs: 60_000 });

    // Replay the match as Kafka would after a consumer crash: same key, value and headers.
    const matches = await readTopic(env.kafka, env.topic(TOPICS.matchCreatedV2));
    // The record key is the candidate's pseudonym (their key's id) and the candidate is sealed:
    // the match is found by its offer.
    const original = matches.find(
      (m) => (JSON.parse(m.value!) as { offer: { title: string } }).offer.title === 'Cariste CACES 3',
    );
    expect(original!.value).not.toContain('cand-sacha');
    expect(original).toBeDefined();
    const nothingNew = async () => {
      const metrics = await (await fetch(`${env.stack.services['alert-delivery'].url}/metrics`)).text();
      return Number(
        /alert_emails_total\{kind="instant",outcome="nothing_new"\} (\d+)/.exec(metrics)?.[1] ?? 0,
      );
    };
    const before = await nothingNew();
    await produce(env.kafka, env.topic(TOPICS.matchCreatedV2), [
      { key: original!.key, value: original!.value, headers: original!.headers },
    ]);

    // The replayed match forms a new group whose only offer the ledger has already sent.
    await eventually(async () => expect(await nothingNew()).toBeGreaterThan(before));
    expect(env.smtp.to(email)).toHaveLength(1);
  });

  it('dead-letters a message that breaks its schema and keeps the partition flowing', async () => {
    const key = '3b2f5c1e-9d8a-4e7b-a6c5-0f1e2d3c4b5a';
    const recruiterId = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
    const headers = (eventId: string) => ({
      [ENVELOPE_HEADERS.specVersion]: '1.0',
      [ENVELOPE_HEADERS.eventId]: eventId,
      [ENVELOPE_HEADERS.eventType]: 'offers.offer.changed',
      [ENVELOPE_HEADERS.schemaVersion]: '2',
      [ENVELOPE_HEADERS.occurredAt]: new Date().toISOString(),
      [ENVELOPE_HEADERS.correlationId]: 'e2e-poison',
      [ENVELOPE_HEADERS.producer]: 'vigie/e2e-test',
    });
    const poison = {
      offerId: key,
      recruiterId,
      externalRef: 'X',
      version: 1,
      status: 'active',
      changedAt: new Date().toISOString(),
      offer: { title: 42 },
    };
    const valid: OfferChangedV2 = {
      ...goldenFixture<OfferChangedV2>(TOPICS.offerChanged, 'active'),
      offerId: key,
      version: 2,
    };
    // Same key, so same partition: the valid event sits behind the poison one.
    await produce(env.kafka, env.topic(TOPICS.offerChanged), [
      { key, value: JSON.stringify(poison), headers: headers('6d0c5b1a-0000-4000-8000-000000000001') },
      { key, value: '{not json', headers: headers('6d0c5b1a-0000-4000-8000-000000000002') },
      { key, value: JSON.stringify(valid), headers: headers('6d0c5b1a-0000-4000-8000-000000000003') },
    ]);
    await eventually(async () => {
      // Each consumer group of the topic parks its own copy; this checks the indexer's.
      const letters = await readTopic(env.kafka, env.topic(deadLetterTopicOf(TOPICS.offerChanged)));
      const dead = letters.filter((m) => m.headers['dlq-consumer-group']?.endsWith('offer-indexer'));
      const letter = dead.find((m) => m.key === key);
      expect(letter?.headers['dlq-reason-code']).toBe('SCHEMA_VIOLATION');
      expect(letter?.headers['dlq-reason']).toContain('offer.title');
      expect(letter?.headers[ENVELOPE_HEADERS.correlationId]).toBe('e2e-poison');
      // Every consumer group of the topic (offer-indexer, alert-delivery, alert-matcher) parks both, once each.
      const codesByGroup = new Map<string, string[]>();
      for (const m of letters.filter((d) => d.key === key)) {
        const group = m.headers['dlq-consumer-group']!;
        codesByGroup.set(group, [...(codesByGroup.get(group) ?? []), m.headers['dlq-reason-code']!].sort());
      }
      expect([...codesByGroup.keys()].sort()).toEqual(
        [env.topic('alert-delivery'), env.topic('alert-matcher'), env.topic('offer-indexer')].sort(),
      );
      for (const codes of codesByGroup.values()) expect(codes).toEqual(['INVALID_JSON', 'SCHEMA_VIOLATION']);
    });
    await eventually(async () => {
      const indexed = await readTopic(env.kafka, env.topic(TOPICS.offerIndexed));
      expect(indexed.some((m) => m.key === key && m.value?.includes('"version":2'))).toBe(true);
    });
  });

  it("keeps candidates' e-mail addresses out of every service log", async () => {
    // Runs last: by now the services have handled alerts, matches and deliveries for these people.
    for (const service of Object.values(env.stack.services)) {
      const log = readFileSync(service.logFile, 'utf8');
      expect({
        service: service.name,
        leaked: ['camille.martin', 'sacha.durand'].filter((who) => log.includes(who)),
      }).toEqual({
        service: service.name,
        leaked: [],
      });
    }
  });
});
