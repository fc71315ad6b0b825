import type { ParsingDecision } from '../parsing/build-profile';
import type { CreateAlertBody } from './suggest-alert';

/** The alert as alert-matcher answers its creation (the fields cv-intake reads; the rest is passed on). */
export interface CreatedAlert {
  id: string;
  status: string;
  [field: string]: unknown;
}

/** Who creates the alert: the candidate, whose token alert-matcher verifies itself. */
export interface AlertCreatorCandidate {
  candidateId: string;
  token: string;
}

/**
 * Port: alert-matcher's alert API. `idempotencyKey` makes a retried creation answer the alert of
 * the first one. Refusals throw `CvError` (`CV_SUGGESTION_REFUSED` with alert-matcher's fields,
 * `CV_ALERTS_UNAVAILABLE` when it cannot be reached).
 */
export abstract class AlertCreator {
  abstract create(
    candidate: AlertCreatorCandidate,
    body: CreateAlertBody,
    idempotencyKey: string,
  ): Promise<CreatedAlert>;
}

/** Port: the CV's decision log, for the suggestion lines. */
export abstract class SuggestionLog {
  /** Appends the lines not already in the CV's log (showing a suggestion twice tells it once). */
  abstract record(cvId: string, decisions: readonly ParsingDecision[], at: Date): Promise<void>;
}
