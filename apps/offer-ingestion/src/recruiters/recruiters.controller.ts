import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard, openApiSchema, parseOrThrow } from '@vigie/platform';
import { z } from 'zod';
import { issueApiKey } from './api-key';
import { RecruiterRepository } from './recruiter.repository';

const CreateRecruiterSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

@ApiTags('admin')
@ApiSecurity('admin-token')
@UseGuards(AdminTokenGuard)
@Controller('v1/admin/recruiters')
export class RecruitersController {
  constructor(private readonly recruiters: RecruiterRepository) {}

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
}
