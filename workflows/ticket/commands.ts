// What can happen to a ticket. Each message (an Update and a Signal of the same name, from the
// API, the Temporal UI or the CLI) is declared once, here: its name and its input. The workflow's
// definitions (messages.ts), the API's and the desk's types all follow from MessageInputs. Timer
// commands come from the ticket's own deadlines and are never accepted from outside.
import type { PinnedSla } from '../sla/pinned.js';
import type { SlaTargetName } from '../sla/policy.js';
import type { Actor, AttachmentRef, Person, SatisfactionRating, SettableStatus, TicketPriority } from './model.js';

/**
 * What else a reply may change, together with it or not at all (agents only): a canned reply's
 * actions. An action the ticket already has (its priority, a tag it carries) is no change, not a
 * refusal; `macro` names the canned reply in the audit trail.
 */
export interface ReplyActions {
  priority?: TicketPriority;
  addTags?: string[];
  removeTags?: string[];
  /** null unassigns; absent leaves the assignee. */
  assignee?: Person | null;
  macro?: { id: string; title: string };
}

/** Every message's input besides its `actor`. Adding a message starts here. */
interface MessageFields {
  reply: {
    /** May be empty when files come with it. */
    body: string;
    attachments?: AttachmentRef[];
    /** An internal note, never shown to requesters (agents only). */
    internal?: boolean;
    /** "Submit as": the status the ticket takes with this reply (agents only). */
    status?: SettableStatus;
    /**
     * The ticket's version the sender read before writing: if someone else has since replied,
     * written a note, changed the status or the assignee, the reply is refused as stale, for them
     * to read that first.
     */
    seenVersion?: number;
  } & ReplyActions;
  setPending: Record<never, never>;
  putOnHold: Record<never, never>;
  solve: Record<never, never>;
  reopen: Record<never, never>;
  /** `assignee` null unassigns the ticket. */
  assign: { assignee: Person | null };
  addCc: { person: Person };
  removeCc: { personId: string };
  setPriority: { priority: TicketPriority };
  /** Tags to put on and to take off (normalised by the parser: tags.ts); at least one change. */
  changeTags: { add?: string[]; remove?: string[] };
  /**
   * Counts another version of the SLA policy from now on (an admin's deliberate change to open
   * tickets): the targets of `sla` replace the pinned ones over the clocks as they stand, and a
   * step already taken (a breach) stays taken.
   */
  applySla: { sla: PinnedSla };
  /**
   * The requester's answer to the satisfaction survey of a solve (from the link in its e-mail):
   * `survey` is the seq of the survey's `satisfaction_requested` event, which the link names.
   */
  rate: { survey: number; rating: SatisfactionRating; comment?: string };
}

export type MessageName = keyof MessageFields;

/** What each message takes, as one JSON object: who sends it, and its own fields. */
export type MessageInputs = { [N in MessageName]: { actor: Actor } & MessageFields[N] };

/** A message as the lifecycle sees it: its input, with `type` saying which rule applies. */
export type MessageCommand = { [N in MessageName]: { type: N } & MessageInputs[N] }[MessageName];

/** The four status changes that are messages of their own, and the status each one sets. */
export const STATUS_OF_MESSAGE = {
  setPending: 'pending',
  putOnHold: 'on-hold',
  solve: 'solved',
  reopen: 'open',
} as const satisfies Partial<Record<MessageName, SettableStatus>>;
export type StatusMessage = keyof typeof STATUS_OF_MESSAGE;
export const STATUS_MESSAGES = Object.keys(STATUS_OF_MESSAGE) as StatusMessage[];

/** Every message name, for registering handlers; the type check keeps it complete. */
export const MESSAGE_NAMES = ['reply', 'setPending', 'putOnHold', 'solve', 'reopen', 'assign', 'addCc', 'removeCc', 'setPriority', 'changeTags', 'applySla', 'rate'] as const satisfies readonly MessageName[];
// Compiles only while the list names every message.
export const EVERY_MESSAGE_LISTED: [Exclude<MessageName, (typeof MESSAGE_NAMES)[number]>] extends [never] ? true : never = true;

export type TimerCommand =
  | { type: 'remindPending' }
  | { type: 'autoClosePending' }
  | { type: 'autoCloseSolved' }
  /** The satisfaction survey, the policy's delay after Solved. */
  | { type: 'askSatisfaction' }
  /** A pinned SLA target's warning (sla-clocks.ts). */
  | { type: 'warnSla'; target: SlaTargetName }
  /** The first-reply breach of a ticket without a pinned SLA; with one, the breach of `target`. */
  | { type: 'breachSla'; target?: SlaTargetName };

export type TicketCommand = MessageCommand | TimerCommand;
