import { Controller, Get, Headers, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { TransientError } from '@vigie/messaging';
import { AppError, CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import { mapCvErrors } from '../cvs/cv-http-errors';
import { type AuthenticatedRecruiter } from '../recruiters/recruiter-accounts.port';
import { CurrentRecruiter, RecruiterAuthGuard, RecruiterQuota } from '../recruiters/recruiter-auth.guard';
import { CvViewLedger, CvViewsPage } from './cv-view.port';
import { OpenCvUseCase, OpenedCv } from './open-cv.usecase';

const VIEWERS_LISTED = 200;

/** A recruiter opens a CV (each opening is a counted view). */
@ApiTags('cv-search')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/cv-search')
export class RecruiterCvController {
  constructor(private readonly openCv: OpenCvUseCase) {}

  @Get(':cvId')
  @RecruiterQuota('views')
  @ApiOperation({
    summary:
      'Open an anonymised CV: its profile (with the contact details once the candidate accepted your request), and a view counted for the candidate.',
    description:
      'Every opening is announced on cvs.cv.viewed.v1 before the answer; the candidate sees which ' +
      'companies opened their CV and when. 404 for an unknown or hidden CV; 429 (Retry-After) once ' +
      'the key’s view quota is spent.',
  })
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: 'Retries of one opening with the same key are counted once.',
  })
  async open(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('cvId') cvId: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<OpenedCv> {
    const key = idempotencyKey?.trim().slice(0, 200);
    return mapCvErrors(async () => {
      try {
        return await this.openCv.execute(recruiter, cvId, key || undefined);
      } catch (e) {
        // Kafka did not acknowledge the view: the recruiter retries rather than see an uncounted CV.
        if (e instanceof TransientError)
          throw new AppError('DEPENDENCY_UNAVAILABLE', 'views unavailable; retry later');
        throw e;
      }
    });
  }
}

/** The candidate's view of who opened their CV. */
@ApiTags('cvs')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@Controller('v1/cvs')
export class CandidateCvViewsController {
  constructor(private readonly ledger: CvViewLedger) {}

  @Get(':id/views')
  @ApiOperation({
    summary: 'Who opened your CV: views per day and the companies, newest first (404 for anybody else’s CV).',
  })
  async views(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
  ): Promise<CvViewsPage> {
    const page = await this.ledger.pageFor(candidate.candidateId, id, VIEWERS_LISTED);
    if (!page) throw AppError.notFound('CV');
    return page;
  }
}
