// What the reader may do on a ticket, read from the one permission table that the workflow and
// the API apply too (workflows/ticket/permissions.ts): the portal offers only what they would accept.
import type { MessageName } from '../../../workflows/ticket/commands';
import { maySend, refusalFor, type Attempt } from '../../../workflows/ticket/permissions';
import type { Standing } from '../api/types';

export interface TicketPermissions {
  /** May send this message at all. */
  may(message: MessageName): boolean;
  /** May write internal notes and change the status with a reply ("submit as"). */
  mayReplyAsSupport: boolean;
  /** May take this person off the CC list (a CC'd user: only themselves). */
  mayRemoveCc(personId: string): boolean;
}

export function permissionsOn(standing: Standing, readerId: string, ticketNumber: number): TicketPermissions {
  const actor: Attempt['actor'] = { kind: standing === 'agent' ? 'agent' : 'requester', id: readerId };
  const allowed = (attempt: Omit<Attempt, 'actor'>) => refusalFor(standing, { ...attempt, actor }, ticketNumber) === null;
  return {
    may: (message) => maySend(standing, message),
    mayReplyAsSupport: allowed({ type: 'reply', internal: true }) && allowed({ type: 'reply', status: 'pending' }),
    mayRemoveCc: (personId) => allowed({ type: 'removeCc', personId }),
  };
}
