// The ticket lifecycle as a pure function: apply(state, command, now) gives the next state and
// what it leaves behind, or a refusal that names the ticket's status. No Temporal here: the
// workflow drives it, the tests exercise it directly.
import { STATUS_OF_MESSAGE, type MessageCommand, type StatusMessage, type TicketCommand } from './commands.js';
import type { TicketComment, TicketEffects, TicketEvent, TicketNotification, NotificationKind } from './effects.js';
import { ON_CALL, SUPPORT_OPS } from './effects.js';
import type { Actor, AttachmentRef, NewTicket, PageChannel, Person, TicketPriority, TicketState, TicketStatus } from './model.js';
import { initialPriority, MAX_BODY_LENGTH, MAX_SATISFACTION_COMMENT_LENGTH, MAX_TAGS, PRIORITY_LABELS, STATUS_LABELS } from './model.js';
import { refusalFor, standingOf } from './permissions.js';
import type { SlaTargetName } from '../sla/policy.js';
import { pageChannels } from './on-call-page.js';
import { clocksOnStatus, replied, requesterWrote, slaDueAt, slaStepDueAt, startSlaClocks, stepTaken } from './sla-clocks.js';

const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', name: 'Support desk' };

export type Refusal = {
  ok: false;
  /** Why, for a person: names the ticket and its status. */
  message: string;
  /**
   * `transition` when the status forbids it, `forbidden` when the sender may not, `invalid` for bad
   * input, `stale` for a reply to a version someone else has since moved on from.
   */
  reason: 'transition' | 'forbidden' | 'invalid' | 'stale';
  status: TicketStatus;
};
export type Accepted = { ok: true; state: TicketState; effects: TicketEffects };
export type Outcome = Accepted | Refusal;

export function createTicket(input: NewTicket, now: number): Accepted {
  const state: TicketState = {
    ...input,
    ccs: dedupePeople(input.ccs.filter((p) => p.id !== input.requester.id)),
    assignee: null,
    priority: initialPriority(input.type),
    tags: [],
    status: 'open',
    version: 1,
    lastEventSeq: 1,
    commentCount: 1,
    createdAt: now,
    updatedAt: now,
    statusChangedAt: now,
    pendingReminderSentAt: null,
    firstReplyDueAt: now + input.policy.firstReplyTargetMs[input.type],
    firstRepliedAt: null,
    slaBreachedAt: null,
    solvedAt: null,
    closedAt: null,
  };
  if (input.sla) {
    state.slaClocks = startSlaClocks(now);
    state.firstReplyDueAt = slaDueAt(state, 'firstReply') ?? state.firstReplyDueAt;
  }
  const actor: Actor = { kind: 'requester', id: input.requester.id, name: input.requester.name };
  const notifications: TicketNotification[] = [notify(1, 'ticket_created', input.requester)];
  if (input.type === 'critical') notifications.push(notifyOps(1, 'critical_created'));
  return {
    ok: true,
    state,
    effects: {
      events: [
        {
          seq: 1,
          at: now,
          actor,
          kind: 'created',
          fromStatus: null,
          toStatus: 'open',
          data: { type: input.type, subject: input.subject, followUpOf: input.followUpOf, ...filesOf(input.descriptionAttachments) },
        },
      ],
      // The description opens the conversation, as in any help desk.
      comments: [{ seq: 1, at: now, author: actor, body: input.description, internal: false, ...withFiles(input.descriptionAttachments) }],
      notifications,
    },
  };
}

/**
 * A state as today's lifecycle reads it. Runs of revision 3 and before carried states without a
 * priority or tags (model.ts): they get what a ticket starts with. Runs before revision 5 carry
 * no pinned SLA (`sla`, `slaClocks`) and keep it that way: their deadlines count the first-reply
 * duration of their TicketPolicy in calendar time, as they did when they started (deadlines.ts).
 */
export function upgradeState(state: TicketState): TicketState {
  const carried = state as Partial<Pick<TicketState, 'priority' | 'tags'>> & TicketState;
  return { ...state, priority: carried.priority ?? initialPriority(state.type), tags: [...(carried.tags ?? [])] };
}

