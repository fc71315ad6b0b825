import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { PAGES_LOGGER } from './pages.providers';
import { PageError, PageErrorCode } from './page-errors';
import { PageRenderer } from './page-renderer';

interface ErrorPage {
  status: number;
  title: string;
  text: string;
}

/**
 * The one mapping of page errors to what the candidate sees. An invalid link says the same thing
 * whether it was forged, expired or meant for another page: it reveals nothing to whoever tries.
 */
const PAGE_OF: { readonly [C in PageErrorCode]: ErrorPage } = {
  INVALID_LINK: {
    status: 403,
    title: 'Ce lien n’est pas valide',
    text: 'Ce lien est incomplet ou a expiré. Les e-mails d’alerte les plus récents contiennent des liens à jour.',
  },
  ALERT_GONE: {
    status: 404,
    title: 'Cette alerte n’existe plus',
    text: 'Cette alerte a été supprimée : il n’y a plus rien à modifier.',
  },
  STALE_FORM: {
    status: 409,
    title: 'Cette page n’était plus à jour',
    text: 'L’alerte a changé depuis l’affichage de la page, ou la page est trop ancienne. Rien n’a été modifié : rouvrez le lien de l’e-mail pour repartir de l’état actuel.',
  },
  NOT_ALLOWED: {
    status: 409,
    title: 'Action impossible',
    text: 'Cette action n’est pas possible dans l’état actuel de l’alerte. Rien n’a été modifié.',
  },
  FORM_TOO_LARGE: {
    status: 413,
    title: 'Formulaire trop long',
    text: 'Le formulaire envoyé est trop long. Rien n’a été modifié.',
  },
};

const UNEXPECTED: ErrorPage = {
  status: 500,
  title: 'Un incident nous empêche d’afficher cette page',
  text: 'Rien n’a été modifié. Réessayez dans quelques minutes.',
};

@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(PAGES_LOGGER) private readonly logger: Logger,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const page = error instanceof PageError ? PAGE_OF[error.code] : UNEXPECTED;
    if (page === UNEXPECTED) this.logger.error({ err: error }, 'candidate page failed');
    else this.logger.info({ code: (error as PageError).code }, 'candidate page refused');
    if (res.headersSent) return;
    this.pages.sendMessage(res, page.status, { title: page.title, text: page.text, error: true });
  }
}
