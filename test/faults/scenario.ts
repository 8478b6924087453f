// The fault run itself: the product as separate processes, a load of tickets walking their
// journeys through the HTTP API, and, while it runs, kill -9 of each named service in turn, each
// started again after a short outage. Then the verdict, and how long the projection took to agree
// with every workflow. `npm run test:faults` runs it in full; a short version runs in `npm test`.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { ticketDataConverter } from '../../src/temporal/codec.js';
import { createDatabase } from '../../src/db/client.js';
import { startClusterTopology } from './cluster-topology.js';
import { startDevTopology } from './dev-topology.js';
import { STEPS } from './journey.js';
import { runLoad, type JourneyRecord, type LoadProgress } from './load.js';
import { makeCast } from './people.js';
import { converge, verify, type Verdict } from './verify.js';

export interface FaultScenario {
  tickets: number;
  concurrency: number;
  /** The dev-server topology (default) or the production cluster (`npm run cluster`'s). */
  shape?: 'dev server' | 'cluster';
  /** Killed in this order, spread evenly over the load; unset: every victim of the topology. */
  kills?: string[];
  /** How long a killed service stays down before it is started again (the cluster's supervisor restarts its own after 1 s: there, a wait before checking it is back). */
  downMs: number;
  /** The load stops starting tickets and retrying calls after this long. */
  loadBudgetMs: number;
  keepDir?: boolean;
  log?: (line: string) => void;
}

export interface FaultReport {
  /** Empty when every check passed. */
  problems: string[];
  journeys: JourneyRecord[];
  verdict: Verdict;
  convergeMs: number;
  /** 1 when the projection already equalled every workflow at the first check after the load. */
  convergeChecks: number;
  lines: string[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function runFaultScenario(scenario: FaultScenario): Promise<FaultReport> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    scenario.log?.(line);
  };
  const runId = randomUUID().slice(0, 8);
  const cluster = scenario.shape === 'cluster' ? await startClusterTopology() : await startDevTopology();
  const kills = scenario.kills ?? cluster.victims;
  say(`${cluster.shape} topology up in ${cluster.dir} (logs in logs/): API ${cluster.apiUrl}, Temporal ${cluster.temporalAddress}`);
  let failed = true;
  try {
    const setupDb = createDatabase(cluster.databaseUrl, { max: 2 });
    const cast = await makeCast(setupDb, cluster.apiUrl, runId).finally(() => setupDb.close());

    const progress: LoadProgress = { acked: 0, total: scenario.tickets * STEPS.length, calls: 0, retries: 0 };
    let loadDone = false;
    const started = Date.now();
    const load = runLoad({ apiUrl: cluster.apiUrl, runId, tickets: scenario.tickets, concurrency: scenario.concurrency, cast, stepBudgetMs: 180_000, deadline: Date.now() + scenario.loadBudgetMs, progress }).finally(() => {
      loadDone = true;
    });

    const chaos = (async () => {
      for (const [k, name] of kills.entries()) {
        const threshold = Math.floor((progress.total * (k + 1)) / (kills.length + 1));
        while (progress.acked < threshold && !loadDone) await new Promise((resolve) => setTimeout(resolve, 50));
        const service = cluster.services[name];
        const killedAt = Date.now();
        const ackedAtKill = progress.acked;
        await service.kill();
        await new Promise((resolve) => setTimeout(resolve, scenario.downMs));
        await service.restart();
        const backAfter = Date.now() - killedAt;
        // Recovery as a client sees it: the first step acknowledged after the restart.
        const ackedAtRestart = progress.acked;
        while (progress.acked === ackedAtRestart && !loadDone && Date.now() - killedAt < 180_000) await new Promise((resolve) => setTimeout(resolve, 20));
        const firstAck = progress.acked > ackedAtRestart ? `first step acknowledged ${seconds(Date.now() - killedAt)} after the kill` : 'no step left to acknowledge';
        say(`kill -9 ${name} at ${ackedAtKill}/${progress.total} steps${loadDone ? ' (load already done)' : ''}: up again ${seconds(backAfter)} after the kill, ${firstAck}`);
      }
    })();

    const [journeys] = await Promise.all([load, chaos]);
    const loadMs = Date.now() - started;
    const inDoubt = journeys.filter((j) => j.inDoubt).length;
    const notStarted = scenario.tickets - journeys.length;
    const refused = journeys.filter((j) => j.refused);
    say(
      `load: ${scenario.tickets} tickets, ${progress.acked}/${progress.total} steps acknowledged in ${seconds(loadMs)} ` +
        `(${(progress.acked / (loadMs / 1000)).toFixed(1)} steps/s), ${progress.calls} HTTP calls of which ${progress.retries} retries, ` +
        `${inDoubt} steps in doubt, ${refused.length} refused`,
    );

    const db = createDatabase(cluster.databaseUrl, { max: 4 });
    const connection = await Connection.connect({ address: cluster.temporalAddress });
    const client = new Client({ connection, namespace: 'default', dataConverter: ticketDataConverter(cluster.payloadKeys) });
    let result: Awaited<ReturnType<typeof converge>>;
    try {
      result = await converge(() => verify(db.sql, client, runId, journeys), 120_000);
    } finally {
      await connection.close();
      await db.close();
    }
    const { verdict } = result;
    const c = verdict.counted;
    say(
      `${verdict.problems.length === 0 ? 'converged' : 'NOT converged'} ${seconds(result.ms)} after the load ` +
        `(${result.checks === 1 ? 'clean at the first check' : `${result.checks} checks`}; one check of everything takes ${seconds(result.lastCheckMs)}): ` +
        `${c.tickets} tickets, ${c.comments} comments, ${c.events} events, ${c.notifications} notifications checked against ${c.acknowledged} acknowledged steps; ` +
        `${c.statesCompared} workflow states compared with their projection`,
    );
    // A process that dies when a dependency vanishes is restarted, as a process manager would;
    // that is allowed and shown. What matters is that nothing acknowledged is lost or doubled,
    // and that every service is back.
    const unexpected = Object.values(cluster.services).flatMap((s) => s.unexpectedExits.map((exit) => `${s.name} exited on its own, and was restarted: ${exit}`));
    for (const line of unexpected) say(line);
    const down: string[] = [];
    for (const service of Object.values(cluster.services)) if (!(await service.isUp())) down.push(`${service.name} is not running at the end of the run`);

    const problems = [
      ...verdict.problems,
      ...(notStarted > 0 ? [`${notStarted} tickets never started: the load ran out of time`] : []),
      ...refused.map((j) => `ticket ${j.ctx.index} (#${j.ctx.number}): unexpected refusal: ${j.refused}`),
      ...journeys.filter((j) => j.inDoubt).map((j) => `ticket ${j.ctx.index} (#${j.ctx.number}): step ${j.acked + 1} never acknowledged`),
      ...down,
    ];
    failed = problems.length > 0;
    return { problems, journeys, verdict, convergeMs: result.ms, convergeChecks: result.checks, lines };
  } finally {
    await cluster.stop();
    if (!failed && !scenario.keepDir) rmSync(cluster.dir, { recursive: true, force: true });
    else say(`kept ${cluster.dir} for inspection`);
  }
}
