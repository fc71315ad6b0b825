import { Eta } from 'eta';
import type { Response } from 'express';
import { join } from 'node:path';

/**
 * Server-rendered pages from the `.eta` files of `templates/` (copied next to the compiled code
 * by scripts/build.mjs). `<%= %>` escapes HTML, and the templates use only it for data; the one
 * raw output is a layout's `it.body`, itself rendered from a template.
 */
export class PageRenderer {
  private readonly eta = new Eta({
    views: join(__dirname, 'templates'),
    autoEscape: true,
    cache: true,
    autoTrim: [false, 'nl'],
  });

  render(template: string, data: Record<string, unknown>): string {
    return this.eta.render(template, data);
  }

  /** Sends a page with headers that keep the link's token on this site and the page out of caches. */
  send(res: Response, status: number, template: string, data: Record<string, unknown>): void {
    setPageHeaders(res);
    res.status(status).type('html').send(this.render(template, data));
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
