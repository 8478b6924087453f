// Who may send which message to a ticket, by how they stand to it: one table for the workflow
// (which has the last word), the API (which refuses before anything is sent) and the portal (which
// shows only the actions a person may take). Pure data: no Temporal imports.
import { STATUS_OF_MESSAGE, type MessageName } from './commands.js';
import { STATUS_LABELS, type Actor, type SettableStatus, type TicketState } from './model.js';

/**
 * How a person stands to a ticket: `agent`, a Support Ops member (or an admin acting as one);
 * `requester`; `cc`, CC'd on it; `colleague`, of the requester's organization, who may read it but
 * not act on it. Anyone else is not on the ticket at all (null).
 */
export type Standing = 'agent' | 'requester' | 'cc' | 'colleague';

/** The standings that may send each message. Finer rules follow in refusalFor. */
export const SENDERS = {
  reply: ['agent', 'requester', 'cc'],
  setPending: ['agent'],
  putOnHold: ['agent'],
  // A requester may mark their own ticket Solved; every other status change is Support Ops' call.
  solve: ['agent', 'requester'],
  reopen: ['agent'],
  assign: ['agent'],
  addCc: ['agent', 'requester'],
  // A CC'd user may take themselves off (refusalFor); only the requester or Support Ops others.
  removeCc: ['agent', 'requester', 'cc'],
  setPriority: ['agent'],
  changeTags: ['agent'],
  // The API lets admins only; ops may send it from the Temporal CLI.
  applySla: ['agent'],
  // The survey asks the requester alone how it went.
  rate: ['requester'],
} as const satisfies Record<MessageName, readonly Standing[]>;

/** Whether someone of this standing may send the message at all (what the portal offers them). */
export function maySend(standing: Standing | null, name: MessageName): boolean {
  return standing !== null && (SENDERS[name] as readonly Standing[]).includes(standing);
}

/** How an actor of a message stands to the ticket, from the ticket's own state. */
export function standingOf(state: Pick<TicketState, 'requester' | 'ccs'>, actor: Actor): Standing | null {
  if (actor.kind === 'agent') return 'agent';
  if (actor.kind === 'requester') {
    if (actor.id === state.requester.id) return 'requester';
    if (state.ccs.some((p) => p.id === actor.id)) return 'cc';
  }
  return null;
}

const PARTICIPANTS_ONLY = (number: number) => `Only the requester, CC\u2019d users and Support Ops can act on ticket #${number}.`;
const CC_CHANGES = 'Only the requester or Support Ops can change who is CC\u2019d.';

/**
 * What a permission depends on: the message, who sends it, and the few fields with rules of their
 * own. Every message command is one; so is a message not fully built yet (a CC whose account is
 * not looked up yet), which the API checks before doing anything.
 */
export interface Attempt {
  type: MessageName;
  actor: Actor;
  internal?: boolean;
  status?: SettableStatus;
  /** A reply that changes more than the status (a canned reply's actions: commands.ts, ReplyActions). */
  actions?: boolean;
  personId?: string;
}

/** Why someone of this standing may not send this to ticket #number, or null if they may. */
export function refusalFor(standing: Standing | null, command: Attempt, number: number): string | null {
  if (standing === null || standing === 'colleague') return PARTICIPANTS_ONLY(number);
  if (!maySend(standing, command.type)) {
    switch (command.type) {
      case 'setPending':
      case 'putOnHold':
      case 'solve':
      case 'reopen':
        return `Only Support Ops can set ticket #${number} to ${STATUS_LABELS[STATUS_OF_MESSAGE[command.type]]}.`;
      case 'assign':
        return 'Only Support Ops can assign a ticket.';
      case 'setPriority':
      case 'changeTags':
        return 'Only Support Ops can set a ticket\u2019s priority or tags.';
      case 'applySla':
        return 'Only an admin can apply another SLA policy version to a ticket.';
      case 'addCc':
      case 'removeCc':
        return CC_CHANGES;
      case 'rate':
        return `Only the requester can rate how ticket #${number} was handled.`;
      default:
        return PARTICIPANTS_ONLY(number);
    }
  }
  if (command.type === 'reply' && standing !== 'agent' && (command.internal === true || command.status !== undefined || command.actions === true)) {
    return 'Only Support Ops can add internal notes or change the status with a reply.';
  }
  if (command.type === 'removeCc' && standing === 'cc' && command.personId !== command.actor.id) return CC_CHANGES;
  return null;
}
