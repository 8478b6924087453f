// `npm run bench`: starts the embedded stack, runs the chosen phases, prints the tables and one
// PASS/MISS line per target of issue 6, then stops everything it started. See docs/PERFORMANCE.md.
import { cpus, loadavg } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { createDatabase } from '../src/db/client.js';
import { DURABLE_ENOUGH_PRAGMAS } from '../src/temporal/dev-server.js';
import { TicketDesk } from '../src/tickets/desk.js';
import { DEFAULT_POLICY } from '../workflows/ticket/model.js';
import { parseArgs, type Phase } from './harness/args.js';
import type { BenchContext } from './harness/context.js';
import { createPeople } from './harness/people.js';
import { renderChecks, renderSection, type PhaseOutcome } from './harness/report.js';
import { startClusterBenchStack } from './harness/cluster-stack.js';
import { startBenchStack, TASK_QUEUE } from './harness/stack.js';
import { ticketDataConverter } from '../src/temporal/codec.js';
import { parsePayloadKeys } from '../src/temporal/payload-keys.js';
import { creationPhase } from './phases/creation.js';
import { memoryPhase } from './phases/memory.js';
import { readsPhase } from './phases/reads.js';
import { timersPhase } from './phases/timers.js';
import { slaTimersPhase } from './phases/sla-timers.js';
import { stormPhase } from './phases/storm.js';
import { transitionsPhase } from './phases/transitions.js';

/** Each phase gets what the earlier ones of the run printed (sla-timers sets the timers phase beside its own). */
const PHASE_RUNNERS: Record<Phase, (ctx: BenchContext, earlier: readonly PhaseOutcome[]) => Promise<PhaseOutcome>> = {
  creation: creationPhase,
  transitions: transitionsPhase,
  reads: readsPhase,
  timers: timersPhase,
  memory: memoryPhase,
  storm: stormPhase,
  'sla-timers': slaTimersPhase,
};

/** The whole run is bounded: past this, everything is stopped and the bench fails. */
// The full run's sla-timers phase (10,000 tickets, about 30 minutes) comes on top of the others' 10–25;
// --large adds 40,000 tickets to the memory phase (some 20 minutes) and 900,000 rows to the reads (some 3).
const RUN_LIMIT_MS = { quick: 10 * 60_000, full: 90 * 60_000, large: 120 * 60_000 };

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const started = new Date();
const loadBefore = loadavg();
const stack = args.cluster ? await startClusterBenchStack({ ...args, log }) : await startBenchStack({ ...args, log });
let closing = false;
process.on('uncaughtException', (error) => {
  // A call a phase left retrying fails on its timer once the connection is closed: harmless then.
  if (closing && error.message === 'Channel has been shut down') return;
  // Anything else: stop what the bench started (the cluster's programs outlive this process) and fail.
  log(`uncaught: ${error.stack ?? error.message}`);
  void stack.stop().finally(() => process.exit(1));
});
const watchdog = setTimeout(
  () => {
    log('run limit reached: stopping');
    void stack.stop().finally(() => process.exit(3));
  },
  args.quick ? RUN_LIMIT_MS.quick : args.large ? RUN_LIMIT_MS.large : RUN_LIMIT_MS.full,
);
const db = createDatabase(stack.databaseUrl, { max: 10 });
const connection = await Connection.connect({ address: stack.temporalAddress });
const outcomes: PhaseOutcome[] = [];
let failed = false;
try {
  const client = new Client({ connection, namespace: 'default', dataConverter: ticketDataConverter(parsePayloadKeys(stack.payloadKeys, 'the bench')) });
  const ctx: BenchContext = {
    stack,
    db,
    client,
    baselineClient: new Client({ connection, namespace: 'default' }),
    desk: new TicketDesk({ client, db, taskQueue: TASK_QUEUE, policy: DEFAULT_POLICY }),
    people: await createPeople(db, stack.api.urls.api),
    quick: args.quick,
    large: args.large,
    log,
  };
  for (const phase of args.phases) {
    log(`phase ${phase}`);
    outcomes.push(await PHASE_RUNNERS[phase](ctx, outcomes));
  }
} catch (error) {
  failed = true;
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  clearTimeout(watchdog);
  closing = true;
  await connection.close().catch(() => {});
  await db.close().catch(() => {});
  await stack.stop();
}

const fmt = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
console.log(
  [
    `# support-desk bench${args.quick ? ' (--quick: a smoke run, figures not comparable)' : ''}`,
    `started ${started.toISOString()}, ${cpus().length} cores, node ${process.version}, ${
      args.cluster
        ? `against the ${stack.shape}`
        : `Temporal dev server ${args.temporalInMemory ? 'in memory' : `on its SQLite file (${Object.entries(args.sqlitePragmas ?? DURABLE_ENOUGH_PRAGMAS).map(([k, v]) => `${k}=${v}`).join(', ')})`}`
    }`,
    ...(args.temporalConfig ? [`Temporal dynamic config: ${JSON.stringify(args.temporalConfig)}`] : []),
    `load average before ${fmt(loadBefore)}, after ${fmt(loadavg())}`,
    '',
  ].join('\n'),
);
for (const outcome of outcomes) for (const section of outcome.sections) console.log(renderSection(section));
console.log(renderChecks(outcomes.flatMap((o) => o.checks)));
process.exit(failed ? 1 : 0);
