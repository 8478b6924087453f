// Structured JSON logs (pino), one line per event. Every line written while a request is being
// served carries its requestId, and a ticket's number once the code handling it is known; both
// come from an async context, so callers log as usual and never thread ids by hand.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

interface LogContext {
  requestId?: string;
  ticketNumber?: number;
}

const context = new AsyncLocalStorage<LogContext>();

export type { LogContext };

/**
 * Runs `fn` with `fields` attached to every log line it writes. The object itself is the
 * context, so what annotateTicket adds later is seen by whoever holds it.
 */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run(Object.assign(fields, { ...context.getStore(), ...fields }), fn);
}

/** Tags the current request's log lines with the ticket it is about. */
export function annotateTicket(ticketNumber: number): void {
  const store = context.getStore();
  if (store) store.ticketNumber = ticketNumber;
}

export function createLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"info" reads better in log search than pino's numeric levels.
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...context.getStore() }),
  });
}

/** Ticket workflows are named ticket-<number>; their log lines get the number as a field. */
export function ticketNumberOf(workflowId: unknown): number | undefined {
  const match = typeof workflowId === 'string' ? /^ticket-(\d+)$/.exec(workflowId) : null;
  return match ? Number(match[1]) : undefined;
}
