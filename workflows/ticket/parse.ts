// Checks the shape of a message's input before the lifecycle sees it. Messages from the API are
// already validated there; these come from anyone with the Temporal UI or CLI, so a malformed
// signal must be refused cleanly instead of failing the workflow task.
import type { MessageCommand, MessageName, ReplyActions } from './commands.js';
import type { Actor, AttachmentRef, NewTicket, Person } from './model.js';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, MAX_TAGS, PAGE_CHANNELS, SATISFACTION_RATINGS, SETTABLE_STATUSES, TICKET_PRIORITIES, type SatisfactionRating } from './model.js';
import { pinnedSlaProblem } from '../sla/parse-pinned.js';
import type { PinnedSla } from '../sla/pinned.js';
import { normalizeTags, tagProblem } from './tags.js';
import { allStorableText, isStorableText, NOT_TEXT } from './text.js';

export type Parsed = { ok: true; command: MessageCommand } | { ok: false; message: string };

/**
 * Which text a message may carry: `storable` (text.ts) for runs of today's revision; `nul-free`,
 * the only check runs of revisions 1 and 2 made, so that their histories replay as recorded.
 */
export type TextRule = 'storable' | 'nul-free';

export function parseMessage(name: MessageName, input: unknown, textRule: TextRule = 'storable'): Parsed {
  // Text the projection could not write would leave the ticket unable to record it (text.ts).
  if (textRule === 'storable' && !allStorableText(input)) {
    return fail(`${NOT_TEXT} Text may not hold NUL or other control characters, lone surrogates or noncharacters.`);
  }
  if (textRule === 'nul-free' && containsNul(input)) return fail('text may not contain NUL characters');
  if (!isRecord(input)) return fail(`${name} expects one object argument, e.g. {"actor":{"kind":"agent","id":"ops"}}`);
  const actor = parseActor(input.actor);
  if (typeof actor === 'string') return fail(actor);
  switch (name) {
    case 'reply': {
      if (typeof input.body !== 'string') return fail('reply needs "body", a string');
      if (input.internal !== undefined && typeof input.internal !== 'boolean') return fail('"internal" must be true or false');
      const status = input.status;
      if (status !== undefined && !SETTABLE_STATUSES.includes(status as never)) {
        return fail(`"status" must be one of ${SETTABLE_STATUSES.join(', ')}`);
      }
      const attachments = parseAttachments(input.attachments);
      if (typeof attachments === 'string') return fail(attachments);
      const actions = parseReplyActions(input);
      if (typeof actions === 'string') return fail(actions);
      if (input.seenVersion !== undefined && !(Number.isSafeInteger(input.seenVersion) && (input.seenVersion as number) >= 0)) return fail('"seenVersion" must be a version number');
      if (input.seenVersion !== undefined) actions.seenVersion = input.seenVersion as number;
      return ok({ type: 'reply', actor, body: input.body, internal: input.internal as boolean | undefined, status: status as never, ...(attachments.length ? { attachments } : {}), ...actions });
    }
    case 'setPending':
    case 'putOnHold':
    case 'solve':
    case 'reopen':
      return ok({ type: name, actor });
    case 'assign': {
      if (input.assignee === null) return ok({ type: 'assign', actor, assignee: null });
      const assignee = parsePerson(input.assignee);
      return typeof assignee === 'string' ? fail(`"assignee": ${assignee}`) : ok({ type: 'assign', actor, assignee });
    }
    case 'addCc': {
      const person = parsePerson(input.person);
      return typeof person === 'string' ? fail(`"person": ${person}`) : ok({ type: 'addCc', actor, person });
    }
    case 'removeCc':
      if (typeof input.personId !== 'string' || input.personId === '') return fail('removeCc needs "personId", a string');
      return ok({ type: 'removeCc', actor, personId: input.personId });
    case 'setPriority':
      if (!TICKET_PRIORITIES.includes(input.priority as never)) return fail(`"priority" must be one of ${TICKET_PRIORITIES.join(', ')}`);
      return ok({ type: 'setPriority', actor, priority: input.priority as (typeof TICKET_PRIORITIES)[number] });
    case 'changeTags': {
      const add = parseTags(input.add, 'add');
      if (typeof add === 'string') return fail(add);
      const remove = parseTags(input.remove, 'remove');
      if (typeof remove === 'string') return fail(remove);
      if (add.length === 0 && remove.length === 0) return fail('changeTags needs "add" or "remove", lists of tags');
      return ok({ type: 'changeTags', actor, ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) });
    }
    case 'applySla': {
      const problem = pinnedSlaProblem(input.sla);
      return problem ? fail(problem) : ok({ type: 'applySla', actor, sla: input.sla as PinnedSla });
    }
    case 'rate': {
      if (!(Number.isSafeInteger(input.survey) && (input.survey as number) >= 1)) return fail('rate needs "survey", the seq of the survey it answers');
      if (!SATISFACTION_RATINGS.includes(input.rating as never)) return fail(`"rating" must be one of ${SATISFACTION_RATINGS.join(', ')}`);
      if (input.comment !== undefined && typeof input.comment !== 'string') return fail('"comment" must be a string');
      const comment = input.comment === undefined ? {} : { comment: input.comment as string };
      return ok({ type: 'rate', actor, survey: input.survey as number, rating: input.rating as SatisfactionRating, ...comment });
    }
  }
}

