// ticketWorkflow: one per ticket (id `ticket-<number>`). It owns the ticket's state, drives the
// pure lifecycle in state.ts, queues every accepted change for the Postgres projection and writes
// it there one batch at a time, arms the timer for the next deadline, and continues-as-new when
// the server suggests it. Runs of revisions 1 and 2 (input.ts) run workflow-revision2.ts.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { TicketActivities } from '../../activities/index.js';
import { MESSAGE_NAMES, type MessageName, type TicketCommand } from './commands.js';
import { dueDeadline, nextDeadline } from './deadlines.js';
import {
  MOVING_FAILURE_TYPE,
  projectionQuery,
  REFUSED_FAILURE_TYPE,
  retryProjectionSignal,
  signals,
  stateQuery,
  STUCK_FAILURE_TYPE,
  syncUpdate,
  updates,
  type ProjectionFault,
} from './messages.js';
import { AppliedUpdates } from './applied-updates.js';
import { continuedInput, ticketOfRevision, type TicketWorkflowInput } from './input.js';
import type { TicketState } from './model.js';
import { newTicketProblem, parseMessage } from './parse.js';
import { CARRY_LIMIT, ProjectionQueue } from './projection-queue.js';
import * as attributes from './search-attributes.js';
import { apply, check, createTicket, upgradeState, type Accepted, type Refusal } from './state.js';
import { ticketWorkflowRevision2 } from './workflow-revision2.js';

export type { TicketWorkflowInput } from './input.js';

