import 'reflect-metadata';
import { runService } from '@vigie/platform';
import { AlertDeliveryModule } from './alert-delivery.module';
import { ALERT_DELIVERY_ENV, SERVICE_NAME } from './config';

runService({
  name: SERVICE_NAME,
  env: ALERT_DELIVERY_ENV,
  module: (config, logger) => AlertDeliveryModule.register(config, logger),
  consumesKafka: true,
  openApi: {
    title: 'Vigie — alert delivery',
    description: 'Sends alert e-mails, once per (alert, offer) (operations endpoints only).',
    version: '1',
  },
});
