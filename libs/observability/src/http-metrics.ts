import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics';

/** Express middleware timing every request by route template (never the raw URL: ids would explode cardinality). */
export function httpMetricsMiddleware(metrics: MetricsRegistry) {
  const duration = metrics.histogram(
    'http_request_duration_seconds',
    'HTTP request duration by method, route and status',
    ['method', 'route', 'status'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
