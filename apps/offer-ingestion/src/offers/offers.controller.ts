import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError, openApiSchema, parseOrThrow } from '@vigie/platform';
import { CurrentRecruiter, RecruiterAuthGuard } from '../recruiters/recruiter-auth.guard';
import type { Recruiter } from '../recruiters/recruiter.repository';
import { DeleteOfferUseCase } from './delete-offer.usecase';
import { ExpireOfferUseCase } from './expire-offer.usecase';
import { OfferBatchDocSchema, OfferBatchSchema, OfferInputSchema } from './offer-input.schema';
import { GetOfferUseCase } from './get-offer.usecase';
import { PublishOffersUseCase, PublishResult } from './publish-offers.usecase';
import { PutOfferResult, PutOfferUseCase } from './put-offer.usecase';

export const BATCH_MAX_ITEMS = Symbol('BATCH_MAX_ITEMS');

const notFound = () => AppError.notFound('offer');

@ApiTags('offers')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/offers')
export class OffersController {
  constructor(
    private readonly publishOffers: PublishOffersUseCase,
    private readonly deleteOffer: DeleteOfferUseCase,
    private readonly getOffer: GetOfferUseCase,
    private readonly putOffer: PutOfferUseCase,
    private readonly expireOffer: ExpireOfferUseCase,
    @Inject(BATCH_MAX_ITEMS) private readonly maxItems: number,
  ) {}

  @Post('batch')
  @ApiOperation({
    summary: 'Create or update offers by external reference.',
    description:
      'Each item is validated on its own. 200 when all are stored; 422 when some are rejected: ' +
      'the valid ones are still stored, and `rejected` names each bad field and why.',
  })
  @ApiBody({ schema: openApiSchema(OfferBatchDocSchema) })
  @ApiResponse({ status: 200, description: 'All offers stored (created, updated or unchanged).' })
  @ApiResponse({ status: 422, description: 'Some offers rejected; the others stored.' })
  async publish(
    @CurrentRecruiter() recruiter: Recruiter,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { offers } = parseOrThrow(OfferBatchSchema, body);
    if (offers.length > this.maxItems) {
      throw new AppError('PAYLOAD_TOO_LARGE', `a batch holds at most ${this.maxItems} offers`, [
        { field: 'offers', reason: `has ${offers.length} items; the limit is ${this.maxItems}` },
      ]);
    }
    const result: PublishResult = await this.publishOffers.execute(recruiter.id, offers);
    res.status(result.rejected.length === 0 ? 200 : 422).json(result);
  }

  @Put(':externalRef')
  @ApiOperation({
    summary: 'Create or update one offer by your external reference.',
    description:
      'The body is one offer (its `externalRef` may be left out; if given it must equal the path). ' +
      '201 when created, 200 when updated or unchanged, with `Location: /v1/offers/{offerId}`; ' +
      '422 naming each bad field (or BLOCKED_BY_SCREENING), nothing stored.',
  })
  @ApiBody({ schema: openApiSchema(OfferInputSchema.partial({ externalRef: true })) })
  @ApiResponse({ status: 201, description: 'Created.' })
  @ApiResponse({ status: 200, description: 'Updated, or unchanged (same content: no event).' })
  @ApiResponse({ status: 422, description: 'Invalid or blocked by screening: not stored.' })
  async put(
    @CurrentRecruiter() recruiter: Recruiter,
    @Param('externalRef') externalRef: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PutOfferResult> {
    const offer = await this.putOffer.execute(recruiter.id, externalRef, body);
    res.status(offer.outcome === 'created' ? 201 : 200).location(`/v1/offers/${offer.offerId}`);
    return offer;
  }

  @Post(':id/expire')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'End one of your offers now (filled, withdrawn): expired and announced (idempotent; 404 for anyone else).',
  })
  async expire(
    @CurrentRecruiter() recruiter: Recruiter,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<void> {
    await this.expireOffer.execute(recruiter.id, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your offers, as stored (404 for anyone else).' })
  async get(
    @CurrentRecruiter() recruiter: Recruiter,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ) {
    return this.getOffer.execute(recruiter.id, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw one of your offers (idempotent; 404 for anyone else).' })
  async remove(
    @CurrentRecruiter() recruiter: Recruiter,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<void> {
    await this.deleteOffer.execute(recruiter.id, id);
  }
}
