// What a ticket workflow run starts with. `revision` says which commands the run issues, so that
// a run keeps replaying the way its history was written whatever code replays it:
//   1 (absent): the first workflow task upserts the search attributes, although the start
//               request (or the previous run, for a continue-as-new) has already set them;
//   2:          search attributes are only upserted once they differ from the run's start ones,
//               which saves every new ticket an event and a visibility write.
// A run's revision is fixed by its input; a continue-as-new starts the next run at the newest.
// Carried in the input rather than by `patched()`, which would add a marker and a
// TemporalChangeVersion upsert to every new ticket's history.
import type { NewTicket, TicketState } from './model.js';

export const CURRENT_REVISION = 2;

export type TicketWorkflowInput = ({ kind: 'new'; ticket: NewTicket } | { kind: 'continued'; state: TicketState }) & {
  revision?: number;
};

export function newTicketInput(ticket: NewTicket): TicketWorkflowInput {
  return { kind: 'new', ticket, revision: CURRENT_REVISION };
}

export function continuedInput(state: TicketState): TicketWorkflowInput {
  return { kind: 'continued', state, revision: CURRENT_REVISION };
}
