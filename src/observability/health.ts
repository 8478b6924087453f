// Liveness and readiness. /healthz says the process is up (nothing else is checked, so a
// dependency outage never gets a healthy process restarted); /readyz checks what a request needs,
// Postgres and Temporal, each with a short timeout, and answers 503 naming what is down.
import { Router } from 'express';
import type { Connection } from '@temporalio/client';
import type { Database } from '../db/client.js';

const CHECK_TIMEOUT_MS = 2000;

export interface ReadinessDeps {
  db: Database;
  connection: Connection;
  namespace: string;
}

export type CheckResult = { ok: true; ms: number } | { ok: false; ms: number; error: string };

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Record<'postgres' | 'temporal', CheckResult>> {
  const [postgres, temporal] = await Promise.all([
    timed(() => deps.db.sql`select 1`),
    timed(() =>
      deps.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
        deps.connection.workflowService.describeNamespace({ namespace: deps.namespace }),
      ),
    ),
  ]);
  return { postgres, temporal };
}

export function healthRouter(deps: ReadinessDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await checkReadiness(deps);
    const down = Object.entries(checks)
      .filter(([, result]) => !result.ok)
      .map(([name]) => name);
    if (down.length === 0) res.json({ status: 'ready', checks });
    else res.status(503).json({ status: 'unavailable', down, message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`, checks });
  });
  return router;
}