/** Decides without changing anything: what an Update validator needs. */
export function check(state: TicketState, command: TicketCommand): Refusal | null {
  const outcome = apply(state, command, state.updatedAt);
  return outcome.ok ? null : outcome;
}

export function apply(state: TicketState, command: TicketCommand, now: number): Outcome {
  if (state.status === 'closed') {
    return refuse(state, 'transition', `Ticket #${state.number} is Closed and accepts no change; open a follow-up ticket instead.`);
  }
  if ('actor' in command) {
    // Who may send what: the one table the API and the portal use too.
    const refusal = refusalFor(standingOf(state, command.actor), { ...command, actions: command.type === 'reply' && hasActions(command) }, state.number);
    if (refusal) return refuse(state, 'forbidden', refusal);
  }
  const change = new Change(state, now);
  switch (command.type) {
    case 'reply':
      return reply(change, command);
    case 'setPending':
    case 'putOnHold':
    case 'solve':
    case 'reopen':
      return setStatus(change, command);
    case 'assign':
      return assign(change, command);
    case 'addCc':
      return addCc(change, command);
    case 'removeCc':
      return removeCc(change, command);
    case 'setPriority':
      return setPriority(change, command);
    case 'changeTags':
      return changeTags(change, command);
    case 'applySla':
      return applySla(change, command);
    case 'rate':
      return rate(change, command);
    case 'askSatisfaction': {
      const { survey } = state;
      if (state.status !== 'solved' || !survey || survey.askedSeq !== null) return refuseTimer(state, command.type);
      const seq = change.event(SYSTEM_ACTOR, 'satisfaction_requested', {});
      change.state.survey = { ...survey, askedSeq: seq };
      // The requester alone: a CC'd colleague did not ask for the help.
      change.notify('satisfaction_survey', state.requester);
      return change.accept();
    }
    case 'remindPending':
      if (state.status !== 'pending' || state.pendingReminderSentAt !== null) return refuseTimer(state, command.type);
      change.state.pendingReminderSentAt = now;
      change.event(SYSTEM_ACTOR, 'pending_reminder_sent', {});
      change.notify('pending_reminder', state.requester);
      return change.accept();
    case 'autoClosePending':
      if (state.status !== 'pending') return refuseTimer(state, command.type);
      change.moveTo('closed', SYSTEM_ACTOR, { reason: 'no answer while Pending' });
      return change.accept();
    case 'autoCloseSolved':
      if (state.status !== 'solved') return refuseTimer(state, command.type);
      change.moveTo('closed', SYSTEM_ACTOR, { reason: 'Solved for the policy period' });
      return change.accept();
    case 'warnSla': {
      const at = slaStepDueAt(state, command.target, 'warning');
      if (at === null || at > now || !change.state.slaClocks) return refuseTimer(state, `${command.type} ${command.target}`);
      change.state.slaClocks = stepTaken(change.state.slaClocks, command.target, 'warning', at);
      change.event(SYSTEM_ACTOR, 'sla_warning', { target: command.target, at, dueAt: slaDueAt(state, command.target) });
      change.notifyAssigneeOrOps(WARNING_NOTICE[command.target]);
      return change.accept();
    }
    case 'breachSla':
      if (command.target !== undefined) return breachTarget(change, command.target);
      if (state.firstRepliedAt !== null || state.slaBreachedAt !== null) return refuseTimer(state, command.type);
      // Recorded at the target instant itself, whatever the timer's delivery delay.
      change.state.slaBreachedAt = state.firstReplyDueAt;
      change.event(SYSTEM_ACTOR, 'sla_breached', { dueAt: state.firstReplyDueAt });
      change.notifyOps('sla_breached');
      pageOnCall(change, 'firstReply', state.firstReplyDueAt);
      return change.accept();
  }
}

/** What the assignee (or Support Ops) is told as a target nears, and Support Ops once it is missed. */
const WARNING_NOTICE: Record<SlaTargetName, NotificationKind> = { firstReply: 'first_reply_warning', nextReply: 'next_reply_warning', resolution: 'resolution_warning' };
const BREACH_NOTICE: Record<SlaTargetName, NotificationKind> = { firstReply: 'sla_breached', nextReply: 'next_reply_breached', resolution: 'resolution_breached' };

