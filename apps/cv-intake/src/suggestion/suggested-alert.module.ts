import { DynamicModule, Module } from '@nestjs/common';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SystemClock } from '@vigie/kernel';
import { CANDIDATE_TOKEN_SECRET } from '@vigie/platform';
import { CommuneDirectory } from '../cv-search/commune-directory.port';
import { GazetteerCommuneDirectory } from '../cv-search/gazetteer-commune-directory';
import { CvRepository } from '../cvs/cv.repository';
import { PgCvRepository } from '../cvs/pg-cv.repository';
import { HttpAlertCreator } from './http-alert-creator';
import { PgSuggestionLog } from './pg-suggestion-log';
import { AlertCreator, SuggestionLog } from './suggested-alert.port';
import { SuggestedAlertController } from './suggested-alert.controller';
import { AcceptSuggestedAlertUseCase, SuggestAlertUseCase } from './suggested-alert.usecase';

/** Suggested alerts on their own module: cv-intake's module only imports it. */
@Module({})
export class SuggestedAlertModule {
  static register(settings: { candidateTokenSecret: string; alertMatcherUrl: string }): DynamicModule {
    return {
      module: SuggestedAlertModule,
      controllers: [SuggestedAlertController],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: settings.candidateTokenSecret },
        { provide: Clock, useClass: SystemClock },
        { provide: CvRepository, useClass: PgCvRepository },
        { provide: CommuneDirectory, useFactory: () => new GazetteerCommuneDirectory(loadGazetteer()) },
        { provide: SuggestionLog, useClass: PgSuggestionLog },
        { provide: AlertCreator, useValue: new HttpAlertCreator(settings.alertMatcherUrl) },
        {
          provide: SuggestAlertUseCase,
          useFactory: (cvs: CvRepository, communes: CommuneDirectory, log: SuggestionLog, clock: Clock) =>
            new SuggestAlertUseCase(cvs, communes, log, clock),
          inject: [CvRepository, CommuneDirectory, SuggestionLog, Clock],
        },
        {
          provide: AcceptSuggestedAlertUseCase,
          useFactory: (
            suggest: SuggestAlertUseCase,
            alerts: AlertCreator,
            log: SuggestionLog,
            clock: Clock,
          ) => new AcceptSuggestedAlertUseCase(suggest, alerts, log, clock),
          inject: [SuggestAlertUseCase, AlertCreator, SuggestionLog, Clock],
        },
      ],
    };
  }
}
