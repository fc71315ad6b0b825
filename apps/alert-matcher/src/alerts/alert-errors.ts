import { DomainError } from '@vigie/kernel';

export type AlertErrorCode =
  | 'ALERT_NOT_FOUND'
  | 'INVALID_CRITERIA'
  | 'ALERT_LIMIT_REACHED'
  | 'ALERT_STATE_CONFLICT'
  | 'INVALID_LINK';

/** A rule about alerts was broken; each code is mapped once per transport (alert-http-errors.ts). */
export class AlertError extends DomainError<AlertErrorCode> {}

export const alertNotFound = () => new AlertError('ALERT_NOT_FOUND', 'alert not found');
