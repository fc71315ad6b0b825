import { Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@vigie/kernel';
import { AppError, CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import { randomUUID } from 'node:crypto';
import { ErasureLedger, ErasureReceipt } from './erasure.port';

/** The services that must confirm an erasure before its receipt is complete. */
export const ERASURE_SERVICES = Symbol('ERASURE_SERVICES');

/** A candidate erases everything about them, and follows the receipt. */
@ApiTags('erasure')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@Controller('v1/erasures')
export class ErasureController {
  constructor(
    private readonly ledger: ErasureLedger,
    private readonly clock: Clock,
    @Inject(ERASURE_SERVICES) private readonly services: readonly string[],
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Erase everything about you: CVs, their files, index documents, views, and every other service’s data.',
    description:
      'Answers 202 with the receipt (`pending`); every service erases its part and confirms; ' +
      '`GET /v1/erasures/{id}` shows `complete` once each has. Idempotent to repeat.',
  })
  async request(@CurrentCandidate() candidate: CandidatePrincipal): Promise<ErasureReceipt> {
    const erasureId = randomUUID();
    await this.ledger.request(candidate.candidateId, erasureId, this.services, this.clock.now());
    const receipt = await this.ledger.receipt(candidate.candidateId, erasureId);
    if (!receipt) throw new Error('an erasure just recorded has no receipt');
    return receipt;
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The receipt of one of your erasures: which services confirmed, and when (404 otherwise).',
  })
  async receipt(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
  ): Promise<ErasureReceipt> {
    const receipt = await this.ledger.receipt(candidate.candidateId, id);
    if (!receipt) throw AppError.notFound('erasure');
    return receipt;
  }
}