/** A pinned target's breach, recorded at the target's own instant whatever the timer's delivery delay. */
function breachTarget(change: Change, target: SlaTargetName): Outcome {
  const { before: state } = change;
  const at = slaStepDueAt(state, target, 'breach');
  if (at === null || at > change.now || !change.state.slaClocks) return refuseTimer(state, `breachSla ${target}`);
  change.state.slaClocks = stepTaken(change.state.slaClocks, target, 'breach', at);
  change.state.slaBreachedAt ??= at;
  change.event(SYSTEM_ACTOR, 'sla_breached', { target, dueAt: at });
  change.notifyOps(BREACH_NOTICE[target]);
  pageOnCall(change, target, at);
  return change.accept();
}

const PAGE_NOTICE: Record<PageChannel, NotificationKind> = { webhook: 'page_webhook', email: 'page_email' };

/**
 * The ladder's last step: a Critical / SEV ticket that pinned a page (NewTicket.onCallPage) pages
 * the on-call at each breach, by each channel, as an audit event for Support Ops and an outbox row.
 * It is part of the breach's own change, not a step of its own: no timer, no activity, no search
 * attribute of its own (the breach timer's summary says it pages, deadlines.ts). The breach's
 * timer fires and its projection activity is scheduled as before; only that activity's input
 * holds one more event and notification, and replay compares commands, not activity inputs. Tickets that started before pages existed pinned none and record
 * exactly what they did (test/workflows/sla-page.test.ts, test/workflows/replay.test.ts).
 */
function pageOnCall(change: Change, target: SlaTargetName, dueAt: number): void {
  const channels = pageChannels(change.state);
  if (channels.length === 0) return;
  change.event(SYSTEM_ACTOR, 'sla_paged', { target, dueAt, channels });
  for (const channel of channels) change.notifyOnCall(PAGE_NOTICE[channel]);
}

function setStatus(change: Change, command: Extract<MessageCommand, { type: StatusMessage }>): Outcome {
  const { state } = change;
  const target = STATUS_OF_MESSAGE[command.type];
  if (state.status === target) {
    return refuse(state, 'transition', `Ticket #${state.number} is already ${STATUS_LABELS[target]}.`);
  }
  change.moveTo(target, command.actor, {});
  return change.accept();
}

function reply(change: Change, command: Extract<MessageCommand, { type: 'reply' }>): Outcome {
  const { state } = change;
  const body = command.body.trim();
  const files = command.attachments ?? [];
  // A photo of the broken dock is an answer too.
  if (body.length === 0 && files.length === 0) return refuse(state, 'invalid', 'A reply needs some text or a file.');
  if (body.length > MAX_BODY_LENGTH) return refuse(state, 'invalid', `A reply is at most ${MAX_BODY_LENGTH} characters.`);
  const moved = state.lastConversationChange;
  if (command.seenVersion !== undefined && moved && moved.version > command.seenVersion && moved.actorId !== command.actor.id) {
    return refuse(state, 'stale', `Ticket #${state.number} changed since you read it (${moved.actorName ?? 'someone else'} answered or changed it): read it before you send this.`);
  }
  const who = standingOf(state, command.actor);
  const internal = command.internal === true;
  change.comment(command.actor, body, internal, files, command.macro ? { macro: command.macro } : {});
  if (who === 'agent') {
    if (!internal && state.firstRepliedAt === null) change.state.firstRepliedAt = change.now;
    if (!internal && change.state.slaClocks) change.state.slaClocks = replied(change.state.slaClocks);
    if (!internal) change.notifyAll('agent_replied');
    // "Submit as Solved" is one e-mail, the reply's (it says the new status), not two; a note tells nobody.
    if (command.status !== undefined && command.status !== state.status) change.moveTo(command.status, command.actor, {}, { quiet: true });
    // The canned reply's other actions, in the same change: all of them land, or none.
    if (command.priority !== undefined && command.priority !== change.state.priority) applyPriority(change, command.actor, command.priority);
    const tagged = applyTags(change, command.actor, command.addTags ?? [], command.removeTags ?? []);
    if (tagged) return tagged;
    if (command.assignee !== undefined && (command.assignee?.id ?? null) !== (change.state.assignee?.id ?? null)) applyAssignee(change, command.actor, command.assignee);
  } else {
    change.notifyAssigneeOrOps('requester_replied');
    if (change.state.slaClocks) change.state.slaClocks = requesterWrote(change.state.slaClocks, state.firstRepliedAt, change.now);
    // A requester's answer puts the ticket back in Support Ops' hands.
    if (state.status !== 'open') change.moveTo('open', command.actor, { cause: 'requester reply' });
  }
  return change.accept();
}

