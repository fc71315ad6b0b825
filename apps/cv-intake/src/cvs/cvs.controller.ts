import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import { CvRepository, CvSummary } from './cv.repository';

/** CV upload and parsing come with their own issue; this lists the candidate's own CVs. */
@ApiTags('cvs')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@Controller('v1/cvs')
export class CvsController {
  constructor(private readonly cvs: CvRepository) {}

  @Get()
  @ApiOperation({ summary: 'Your CVs (metadata only).' })
  list(@CurrentCandidate() candidate: CandidatePrincipal): Promise<CvSummary[]> {
    return this.cvs.listForCandidate(candidate.candidateId);
  }
}
