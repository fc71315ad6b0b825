import { createStack, offerInput, SmtpCapture, Stack, VigieApi } from '@vigie/testing';

/** Recruiters reach only their own offers; a missing or unknown key is refused. */
describe('recruiter authentication and isolation', () => {
  const smtp = new SmtpCapture();
  let stack: Stack;
  let api: VigieApi;

  beforeAll(async () => {
    await smtp.start();
    stack = await createStack('e2e-access', smtp.url);
    stack.services['offer-ingestion'].start();
    await stack.services['offer-ingestion'].ready();
    api = new VigieApi({ ingestion: stack.services['offer-ingestion'].url, alerts: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  it('answers 401 without an API key or with an unknown one', async () => {
    expect((await api.publishOffers(undefined, [offerInput()])).status).toBe(401);
    expect(
      (await api.publishOffers('vk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', [offerInput()]))
        .status,
    ).toBe(401);
    expect((await api.publishOffers('not-a-key', [offerInput()])).status).toBe(401);
  });

  it("answers 404 when a recruiter touches another recruiter's offer, and changes nothing", async () => {
    const a = (await api.createRecruiter('Recruteur A')).body.apiKey;
    const b = (await api.createRecruiter('Recruteur B')).body.apiKey;
    const published = await api.publishOffers(a, [offerInput({ externalRef: 'A-1' })]);
    const offerId = published.body.accepted[0]!.offerId;

    expect((await api.getOffer(b, offerId)).status).toBe(404);
    expect((await api.deleteOffer(b, offerId)).status).toBe(404);
    expect((await api.getOffer(b, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api.getOffer(b, 'not-a-uuid')).status).toBe(404);

    const own = await api.getOffer(a, offerId);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'active', version: 1 });
  });

  it('creates, updates and expires one offer by its own routes; another recruiter gets 404', async () => {
    const a = (await api.createRecruiter('Recruteur E')).body.apiKey;
    const b = (await api.createRecruiter('Recruteur F')).body.apiKey;
    const { externalRef: _ref, ...offer } = offerInput({ title: 'Cariste CACES 3 (H/F)' });

    const created = await api.putOffer(a, 'E/1 ÉTÉ', offer);
    const updated = await api.putOffer(a, 'E/1 ÉTÉ', { ...offer, title: 'Cariste CACES 1 et 3 (H/F)' });
    const invalid = await api.putOffer(a, 'E-2', { ...offer, contractType: 'permanent' });
    const mismatch = await api.putOffer(a, 'E-3', { ...offer, externalRef: 'E-4' });

    expect(created).toMatchObject({
      status: 201,
      body: { externalRef: 'E/1 ÉTÉ', outcome: 'created', version: 1 },
    });
    const offerId = (created.body as { offerId: string }).offerId;
    expect(updated).toMatchObject({ status: 200, body: { offerId, outcome: 'updated', version: 2 } });
    expect(invalid).toMatchObject({
      status: 422,
      body: { error: { code: 'UNPROCESSABLE', fields: [{ field: 'contractType' }] } },
    });
    expect(mismatch).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'externalRef' }] } } });
    expect((await api.expireOffer(b, offerId)).status).toBe(404);
    expect((await api.getOffer(a, offerId)).body).toMatchObject({ status: 'active', version: 2 });

    expect((await api.expireOffer(a, offerId)).status).toBe(204);
    expect((await api.expireOffer(a, offerId)).status).toBe(204);
    expect((await api.getOffer(a, offerId)).body).toMatchObject({ status: 'expired', version: 3 });
  });

  it('keeps the same offer under the same external reference: re-sending is idempotent', async () => {
    const key = (await api.createRecruiter('Recruteur C')).body.apiKey;
    const offer = offerInput({ externalRef: 'C-1' });
    const first = await api.publishOffers(key, [offer]);
    const again = await api.publishOffers(key, [offer]);
    const changed = await api.publishOffers(key, [
      { ...offer, title: 'Développeur / Développeuse back-end TypeScript (H/F)' },
    ]);
    expect(first.body.accepted[0]).toMatchObject({ outcome: 'created', version: 1 });
    expect(again.body.accepted[0]).toMatchObject({
      outcome: 'unchanged',
      version: 1,
      offerId: first.body.accepted[0]!.offerId,
    });
    expect(changed.body.accepted[0]).toMatchObject({
      outcome: 'updated',
      version: 2,
      offerId: first.body.accepted[0]!.offerId,
    });
  });

  it('rejects a malformed body with 400 and names the field', async () => {
    const key = (await api.createRecruiter('Recruteur D')).body.apiKey;
    const res = await fetch(`${stack.services['offer-ingestion'].url}/v1/offers/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ offer: [] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; fields: Array<{ field: string; reason: string }> };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['(body)', 'offers']);
    expect(body.error.fields.find((f) => f.field === '(body)')?.reason).toContain('offer');
    const notJson = await fetch(`${stack.services['offer-ingestion'].url}/v1/offers/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: '{"offers": [',
    });
    expect(notJson.status).toBe(400);
  });
});
