import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CandidateLinkKind, CandidateLinks, Clock, InvalidTokenError } from '@vigie/kernel';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert } from '../alerts/alert';
import { AlertCriteriaPolicy } from '../alerts/alert-criteria';
import { AlertError } from '../alerts/alert-errors';
import { AlertTransition } from '../alerts/alert-transitions';
import { AlertRepository } from '../alerts/alert.repository';
import { ChangeAlertUseCase } from '../alerts/change-alert.usecase';
import { PLACE_DIRECTORY, type PlaceDirectory } from '../alerts/place-directory.port';
import {
  criteriaParamsOf,
  FieldError,
  FormFields,
  formValuesOfAlert,
  formValuesOfPost,
  scheduleOf,
} from './criteria-form';
import { readForm } from './form-body';
import { FormTokens } from './form-tokens';
import { isNotice, ManageNotice, manageView } from './manage-page';
import { STATUS_LABEL } from './page-labels';
import { PageErrorFilter } from './page-error.filter';
import { invalidLink, PageError } from './page-errors';
import { PageRenderer, setPageHeaders } from './page-renderer';
import { SentOffer, SentOffersReader } from './sent-offers.port';

const SNOOZE_DAYS = 30;
const SENT_SHOWN = 10;
const CSS = readFileSync(join(__dirname, 'templates', 'pages.css'), 'utf8');

type ManageAction = 'criteria' | 'pause' | 'resume' | 'snooze' | 'unsnooze' | 'delete';
const MANAGE_ACTIONS: readonly ManageAction[] = [
  'criteria',
  'pause',
  'resume',
  'snooze',
  'unsnooze',
  'delete',
];

const field = (form: FormFields, name: string): string | undefined => {
  const v = form[name];
  return typeof v === 'string' ? v : undefined;
};

/** A page's own links are relative: the page is served by the service that builds them. */
const relative = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/**
 * The candidate pages, reached without an account through the signed links of the e-mails
 * (`CandidateLinks`): confirm an alert, see and edit it, pause / snooze / delete it, unsubscribe
 * from it or from everything. A GET never changes anything (link scanners open links); every
 * change is a POST carrying the link token and the form token of the page it came from.
 */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Controller('c')
export class CandidatePagesController {
  constructor(
    private readonly links: CandidateLinks,
    private readonly forms: FormTokens,
    private readonly pages: PageRenderer,
    private readonly alerts: AlertRepository,
    private readonly changeAlert: ChangeAlertUseCase,
    private readonly policy: AlertCriteriaPolicy,
    private readonly sentOffers: SentOffersReader,
    private readonly clock: Clock,
    @Inject(PLACE_DIRECTORY) private readonly places: PlaceDirectory,
  ) {}

  @Get('assets/pages.css')
  css(@Res() res: Response): void {
    res.status(200).type('text/css').setHeader('cache-control', 'public, max-age=3600').send(CSS);
  }

  @Get('alerts/confirm')
  async confirmPage(@Query('t') t: unknown, @Res() res: Response): Promise<void> {
    const alert = await this.alertOf('confirm', t);
    if (alert.status !== 'pending')
      return this.redirectToManage(res, alert, alert.status === 'unsubscribed' ? null : 'confirmed');
    this.pages.send(res, 200, 'confirm', {
      title: 'Confirmer votre alerte',
      alert: this.summary(alert),
      token: t,
      formToken: this.forms.issue('confirm', alert.id),
    });
  }

  @Post('alerts/confirm')
  async confirm(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    const alert = await this.alertOf('confirm', field(form, 't'));
    this.requireForm(form, 'confirm', alert.id);
    const confirmed = await this.change(alert.id, { kind: 'confirm' });
    this.redirectToManage(res, confirmed, 'confirmed');
  }

  @Get('alerts/manage')
  async managePage(
    @Query('t') t: unknown,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const alert = await this.alertOf('manage', t);
    await this.renderManage(res, 200, alert, t as string, {
      values: formValuesOfAlert(alert),
      notice: isNotice(done) ? done : null,
    });
  }

