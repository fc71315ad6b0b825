import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { isDomainError } from '@vigie/kernel';
import { AdminTokenGuard, AppError, openApiSchema, parseOrThrow } from '@vigie/platform';
import { z } from 'zod';
import { issueApiKey } from './api-key';
import { DisableRecruiterUseCase } from './disable-recruiter.usecase';
import { RecruiterRepository } from './recruiter.repository';

const CreateRecruiterSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

@ApiTags('admin')
@ApiSecurity('admin-token')
@UseGuards(AdminTokenGuard)
@Controller('v1/admin/recruiters')
export class RecruitersController {
  constructor(
    private readonly recruiters: RecruiterRepository,
    private readonly disableRecruiter: DisableRecruiterUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a recruiter account. The API key is shown once and stored hashed.' })
  @ApiBody({ schema: openApiSchema(CreateRecruiterSchema) })
  async create(@Body() body: unknown): Promise<{ id: string; name: string; apiKey: string }> {
    const { name } = parseOrThrow(CreateRecruiterSchema, body);
    const key = issueApiKey();
    const recruiter = await this.recruiters.create(name, key);
    return { ...recruiter, apiKey: key.key };
  }

  @Post(':id/disable')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disable a recruiter account: all its API keys are refused at once (idempotent).',
  })
  async disable(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('recruiter') })) id: string,
  ): Promise<void> {
    try {
      await this.disableRecruiter.execute(id);
    } catch (e) {
      if (isDomainError(e, ['RECRUITER_NOT_FOUND'])) throw AppError.notFound('recruiter');
      throw e;
    }
  }
}
