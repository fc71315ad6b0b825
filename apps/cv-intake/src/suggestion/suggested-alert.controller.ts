import { Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import type { Request } from 'express';
import { mapCvErrors } from '../cvs/cv-http-errors';
import type { CreatedAlert } from './suggested-alert.port';
import {
  AcceptSuggestedAlertUseCase,
  SuggestAlertUseCase,
  SuggestedAlertView,
} from './suggested-alert.usecase';

/** The bearer token the guard verified, passed on so alert-matcher verifies the candidate itself. */
const bearerOf = (req: Request): string => (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');

/** The alert a CV suggests, and its one-click creation on alert-matcher. */
@ApiTags('cvs')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@Controller('v1/cvs')
export class SuggestedAlertController {
  constructor(
    private readonly suggest: SuggestAlertUseCase,
    private readonly accept: AcceptSuggestedAlertUseCase,
  ) {}

  @Get(':id/suggested-alert')
  @ApiOperation({
    summary: 'The alert your CV suggests: `body` is exactly what alert-matcher’s `POST /v1/alerts` takes.',
    description:
      'From the current title (its words through the platform’s analysis, nothing about the person), ' +
      'the desired commune with a radius from its size, and the contract types. 404 for anybody else’s ' +
      'CV, a CV without a profile, or a profile with neither a title nor a commune.',
  })
  async get(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
  ): Promise<SuggestedAlertView> {
    return mapCvErrors(() => this.suggest.execute(candidate.candidateId, id));
  }

  @Post(':id/suggested-alert/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create the suggested alert on alert-matcher (accepting again answers the same alert).',
    description:
      '200 with alert-matcher’s alert; 409 with its reasons when it refuses (alert limit); 503 when it ' +
      'cannot be reached (nothing created, accept again).',
  })
  async acceptSuggestion(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
    @Req() req: Request,
  ): Promise<CreatedAlert> {
    return mapCvErrors(() =>
      this.accept.execute({ candidateId: candidate.candidateId, token: bearerOf(req) }, id),
    );
  }
}
