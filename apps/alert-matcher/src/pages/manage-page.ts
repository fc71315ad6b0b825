import { CandidateLinks } from '@vigie/kernel';
import type { Alert } from '../alerts/alert';
import { CriteriaFormValues, FieldError, placeHint } from './criteria-form';
import { FormTokens } from './form-tokens';
import { CHOICES, frenchDate, frenchDateTime, frenchReason, STATUS_LABEL } from './page-labels';
import type { PlaceDirectory } from '../alerts/place-directory.port';
import type { SentOffer } from './sent-offers.port';

export type ManageNotice = 'confirmed' | 'criteria' | 'paused' | 'resumed' | 'snoozed' | 'unsnoozed';

const NOTICE_TEXT: { readonly [N in ManageNotice]: string } = {
  confirmed: 'Votre alerte est confirmée : vous recevrez les offres qui correspondent.',
  criteria: 'Vos critères sont enregistrés.',
  paused: 'Votre alerte est en pause : plus aucun e-mail jusqu’à sa reprise.',
  resumed: 'Votre alerte a repris.',
  snoozed: 'Votre alerte est suspendue pour un mois.',
  unsnoozed: 'La suspension est levée : les e-mails reprennent.',
};

type Choice = { readonly value: string; readonly label: string };

const CHECK_GROUPS = [
  ['contract', 'Types de contrat'],
  ['workingTime', 'Temps de travail'],
  ['remote', 'Télétravail'],
] as const;

export const isNotice = (v: unknown): v is ManageNotice => typeof v === 'string' && v in NOTICE_TEXT;

export interface ManagePageInput {
  alert: Alert;
  token: string;
  values: CriteriaFormValues;
  errors: readonly FieldError[];
  notice: ManageNotice | null;
  sent: SentOffer[] | 'unavailable';
  now: Date;
}

/** Everything the manage template shows, computed here so the template only lays it out. */
export function manageView(
  input: ManagePageInput,
  forms: FormTokens,
  links: CandidateLinks,
  places: PlaceDirectory,
) {
  const { alert, values } = input;
  const errorOf: Record<string, string> = {};
  const general: string[] = [];
  for (const e of input.errors) {
    const text = frenchReason(e.reason);
    if (e.field in values) errorOf[e.field] = errorOf[e.field] ? `${errorOf[e.field]} ${text}` : text;
    else general.push(text);
  }
  const options = (choices: readonly Choice[], chosen: (value: string) => boolean) =>
    choices.map((c) => ({ ...c, selected: chosen(c.value) }));
  const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil > input.now;
  const live = alert.status === 'active' || alert.status === 'paused' || alert.status === 'pending';
  return {
    title: alert.criteria.q ? `Votre alerte « ${alert.criteria.q} »` : 'Votre alerte',
    token: input.token,
    formToken: forms.issue('manage', alert.id, alert.version),
    status: alert.status,
    statusLabel: STATUS_LABEL[alert.status],
    snoozedUntil: snoozed ? frenchDate(alert.snoozedUntil!) : null,
    notice: input.notice ? NOTICE_TEXT[input.notice] : null,
    values,
    placeHint: placeHint(values, places),
    errors: errorOf,
    generalErrors: general,
    hasErrors: input.errors.length > 0,
    checkGroups: CHECK_GROUPS.map(([name, legend]) => ({
      name,
      legend,
      error: errorOf[name] ?? null,
      options: CHOICES[name].map((c) => ({
        ...c,
        id: `${name}-${c.value}`,
        checked: values[name].includes(c.value),
      })),
    })),
    selects: {
      frequency: options(CHOICES.frequency, (v) => v === values.frequency),
      hour: options(CHOICES.hour, (v) => v === values.hour),
      weekday: options(CHOICES.weekday, (v) => v === values.weekday),
    },
    editable: live,
    canPause: alert.status === 'active',
    canResume: alert.status === 'paused',
    canSnooze: alert.status === 'active' || alert.status === 'paused',
    snoozed,
    sentUnavailable: input.sent === 'unavailable',
    sent:
      input.sent === 'unavailable'
        ? []
        : input.sent.map((o) => ({
            ...o,
            label: o.title || `Offre ${o.offerId}`,
            sentAt: frenchDateTime(o.sentAt),
          })),
    unsubscribeUrl: live ? links.unsubscribe(alert.id) : null,
    unsubscribeAllUrl: links.unsubscribeAll(alert.candidateId),
  };
}
