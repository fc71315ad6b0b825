import {
  alertLinksEnv,
  consumerEnv,
  databaseEnv,
  envVar,
  flag,
  httpEnv,
  kafkaEnv,
  runtimeEnv,
  sharedSubjectKeysEnv,
  subjectKeysEnv,
} from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'alert-delivery';

export const ALERT_DELIVERY_ENV = {
  ...runtimeEnv,
  ...httpEnv(3005),
  ...databaseEnv('alert_delivery'),
  ...kafkaEnv(SERVICE_NAME),
  ...consumerEnv(SERVICE_NAME),
  ...alertLinksEnv,
  ...subjectKeysEnv,
  ...sharedSubjectKeysEnv,
  SMTP_URL: envVar(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'), {
    description: 'SMTP relay, e.g. smtp://user:pass@relay:587 (smtps:// for implicit TLS).',
    sensitive: true,
  }),
  SMTP_REQUIRE_TLS: envVar(flag().default(false), {
    description: 'Refuse to send unless the relay upgrades to TLS (STARTTLS). On in production.',
  }),
  SMTP_MAX_CONNECTIONS: envVar(z.coerce.number().int().min(1).max(50).default(5), {
    description: 'Pooled SMTP connections.',
  }),
  SMTP_RATE_PER_SECOND: envVar(z.coerce.number().int().min(1).max(10_000).optional(), {
    description: 'Messages per second handed to the relay over the whole pool (unset: no limit).',
  }),
  DKIM_PRIVATE_KEY: envVar(z.string().min(100, 'must be a PEM private key').optional(), {
    description: 'PEM private key: when set, every e-mail is DKIM-signed (d= the MAIL_FROM domain).',
    sensitive: true,
  }),
  DKIM_SELECTOR: envVar(
    z
      .string()
      .regex(/^[a-z0-9-_.]+$/i)
      .default('vigie'),
    {
      description: 'DKIM selector published in DNS as <selector>._domainkey.<domain>.',
    },
  ),
  MAIL_FROM: envVar(z.string().min(3).default('Vigie Alertes <alertes@vigie.localhost>'), {
    description: 'From header of alert e-mails (its domain must be aligned with SPF/DKIM in production).',
  }),
  MAIL_BOUNCE_ADDRESS: envVar(z.email('must be an e-mail address').optional(), {
    description:
      'Envelope sender (Return-Path) of every e-mail, where relays send bounces (DSNs); unset: the From address.',
  }),
  BOUNCE_SMTP_PORT: envVar(z.coerce.number().int().min(0).max(65_535).optional(), {
    description:
      'When set, alert-delivery receives the bounce address’s mail (DSNs) over SMTP on this port and suppresses addresses that failed for good.',
  }),
  BOUNCE_SMTP_HOST: envVar(z.string().min(1).default('127.0.0.1'), {
    description: 'Interface of the bounce SMTP receiver (BOUNCE_SMTP_PORT).',
  }),
  DELIVERY_GROUP_WINDOW_MS: envVar(z.coerce.number().int().min(0).max(3_600_000).default(120_000), {
    description: 'An instant alert e-mail goes out this long after its first waiting match (grouping).',
  }),
  DELIVERY_QUIET_HOURS: envVar(
    z
      .string()
      .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, 'must be <start>-<end> local hours, e.g. 22-7')
      .default('22-7'),
    { description: 'Local hours without instant e-mails (start-end, e.g. 22-7; equal hours: none).' },
  ),
  DELIVERY_DAILY_CAP: envVar(z.coerce.number().int().min(1).max(100).default(6), {
    description: 'Grouped e-mails and digests per candidate per rolling 24 h; beyond it, matches wait.',
  }),
  DELIVERY_DISPATCH_INTERVAL_MS: envVar(z.coerce.number().int().min(100).max(600_000).default(5_000), {
    description: 'Pause between two runs of the dispatch job (instant groups and digests).',
  }),
  SEARCH_PUBLIC_URL: envVar(z.url().default('http://127.0.0.1:3002/v1/offers/search'), {
    description: 'Public search page or API, for the "see all offers" link with the alert criteria.',
  }),
  CANDIDATE_SPACE_URL: envVar(z.url().default('http://127.0.0.1:8080/candidat'), {
    description:
      'The job board’s candidate space (signed-in CV pages: views, keeping the CV, contact requests), for the links of the CV e-mails.',
  }),
  DELIVERY_PUBLIC_URL: envVar(z.url().default('http://127.0.0.1:3005'), {
    description: 'Public base URL of alert-delivery, for the CV e-mails’ one-click opt-out link.',
  }),
  CV_EMAIL_HOLD_MS: envVar(
    z.coerce
      .number()
      .int()
      .min(60_000)
      .max(30 * 86_400_000)
      .default(86_400_000),
    {
      description:
        'How long a CV e-mail waits for its candidate’s notification address before it is dropped.',
    },
  ),
  DELIVERY_LEASE_MS: envVar(z.coerce.number().int().min(1_000).default(60_000), {
    description: 'How long a worker owns a delivery it is sending before another may take it over.',
  }),
};

export type AlertDeliveryConfig = z.infer<z.ZodObject<typeof ALERT_DELIVERY_ENV>>;