function assign(change: Change, command: Extract<MessageCommand, { type: 'assign' }>): Outcome {
  const { state } = change;
  if ((state.assignee?.id ?? null) === (command.assignee?.id ?? null)) {
    const whom = command.assignee ? `assigned to ${command.assignee.name ?? command.assignee.email}` : 'unassigned';
    return refuse(state, 'transition', `Ticket #${state.number} is already ${whom}.`);
  }
  applyAssignee(change, command.actor, command.assignee);
  return change.accept();
}

function applyAssignee(change: Change, actor: Actor, assignee: Person | null): void {
  const from = change.state.assignee;
  change.state.assignee = assignee;
  change.event(actor, 'assigned', { from, to: assignee });
  change.conversationMoved(actor);
}

function applyPriority(change: Change, actor: Actor, priority: TicketPriority): void {
  const from = change.state.priority;
  change.state.priority = priority;
  change.event(actor, 'priority_changed', { from, to: priority });
}

/** Puts tags on and takes them off; a refusal when the ticket would carry too many, else null (no change is none). */
function applyTags(change: Change, actor: Actor, add: string[], remove: string[]): Refusal | null {
  const current = change.state.tags;
  const removing = new Set(remove);
  const added = add.filter((tag) => !current.includes(tag) && !removing.has(tag));
  const removed = current.filter((tag) => removing.has(tag));
  if (added.length === 0 && removed.length === 0) return null;
  const tags = [...current.filter((tag) => !removing.has(tag)), ...added];
  if (tags.length > MAX_TAGS) return refuse(change.before, 'invalid', `A ticket has at most ${MAX_TAGS} tags.`);
  change.state.tags = tags;
  change.event(actor, 'tags_changed', { added, removed });
  return null;
}

/** Whether a reply changes more than the conversation and the status. */
function hasActions(command: Extract<MessageCommand, { type: 'reply' }>): boolean {
  return command.priority !== undefined || command.addTags !== undefined || command.removeTags !== undefined || command.assignee !== undefined || command.macro !== undefined;
}

function addCc(change: Change, command: Extract<MessageCommand, { type: 'addCc' }>): Outcome {
  const { state } = change;
  if (command.person.id === state.requester.id) return refuse(state, 'invalid', 'The requester cannot be CC\u2019d on their own ticket.');
  if (state.ccs.some((p) => p.id === command.person.id)) {
    return refuse(state, 'transition', `${command.person.email} is already CC\u2019d on ticket #${state.number}.`);
  }
  change.state.ccs = [...state.ccs, command.person];
  change.event(command.actor, 'cc_added', { person: command.person });
  return change.accept();
}

function removeCc(change: Change, command: Extract<MessageCommand, { type: 'removeCc' }>): Outcome {
  const { state } = change;
  const removed = state.ccs.find((p) => p.id === command.personId);
  if (!removed) return refuse(state, 'transition', `That person is not CC\u2019d on ticket #${state.number}.`);
  change.state.ccs = state.ccs.filter((p) => p.id !== command.personId);
  change.event(command.actor, 'cc_removed', { person: removed });
  return change.accept();
}

function setPriority(change: Change, command: Extract<MessageCommand, { type: 'setPriority' }>): Outcome {
  const { state } = change;
  if (state.priority === command.priority) return refuse(state, 'transition', `Ticket #${state.number} is already ${PRIORITY_LABELS[command.priority]} priority.`);
  applyPriority(change, command.actor, command.priority);
  return change.accept();
}

function changeTags(change: Change, command: Extract<MessageCommand, { type: 'changeTags' }>): Outcome {
  const { state } = change;
  const refusal = applyTags(change, command.actor, command.add ?? [], command.remove ?? []);
  if (refusal) return refusal;
  if (change.unchanged) return refuse(state, 'transition', `Ticket #${state.number} already has these tags.`);
  return change.accept();
}