  @Post('alerts/manage/:action')
  async manage(@Param('action') action: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    const t = field(form, 't');
    const alert = await this.alertOf('manage', t);
    if (!MANAGE_ACTIONS.includes(action as ManageAction))
      throw new PageError('NOT_ALLOWED', 'unknown action');
    this.requireForm(form, 'manage', alert.id, alert.version);
    switch (action as ManageAction) {
      case 'criteria': {
        const errors: FieldError[] = [];
        let criteria: Alert['criteria'] | undefined;
        try {
          criteria = this.policy.fromParams(criteriaParamsOf(form));
        } catch (e) {
          if (!(e instanceof AlertError)) throw e;
          errors.push(...(e.details ?? [{ field: 'criteria', reason: e.message }]));
        }
        const schedule = scheduleOf(form);
        if (!schedule.ok) errors.push(...schedule.errors);
        if (errors.length > 0 || !criteria || !schedule.ok) {
          return this.renderManage(res, 400, alert, t!, { values: formValuesOfPost(form), errors });
        }
        await this.change(alert.id, {
          kind: 'edit',
          criteria,
          frequency: schedule.frequency,
          schedule: schedule.schedule,
        });
        return this.redirectToManage(res, alert, 'criteria', t);
      }
      case 'pause':
        await this.change(alert.id, { kind: 'pause' });
        return this.redirectToManage(res, alert, 'paused', t);
      case 'resume':
        await this.change(alert.id, { kind: 'resume' });
        return this.redirectToManage(res, alert, 'resumed', t);
      case 'snooze': {
        const until = new Date(this.clock.nowMs() + SNOOZE_DAYS * 86_400_000);
        await this.change(alert.id, { kind: 'snooze', until });
        return this.redirectToManage(res, alert, 'snoozed', t);
      }
      case 'unsnooze':
        await this.change(alert.id, { kind: 'snooze', until: null });
        return this.redirectToManage(res, alert, 'unsnoozed', t);
      case 'delete':
        await this.change(alert.id, { kind: 'delete' });
        return this.pages.sendMessage(res, 200, {
          title: 'Alerte supprimée',
          text: 'Votre alerte est supprimée : vous ne recevrez plus aucun e-mail pour elle.',
          link: {
            href: relative(this.links.unsubscribeAll(alert.candidateId)),
            text: 'Gérer mes autres alertes',
          },
        });
    }
  }

  @Get('alerts/unsubscribe')
  async unsubscribePage(@Query('t') t: unknown, @Res() res: Response): Promise<void> {
    const alert = await this.alertOf('unsubscribe', t);
    this.pages.send(res, 200, 'unsubscribe', {
      title: 'Se désabonner de cette alerte',
      alert: this.summary(alert),
      done: alert.status === 'unsubscribed',
      action: `/c/alerts/unsubscribe?t=${encodeURIComponent(t as string)}`,
      unsubscribeAllUrl: relative(this.links.unsubscribeAll(alert.candidateId)),
    });
  }

  /**
   * RFC 8058 one-click: mailbox providers POST `List-Unsubscribe=One-Click` to the very URL of the
   * `List-Unsubscribe` header, with no cookie and no page before; the token in the URL is the
   * whole authority, as the RFC intends. The page's own button posts to the same URL.
   */
  @Post('alerts/unsubscribe')
  async unsubscribe(@Query('t') t: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await readForm(req);
    const alert = await this.alertOf('unsubscribe', t);
    if (alert.status !== 'unsubscribed') await this.change(alert.id, { kind: 'unsubscribe' });
    this.pages.sendMessage(res, 200, {
      title: 'Vous êtes désabonné·e',
      text: `Vous ne recevrez plus l’alerte ${this.summary(alert).label}.`,
      link: { href: relative(this.links.unsubscribeAll(alert.candidateId)), text: 'Voir mes autres alertes' },
    });
  }

  @Get('unsubscribe-all')
  async unsubscribeAllPage(@Query('t') t: unknown, @Res() res: Response): Promise<void> {
    const candidateId = this.subjectOf('unsubscribeAll', t);
    const alerts = await this.alerts.listForCandidate(candidateId);
    this.pages.send(res, 200, 'unsubscribe-all', {
      title: 'Se désabonner de toutes les alertes',
      token: t,
      formToken: this.forms.issue('unsubscribe-all', candidateId),
      alerts: alerts.map((a) => this.summary(a)),
      live: alerts.some((a) => a.status !== 'unsubscribed'),
    });
  }

