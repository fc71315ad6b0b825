import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AppError,
  CandidateAuthGuard,
  type CandidatePrincipal,
  CurrentCandidate,
  openApiSchema,
  parseOrThrow,
} from '@vigie/platform';
import { AlertInputSchema } from './alert-input.schema';
import { alertView, AlertView } from './alert-view';
import { AlertRepository } from './alert.repository';
import { CreateAlertUseCase } from './create-alert.usecase';

const notFound = () => AppError.notFound('alert');

@ApiTags('alerts')
@ApiBearerAuth('candidate-token')
@UseGuards(CandidateAuthGuard)
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly createAlert: CreateAlertUseCase,
    private readonly alerts: AlertRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an alert; new offers that fit it are e-mailed to your verified address.' })
  @ApiBody({ schema: openApiSchema(AlertInputSchema) })
  async create(@CurrentCandidate() candidate: CandidatePrincipal, @Body() body: unknown): Promise<AlertView> {
    return alertView(await this.createAlert.execute(candidate, parseOrThrow(AlertInputSchema, body)));
  }

  @Get()
  @ApiOperation({ summary: 'Your alerts.' })
  async list(@CurrentCandidate() candidate: CandidatePrincipal): Promise<AlertView[]> {
    return (await this.alerts.listForCandidate(candidate.candidateId)).map(alertView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your alerts (404 for anyone else).' })
  async get(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<AlertView> {
    const alert = await this.alerts.findForCandidate(candidate.candidateId, id);
    if (!alert) throw notFound();
    return alertView(alert);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of your alerts (404 for anyone else).' })
  async remove(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<void> {
    if (!(await this.alerts.markDeleted(candidate.candidateId, id))) throw notFound();
  }
}
