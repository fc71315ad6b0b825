import { Injectable } from '@nestjs/common';
import { AppError, type FieldError } from '@vigie/platform';
import { AcceptedOffer, PublishOffersUseCase } from './publish-offers.usecase';

export type PutOfferResult = Omit<AcceptedOffer, 'index'>;

/**
 * Creates or updates one offer by its external reference (PUT /v1/offers/{externalRef}): the batch
 * use case with a batch of one, so validation, screening, clusters, repository, outbox and events
 * are the same. The reference is the path's; a different one in the body is refused.
 */
@Injectable()
export class PutOfferUseCase {
  constructor(private readonly publish: PublishOffersUseCase) {}

  async execute(recruiterId: string, externalRef: string, body: unknown): Promise<PutOfferResult> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new AppError('VALIDATION_FAILED', 'the body must be one offer', [
        { field: 'body', reason: 'must be a JSON object' },
      ]);
    }
    const given = (body as { externalRef?: unknown }).externalRef;
    if (given !== undefined && given !== externalRef) {
      throw new AppError('VALIDATION_FAILED', 'the body names another offer than the path', [
        { field: 'externalRef', reason: 'must equal the reference in the path, or be left out' },
      ]);
    }
    const { accepted, rejected } = await this.publish.execute(recruiterId, [{ ...body, externalRef }]);
    const refused = rejected[0];
    if (refused !== undefined) {
      const message =
        refused.code === 'BLOCKED_BY_SCREENING'
          ? 'the offer breaks French employment law (BLOCKED_BY_SCREENING): not stored'
          : 'the offer is invalid: not stored';
      throw new AppError('UNPROCESSABLE', message, refused.errors.map(withoutBatchPrefix));
    }
    const { index: _index, ...offer } = accepted[0]!;
    return offer;
  }
}

/** `offers[0].title` is the batch's path; a single offer's field is `title`. */
function withoutBatchPrefix(error: FieldError): FieldError {
  return { ...error, field: error.field.replace(/^offers\[0\]\.?/, '') || 'body' };
}