// A server activity, not a local one: it runs only once the workflow task that made the change is
// in the history. A local activity runs inside that task, which the server may still discard (an
// Update's speculative task, a worker lost mid-task); the projection would then hold a change the
// ticket never made (docs/PERFORMANCE.md).
const { projectTicket } = proxyActivities<TicketActivities>({
  startToCloseTimeout: '30 seconds',
  // No maximum attempts: an accepted change must reach the projection, however long Postgres is
  // away. A write that can never succeed (bad data) fails at once, non-retryable, instead.
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

const { reportProjectionFault } = proxyActivities<TicketActivities>({
  startToCloseTimeout: '10 seconds',
  // The fault is in the history, the logs and the search attributes already; this row only shows it
  // in the product (metrics, the agent console), so it is not worth waiting for Postgres forever.
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
});

/**
 * A run ends at the server's suggestion (4,096 events or 4 MB by default) or here, whichever comes
 * first. Kept short because a continue-as-new that a Signal interrupts is retried after a replay of
 * the whole run: the shorter the run, the sooner it goes through under a stream of Signals. A
 * ticket's ordinary life is far shorter; only a stream of messages gets here.
 */
const MAX_RUN_EVENTS = 1_000;

export async function ticketWorkflow(input: TicketWorkflowInput): Promise<TicketState> {
  if ((input.revision ?? 1) < 3) return ticketWorkflowRevision2(input);
  return runTicket(input);
}

async function runTicket(input: TicketWorkflowInput): Promise<TicketState> {
  const revision = input.revision ?? 1;
  let state: TicketState;
  let queue: ProjectionQueue;
  const applied = new AppliedUpdates(input.kind === 'continued' ? input.appliedUpdates : []);
  if (input.kind === 'new') {
    // The desk checks before it uses a number; a ticket started by hand is checked here.
    const problem = newTicketProblem(input.ticket);
    if (problem) throw ApplicationFailure.nonRetryable(`"${problem.field}": ${problem.message}`, 'InvalidTicket');
    const created = createTicket(ticketOfRevision(input.ticket, revision), Date.now());
    state = created.state;
    queue = new ProjectionQueue(0);
    queue.add(created);
  } else {
    state = upgradeState(input.state);
    queue = new ProjectionQueue(input.projectedVersion ?? state.version, input.unwritten ?? []);
  }
  /** Set while a projection write cannot succeed: changes are refused until ops retry it. */
  let fault: ProjectionFault | null = null;
  /** Set by ops' retry after a fault, until a write succeeds: that write clears the fault's row. */
  let recovering = false;
  /** Set once the run is ending: new Updates are refused, and their senders retry on the next run. */
  let ending: 'continue' | 'close' | null = null;
  // The start request (or the run before a continue-as-new) already set the search attributes:
  // they are only upserted once they differ from those.
  let publishedAttributes = attributesAtStart(state, revision);

  function publishSearchAttributes(): void {
    const pairs = attributes.ticketSearchAttributes(state, revision);
    const fingerprint = fingerprintOf(pairs.map((p) => p.value));
    if (fingerprint === publishedAttributes) return;
    publishedAttributes = fingerprint;
    upsertSearchAttributes(pairs);
  }

  function accept(command: TicketCommand): Accepted | Refusal {
    const outcome = apply(state, command, Date.now());
    if (outcome.ok) {
      state = outcome.state;
      queue.add(outcome);
      publishSearchAttributes();
    }
    return outcome;
  }

  /** Why the ticket takes no message right now, or null. */
  function unavailable(): ApplicationFailure | null {
    if (fault) return stuck(state.number);
    if (ending) return moving(state.number);
    return null;
  }

  /** Update handlers waiting for the projection right now. */
  let waiting = 0;

  /** Resolves once the projection holds `version` and every version before it. */
  async function projected(version: number): Promise<void> {
    waiting++;
    try {
      await condition(() => queue.projectedVersion >= version || fault !== null);
    } finally {
      waiting--;
    }
    if (queue.projectedVersion < version) throw notWritten(state.number);
  }

  // One activity at a time writes the oldest batch. Once the run is continuing, it writes only
  // while an Update waits for its change or more is waiting than the next run may carry. (Waiting
  // Updates are counted here rather than with allHandlersFinished(), which also counts a Signal's
  // handler in the instant it runs.)
  const mustWrite = () => ending !== 'continue' || waiting > 0 || queue.waitingSize > CARRY_LIMIT;
  async function writeProjection(): Promise<never> {
    for (;;) {
      await condition(() => queue.hasWaiting && fault === null && mustWrite());
      const batch = queue.take();
      try {
        await (recovering ? projectTicket(batch.state, batch.effects, { clearsFault: true }) : projectTicket(batch.state, batch.effects));
        queue.written();
        recovering = false;
      } catch (error) {
        queue.notWritten();
        fault = { message: failureMessage(error), version: batch.state.version, at: Date.now() };
        log.error('Projection write failed and cannot succeed by retrying: the ticket waits for ops (README, Operating)', {
          ticket: state.number,
          version: batch.state.version,
          problem: fault.message,
        });
        upsertSearchAttributes([{ key: attributes.ProjectionStuck, value: true }]);
        await reportProjectionFault(state.number, fault).catch(() => undefined);
      }
    }
  }

  for (const name of MESSAGE_NAMES) registerMessage(name);

  function registerMessage(name: MessageName): void {
    setHandler(
      updates[name] as unknown as UpdateDefinition<TicketState, [unknown]>,
      async (raw: unknown) => {
        // The same update again (a client's retry that reached a later run): applied once already.
        const earlier = applied.versionOf(currentUpdateInfo()?.id);
        if (earlier !== undefined) {
          await projected(earlier);
          return state;
        }
        const parsed = parseMessage(name, raw);
        if (!parsed.ok) throw invalidInput(parsed.message);
        const busy = unavailable();
        if (busy) throw busy;
        const outcome = accept(parsed.command);
        if (!outcome.ok) throw refused(outcome);
        applied.record(currentUpdateInfo()?.id, outcome.state.version);
        await projected(outcome.state.version);
        return outcome.state;
      },
      {
        // Runs before anything is written to history: a refused Update leaves no trace.
        validator: (raw: unknown) => {
          if (applied.versionOf(currentUpdateInfo()?.id) !== undefined) return;
          const parsed = parseMessage(name, raw);
          if (!parsed.ok) throw invalidInput(parsed.message);
          const busy = unavailable();
          if (busy) throw busy;
          const refusal = check(state, parsed.command);
          if (refusal) throw refused(refusal);
        },
      },
    );
    // A Signal has nobody waiting for it: it is applied and queued at once, and its handler ends.
    setHandler(signals[name] as unknown as SignalDefinition<[unknown]>, (raw: unknown) => {
      const parsed = parseMessage(name, raw);
      if (!parsed.ok) {
        log.warn('Ignored malformed signal', { signal: name, ticket: state.number, problem: parsed.message });
        return;
      }
      if (fault) {
        log.warn('Ignored signal: the projection is stuck', { signal: name, ticket: state.number, problem: fault.message });
        return;
      }
      const outcome = accept(parsed.command);
      if (!outcome.ok) log.warn('Ignored refused signal', { signal: name, ticket: state.number, status: state.status, problem: outcome.message });
    });
  }

  setHandler(
    syncUpdate,
    async () => {
      const version = state.version;
      await projected(version);
      return state;
    },
    {
      validator: () => {
        const busy = unavailable();
        if (busy) throw busy;
      },
    },
  );
  setHandler(stateQuery, () => state);
  setHandler(projectionQuery, () => ({ projectedVersion: queue.projectedVersion, version: state.version, fault }));
  setHandler(retryProjectionSignal, () => {
    if (!fault) return;
    log.info('Retrying the projection write', { ticket: state.number, version: fault.version });
    fault = null;
    recovering = true;
    upsertSearchAttributes([{ key: attributes.ProjectionStuck, value: null }]);
  });

  publishSearchAttributes();
  void writeProjection();

  const runIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= MAX_RUN_EVENTS;
  while (state.status !== 'closed' && !runIsLong()) {
    if (fault) {
      // Timers wait too: a deadline that passed meanwhile fires once the projection writes again.
      await condition(() => fault === null || runIsLong());
      continue;
    }
    const seenVersion = state.version;
    const changed = () => state.version !== seenVersion || runIsLong() || fault !== null;
    const deadline = nextDeadline(state);
    if (deadline === null) {
      await condition(changed);
      continue;
    }
    const wait = deadline.at - Date.now();
    const interrupted = wait > 0 && (await condition(changed, wait, { summary: deadline.summary }));
    if (interrupted) continue;
    const due = dueDeadline(state, Date.now());
    if (due) accept(due.command);
  }

  if (state.status === 'closed') {
    // The last run: everything it accepted reaches the projection before it ends.
    ending = 'close';
    await condition(() => allHandlersFinished() && fault === null && !queue.isWriting && !queue.hasWaiting);
    return state;
  }
  // Updates in flight finish here (their changes written); the next run writes the rest, a
  // bounded amount. Should a Signal come while the continue-as-new is being completed, the server
  // refuses it and replays the run with the Signal, which comes back here: so the Signals that
  // arrived meanwhile are carried too, or written first when they are too many.
  ending = 'continue';
  await condition(() => !queue.isWriting && !mustWrite() && allHandlersFinished());
  return await continueAsNew<typeof ticketWorkflow>(continuedInput(state, { projectedVersion: queue.projectedVersion, unwritten: queue.unwritten(), appliedUpdates: applied.carry() }));
}

function fingerprintOf(values: unknown[]): string {
  return JSON.stringify(values);
}

/** The fingerprint of the search attributes this run started with (an absent one counts as null). */
function attributesAtStart(state: TicketState, revision: number): string {
  const current = workflowInfo().typedSearchAttributes;
  return fingerprintOf(attributes.ticketSearchAttributes(state, revision).map(({ key }) => current.get(key) ?? null));
}

function failureMessage(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function refused(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: REFUSED_FAILURE_TYPE,
    message: refusal.message,
    nonRetryable: true,
    details: [{ reason: refusal.reason, status: refusal.status }],
  });
}

function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: REFUSED_FAILURE_TYPE,
    message,
    nonRetryable: true,
    details: [{ reason: 'invalid' }],
  });
}

function moving(number: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: MOVING_FAILURE_TYPE,
    message: `Ticket #${number} is moving to a new run; nothing was recorded: send the same message again.`,
    nonRetryable: true,
  });
}

function stuck(number: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: STUCK_FAILURE_TYPE,
    message: `Ticket #${number} cannot take changes right now: its last change could not be saved, and ops have been alerted. Nothing was recorded.`,
    nonRetryable: true,
  });
}

function notWritten(number: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: STUCK_FAILURE_TYPE,
    message: `Ticket #${number} accepted the change but could not save it yet; ops have been alerted, and it will show once they have mended the cause.`,
    nonRetryable: true,
  });
}
