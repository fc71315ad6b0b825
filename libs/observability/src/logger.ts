import { DynamicModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { activeCorrelationId, currentCorrelationId } from './correlation';
import { REDACTED_LOG_PATHS } from './redaction';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A route by its Nest path template (`v1/cv-search/:cvId`) and method. */
export interface UnloggedRoute {
  path: string;
  method: RequestMethod;
}

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** The service's root logger: JSON lines, personal data redacted, the correlation id on every line. */
export function createRootLogger(service: string, level: LogLevel): pino.Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = activeCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  });
}

/**
 * nestjs-pino over the root logger; health and metrics probes are not logged. `unloggedRoutes` get
 * no request logger nor access line at all (a hot route whose every request is recorded elsewhere);
 * what they log goes through the root logger, with the correlation id.
 */
export function loggerModuleFor(logger: pino.Logger, unloggedRoutes: UnloggedRoute[] = []): DynamicModule {
  return LoggerModule.forRoot({
    ...(unloggedRoutes.length > 0 ? { exclude: unloggedRoutes } : {}),
    pinoHttp: {
      logger,
      genReqId: () => currentCorrelationId(),
      autoLogging: { ignore: (req) => QUIET_ROUTES.has((req.url ?? '').split('?')[0] ?? '') },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          url: req.url?.split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
