import { join } from 'node:path';
import { TemplateSet } from '@vigie/platform';

/**
 * The e-mails' HTML and plain-text parts, from the template files next to this module
 * (`templates/<name>.html.hbs`, `templates/<name>.text.hbs`; the build copies them to dist),
 * compiled once when the service loads this module. Handlebars escapes every value in the HTML
 * part; the text part is not HTML, so it is not escaped. Strict: a value the template names and
 * the view lacks is an error (a bug), never an empty string in a candidate's e-mail.
 */
const EMAIL_TEMPLATES = [
  'alert-email',
  'match-v1',
  'confirmation',
  'cv-view-summary',
  'cv-retention-warning',
  'cv-contact-request',
] as const;

export type EmailTemplateName = (typeof EMAIL_TEMPLATES)[number];

const TEMPLATE_DIR = join(__dirname, 'templates');
const HTML = TemplateSet.load(TEMPLATE_DIR, EMAIL_TEMPLATES, { suffix: '.html.hbs' });
const TEXT = TemplateSet.load(TEMPLATE_DIR, EMAIL_TEMPLATES, { suffix: '.text.hbs', escapeHtml: false });

export function renderEmailParts(name: EmailTemplateName, view: object): { html: string; text: string } {
  return {
    html: HTML.render(name, view),
    text: TEXT.render(name, view)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}
