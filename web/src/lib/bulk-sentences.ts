// What a bulk change says, in the reader's words: the change itself (for the confirmation), and for
// each ticket what was done or why it was not. A refusal is told from its data (data.refusal's
// reason and the ticket's status) and the change that was asked, as errors.ts tells a single one:
// the server's English message is never shown. What only the code explains is errors.ts's sentence.
// `assigneeName`: whom an assignment names (the page knows the agents; the change has only an id).
import { answerMessage } from '../api/errors.js';
import type { BulkChange, BulkResult, Refusal } from '../api/types.js';
import type { Messages } from '../i18n/en.js';

/** A change of tags, as the queue makes it: tags added, or else tags removed; said as one list. */
function tagsOf(change: Extract<BulkChange, { kind: 'tags' }>): { adding: boolean; tags: string } {
  const adding = (change.add?.length ?? 0) > 0;
  return { adding, tags: ((adding ? change.add : change.remove) ?? []).join(', ') };
}

/** The change, as the confirmation asks about it ("Set the status to Pending"). */
export function changeName(change: BulkChange, t: Messages, assigneeName: string): string {
  switch (change.kind) {
    case 'status':
      return t.bulk.toStatus(t.status[change.status]);
    case 'priority':
      return t.bulk.toPriority(t.priorityName[change.priority]);
    case 'assign':
      return change.assigneeId ? t.bulk.toAssignee(assigneeName) : t.bulk.toNobody;
    case 'tags': {
      const { adding, tags } = tagsOf(change);
      return adding ? t.bulk.addingTag(tags) : t.bulk.removingTag(tags);
    }
  }
}

/** One ticket's result: what it now is, or why it was left as it was. */
export function resultSentence(result: BulkResult, change: BulkChange, t: Messages, assigneeName: string): string {
  const n = result.number;
  if (result.outcome === 'done') {
    const { ticket } = result;
    switch (change.kind) {
      case 'status':
        return t.bulk.nowStatus(n, t.status[ticket.status]);
      case 'priority':
        return t.bulk.nowPriority(n, t.priorityName[change.priority]);
      case 'assign':
        return ticket.assignee ? t.bulk.nowAssigned(n, ticket.assignee.name || ticket.assignee.email) : t.bulk.nowUnassigned(n);
      case 'tags': {
        const { adding, tags } = tagsOf(change);
        return adding ? t.bulk.tagAdded(n, tags) : t.bulk.tagRemoved(n, tags);
      }
    }
  }
  if (result.outcome === 'failed') return t.bulk.notReached(n);
  const { refusal } = result;
  switch (refusal?.reason) {
    case 'transition':
      return alreadySo(n, refusal.status, change, t, assigneeName);
    case 'forbidden':
      return t.bulk.forbidden(n);
    case 'invalid':
      // The one thing a bulk change can ask that a ticket finds invalid: more tags than it may carry.
      if (change.kind === 'tags') return t.bulk.tooManyTags(n);
      break;
  }
  return t.bulk.other(n, answerMessage(result, t));
}

/**
 * A ticket that said no to a change its status allows otherwise: Closed, or already as asked (the
 * lifecycle refuses a change that changes nothing, so that no empty event enters the trail).
 */
function alreadySo(n: number, status: Refusal['status'], change: BulkChange, t: Messages, assigneeName: string): string {
  if (status === 'closed') return t.bulk.isClosed(n);
  switch (change.kind) {
    case 'status':
      return change.status === status ? t.bulk.alreadyStatus(n, t.status[change.status]) : status ? t.bulk.statusForbids(n, t.status[status]) : t.bulk.other(n, t.errors.conflict);
    case 'priority':
      return t.bulk.alreadyPriority(n, t.priorityName[change.priority]);
    case 'assign':
      return change.assigneeId ? t.bulk.alreadyAssigned(n, assigneeName) : t.bulk.alreadyUnassigned(n);
    case 'tags': {
      const { adding, tags } = tagsOf(change);
      return adding ? t.bulk.hasTag(n, tags) : t.bulk.lacksTag(n, tags);
    }
  }
}
