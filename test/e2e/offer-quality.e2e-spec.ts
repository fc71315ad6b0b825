import { OfferChangedV2, TOPICS } from '@vigie/contracts';
import {
  createStack,
  eventually,
  offerInput,
  readTopic,
  SmtpCapture,
  Stack,
  testInfra,
  testKafka,
  VigieApi,
} from '@vigie/testing';

const JOB = {
  title: 'Comptable unique (H/F)',
  description:
    'Au sein de notre PME de 40 personnes, vous assurez la tenue de la comptabilité générale et auxiliaire, ' +
    'les rapprochements bancaires, les déclarations de TVA et la préparation du bilan avec notre expert-comptable. ' +
    'Titulaire d’un BTS comptabilité, vous avez une première expérience sur un poste similaire.',
  companyName: 'Durand Industrie',
};

/** Screening and duplicate clusters on the batch path, seen from the API and the offer topic. */
describe('offer quality: screening and duplicate clusters', () => {
  const smtp = new SmtpCapture();
  const kafka = testKafka(testInfra().kafkaBrokers);
  let stack: Stack;
  let api: VigieApi;

  const changedEvents = async (): Promise<OfferChangedV2[]> =>
    (await readTopic(kafka, `${stack.topicPrefix}${TOPICS.offerChanged}`)).map(
      (m) => JSON.parse(m.value!) as OfferChangedV2,
    );

  beforeAll(async () => {
    await smtp.start();
    stack = await createStack('e2e-quality', smtp.url);
    stack.services['offer-ingestion'].start();
    await stack.services['offer-ingestion'].ready();
    api = new VigieApi({ ingestion: stack.services['offer-ingestion'].url, alerts: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  it('gives the same job posted by two recruiters one cluster id, in both events', async () => {
    const employer = (await api.createRecruiter('Durand Industrie')).body.apiKey;
    const agency = (await api.createRecruiter('Cabinet Intérim Ouest')).body.apiKey;

    const first = await api.publishOffers(employer, [offerInput({ ...JOB, externalRef: 'DUR-2024-118' })]);
    const second = await api.publishOffers(agency, [
      offerInput({ ...JOB, externalRef: 'CIO-77', companyName: undefined }),
    ]);

    const [a, b] = [first.body.accepted[0]!, second.body.accepted[0]!];
    expect(a.clusterId).not.toBeNull();
    expect(b.clusterId).toBe(a.clusterId);
    const events = await eventually(async () => {
      const found = (await changedEvents()).filter((e) => e.offerId === a.offerId || e.offerId === b.offerId);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(events.map((e) => e.offer!.clusterId)).toEqual([a.clusterId, a.clusterId]);
  });

  it('never publishes a blocked offer, and reports its rule, span, basis and suggestion', async () => {
    const key = (await api.createRecruiter('Boutique Lumière')).body.apiKey;

    const res = await api.publishOffers(key, [
      offerInput({ externalRef: 'OK-1', title: 'Conseiller de vente (H/F)' }),
      offerInput({
        externalRef: 'BAD-1',
        title: 'Vendeuse',
        description: 'Recherche vendeuse 25-35 ans, bonne présentation.',
      }),
    ]);

    expect(res.status).toBe(422);
    const blocked = res.body.rejected[0]!;
    expect(blocked).toMatchObject({ index: 1, externalRef: 'BAD-1', code: 'BLOCKED_BY_SCREENING' });
    expect(blocked.findings).toContainEqual({
      ruleId: 'R3',
      severity: 'block',
      span: { field: 'description', start: 19, end: 28, text: '25-35 ans' },
      legalBasis: expect.arrayContaining(['C. trav. L5331-2']) as string[],
      suggestion: expect.stringContaining('apprentissage') as string,
      reason: 'age range for the candidate',
    });
    // The clean offer of the same batch is the signal: both would have gone out in one transaction.
    const okId = res.body.accepted[0]!.offerId;
    const events = await eventually(async () => {
      const all = await changedEvents();
      expect(all.some((e) => e.offerId === okId)).toBe(true);
      return all;
    });
    expect(events.filter((e) => e.externalRef === 'BAD-1')).toEqual([]);
  });

  it('publishes a flagged offer with its rule ids and shows its findings on the offer', async () => {
    const key = (await api.createRecruiter('Hôtel du Port')).body.apiKey;

    const res = await api.publishOffers(key, [
      offerInput({
        externalRef: 'FLAG-1',
        title: 'Réceptionniste (H/F)',
        description: "Accueil des clients de l'hôtel, réservations et facturation. Bonne présentation.",
      }),
    ]);

    expect(res.status).toBe(200);
    const accepted = res.body.accepted[0]!;
    expect(accepted.moderation).toEqual({ status: 'flagged', ruleIds: ['R9'] });
    const event = await eventually(async () => {
      const found = (await changedEvents()).find((e) => e.offerId === accepted.offerId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(event.offer!.moderation).toEqual({ status: 'flagged', ruleIds: ['R9'] });
    const stored = await api.getOffer(key, accepted.offerId);
    expect(stored.body).toMatchObject({
      findings: [
        expect.objectContaining({
          ruleId: 'R9',
          span: expect.objectContaining({ text: 'Bonne présentation' }),
        }),
      ],
    });
  });
});
