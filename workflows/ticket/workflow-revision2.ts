// The ticket workflow as runs of revisions 1 and 2 execute it (input.ts), kept unchanged so that
// their histories replay exactly as they were written. Each message's handler writes its own
// projection activity. Every run started today is of the current revision (workflow.ts); a
// run of this one ends at its next continue-as-new, and the next run is of the current revision.
// Fix nothing here that would change the commands it issues.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { TicketActivities } from '../../activities/index.js';
import { MESSAGE_NAMES, type MessageName, type TicketCommand } from './commands.js';
import { nextDeadline } from './deadlines.js';
import { REFUSED_FAILURE_TYPE, signals, stateQuery, syncUpdate, updates } from './messages.js';
import { continuedInput, type TicketWorkflowInput } from './input.js';
import type { TicketState } from './model.js';
import { parseMessage } from './parse.js';
import * as attributes from './search-attributes.js';
import { apply, check, createTicket, type Accepted, type Refusal } from './state.js';

// A server activity, not a local one: it runs only once the workflow task that made the change is
// in the history. A local activity runs inside that task, which the server may still discard (an
// Update's speculative task, a worker lost mid-task); the projection would then hold a change the
// ticket never made (docs/PERFORMANCE.md).
const { projectTicket } = proxyActivities<TicketActivities>({
  startToCloseTimeout: '30 seconds',
  // No maximum attempts: an accepted change must reach the projection, however long Postgres is away.
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

export async function ticketWorkflowRevision2(input: TicketWorkflowInput): Promise<TicketState> {
  let created: Accepted | null = null;
  let state: TicketState;
  if (input.kind === 'new') {
    created = createTicket(input.ticket, Date.now());
    state = created.state;
  } else {
    state = input.state;
  }
  const revision = input.revision ?? 1;
  let projectedVersion = created ? 0 : state.version;
  // The start request (or the run before a continue-as-new) already set the search attributes:
  // from revision 2 they are only upserted once they differ from those.
  let publishedAttributes = revision >= 2 ? attributesAtStart(state, revision) : '';

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
      publishSearchAttributes();
    }
    return outcome;
  }

  async function persist(accepted: Accepted): Promise<void> {
    await projectTicket(accepted.state, accepted.effects);
    projectedVersion = Math.max(projectedVersion, accepted.state.version);
  }

  for (const name of MESSAGE_NAMES) registerMessage(name);

  function registerMessage(name: MessageName): void {
    setHandler(
      updates[name] as unknown as UpdateDefinition<TicketState, [unknown]>,
      async (raw: unknown) => {
        const parsed = parseMessage(name, raw, 'nul-free');
        if (!parsed.ok) throw invalidInput(parsed.message);
        const outcome = accept(parsed.command);
        if (!outcome.ok) throw refused(outcome);
        await persist(outcome);
        return state;
      },
      {
        // Runs before anything is written to history: a refused Update leaves no trace.
        validator: (raw: unknown) => {
          const parsed = parseMessage(name, raw, 'nul-free');
          if (!parsed.ok) throw invalidInput(parsed.message);
          const refusal = check(state, parsed.command);
          if (refusal) throw refused(refusal);
        },
      },
    );
    setHandler(signals[name] as unknown as SignalDefinition<[unknown]>, async (raw: unknown) => {
      const parsed = parseMessage(name, raw, 'nul-free');
      if (!parsed.ok) {
        log.warn('Ignored malformed signal', { signal: name, ticket: state.number, problem: parsed.message });
        return;
      }
      const outcome = accept(parsed.command);
      if (!outcome.ok) {
        log.warn('Ignored refused signal', { signal: name, ticket: state.number, status: state.status, problem: outcome.message });
        return;
      }
      await persist(outcome);
    });
  }

  setHandler(syncUpdate, async () => {
    await condition(() => projectedVersion >= state.version);
    return state;
  });
  setHandler(stateQuery, () => state);

  publishSearchAttributes();
  if (created) await persist(created);

  while (state.status !== 'closed' && !workflowInfo().continueAsNewSuggested) {
    const seenVersion = state.version;
    const changed = () => state.version !== seenVersion || workflowInfo().continueAsNewSuggested;
    const deadline = nextDeadline(state);
    if (deadline === null) {
      await condition(changed);
      continue;
    }
    const wait = deadline.at - Date.now();
    const interrupted = wait > 0 && (await condition(changed, wait, { summary: deadline.summary }));
    if (interrupted) continue;
    const outcome = accept(deadline.command);
    if (outcome.ok) await persist(outcome);
  }

  // Let every in-flight Update and Signal finish (and its projection land) before the run ends.
  await condition(allHandlersFinished);
  if (state.status !== 'closed') {
    await continueAsNew<typeof ticketWorkflowRevision2>(continuedInput(state));
  }
  return state;
}

function fingerprintOf(values: unknown[]): string {
  return JSON.stringify(values);
}

/** The fingerprint of the search attributes this run started with (an absent one counts as null). */
function attributesAtStart(state: TicketState, revision: number): string {
  const current = workflowInfo().typedSearchAttributes;
  return fingerprintOf(attributes.ticketSearchAttributes(state, revision).map(({ key }) => current.get(key) ?? null));
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
