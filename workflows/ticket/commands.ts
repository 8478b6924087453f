// What can happen to a ticket. Message inputs (the API, the Temporal UI and CLI) carry these
// fields; `type` tells the lifecycle which rule applies. Timer commands come from the ticket's
// own deadlines and are never accepted from outside.
import type { Actor, Person, SettableStatus } from './model.js';

export interface ReplyInput {
  actor: Actor;
  body: string;
  /** An internal note, never shown to requesters (agents only). */
  internal?: boolean;
  /** "Submit as": the status the ticket takes with this reply (agents only). */
  status?: SettableStatus;
}
export interface StatusChangeInput {
  actor: Actor;
}
export interface AssignInput {
  actor: Actor;
  /** null unassigns the ticket. */
  assignee: Person | null;
}
export interface AddCcInput {
  actor: Actor;
  person: Person;
}
export interface RemoveCcInput {
  actor: Actor;
  personId: string;
}

export type MessageCommand =
  | ({ type: 'reply' } & ReplyInput)
  | ({ type: 'setPending' } & StatusChangeInput)
  | ({ type: 'putOnHold' } & StatusChangeInput)
  | ({ type: 'solve' } & StatusChangeInput)
  | ({ type: 'reopen' } & StatusChangeInput)
  | ({ type: 'assign' } & AssignInput)
  | ({ type: 'addCc' } & AddCcInput)
  | ({ type: 'removeCc' } & RemoveCcInput);

export type TimerCommand =
  | { type: 'remindPending' }
  | { type: 'autoClosePending' }
  | { type: 'autoCloseSolved' }
  | { type: 'breachSla' };

export type TicketCommand = MessageCommand | TimerCommand;
export type MessageName = MessageCommand['type'];

export const MESSAGE_NAMES = [
  'reply',
  'setPending',
  'putOnHold',
  'solve',
  'reopen',
  'assign',
  'addCc',
  'removeCc',
] as const satisfies readonly MessageName[];
