import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, databaseSettingsFromEnv } from '@vigie/database';
import { CANDIDATE_TOKEN_SECRET, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { CvIntakeConfig, SERVICE_NAME } from './config';
import { CvRepository, PgCvRepository } from './cvs/cv.repository';
import { CvsController } from './cvs/cvs.controller';
import { CreateCvs1764400000004 } from './migrations/1764400000004-create-cvs';

@Module({})
export class CvIntakeModule {
  static register(config: CvIntakeConfig, logger: Logger): DynamicModule {
    return {
      module: CvIntakeModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, [CreateCvs1764400000004])),
      ],
      controllers: [CvsController],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: config.CANDIDATE_TOKEN_SECRET },
        { provide: CvRepository, useClass: PgCvRepository },
      ],
    };
  }
}
