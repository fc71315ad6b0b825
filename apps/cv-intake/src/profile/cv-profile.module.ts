import { DynamicModule, Module } from '@nestjs/common';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SystemClock } from '@vigie/kernel';
import { CANDIDATE_TOKEN_SECRET } from '@vigie/platform';
import { CommuneDirectory } from '../cv-search/commune-directory.port';
import { GazetteerCommuneDirectory } from '../cv-search/gazetteer-commune-directory';
import { CorrectProfileUseCase, SetCvVisibilityUseCase } from './correct-profile.usecase';
import { CvProfileController } from './cv-profile.controller';
import { CvProfileStore } from './cv-profile.port';
import { PgCvProfileStore } from './pg-cv-profile-store';

/**
 * The candidate's corrections and visibility, on their own module so cv-intake's module only
 * imports it. The database and the outbox are global; the gazetteer is one per process.
 */
@Module({})
export class CvProfileModule {
  static register(candidateTokenSecret: string): DynamicModule {
    return {
      module: CvProfileModule,
      controllers: [CvProfileController],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: candidateTokenSecret },
        { provide: Clock, useClass: SystemClock },
        { provide: CommuneDirectory, useFactory: () => new GazetteerCommuneDirectory(loadGazetteer()) },
        { provide: CvProfileStore, useClass: PgCvProfileStore },
        {
          provide: CorrectProfileUseCase,
          useFactory: (store: CvProfileStore, communes: CommuneDirectory, clock: Clock) =>
            new CorrectProfileUseCase(store, communes, clock),
          inject: [CvProfileStore, CommuneDirectory, Clock],
        },
        {
          provide: SetCvVisibilityUseCase,
          useFactory: (store: CvProfileStore, clock: Clock) => new SetCvVisibilityUseCase(store, clock),
          inject: [CvProfileStore, Clock],
        },
      ],
    };
  }
}
