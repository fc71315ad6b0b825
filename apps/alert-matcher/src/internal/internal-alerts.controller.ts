import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AlertChangedV1 } from '@vigie/contracts';
import { AppError, openApiSchema, parseOrThrow } from '@vigie/platform';
import { DEFAULT_SCHEDULE } from '../alerts/alert';
import { alertState } from '../alerts/alert-changed-event';
import { AlertCriteriaPolicy } from '../alerts/alert-criteria';
import { mapAlertErrors } from '../alerts/alert-http-errors';
import { AlertPatchSchema, SnoozeSchema } from '../alerts/alert-input.schema';
import { AlertTransition } from '../alerts/alert-transitions';
import { AlertRepository } from '../alerts/alert.repository';
import { ChangeAlertUseCase } from '../alerts/change-alert.usecase';
import { InternalTokenGuard } from './internal-token.guard';

const notFound = () => AppError.notFound('alert');
const AlertId = () => new ParseUUIDPipe({ exceptionFactory: notFound });

/**
 * What alert-delivery's candidate pages (confirm, manage, unsubscribe links) call, after checking
 * the signed link themselves. Answers are the alert's whole state, as on alerts.alert.changed.v1.
 */
@ApiTags('internal')
@ApiBearerAuth('internal-token')
@UseGuards(InternalTokenGuard)
@Controller('internal/v1')
export class InternalAlertsController {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly changeAlert: ChangeAlertUseCase,
    private readonly policy: AlertCriteriaPolicy,
  ) {}

  @Get('alerts/:id')
  @ApiOperation({ summary: 'An alert’s whole state (404 when unknown or deleted).' })
  async get(@Param('id', AlertId()) id: string): Promise<AlertChangedV1> {
    const alert = await this.alerts.find(id);
    if (!alert) throw notFound();
    return alertState(alert);
  }

  @Patch('alerts/:id')
  @ApiOperation({ summary: 'Change the criteria, frequency or schedule (validated as at creation).' })
  @ApiBody({ schema: openApiSchema(AlertPatchSchema) })
  async edit(@Param('id', AlertId()) id: string, @Body() body: unknown): Promise<AlertChangedV1> {
    const patch = parseOrThrow(AlertPatchSchema, body);
    return this.change(id, () => {
      // The time zone is checked here; the fields given are merged into the locked state.
      if (patch.schedule) this.policy.schedule(patch.schedule, DEFAULT_SCHEDULE);
      return {
        kind: 'edit',
        ...(patch.criteria ? { criteria: this.policy.check(patch.criteria, 'criteria') } : {}),
        ...(patch.frequency ? { frequency: patch.frequency } : {}),
        ...(patch.schedule ? { schedule: patch.schedule } : {}),
      };
    });
  }

  @Post('alerts/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Double opt-in: a pending alert becomes active (repeating it is harmless).' })
  confirm(@Param('id', AlertId()) id: string): Promise<AlertChangedV1> {
    return this.change(id, { kind: 'confirm' });
  }

  @Post('alerts/:id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop matching until resumed.' })
  pause(@Param('id', AlertId()) id: string): Promise<AlertChangedV1> {
    return this.change(id, { kind: 'pause' });
  }

  @Post('alerts/:id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Match again after a pause.' })
  resume(@Param('id', AlertId()) id: string): Promise<AlertChangedV1> {
    return this.change(id, { kind: 'resume' });
  }

  @Post('alerts/:id/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'No e-mail until `until` (null ends the snooze); matching goes on.' })
  @ApiBody({ schema: openApiSchema(SnoozeSchema) })
  snooze(@Param('id', AlertId()) id: string, @Body() body: unknown): Promise<AlertChangedV1> {
    const { until } = parseOrThrow(SnoozeSchema, body);
    return this.change(id, { kind: 'snooze', until: until === null ? null : new Date(until) });
  }

  @Delete('alerts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the alert (announced with status deleted).' })
  async remove(@Param('id', AlertId()) id: string): Promise<void> {
    await this.change(id, { kind: 'delete' });
  }

  @Post('candidates/:candidateId/unsubscribe-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unsubscribe every alert of a candidate; answers the alerts that changed.' })
  async unsubscribeAll(@Param('candidateId') candidateId: string): Promise<AlertChangedV1[]> {
    return (await this.changeAlert.unsubscribeAll(candidateId)).map(alertState);
  }

  @Get('candidates/:candidateId/alerts')
  @ApiOperation({ summary: 'Every alert of a candidate but the deleted ones, newest first.' })
  async list(@Param('candidateId') candidateId: string): Promise<AlertChangedV1[]> {
    return (await this.alerts.listForCandidate(candidateId)).map(alertState);
  }

  private async change(
    id: string,
    transition: AlertTransition | (() => AlertTransition),
  ): Promise<AlertChangedV1> {
    return mapAlertErrors(async () => {
      const t = typeof transition === 'function' ? transition() : transition;
      return alertState(await this.changeAlert.execute(id, t));
    });
  }
}
