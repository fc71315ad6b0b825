import { renderEmailParts } from '../mail/email-templates';

export interface ConfirmationEmail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT = 'Confirmez votre alerte emploi';

/**
 * The double opt-in e-mail, from the `confirmation` templates: one link to confirm, and the
 * promise that nothing else comes unless it is clicked. No tracking, no images.
 */
export function renderConfirmationEmail(links: { confirm: string }): ConfirmationEmail {
  return {
    subject: SUBJECT,
    ...renderEmailParts('confirmation', { subject: SUBJECT, confirm: links.confirm }),
  };
}
