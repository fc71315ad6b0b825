import { TemplateSet } from '@vigie/platform';
import type { Response } from 'express';
import { join } from 'node:path';

export type PageTemplate = 'confirm' | 'manage' | 'message' | 'unsubscribe' | 'unsubscribe-all';

const PAGE_TEMPLATES: readonly (PageTemplate | 'layout')[] = [
  'layout',
  'confirm',
  'manage',
  'message',
  'unsubscribe',
  'unsubscribe-all',
];

/** What every page shows: its title, in the page and in the browser's tab. */
export interface PageView {
  title: string;
  [field: string]: unknown;
}

/** The message page: a title, a sentence, and perhaps one link onward. */
export interface MessagePage {
  title: string;
  text: string;
  error?: boolean;
  link?: { href: string; text: string };
}

/**
 * Server-rendered pages from the Handlebars files of `templates/` (copied next to the compiled
 * code by scripts/build.mjs), compiled once when the renderer is made. `{{x}}` escapes HTML, and
 * the templates use only it for data; the one raw output is the layout's `body`, itself rendered
 * from a template.
 */
export class PageRenderer {
  private readonly templates = TemplateSet.load(join(__dirname, 'templates'), PAGE_TEMPLATES, {
    suffix: '.hbs',
  });

  render(template: PageTemplate, view: PageView): string {
    return this.templates.render('layout', {
      title: view.title,
      body: this.templates.render(template, view),
    });
  }

  /** Sends a page with headers that keep the link's token on this site and the page out of caches. */
  send(res: Response, status: number, template: PageTemplate, view: PageView): void {
    setPageHeaders(res);
    res.status(status).type('html').send(this.render(template, view));
  }

  sendMessage(res: Response, status: number, page: MessagePage): void {
    this.send(res, status, 'message', { error: false, link: null, ...page });
  }
}

/**
 * The page URL carries a secret token: no referrer leaves it to another site, nothing caches it,
 * no third-party resource or script may load, and no other site may frame the page.
 */
export function setPageHeaders(res: Response): void {
  res.setHeader(
    'content-security-policy',
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-robots-tag', 'noindex');
}