/**
 * Another SLA policy version from now on. The clocks go on as they stand; a ticket that pinned none
 * (a run from before revision 5) starts them from its creation, its resolution clock stopped since
 * its last status change if that status does not count, and its first-reply breach kept.
 */
function applySla(change: Change, command: Extract<MessageCommand, { type: 'applySla' }>): Outcome {
  const { before: state } = change;
  const { sla } = command;
  const same = (a: typeof sla, b: typeof sla) => a.slaVersion === b.slaVersion && JSON.stringify(a.calendars.map((c) => [c.calendarId, c.version])) === JSON.stringify(b.calendars.map((c) => [c.calendarId, c.version]));
  if (state.sla && same(state.sla, sla)) return refuse(state, 'transition', `Ticket #${state.number} already counts version ${sla.slaVersion} of the SLA policy.`);
  let clocks = state.slaClocks;
  if (!clocks) {
    clocks = clocksOnStatus(startSlaClocks(state.createdAt), sla, state.status, state.statusChangedAt);
    if (state.slaBreachedAt !== null) clocks = stepTaken(clocks, 'firstReply', 'breach', state.slaBreachedAt);
  }
  change.state.sla = sla;
  change.state.slaClocks = clocks;
  change.event(command.actor, 'sla_policy_applied', { from: state.sla?.slaVersion ?? null, to: sla.slaVersion });
  return change.accept();
}

/**
 * The requester's answer to the survey of the current solve, once. A link to an older solve (the
 * ticket was reopened since) or to a survey already answered is refused, the ticket unchanged.
 */
function rate(change: Change, command: Extract<MessageCommand, { type: 'rate' }>): Outcome {
  const { before: state } = change;
  const { survey } = state;
  if (state.status !== 'solved' || !survey || survey.askedSeq !== command.survey) {
    return refuse(state, 'transition', `This satisfaction survey of ticket #${state.number} is no longer open: the ticket was reopened after it was asked (it is ${STATUS_LABELS[state.status]}).`);
  }
  if (survey.rating !== null) return refuse(state, 'transition', `Ticket #${state.number} has already been rated for this solve.`);
  const comment = (command.comment ?? '').trim();
  if (comment.length > MAX_SATISFACTION_COMMENT_LENGTH) return refuse(state, 'invalid', `A comment is at most ${MAX_SATISFACTION_COMMENT_LENGTH} characters.`);
  change.state.survey = { ...survey, rating: command.rating };
  change.event(command.actor, 'satisfaction_rated', { survey: survey.askedSeq, rating: command.rating, comment });
  if (command.rating === 'bad' && state.policy.satisfaction?.badRatingNotifiesOps) change.notifyOps('satisfaction_bad');
  return change.accept();
}

function refuse(state: TicketState, reason: Refusal['reason'], message: string): Refusal {
  return { ok: false, reason, message, status: state.status };
}

function refuseTimer(state: TicketState, timer: string): Refusal {
  return refuse(state, 'transition', `Timer ${timer} no longer applies: ticket #${state.number} is ${STATUS_LABELS[state.status]}.`);
}

/** Accumulates one command's changes on a copy of the state. */
class Change {
  readonly state: TicketState;
  private readonly events: TicketEvent[] = [];
  private readonly comments: TicketComment[] = [];
  private readonly notifications: TicketNotification[] = [];

  constructor(
    /** The state the change started from: what a refusal names. */
    readonly before: TicketState,
    readonly now: number,
  ) {
    this.state = { ...upgradeState(before), ccs: [...before.ccs] };
  }

  event(actor: Actor, kind: TicketEvent['kind'], data: Record<string, unknown>, from: TicketStatus | null = null, to: TicketStatus | null = null): number {
    const seq = ++this.state.lastEventSeq;
    this.events.push({ seq, at: this.now, actor, kind, fromStatus: from, toStatus: to, data });
    return seq;
  }

  /** Someone made a change a person answering must know of (TicketState.lastConversationChange). */
  conversationMoved(actor: Actor): void {
    this.state.lastConversationChange = { version: this.before.version + 1, actorId: actor.id, ...(actor.name ? { actorName: actor.name } : {}) };
  }

