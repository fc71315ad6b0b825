import { createHash } from 'node:crypto';
import { Clock } from '@vigie/kernel';
import { CommuneDirectory } from '../cv-search/commune-directory.port';
import { CvError } from '../cvs/cv-errors';
import { CvRepository } from '../cvs/cv.repository';
import { AlertCreator, AlertCreatorCandidate, CreatedAlert, SuggestionLog } from './suggested-alert.port';
import { AlertSuggestion, suggestAlert } from './suggest-alert';

export interface SuggestedAlertView {
  cvId: string;
  /** Exactly the body of alert-matcher's `POST /v1/alerts`. */
  body: AlertSuggestion['body'];
  /** What was proposed from which field of the profile. */
  decisions: AlertSuggestion['decisions'];
}

/**
 * The key of one suggestion's creation: the CV and the criteria, so accepting twice makes one
 * alert, and a suggestion changed by a corrected profile is a new one.
 */
export function suggestionKey(cvId: string, body: AlertSuggestion['body']): string {
  const digest = createHash('sha256').update(JSON.stringify(body.criteria)).digest('hex').slice(0, 32);
  return `cv-suggestion:${cvId}:${digest}`;
}

/** The alert a CV's profile suggests, shown to its owner and told in the decision log. */
export class SuggestAlertUseCase {
  constructor(
    private readonly cvs: CvRepository,
    private readonly communes: CommuneDirectory,
    private readonly log: SuggestionLog,
    private readonly clock: Clock,
  ) {}

  async execute(candidateId: string, cvId: string): Promise<SuggestedAlertView> {
    const parsed = await this.cvs.findProfile(candidateId, cvId);
    if (!parsed) throw new CvError('CV_NOT_FOUND', 'CV profile not found');
    const suggestion = suggestAlert(parsed.profile, (code) => this.communes.population(code));
    if (!suggestion) {
      throw new CvError('CV_NO_SUGGESTION', 'the profile has neither a title nor a commune to suggest from', [
        { field: 'title', reason: 'no word to look for' },
        { field: 'commune', reason: 'not given' },
      ]);
    }
    await this.log.record(cvId, suggestion.decisions, this.clock.now());
    return { cvId, ...suggestion };
  }
}

/** One click: the suggestion becomes the candidate's alert on alert-matcher, once. */
export class AcceptSuggestedAlertUseCase {
  constructor(
    private readonly suggest: SuggestAlertUseCase,
    private readonly alerts: AlertCreator,
    private readonly log: SuggestionLog,
    private readonly clock: Clock,
  ) {}

  async execute(candidate: AlertCreatorCandidate, cvId: string): Promise<CreatedAlert> {
    const { body } = await this.suggest.execute(candidate.candidateId, cvId);
    const alert = await this.alerts.create(candidate, body, suggestionKey(cvId, body));
    await this.log.record(
      cvId,
      [
        {
          step: 'suggest',
          field: 'alert',
          action: `suggestion accepted by the candidate: alert ${alert.id}`,
        },
      ],
      this.clock.now(),
    );
    return alert;
  }
}
