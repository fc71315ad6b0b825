import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import type { Response } from 'express';
import { AnnounceAddressInterceptor } from '../notification-address/announce-address.interceptor';
import { type AuthenticatedRecruiter } from '../recruiters/recruiter-accounts.port';
import { CurrentRecruiter, RecruiterAuthGuard, RecruiterQuota } from '../recruiters/recruiter-auth.guard';
import { mapContactErrors } from './contact-errors';
import { CandidateContactView, RecruiterContactView } from './contact-request.port';
import { ContactRequestsUseCase } from './contact-requests.usecase';

/** A recruiter asks to contact a CV's candidate, and sees the answer (and the details once accepted). */
@ApiTags('cv-search')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/cv-search')
export class RecruiterContactController {
  constructor(private readonly contacts: ContactRequestsUseCase) {}

  @Post(':cvId/contact-request')
  @RecruiterQuota('views')
  @ApiOperation({
    summary: 'Ask to contact the candidate of a CV (201; 200 with the same request if already asked).',
    description:
      'Body `{ "message"?: string }`, shown to the candidate with your company name. The candidate ' +
      'accepts or declines; the contact details are only ever in your own request once accepted. ' +
      '404 for an unknown or hidden CV.',
  })
  async open(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('cvId') cvId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecruiterContactView> {
    const { view, created } = await mapContactErrors(() => this.contacts.open(recruiter, cvId, body));
    res.status(created ? 201 : 200);
    return view;
  }

  @Get(':cvId/contact-request')
  @RecruiterQuota('views')
  @ApiOperation({
    summary: 'Your contact request for a CV: its status, and the details the candidate gave once accepted.',
  })
  status(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('cvId') cvId: string,
  ): Promise<RecruiterContactView> {
    return mapContactErrors(() => this.contacts.ofRecruiter(recruiter.recruiterId, cvId));
  }
}

/** A candidate answers the recruiters who asked to contact them. */
@ApiTags('contact-requests')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@UseInterceptors(AnnounceAddressInterceptor)
@Controller('v1/contact-requests')
export class CandidateContactController {
  constructor(private readonly contacts: ContactRequestsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Recruiters who asked to contact you about your CVs, newest first.' })
  list(@CurrentCandidate() candidate: CandidatePrincipal): Promise<CandidateContactView[]> {
    return this.contacts.ofCandidate(candidate.candidateId);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Give this recruiter your contact details (body `{ email?, name?, phone? }`; e-mail defaults to yours).',
  })
  accept(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<CandidateContactView> {
    return mapContactErrors(() => this.contacts.accept(candidate, id, body));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline, or withdraw the details given before: the recruiter sees them no more.',
  })
  decline(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
  ): Promise<CandidateContactView> {
    return mapContactErrors(() => this.contacts.decline(candidate.candidateId, id));
  }
}