  /** Whether nothing has happened yet. */
  get unchanged(): boolean {
    return this.events.length === 0;
  }

  comment(author: Actor, body: string, internal: boolean, files: AttachmentRef[] = [], data: Record<string, unknown> = {}): void {
    const seq = this.event(author, 'commented', { internal, ...filesOf(files), ...data });
    this.conversationMoved(author);
    this.comments.push({ seq, at: this.now, author, body, internal, ...withFiles(files) });
    this.state.commentCount += 1;
  }

  /** `quiet`: the change travels with a message that already tells people (a reply "submitted as"). */
  moveTo(status: TicketStatus, actor: Actor, data: Record<string, unknown>, options: { quiet?: boolean } = {}): void {
    const from = this.state.status;
    this.event(actor, 'status_changed', data, from, status);
    if (actor.kind !== 'system') this.conversationMoved(actor);
    this.state.status = status;
    this.state.statusChangedAt = this.now;
    if (this.state.sla && this.state.slaClocks) this.state.slaClocks = clocksOnStatus(this.state.slaClocks, this.state.sla, status, this.now);
    // Timers are derived from these fields, so resetting them here re-arms every timer.
    this.state.pendingReminderSentAt = null;
    this.state.solvedAt = status === 'solved' ? this.now : null;
    if (status === 'closed') this.state.closedAt = this.now;
    // Each solve has a survey of its own; leaving Solved (but to Closed) ends it unanswered. A
    // ticket without a satisfaction policy (before revision 6) keeps its state as it was.
    if (status === 'solved' && this.state.policy.satisfaction) this.state.survey = { solvedAt: this.now, askedSeq: null, rating: null };
    else if (status !== 'closed' && this.state.survey) this.state.survey = null;
    if (options.quiet) return;
    if (status === 'solved') this.notifyAll('ticket_solved');
    if (status === 'closed') this.notifyAll('ticket_closed');
  }

  notify(kind: NotificationKind, person: Person): void {
    this.notifications.push(notify(this.state.lastEventSeq, kind, person));
  }

  notifyOps(kind: NotificationKind): void {
    this.notifications.push(notifyOps(this.state.lastEventSeq, kind));
  }

  notifyOnCall(kind: NotificationKind): void {
    this.notifications.push({ seq: this.state.lastEventSeq, kind, recipient: ON_CALL, recipientId: null });
  }

  /** The requester and everyone CC'd. */
  notifyAll(kind: NotificationKind): void {
    for (const person of [this.state.requester, ...this.state.ccs]) this.notify(kind, person);
  }

  notifyAssigneeOrOps(kind: NotificationKind): void {
    if (this.state.assignee) this.notify(kind, this.state.assignee);
    else this.notifyOps(kind);
  }

  accept(): Accepted {
    // A new priority counts its own pinned first-reply target, from the same start.
    if (this.state.sla && this.state.firstRepliedAt === null) this.state.firstReplyDueAt = slaDueAt(this.state, 'firstReply') ?? this.state.firstReplyDueAt;
    this.state.version = this.before.version + 1;
    this.state.updatedAt = this.now;
    return {
      ok: true,
      state: this.state,
      effects: { events: this.events, comments: this.comments, notifications: this.notifications },
    };
  }
}

function notify(seq: number, kind: NotificationKind, person: Person): TicketNotification {
  return { seq, kind, recipient: person.email, recipientId: person.id };
}

function notifyOps(seq: number, kind: NotificationKind): TicketNotification {
  return { seq, kind, recipient: SUPPORT_OPS, recipientId: null };
}

/** The audit trail's note of the files a message brought (nothing when it brought none). */
function filesOf(files: AttachmentRef[] | undefined): { files?: Array<Pick<AttachmentRef, 'id' | 'name' | 'size'>> } {
  return files?.length ? { files: files.map(({ id, name, size }) => ({ id, name, size })) } : {};
}

/** A comment's files, when it has some. */
function withFiles(files: AttachmentRef[] | undefined): { attachments?: AttachmentRef[] } {
  return files?.length ? { attachments: files } : {};
}

function dedupePeople(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}
