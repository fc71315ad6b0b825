import { Controller, Get, HttpCode, Param, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, CandidateAuthGuard, type CandidatePrincipal, CurrentCandidate } from '@vigie/platform';
import type { Request } from 'express';
import { CvError } from './cv-errors';
import { mapCvErrors } from './cv-http-errors';
import { CvStatusView, statusView } from './cv';
import { CvRepository } from './cv.repository';
import type { ParsedProfile } from '../parsing/build-profile';
import { CV_FILE_FIELD, MultipartCvInterceptor } from '../upload/multipart-cv.interceptor';
import { decodeMultipartFileName } from '../upload/file-name';
import { UploadCvUseCase } from '../upload/upload-cv.usecase';
import { AnnounceAddressInterceptor } from '../notification-address/announce-address.interceptor';

/** The candidate's own CVs: upload (processed asynchronously), list and status. */
@ApiTags('cvs')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@UseInterceptors(AnnounceAddressInterceptor)
@Controller('v1/cvs')
export class CvsController {
  constructor(
    private readonly cvs: CvRepository,
    private readonly uploadCv: UploadCvUseCase,
  ) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(MultipartCvInterceptor)
  @ApiOperation({
    summary: 'Upload a CV (PDF, DOCX, ODT, UTF-8 text or JSON Resume; the type is read from the content).',
    description:
      'Answers 202 with the CV and its state `received`; extraction and parsing run in the background ' +
      '(poll `GET /v1/cvs/{id}`). 413 above the size limit, 415 for another type, 422 for an empty file, ' +
      'several files, a refused archive (zip bomb, unsafe names) or an invalid JSON Resume.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [CV_FILE_FIELD],
      properties: { [CV_FILE_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({ status: 202, description: 'Stored; processing follows.' })
  async upload(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Req() req: Request & { file?: { buffer: Buffer; originalname: string } },
  ): Promise<CvStatusView> {
    return mapCvErrors(async () => {
      if (!req.file) {
        throw new CvError('CV_FILE_MISSING', `a multipart field "${CV_FILE_FIELD}" with the CV is required`, [
          { field: CV_FILE_FIELD, reason: 'missing' },
        ]);
      }
      const cv = await this.uploadCv.execute({
        candidateId: candidate.candidateId,
        bytes: req.file.buffer,
        fileName: decodeMultipartFileName(req.file.originalname),
      });
      return statusView(cv);
    });
  }

  @Get()
  @ApiOperation({ summary: 'Your CVs, newest first.' })
  async list(@CurrentCandidate() candidate: CandidatePrincipal): Promise<CvStatusView[]> {
    return (await this.cvs.listForCandidate(candidate.candidateId)).map(statusView);
  }

  @Get(':id/profile')
  @ApiOperation({
    summary: 'The anonymised profile parsed from your CV, and what the machine did to build it.',
    description: '404 until the CV is parsed into a profile (JSON Resume today), and for anybody else’s CV.',
  })
  async profile(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
  ): Promise<ParsedProfile> {
    const parsed = await this.cvs.findProfile(candidate.candidateId, id);
    if (!parsed) throw AppError.notFound('CV profile');
    return parsed;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your CVs and its processing state (404 for anybody else’s).' })
  async get(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id') id: string,
  ): Promise<CvStatusView> {
    const cv = await this.cvs.findForCandidate(candidate.candidateId, id);
    if (!cv) throw AppError.notFound('CV');
    return statusView(cv);
  }
}