/** What else a reply changes (commands.ts, ReplyActions); only the fields given. */
function parseReplyActions(input: Record<string, unknown>): (ReplyActions & { seenVersion?: number }) | string {
  const actions: ReplyActions & { seenVersion?: number } = {};
  if (input.priority !== undefined) {
    if (!TICKET_PRIORITIES.includes(input.priority as never)) return `"priority" must be one of ${TICKET_PRIORITIES.join(', ')}`;
    actions.priority = input.priority as ReplyActions['priority'];
  }
  for (const field of ['addTags', 'removeTags'] as const) {
    const tags = parseTags(input[field], field);
    if (typeof tags === 'string') return tags;
    if (tags.length) actions[field] = tags;
  }
  if (input.assignee !== undefined) {
    const assignee = input.assignee === null ? null : parsePerson(input.assignee);
    if (typeof assignee === 'string') return `"assignee": ${assignee}`;
    actions.assignee = assignee;
  }
  if (input.macro !== undefined) {
    const macro = input.macro;
    if (!isRecord(macro) || typeof macro.id !== 'string' || typeof macro.title !== 'string') return '"macro" is {"id", "title"}';
    actions.macro = { id: macro.id, title: macro.title };
  }
  return actions;
}

/** A list of tags, normalised (tags.ts); absent: none. */
function parseTags(raw: unknown, field: string): string[] | string {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > MAX_TAGS || !raw.every((tag) => typeof tag === 'string')) return `"${field}" must be a list of at most ${MAX_TAGS} tags`;
  const tags = normalizeTags(raw as string[]);
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem) return `"${field}": ${problem}`;
  }
  return tags;
}

function parseActor(raw: unknown): Actor | string {
  if (!isRecord(raw)) return 'needs "actor": {"kind": "agent" | "requester", "id": "…"}';
  if (raw.kind !== 'agent' && raw.kind !== 'requester') return '"actor.kind" must be "agent" or "requester"';
  if (typeof raw.id !== 'string' || raw.id === '') return '"actor.id" must be a non-empty string';
  return { kind: raw.kind, id: raw.id, ...(typeof raw.name === 'string' ? { name: raw.name } : {}) };
}

function parsePerson(raw: unknown): Person | string {
  if (!isRecord(raw)) return 'expects {"id": "…", "email": "…"}';
  if (typeof raw.id !== 'string' || raw.id === '') return '"id" must be a non-empty string';
  if (typeof raw.email !== 'string' || !raw.email.includes('@')) return '"email" must be an e-mail address';
  return { id: raw.id, email: raw.email, ...(typeof raw.name === 'string' ? { name: raw.name } : {}) };
}

/** A message's files, as the API resolved them from uploads (only their id, name, type and size travel). */
function parseAttachments(raw: unknown): AttachmentRef[] | string {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > MAX_ATTACHMENTS_PER_MESSAGE) return `"attachments" must be a list of at most ${MAX_ATTACHMENTS_PER_MESSAGE} files`;
  const files: AttachmentRef[] = [];
  for (const file of raw) {
    if (!isRecord(file) || typeof file.id !== 'string' || typeof file.name !== 'string' || typeof file.type !== 'string' || !Number.isSafeInteger(file.size) || (file.size as number) < 0) {
      return 'each of "attachments" is {"id", "name", "type", "size"}';
    }
    files.push({ id: file.id, name: file.name, type: file.type, size: file.size as number });
  }
  return files;
}

/** What is wrong with a new ticket's fields, or null: checked before a number is used, and at start. */
export function newTicketProblem(ticket: Pick<NewTicket, 'subject' | 'description' | 'requester' | 'ccs' | 'onCallPage'>): { field: string; message: string } | null {
  const subject = ticket.subject.trim();
  if (subject.length === 0) return { field: 'subject', message: 'A subject is required.' };
  if (subject.length > MAX_SUBJECT_LENGTH) return { field: 'subject', message: `A subject is at most ${MAX_SUBJECT_LENGTH} characters.` };
  if (!isStorableText(subject)) return { field: 'subject', message: NOT_TEXT };
  const description = ticket.description.trim();
  if (description.length === 0) return { field: 'description', message: 'Describe the problem.' };
  if (description.length > MAX_BODY_LENGTH) return { field: 'description', message: `A description is at most ${MAX_BODY_LENGTH} characters.` };
  if (!isStorableText(description)) return { field: 'description', message: NOT_TEXT };
  if (!allStorableText(ticket.requester)) return { field: 'requester', message: NOT_TEXT };
  if (!allStorableText(ticket.ccs)) return { field: 'ccs', message: NOT_TEXT };
  // A ticket started by hand could name a channel nothing delivers: its breach could never be written.
  const pages: unknown = ticket.onCallPage;
  if (pages !== undefined && !(Array.isArray(pages) && pages.every((channel) => (PAGE_CHANNELS as readonly unknown[]).includes(channel)))) {
    return { field: 'onCallPage', message: `The on-call is paged by ${PAGE_CHANNELS.join(' or ')}.` };
  }
  return null;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (isRecord(value)) return Object.values(value).some(containsNul);
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ok = (command: MessageCommand): Parsed => ({ ok: true, command });
const fail = (message: string): Parsed => ({ ok: false, message });
