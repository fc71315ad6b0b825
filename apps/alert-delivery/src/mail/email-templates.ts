import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/**
 * The e-mails' HTML and plain-text parts, from the template files next to this module
 * (`templates/<name>.html.hbs`, `templates/<name>.text.hbs`; the build copies them to dist).
 * Handlebars escapes every value in the HTML part; the text part is not HTML, so it is not
 * escaped. Templates are compiled once, strict: a value the template names and the view lacks is
 * an error (a bug), never an empty string in a candidate's e-mail.
 */
export type EmailTemplateName =
  | 'alert-email'
  | 'confirmation'
  | 'cv-view-summary'
  | 'cv-retention-warning'
  | 'cv-contact-request';

const engine = Handlebars.create();
const TEMPLATE_DIR = join(__dirname, 'templates');

interface Compiled {
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

const compiled = new Map<EmailTemplateName, Compiled>();

function templatesOf(name: EmailTemplateName): Compiled {
  let found = compiled.get(name);
  if (!found) {
    const source = (part: 'html' | 'text') => readFileSync(join(TEMPLATE_DIR, `${name}.${part}.hbs`), 'utf8');
    found = {
      html: engine.compile(source('html'), { strict: true }),
      text: engine.compile(source('text'), { strict: true, noEscape: true }),
    };
    compiled.set(name, found);
  }
  return found;
}

export function renderEmailParts(name: EmailTemplateName, view: object): { html: string; text: string } {
  const t = templatesOf(name);
  return {
    html: t.html(view),
    text: t
      .text(view)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}
