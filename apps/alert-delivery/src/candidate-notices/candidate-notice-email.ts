import { renderEmailParts } from '../mail/email-templates';
import type { NoticeContent } from './candidate-notice';

export interface NoticeEmail {
  subject: string;
  text: string;
  html: string;
}

/** Where each CV e-mail leads: the job board's candidate space, and the one-click opt-out. */
export interface NoticeLinks {
  /** The CV's views page (companies and dates). */
  views: string;
  /** Where the candidate keeps their CVs (the space calls `POST /v1/cv-retention/extend`). */
  keep: string;
  /** Where the candidate answers one request (`POST /v1/contact-requests/:id/accept|decline`). */
  answer(requestId: string): string;
  /** The one-click opt-out (also `List-Unsubscribe`); the retention warning, a legal notice, has none. */
  unsubscribe: string;
}

const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** « 23 novembre 2026 », in Paris time (the week's Monday is a calendar date: read at noon UTC). */
export function frenchDate(iso: string): string {
  return DAY.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso));
}

/** The subject and both parts of one CV e-mail, from its `cv-*` templates (French copy). */
export function renderNoticeEmail(content: NoticeContent, links: NoticeLinks): NoticeEmail {
  switch (content.kind) {
    case 'view-summary': {
      const subject =
        content.recruiterCount === 1
          ? 'Votre CV a été consulté par 1 recruteur cette semaine'
          : `Votre CV a été consulté par ${content.recruiterCount} recruteurs cette semaine`;
      return {
        subject,
        ...renderEmailParts('cv-view-summary', {
          subject,
          week: frenchDate(content.weekStart),
          viewCount: content.viewCount,
          recruiterCount: content.recruiterCount,
          manyRecruiters: content.recruiterCount > 1,
          companies: content.companies,
          views: links.views,
          unsubscribe: links.unsubscribe,
        }),
      };
    }
    case 'retention-warning': {
      const erasesOn = frenchDate(content.erasesAt);
      const subject = `Votre CV sera supprimé le ${erasesOn}`;
      return {
        subject,
        ...renderEmailParts('cv-retention-warning', {
          subject,
          erasesOn,
          cvCount: content.cvCount,
          manyCvs: content.cvCount > 1,
          keep: links.keep,
        }),
      };
    }
    case 'contact-request': {
      const subject = `${content.company} souhaite vous contacter`;
      return {
        subject,
        ...renderEmailParts('cv-contact-request', {
          subject,
          company: content.company,
          message: content.message,
          answer: links.answer(content.requestId),
          unsubscribe: links.unsubscribe,
        }),
      };
    }
  }
}
