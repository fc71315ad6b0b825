import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { AlertMatcherModule } from './alert-matcher.module';
import { ALERT_MATCHER_ENV, SERVICE_NAME } from './config';

runService({
  name: SERVICE_NAME,
  env: ALERT_MATCHER_ENV,
  module: (config, logger) => AlertMatcherModule.register(config, logger),
  consumesKafka: true,
  openApi: {
    title: 'Vigie — alerts',
    description: 'Candidates create and manage their job alerts; new offers are matched against them.',
    version: '1',
  },
});
