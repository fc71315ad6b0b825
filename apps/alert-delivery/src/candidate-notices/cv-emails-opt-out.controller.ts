import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CV_EMAILS_OPT_OUT_PATH } from './cv-email-links';
import { OptOutOfCvEmailsUseCase } from './opt-out-of-cv-emails.usecase';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main style="max-width:640px;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;"><h1>${title}</h1>${body}</main></body></html>`;
}

/** The page and the one-click POST (RFC 8058) of the CV e-mails' opt-out; thin over the use case. */
@ApiExcludeController()
@Controller(CV_EMAILS_OPT_OUT_PATH.slice(1))
export class CvEmailsOptOutController {
  constructor(private readonly optOut: OptOutOfCvEmailsUseCase) {}

  @Get()
  show(@Query('t') token: unknown, @Res() res: Response): void {
    const t = typeof token === 'string' ? token : '';
    if (this.optOut.check(t) === 'invalid_link') return void this.invalid(res);
    this.send(
      res,
      200,
      page(
        'Ne plus recevoir les e-mails sur mon CV',
        `<p>Vous ne recevrez plus le résumé des consultations de votre CV ni les demandes de contact par e-mail (elles restent visibles dans votre espace candidat). L’avertissement avant la suppression de votre CV vous sera toujours envoyé.</p><form method="post" action="?t=${escapeHtml(encodeURIComponent(t))}"><button type="submit">Ne plus recevoir ces e-mails</button></form>`,
      ),
    );
  }

  @Post()
  @HttpCode(200)
  async confirm(@Query('t') token: unknown, @Res() res: Response): Promise<void> {
    const result = await this.optOut.optOut(typeof token === 'string' ? token : '');
    if (result === 'invalid_link') return this.invalid(res);
    this.send(res, 200, page('C’est fait', '<p>Vous ne recevrez plus d’e-mails sur votre CV.</p>'));
  }

  private invalid(res: Response): void {
    this.send(res, 403, page('Ce lien n’est pas valide', '<p>Il a peut-être expiré.</p>'));
  }

  private send(res: Response, status: number, html: string): void {
    res
      .status(status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        'X-Robots-Tag': 'noindex',
      })
      .send(html);
  }
}
