import { Controller, Get, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import { CandidateRetentionUseCase } from './candidate-retention.usecase';
import { RetentionStatus } from './cv-retention.port';
import { AnnounceAddressInterceptor } from '../notification-address/announce-address.interceptor';

/** A candidate sees when their CVs will be erased for inactivity, and keeps them longer. */
@ApiTags('cv-retention')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@UseInterceptors(AnnounceAddressInterceptor)
@Controller('v1/cv-retention')
export class CvRetentionController {
  constructor(private readonly retention: CandidateRetentionUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'When your CVs will be erased if you do nothing (two years after your last activity).',
  })
  status(@CurrentCandidate() candidate: CandidatePrincipal): Promise<RetentionStatus> {
    return this.retention.status(candidate.candidateId);
  }

  @Post('extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep your CVs: the two years start again now (a warning received is void).' })
  extend(@CurrentCandidate() candidate: CandidatePrincipal): Promise<RetentionStatus> {
    return this.retention.extend(candidate.candidateId);
  }
}
