import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { isDomainError } from '@vigie/kernel';
import { AppError, AppErrorCode } from '@vigie/platform';
import type { AuthenticatedRecruiter } from './recruiter.repository';
import { CurrentRecruiter, RecruiterAuthGuard } from './recruiter-auth.guard';
import { RotateApiKeyUseCase, RotatedKey, RotationErrorCode } from './rotate-api-key.usecase';

const HTTP_CODE_OF: { readonly [C in RotationErrorCode]: AppErrorCode } = {
  ROTATION_NEEDS_CURRENT_KEY: 'UNAUTHENTICATED',
  ACCOUNT_UNAVAILABLE: 'UNAUTHENTICATED',
};

@ApiTags('api-keys')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly rotateApiKey: RotateApiKeyUseCase) {}

  @Post('rotate')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a new API key (shown once); the current one keeps working for the grace period.',
  })
  async rotate(@CurrentRecruiter() recruiter: AuthenticatedRecruiter): Promise<RotatedKey> {
    try {
      return await this.rotateApiKey.execute(recruiter);
    } catch (e) {
      if (isDomainError<RotationErrorCode>(e, ['ROTATION_NEEDS_CURRENT_KEY', 'ACCOUNT_UNAVAILABLE'])) {
        throw new AppError(HTTP_CODE_OF[e.code], e.message);
      }
      throw e;
    }
  }
}
