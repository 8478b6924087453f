// Calls to Temporal get a deadline: when the server or the worker is away, a person gets a clear
// error in seconds instead of a request that hangs.
import type { ApiDeps } from './deps.js';

/** A dependency did not answer in time. */
export class UnavailableError extends Error {
  constructor(readonly service: 'temporal' | 'database') {
    super(`${service} did not answer in time`);
    this.name = 'UnavailableError';
  }
}

export async function withTemporalDeadline<T>(deps: Pick<ApiDeps, 'temporal' | 'temporalTimeoutMs'>, call: () => Promise<T>): Promise<T> {
  const ms = deps.temporalTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  // The gRPC deadline ends each RPC; the timer also bounds the SDK's own retry and polling loops.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnavailableError('temporal')), ms + 500);
  });
  try {
    return await Promise.race([deps.temporal.withDeadline(Date.now() + ms, call), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
