import { offerInput } from '@vigie/testing';
import type { PublishOffersUseCase, PublishResult } from './publish-offers.usecase';
import { PutOfferUseCase } from './put-offer.usecase';

const RECRUITER = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

function makeSut(result: PublishResult) {
  const publish = { execute: jest.fn(async () => result) };
  return { sut: new PutOfferUseCase(publish as unknown as PublishOffersUseCase), publish };
}

const accepted: PublishResult = {
  accepted: [
    {
      index: 0,
      externalRef: 'REQ-9',
      offerId: '00000000-0000-4000-8000-000000000009',
      version: 1,
      outcome: 'created',
      clusterId: null,
      moderation: { status: 'clean', ruleIds: [] },
      findings: [],
    },
  ],
  rejected: [],
};

describe('PutOfferUseCase', () => {
  it('publishes the body as a batch of one under the path reference, and returns the stored offer', async () => {
    const { sut, publish } = makeSut(accepted);
    const { externalRef: _ref, ...body } = offerInput({ externalRef: 'ignored' });

    const result = await sut.execute(RECRUITER, 'REQ-9', body);

    expect(publish.execute).toHaveBeenCalledWith(RECRUITER, [{ ...body, externalRef: 'REQ-9' }]);
    expect(result).toEqual({ ...accepted.accepted[0], index: undefined });
    expect(result).not.toHaveProperty('index');
  });

  it('refuses a body that names another reference than the path, naming externalRef', async () => {
    const { sut, publish } = makeSut(accepted);

    await expect(
      sut.execute(RECRUITER, 'REQ-9', offerInput({ externalRef: 'REQ-10' })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'externalRef', reason: expect.any(String) as unknown }],
    });
    expect(publish.execute).not.toHaveBeenCalled();
  });

  it.each([null, [], 'offer'])('refuses a body that is not an object (%p)', async (body) => {
    const { sut } = makeSut(accepted);

    await expect(sut.execute(RECRUITER, 'REQ-9', body)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'body', reason: 'must be a JSON object' }],
    });
  });

  it('turns a rejected item into a 422 whose fields are the offer’s own paths', async () => {
    const { sut } = makeSut({
      accepted: [],
      rejected: [
        {
          index: 0,
          externalRef: 'REQ-9',
          code: 'INVALID',
          errors: [{ field: 'offers[0].title', reason: 'must not be empty' }],
        },
      ],
    });

    await expect(
      sut.execute(RECRUITER, 'REQ-9', offerInput({ externalRef: 'REQ-9', title: '' })),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      fields: [{ field: 'title', reason: 'must not be empty' }],
    });
  });
});
