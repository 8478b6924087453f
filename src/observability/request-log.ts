// Gives every HTTP request an id (the caller's X-Request-Id, or a new one), echoes it back, and
// writes one log line when the response is sent. Log lines written while handling the request
// carry the id, and the ticket number when the request names one.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { withLogContext, type LogContext, type Logger } from './logger.js';

const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;
/** Scrapes and probes would drown the useful lines at info. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** A tRPC query names its ticket in `?input=`, e.g. {"number":12} (or {"0":{"number":12}} batched). */
export function ticketNumberFromQuery(input: unknown): number | undefined {
  if (typeof input !== 'string') return undefined;
  try {
    const parsed = JSON.parse(input) as Record<string, unknown>;
    const candidate = (parsed?.['0'] as Record<string, unknown> | undefined) ?? parsed;
    const value = candidate?.number ?? candidate?.ticketNumber;
    return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function requestLogMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('x-request-id');
    const requestId = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const ticketNumber = ticketNumberFromQuery(req.query?.input);
    const started = process.hrtime.bigint();
    const fields: LogContext = { requestId, ...(ticketNumber !== undefined ? { ticketNumber } : {}) };
    withLogContext(fields, () => {
      res.once('finish', () => {
        const line = {
          // Read at the end: handlers add the ticket number once they know it (annotateTicket).
          ...fields,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        };
        if (res.statusCode >= 500) logger.error(line, 'request failed');
        else if (QUIET_PATHS.has(line.path)) logger.debug(line, 'request');
        else logger.info(line, 'request');
      });
      next();
    });
  };
}
