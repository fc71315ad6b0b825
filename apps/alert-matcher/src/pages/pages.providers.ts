import type { Provider } from '@nestjs/common';
import { CandidateLinks, Clock, SignedTokens } from '@vigie/kernel';
import type { Logger } from 'pino';
import { FormTokens } from './form-tokens';
import { HttpSentOffersReader } from './http-sent-offers.reader';
import { PageRenderer } from './page-renderer';
import { SentOffersReader } from './sent-offers.port';

export const PAGES_LOGGER = Symbol('PAGES_LOGGER');

export interface CandidatePagesSettings {
  /** Where candidates reach alert-matcher (ALERTS_PUBLIC_URL). */
  publicUrl: string;
  /** ALERT_LINK_SECRET: the links' tokens and the pages' form tokens. */
  linkSecret: string;
  /** alert-delivery's internal API (ALERT_DELIVERY_URL) and its bearer token. */
  deliveryUrl: string;
  internalToken: string;
}

/** What the candidate pages add to alert-matcher's module (the alerts' use cases are already there). */
export function candidatePagesProviders(settings: CandidatePagesSettings, logger: Logger): Provider[] {
  return [
    {
      provide: SignedTokens,
      useFactory: (clock: Clock) => new SignedTokens(settings.linkSecret, clock),
      inject: [Clock],
    },
    {
      provide: CandidateLinks,
      useFactory: (tokens: SignedTokens) => new CandidateLinks(settings.publicUrl, tokens),
      inject: [SignedTokens],
    },
    {
      provide: FormTokens,
      useFactory: (tokens: SignedTokens) => new FormTokens(tokens),
      inject: [SignedTokens],
    },
    { provide: PageRenderer, useValue: new PageRenderer() },
    {
      provide: SentOffersReader,
      useValue: new HttpSentOffersReader(settings.deliveryUrl, settings.internalToken),
    },
    { provide: PAGES_LOGGER, useValue: logger.child({ component: 'candidate-pages' }) },
  ];
}
