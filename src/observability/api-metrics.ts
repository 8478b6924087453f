// Request rate, latency and errors of the API, by tRPC procedure. An express middleware mounted
// in front of the API, so the API's own code needs no change to be measured.
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * `/trpc/tickets.list,tickets.get?batch=1` names two procedures; anything else is labelled by
 * its first path segment, so label values stay few.
 */
export function proceduresOf(path: string): string[] {
  const match = /^\/trpc\/([^?]+)/.exec(path);
  if (match) return decodeURIComponent(match[1]).split(',').filter(Boolean);
  const first = path.split('?')[0].split('/')[1];
  return [first ? `/${first}` : '/'];
}

/** ok, client_error or server_error; a tRPC batch with mixed results answers 207. */
function outcomeOf(status: number): string {
  if (status === 207) return 'mixed';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

export function apiMetricsMiddleware(registry: Registry) {
  const requests = new Counter({
    name: 'support_desk_api_requests_total',
    help: 'API requests by tRPC procedure (or path), method and outcome',
    labelNames: ['procedure', 'method', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'support_desk_api_request_duration_seconds',
    help: 'API request latency by tRPC procedure (or path)',
    labelNames: ['procedure', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const stopTimer = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - stopTimer) / 1e9;
      const outcome = outcomeOf(res.statusCode);
      for (const procedure of proceduresOf(req.originalUrl)) {
        requests.inc({ procedure, method: req.method, outcome });
        duration.observe({ procedure, method: req.method }, seconds);
      }
    });
    next();
  };
}
