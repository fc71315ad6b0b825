import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError, verifyUnsubscribeToken } from '@vigie/platform';
import { AlertError } from './alert-errors';
import { ChangeAlertUseCase } from './change-alert.usecase';

export const UNSUBSCRIBE_SECRET = Symbol('UNSUBSCRIBE_SECRET');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One-click unsubscribe (RFC 8058). Mailbox providers POST to the link; a GET (a person clicking,
 * or a link scanner) only shows a confirmation button, so scanners never unsubscribe anyone.
 */
@ApiTags('unsubscribe')
@Controller('v1/alerts/:id/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly changeAlert: ChangeAlertUseCase,
    @Inject(UNSUBSCRIBE_SECRET) private readonly secret: string,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Confirmation page with a one-click unsubscribe button.' })
  page(@Param('id') id: string, @Query('token') token: string | undefined, @Res() res: Response): void {
    this.verify(id, token);
    const action = `/v1/alerts/${encodeURIComponent(id)}/unsubscribe?token=${encodeURIComponent(token!)}`;
    res
      .status(200)
      .type('html')
      .send(
        `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Se désabonner</title>` +
          `<form method="post" action="${action}"><p>Ne plus recevoir cette alerte ?</p>` +
          `<button type="submit">Me désabonner</button></form></html>`,
      );
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Unsubscribe (idempotent: repeating it still answers 200).' })
  async unsubscribe(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
  ): Promise<{ status: 'unsubscribed' }> {
    this.verify(id, token);
    try {
      await this.changeAlert.execute(id, { kind: 'unsubscribe' });
    } catch (e) {
      // A deleted alert sends nothing either: the link's promise holds, so it still says so.
      if (!(e instanceof AlertError)) throw e;
    }
    return { status: 'unsubscribed' };
  }

  /** Same answer for an unknown alert and a forged token: the link reveals nothing. */
  private verify(id: string, token: string | undefined): void {
    if (!UUID.test(id) || !token || !verifyUnsubscribeToken(id, token, this.secret)) {
      throw new AppError('VALIDATION_FAILED', 'invalid or expired unsubscribe link');
    }
  }
}
