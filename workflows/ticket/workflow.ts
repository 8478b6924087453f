// ticketWorkflow: one per ticket (id `ticket-<number>`). It owns the ticket's state, drives the
// pure lifecycle in state.ts, writes the projection through activities, arms the timer for the
// next deadline, and continues-as-new when the server suggests it.
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
import type { SearchAttributeUpdatePair, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { TicketActivities } from '../../activities/index.js';
import { MESSAGE_NAMES, type MessageName, type TicketCommand } from './commands.js';
import { nextDeadline } from './deadlines.js';
import { REFUSED_FAILURE_TYPE, signals, stateQuery, syncUpdate, updates } from './messages.js';
import type { NewTicket, TicketState } from './model.js';
import { parseMessage } from './parse.js';
import * as attributes from './search-attributes.js';
import { apply, check, createTicket, type Accepted, type Refusal } from './state.js';

export type TicketWorkflowInput = { kind: 'new'; ticket: NewTicket } | { kind: 'continued'; state: TicketState };

const { projectTicket } = proxyActivities<TicketActivities>({
  startToCloseTimeout: '30 seconds',
  // No maximum attempts: an accepted change must reach the projection, however long Postgres is away.
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

export async function ticketWorkflow(input: TicketWorkflowInput): Promise<TicketState> {
  let created: Accepted | null = null;
  let state: TicketState;
  if (input.kind === 'new') {
    created = createTicket(input.ticket, Date.now());
    state = created.state;
  } else {
    state = input.state;
  }
  let projectedVersion = created ? 0 : state.version;
  let publishedAttributes = '';

  function publishSearchAttributes(): void {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: attributes.TicketNumber, value: state.number },
      { key: attributes.TicketStatus, value: state.status },
      { key: attributes.TicketType, value: state.type },
      { key: attributes.Requester, value: state.requester.email },
      { key: attributes.Organization, value: state.organizationId },
      { key: attributes.Assignee, value: state.assignee?.email ?? null },
      { key: attributes.SlaBreached, value: state.slaBreachedAt !== null },
    ];
    const fingerprint = JSON.stringify(pairs.map((p) => p.value));
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
        const parsed = parseMessage(name, raw);
        if (!parsed.ok) throw invalidInput(parsed.message);
        const outcome = accept(parsed.command);
        if (!outcome.ok) throw refused(outcome);
        await persist(outcome);
        return state;
      },
      {
        // Runs before anything is written to history: a refused Update leaves no trace.
        validator: (raw: unknown) => {
          const parsed = parseMessage(name, raw);
          if (!parsed.ok) throw invalidInput(parsed.message);
          const refusal = check(state, parsed.command);
          if (refusal) throw refused(refusal);
        },
      },
    );
    setHandler(signals[name] as unknown as SignalDefinition<[unknown]>, async (raw: unknown) => {
      const parsed = parseMessage(name, raw);
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
    await continueAsNew<typeof ticketWorkflow>({ kind: 'continued', state });
  }
  return state;
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
