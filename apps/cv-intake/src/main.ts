import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { CV_INTAKE_ENV, SERVICE_NAME } from './config';
import { CvIntakeModule } from './cv-intake.module';

runService({
  name: SERVICE_NAME,
  env: CV_INTAKE_ENV,
  module: (config, logger) => CvIntakeModule.register(config, logger),
  consumesKafka: false,
  openApi: {
    title: 'Vigie — CV intake',
    description: 'Candidates’ CVs (upload and anonymised parsing come in a later release).',
    version: '1',
  },
});
