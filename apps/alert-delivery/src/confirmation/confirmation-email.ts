import { escapeHtml } from '../mail/alert-email';

export interface ConfirmationEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The double opt-in e-mail: one link to confirm, and the promise that nothing else comes unless
 * it is clicked. No tracking, no images.
 */
export function renderConfirmationEmail(links: { confirm: string }): ConfirmationEmail {
  const subject = 'Confirmez votre alerte emploi';
  const text = [
    'Bonjour,',
    '',
    'Vous avez demandé à recevoir par e-mail les offres d’emploi qui correspondent à votre recherche.',
    `Pour confirmer cette alerte, ouvrez ce lien : ${links.confirm}`,
    '',
    'Ce lien est valable 7 jours. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message :',
    'vous ne recevrez rien d’autre à cette adresse.',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head><body><main>`,
    '<p>Bonjour,</p>',
    '<p>Vous avez demandé à recevoir par e-mail les offres d’emploi qui correspondent à votre recherche.</p>',
    `<p><a href="${escapeHtml(links.confirm)}">Confirmer mon alerte</a></p>`,
    '<p>Ce lien est valable 7 jours. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : ',
    'vous ne recevrez rien d’autre à cette adresse.</p>',
    '</main></body></html>',
  ].join('');
  return { subject, text, html };
}
