import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ParamBag } from '@vigie/contracts';
import {
  AppError,
  CandidateAuthGuard,
  type CandidatePrincipal,
  CurrentCandidate,
  openApiSchema,
  parseOrThrow,
} from '@vigie/platform';
import { AlertCriteriaPolicy } from './alert-criteria';
import { mapAlertErrors } from './alert-http-errors';
import { AlertInputSchema, FromSearchBodySchema, IdempotencyKeySchema } from './alert-input.schema';
import { alertView, AlertView } from './alert-view';
import { AlertRepository } from './alert.repository';
import { ChangeAlertUseCase } from './change-alert.usecase';
import { AlertOwner, CreateAlertUseCase } from './create-alert.usecase';
import { OptionalCandidate, OptionalCandidateAuthGuard } from './optional-candidate-auth.guard';

const notFound = () => AppError.notFound('alert');

function ownerOf(candidate: CandidatePrincipal | undefined, email: string | undefined): AlertOwner {
  if (candidate) {
    if (email !== undefined) {
      throw new AppError('VALIDATION_FAILED', 'invalid request body', [
        { field: 'email', reason: 'comes from the candidate token; do not send it' },
      ]);
    }
    return { kind: 'candidate', candidateId: candidate.candidateId, email: candidate.email };
  }
  if (email === undefined) {
    throw new AppError('VALIDATION_FAILED', 'invalid request body', [
      { field: 'email', reason: 'is required without a candidate token' },
    ]);
  }
  return { kind: 'address', email };
}

@ApiTags('alerts')
@ApiBearerAuth('candidate-token')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly createAlert: CreateAlertUseCase,
    private readonly changeAlert: ChangeAlertUseCase,
    private readonly policy: AlertCriteriaPolicy,
    private readonly alerts: AlertRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @UseGuards(OptionalCandidateAuthGuard)
  @ApiOperation({
    summary:
      'Create an alert. With a candidate token it is active at once; with only an e-mail it is pending until confirmed from the e-mail sent to that address.',
  })
  @ApiBody({ schema: openApiSchema(AlertInputSchema) })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 200 of A–Z a–z 0–9 : . _ -. A creation retried with the same key answers the alert of the first (while it is not deleted).',
  })
  async create(
    @OptionalCandidate() candidate: CandidatePrincipal | undefined,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<AlertView> {
    const input = parseOrThrow(AlertInputSchema, body);
    const key = parseOrThrow(IdempotencyKeySchema, { 'Idempotency-Key': idempotencyKey }, 'request headers')[
      'Idempotency-Key'
    ];
    return mapAlertErrors(async () =>
      alertView(
        await this.createAlert.execute({
          owner: ownerOf(candidate, input.email),
          criteria: this.policy.fromInput(input),
          frequency: input.frequency,
          schedule: input.schedule,
          idempotencyKey: key,
        }),
      ),
    );
  }

  @Post('from-search')
  @HttpCode(201)
  @UseGuards(OptionalCandidateAuthGuard)
  @ApiOperation({
    summary:
      'Save a search as an alert: the query string is the search API’s (q, commune, radius, department, region, remote, contract, workingTime, minSalary, includeUnsalaried, rome, company).',
  })
  @ApiBody({ schema: openApiSchema(FromSearchBodySchema), required: false })
  async fromSearch(
    @OptionalCandidate() candidate: CandidatePrincipal | undefined,
    @Query() query: ParamBag,
    @Body() body: unknown,
  ): Promise<AlertView> {
    const input = parseOrThrow(FromSearchBodySchema, body ?? {});
    return mapAlertErrors(async () =>
      alertView(
        await this.createAlert.execute({
          owner: ownerOf(candidate, input.email),
          criteria: this.policy.fromParams(query),
          frequency: input.frequency,
          schedule: input.schedule,
        }),
      ),
    );
  }

  @Get()
  @UseGuards(CandidateAuthGuard)
  @ApiOperation({ summary: 'Your alerts.' })
  async list(@CurrentCandidate() candidate: CandidatePrincipal): Promise<AlertView[]> {
    return (await this.alerts.listForCandidate(candidate.candidateId)).map(alertView);
  }

  @Get(':id')
  @UseGuards(CandidateAuthGuard)
  @ApiOperation({ summary: 'One of your alerts (404 for anyone else).' })
  async get(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<AlertView> {
    const alert = await this.alerts.find(id);
    if (!alert || alert.candidateId !== candidate.candidateId) throw notFound();
    return alertView(alert);
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(CandidateAuthGuard)
  @ApiOperation({ summary: 'Delete one of your alerts (404 for anyone else).' })
  async remove(
    @CurrentCandidate() candidate: CandidatePrincipal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string,
  ): Promise<void> {
    await mapAlertErrors(() => this.changeAlert.execute(id, { kind: 'delete' }, candidate.candidateId));
  }
}
