import { Body, Controller, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CandidateAuthGuard,
  type CandidatePrincipal,
  CurrentCandidate,
  openApiSchema,
  parseOrThrow,
} from '@vigie/platform';
import { mapCvErrors } from '../cvs/cv-http-errors';
import type { ProfileChange } from './cv-profile.port';
import { CorrectedProfile, CorrectProfileUseCase, SetCvVisibilityUseCase } from './correct-profile.usecase';
import { ProfileCorrectionSchema, VisibilitySchema } from './profile-correction';

/** The candidate's corrections to their CV's profile, and its visibility in recruiters' search. */
@ApiTags('cvs')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@Controller('v1/cvs')
export class CvProfileController {
  constructor(
    private readonly correctProfile: CorrectProfileUseCase,
    private readonly setVisibility: SetCvVisibilityUseCase,
  ) {}

  @Put(':id/profile')
  @ApiOperation({
    summary: 'Replace the parsed profile with your own version (it wins over any later parse).',
    description:
      '400 naming each bad field (`communeCode` for an unknown commune); 404 for anybody else’s CV. ' +
      'The `cvs` index follows through cvs.profile.changed.v1.',
  })
  @ApiBody({ schema: openApiSchema(ProfileCorrectionSchema) })
  async put(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<CorrectedProfile> {
    const input = parseOrThrow(ProfileCorrectionSchema, body);
    return mapCvErrors(() => this.correctProfile.execute(candidate.candidateId, id, input));
  }

  @Put(':id/visibility')
  @ApiOperation({
    summary: 'Show (`searchable: true`) or hide your CV in recruiters’ search.',
    description: '404 for anybody else’s CV and for a CV without a profile yet.',
  })
  @ApiBody({ schema: openApiSchema(VisibilitySchema) })
  async visibility(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ProfileChange> {
    const { searchable } = parseOrThrow(VisibilitySchema, body);
    return mapCvErrors(() => this.setVisibility.execute(candidate.candidateId, id, searchable));
  }
}