  @Post('unsubscribe-all')
  async unsubscribeAll(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readForm(req);
    const candidateId = this.subjectOf('unsubscribeAll', field(form, 't'));
    this.requireForm(form, 'unsubscribe-all', candidateId);
    const changed = await this.changeAlert.unsubscribeAll(candidateId);
    this.pages.sendMessage(res, 200, {
      title: 'Vous êtes désabonné·e de tout',
      text:
        changed.length > 0
          ? `Plus aucun e-mail d’alerte ne vous sera envoyé (${changed.length} alerte${changed.length > 1 ? 's' : ''} désabonnée${changed.length > 1 ? 's' : ''}).`
          : 'Vous étiez déjà désabonné·e de toutes vos alertes.',
    });
  }

  private subjectOf(kind: CandidateLinkKind, t: unknown): string {
    if (typeof t !== 'string' || t.length === 0) throw invalidLink();
    try {
      return this.links.verify(kind, t).sub;
    } catch (e) {
      if (e instanceof InvalidTokenError) throw invalidLink();
      throw e;
    }
  }

  private async alertOf(kind: CandidateLinkKind, t: unknown): Promise<Alert> {
    const alert = await this.alerts.find(this.subjectOf(kind, t));
    if (!alert) throw new PageError('ALERT_GONE', 'the alert no longer exists');
    return alert;
  }

  private requireForm(form: FormFields, name: string, subject: string, version?: number): void {
    if (!this.forms.accepts(field(form, 'form'), name, subject, version))
      throw new PageError('STALE_FORM', 'the form is stale or was not issued by this page');
  }

  private async change(alertId: string, transition: AlertTransition): Promise<Alert> {
    try {
      return await this.changeAlert.execute(alertId, transition);
    } catch (e) {
      if (e instanceof AlertError && e.code === 'ALERT_NOT_FOUND')
        throw new PageError('ALERT_GONE', e.message);
      if (e instanceof AlertError && e.code === 'ALERT_STATE_CONFLICT')
        throw new PageError('NOT_ALLOWED', e.message);
      throw e;
    }
  }

  /** After a change, the page is loaded again (POST → 303 → GET), so a reload repeats nothing. */
  private redirectToManage(res: Response, alert: Alert, notice: ManageNotice | null, t?: string): void {
    const url = t ? `/c/alerts/manage?t=${encodeURIComponent(t)}` : relative(this.links.manage(alert.id));
    setPageHeaders(res);
    res.redirect(303, notice ? `${url}&done=${notice}` : url);
  }

  private async renderManage(
    res: Response,
    status: number,
    alert: Alert,
    token: string,
    page: {
      values: ReturnType<typeof formValuesOfAlert>;
      errors?: FieldError[];
      notice?: ManageNotice | null;
    },
  ): Promise<void> {
    let sent: SentOffer[] | 'unavailable';
    try {
      sent = await this.sentOffers.lastSent(alert.id, SENT_SHOWN);
    } catch {
      sent = 'unavailable';
    }
    const view = manageView(
      {
        alert,
        token,
        values: page.values,
        errors: page.errors ?? [],
        notice: page.notice ?? null,
        sent,
        now: this.clock.now(),
      },
      this.forms,
      this.links,
      this.places,
    );
    this.pages.send(res, status, 'manage', {
      ...view,
      unsubscribeUrl: view.unsubscribeUrl ? relative(view.unsubscribeUrl) : null,
      unsubscribeAllUrl: relative(view.unsubscribeAllUrl),
    });
  }

  private summary(alert: Alert) {
    const c = alert.criteria;
    const place = c.where
      ? c.where.kind === 'commune'
        ? `${this.places.commune(c.where.communeCode)?.name ?? c.where.communeCode} (${c.where.radiusKm} km)`
        : c.where.kind === 'department'
          ? (this.places.department(c.where.code)?.name ?? c.where.code)
          : (this.places.region(c.where.code)?.name ?? c.where.code)
      : null;
    const label = c.q ? `« ${c.q} »${place ? ` à ${place}` : ''}` : place ? `à ${place}` : 'sans mots-clés';
    return {
      id: alert.id,
      label,
      q: c.q,
      place,
      status: alert.status,
      statusLabel: STATUS_LABEL[alert.status],
    };
  }
}
