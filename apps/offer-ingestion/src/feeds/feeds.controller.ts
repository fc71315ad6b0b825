import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError, AppErrorCode, openApiSchema, parseOrThrow } from '@vigie/platform';
import type { AuthenticatedRecruiter } from '../recruiters/recruiter.repository';
import { CurrentRecruiter, RecruiterAuthGuard } from '../recruiters/recruiter-auth.guard';
import { Feed, FeedFetchRecord } from './feed';
import { FeedError, FeedErrorCode } from './feed-errors';
import { FeedInputDocSchema, FeedInputSchema } from './feed-input.schema';
import { ManageFeedsUseCase } from './manage-feeds.usecase';
import { RegisterFeedUseCase } from './register-feed.usecase';

const HTTP_CODE_OF: { readonly [C in FeedErrorCode]: AppErrorCode } = {
  FEED_URL_REFUSED: 'VALIDATION_FAILED',
  FEED_NOT_FOUND: 'NOT_FOUND',
};

/** The one mapping of feed errors to HTTP. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof FeedError) throw new AppError(HTTP_CODE_OF[e.code], e.message, e.details);
    throw e;
  }
}

const feedId = () => new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('feed') });

function view(feed: Feed) {
  return {
    id: feed.id,
    url: feed.url,
    format: feed.format,
    mode: feed.mode,
    schedule: { everyMinutes: feed.intervalMinutes },
    nextFetchAt: feed.nextFetchAt.toISOString(),
    createdAt: feed.createdAt.toISOString(),
  };
}

function fetchView(f: FeedFetchRecord) {
  return {
    startedAt: f.startedAt.toISOString(),
    finishedAt: f.finishedAt.toISOString(),
    status: f.status,
    finalUrl: f.finalUrl,
    importId: f.importId,
    error: f.errorCode ? { code: f.errorCode, message: f.errorMessage } : null,
  };
}

@ApiTags('feeds')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/feeds')
export class FeedsController {
  constructor(
    private readonly registerFeed: RegisterFeedUseCase,
    private readonly manageFeeds: ManageFeedsUseCase,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register an https:// feed URL fetched on a schedule (conditional GET; public addresses only).',
  })
  @ApiBody({ schema: openApiSchema(FeedInputDocSchema) })
  async create(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const input = parseOrThrow(FeedInputSchema, body);
    const feed = await mapped(() => this.registerFeed.execute(recruiter.id, input));
    res.status(201).location(`/v1/feeds/${feed.id}`);
    return view(feed);
  }

  @Get()
  @ApiOperation({ summary: 'Your registered feeds.' })
  async list(@CurrentRecruiter() recruiter: AuthenticatedRecruiter) {
    return (await this.manageFeeds.list(recruiter.id)).map(view);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your feeds with its latest fetches (404 for anyone else).' })
  async get(@CurrentRecruiter() recruiter: AuthenticatedRecruiter, @Param('id', feedId()) id: string) {
    const { feed, fetches } = await mapped(() => this.manageFeeds.get(recruiter.id, id));
    return { ...view(feed), fetches: fetches.map(fetchView) };
  }

  @Post(':id/fetch')
  @HttpCode(202)
  @ApiOperation({ summary: 'Fetch one of your feeds as soon as possible instead of at its next due time.' })
  async fetchNow(@CurrentRecruiter() recruiter: AuthenticatedRecruiter, @Param('id', feedId()) id: string) {
    await mapped(() => this.manageFeeds.fetchNow(recruiter.id, id));
    return { status: 'due' };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop fetching one of your feeds (its offers stay; 404 for anyone else).' })
  async remove(
    @CurrentRecruiter() recruiter: AuthenticatedRecruiter,
    @Param('id', feedId()) id: string,
  ): Promise<void> {
    await mapped(() => this.manageFeeds.delete(recruiter.id, id));
  }
}
