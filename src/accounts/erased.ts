// What an erased person becomes in the projection: a placeholder name, address and text, the
// same in every language (the web shows "Erased person" in its reader's language when it meets
// them). Pure: the projection activity, the erasure and the web client share it.
import type { TicketComment, TicketEffects, TicketEvent } from '../../workflows/ticket/effects.js';
import type { Actor, Person, TicketState } from '../../workflows/ticket/model.js';

/** Stands for an erased person's name, and for any text of theirs (subject, description, message). */
export const ERASED = '[erased]';
/** Stands for an erased person's address: `.invalid` is reserved, so nothing is ever sent to it. */
export const ERASED_ADDRESS = 'erased@erased.invalid';

export const isErasedPerson = (person: { email: string } | null | undefined): boolean => person?.email === ERASED_ADDRESS;
export const isErasedName = (name: string | null | undefined): boolean => name === ERASED;

/** The person, kept under their (now unused) id so that their tickets are still found by it. */
export const erasedPerson = (id: string): Person => ({ id, email: ERASED_ADDRESS, name: ERASED });

/** The ids a ticket's state and effects name: the people an erasure could concern. */
export function peopleNamed(state: TicketState, effects: TicketEffects): string[] {
  const ids = new Set<string>([state.requester.id, ...state.ccs.map((p) => p.id)]);
  if (state.assignee) ids.add(state.assignee.id);
  for (const c of effects.comments) ids.add(c.author.id);
  // An event may name someone the state no longer does (a CC removed, the assignee before).
  for (const e of effects.events) {
    ids.add(e.actor.id);
    peopleIn(e.data, ids);
  }
  for (const n of effects.notifications) if (n.recipientId) ids.add(n.recipientId);
  return [...ids];
}

function peopleIn(value: unknown, ids: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) peopleIn(item, ids);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.email === 'string') ids.add(record.id);
    for (const item of Object.values(record)) peopleIn(item, ids);
  }
}

function person(p: Person, erased: ReadonlySet<string>): Person {
  return erased.has(p.id) ? erasedPerson(p.id) : p;
}

function actor(a: Actor, erased: ReadonlySet<string>): Actor {
  return erased.has(a.id) ? { ...a, name: ERASED } : a;
}

/** The ticket with the erased people's names, addresses and, for a requester, subject and description replaced. */
export function scrubState(state: TicketState, erased: ReadonlySet<string>): TicketState {
  if (erased.size === 0) return state;
  const requesterErased = erased.has(state.requester.id);
  return {
    ...state,
    requester: person(state.requester, erased),
    ...(requesterErased ? { subject: ERASED, description: ERASED, descriptionAttachments: [] } : {}),
    ccs: state.ccs.map((p) => person(p, erased)),
    assignee: state.assignee ? person(state.assignee, erased) : null,
  };
}

/** A comment of an erased person: the placeholder, without the files they sent. */
export function scrubComment(comment: TicketComment, erased: ReadonlySet<string>): TicketComment {
  if (!erased.has(comment.author.id)) return comment;
  return { ...comment, author: actor(comment.author, erased), body: ERASED, attachments: [] };
}

/**
 * An audit event's data with every erased person in it replaced (an assignee, a CC) and, for a
 * change an erased person made, the words and file names they gave. Statuses and times stay:
 * the ticket's history of statuses is kept.
 */
export function scrubEvent<E extends Pick<TicketEvent, 'actor' | 'data'>>(event: E, erased: ReadonlySet<string>): E {
  const byErased = erased.has(event.actor.id);
  const data = scrubData(event.data, erased) as Record<string, unknown>;
  if (byErased) {
    if ('subject' in data) data.subject = ERASED;
    if ('files' in data) data.files = [];
    // A satisfaction rating's comment is their words; the rating itself stays, as a status does.
    if (typeof data.comment === 'string' && data.comment !== '') data.comment = ERASED;
  }
  return { ...event, actor: actor(event.actor, erased), data };
}

function scrubData(value: unknown, erased: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => scrubData(item, erased));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.email === 'string' && erased.has(record.id)) return erasedPerson(record.id);
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, scrubData(item, erased)]));
  }
  return value;
}

/** What a write must hold once some people are erased: no words of theirs, no e-mail to them. */
export function scrubEffects(effects: TicketEffects, erased: ReadonlySet<string>): TicketEffects {
  if (erased.size === 0) return effects;
  return {
    events: effects.events.map((e) => scrubEvent(e, erased)),
    comments: effects.comments.map((c) => scrubComment(c, erased)),
    notifications: effects.notifications.filter((n) => !(n.recipientId && erased.has(n.recipientId))),
  };
}
