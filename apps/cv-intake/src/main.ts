import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { CV_INTAKE_ENV, SERVICE_NAME } from './config';
import { CvIntakeModule } from './cv-intake.module';

runService({
  name: SERVICE_NAME,
  env: CV_INTAKE_ENV,
  module: (config, logger) => CvIntakeModule.register(config, logger),
  consumesKafka: true,
  openApi: {
    title: 'Vigie — CV intake',
    description: 'Candidates’ CVs (upload, anonymised profile) and the recruiter CV search.',
    version: '1',
  },
});
