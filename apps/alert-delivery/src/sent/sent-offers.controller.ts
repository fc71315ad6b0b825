import { Controller, Get, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SENT_OFFERS_MAX, SentOffersResponse } from '@vigie/contracts';
import { AppError, InternalTokenGuard } from '@vigie/platform';
import { SentOffersQuery } from './sent-offers.port';

const DEFAULT_LIMIT = 10;

/** What alert-matcher's manage page shows as « last offers sent » (internal API, bearer token). */
@ApiTags('internal')
@ApiBearerAuth('internal-token')
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/alerts/:alertId/sent-offers')
export class SentOffersController {
  constructor(private readonly sent: SentOffersQuery) {}

  @Get()
  @ApiOperation({
    summary: 'The last offers the alert’s e-mails showed, newest first (limit ≤ 100, default 10).',
  })
  async list(
    @Param('alertId', new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('alert') }))
    alertId: string,
    @Query('limit') limit: string | undefined,
  ): Promise<SentOffersResponse> {
    const n = limit === undefined ? DEFAULT_LIMIT : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > SENT_OFFERS_MAX)
      throw new AppError('VALIDATION_FAILED', `limit must be a whole number from 1 to ${SENT_OFFERS_MAX}`, [
        { field: 'limit', reason: `must be a whole number from 1 to ${SENT_OFFERS_MAX}` },
      ]);
    return { offers: await this.sent.lastSent(alertId, n) };
  }
}
