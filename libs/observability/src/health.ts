import { Controller, Get, Global, HttpStatus, Injectable, Module, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

export interface HealthCheckResult {
  up: boolean;
  detail?: string;
  critical?: false;
}

/** A dependency the service needs to do its work (Postgres, Kafka, OpenSearch, SMTP…). */
export interface HealthCheck {
  readonly name: string;
  /**
   * False for a dependency the service can work without for a while (e.g. Kafka behind an outbox:
   * offers are still accepted and published later). Reported, but it does not fail readiness.
   */
  readonly critical?: boolean;
  check(): Promise<HealthCheckResult>;
}

const CHECK_TIMEOUT_MS = 3_000;

/** Modules register the checks of the dependencies they own; readiness is the conjunction. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(check: HealthCheck): void {
    this.checks.set(check.name, check);
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, HealthCheckResult> }> {
    const all = [...this.checks.values()];
    const results = await Promise.all(all.map((c) => runWithTimeout(c)));
    const checks: Record<string, HealthCheckResult> = {};
    all.forEach(
      (c, i) => (checks[c.name] = c.critical === false ? { ...results[i]!, critical: false } : results[i]!),
    );
    return { ready: all.every((c, i) => c.critical === false || results[i]!.up), checks };
  }
}

async function runWithTimeout(check: HealthCheck): Promise<HealthCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ up: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      check
        .check()
        .catch((e: unknown) => ({ up: false, detail: e instanceof Error ? e.message : String(e) })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency answers (503 otherwise, with the failing checks).' })
  async ready(@Res() res: Response): Promise<void> {
    const { ready, checks } = await this.registry.readiness();
    res
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ready ? 'ok' : 'unavailable', checks });
  }
}

@Global()
@Module({ providers: [HealthRegistry], controllers: [HealthController], exports: [HealthRegistry] })
export class HealthModule {}
