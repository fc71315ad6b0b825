import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Clock } from '@vigie/kernel';
import { AppError, parseOrThrow } from '@vigie/platform';
import type { Request, Response } from 'express';
import type { AuthenticatedRecruiter } from '../recruiters/recruiter.repository';
import { CurrentRecruiter, RecruiterAuthGuard } from '../recruiters/recruiter-auth.guard';
import { importView, reportRowView } from './import-view';
import { mappedImportErrors } from './import-http-errors';
import { ReportQuerySchema, StartImportQuerySchema } from './import-query.schema';
import { ManageImportsUseCase } from './manage-imports.usecase';
import { REPORT_CSV_HEADER, csvLine, reportCsvLine } from './report-csv';
import { StartImportUseCase } from './start-import.usecase';

const importId = () => new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('import') });

@ApiTags('imports')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly startImport: StartImportUseCase,
    private readonly manageImports: ManageImportsUseCase,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a feed (streamed; gzip accepted): 202 with the import job, processed in the background.',
    description:
      'The Content-Type names the format (checked against the content). `mode=snapshot` expires your live ' +
      'offers absent from the feed, unless the truncation guard holds the job; `delta` never expires.',
  })
  @ApiConsumes(
    'application/x-ndjson',
    'application/xml',
    'text/csv',
    'application/ld+json',
    'application/vnd.francetravail.offres+json',
  )
  @ApiQuery({ name: 'mode', enum: ['snapshot', 'delta'], required: false })
  @ApiQuery({ name: 'expectedCount', type: Number, required: false })
  @ApiResponse({ status: 202, description: 'Accepted: `Location` names the job.' })
  @ApiResponse({ status: 413, description: 'Larger than the limit once decompressed.' })
  @ApiResponse({
    status: 415,
    description: 'Content type or encoding not accepted (the accepted ones are named).',
  })
  async start(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Query() query: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { mode, expectedCount } = parseOrThrow(StartImportQuerySchema, query, 'query');
    const { importId: id } = await mappedImportErrors(() =>
      this.startImport.execute({
        recruiterId: recruiter.id,
        // Nest parses no body for these types: the request is the raw stream.
        body: req,
        contentType: req.headers['content-type'] ?? null,
        contentEncoding: req.headers['content-encoding'] ?? null,
        mode,
        expectedCount: expectedCount ?? null,
        source: { kind: 'upload' },
      }),
    );
    res.location(`/v1/imports/${id}`);
    return { id, status: 'queued', links: { self: `/v1/imports/${id}`, report: `/v1/imports/${id}/report` } };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your imports: status, progress (bytes, items, rate, ETA), counts, hold.' })
  async get(@CurrentRecruiter() recruiter: AuthenticatedRecruiter, @Param('id', importId()) id: string) {
    const job = await mappedImportErrors(() => this.manageImports.get(recruiter.id, id));
    return importView(job, this.clock.now());
  }

  @Get(':id/report.csv')
  @ApiOperation({
    summary: 'The whole per-item report as CSV (streamed; cells neutralised against formulas).',
  })
  async reportCsv(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('id', importId()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.streamCsv(recruiter.id, id, res);
  }

  @Get(':id/report')
  @ApiOperation({
    summary: 'The per-item report: JSON pages (`after`, `limit`, `next`), or `format=csv` for all of it.',
  })
  async report(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('id', importId()) id: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { format, after, limit } = parseOrThrow(ReportQuerySchema, query, 'query');
    if (format === 'csv') return this.streamCsv(recruiter.id, id, res);
    const page = await mappedImportErrors(() =>
      this.manageImports.reportPage(recruiter.id, id, after, limit),
    );
    res.json({
      importId: id,
      rows: page.rows.map(reportRowView),
      next: page.next === null ? null : `/v1/imports/${id}/report?after=${page.next}&limit=${limit}`,
    });
  }

  @Post(':id/confirm-expiry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Apply the snapshot expiry a held import is waiting for (409 when not held).' })
  async confirmExpiry(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('id', importId()) id: string,
  ) {
    await mappedImportErrors(() => this.manageImports.confirmExpiry(recruiter.id, id));
    return { id, status: 'running' };
  }

  private async streamCsv(recruiterId: string, id: string, res: Response): Promise<void> {
    const rows = await mappedImportErrors(() => this.manageImports.reportRows(recruiterId, id));
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="import-${id}-report.csv"`);
    res.write(csvLine(REPORT_CSV_HEADER));
    for await (const row of rows) {
      // Respects the client's pace: a slow reader never makes the report pile up in memory.
      if (!res.write(reportCsvLine(row))) await new Promise((r) => res.once('drain', r));
      if (res.destroyed) return;
    }
    res.end();
  }
}
