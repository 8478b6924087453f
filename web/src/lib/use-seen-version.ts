// The ticket's version an agent's reply is written against (tickets.reply and macros.send take it
// as `seenVersion`). While the reply box is empty it follows the page, which the live feed keeps
// current; from the first word it stays at the ticket as it was then, so that a colleague's reply
// or change made meanwhile makes the server refuse the send as stale. Then, once the page has the
// ticket again, it says what changed since, and the next send is written against the ticket as
// it now is: the agent has been shown the change.
import { useEffect, useState } from 'react';
import type { Person, Ticket, TicketComment } from '../api/types';

interface Seen {
  version: number;
  /** The last message the agent had on the page. */
  lastSeq: number;
  status: Ticket['status'];
  assigneeId: string | null;
}

/** What others changed between the version the agent wrote against and the ticket as it now is. */
export interface Review {
  messages: TicketComment[];
  /** The new status, when it changed. */
  status: Ticket['status'] | null;
  /** The new assignee (null: nobody), when that changed. */
  assignee: Person | null | undefined;
}

const seenOf = (ticket: Ticket, conversation: TicketComment[]): Seen => ({
  version: ticket.version,
  lastSeq: conversation.at(-1)?.seq ?? 0,
  status: ticket.status,
  assigneeId: ticket.assignee?.id ?? null,
});

export interface SeenVersion {
  /** What to send as seenVersion. */
  version: number;
  /** After a stale refusal: null while the page reloads the ticket, then what changed. */
  review: Review | null;
  stale: boolean;
  /** The reply box got its first words: hold on to the ticket as it is. */
  drafting(): void;
  /** The reply box is empty again, or its reply was sent: follow the page again. */
  settled(): void;
  /** The server refused the send as stale. */
  refused(): void;
}

export function useSeenVersion(ticket: Ticket, conversation: TicketComment[], meId: string): SeenVersion {
  const now = seenOf(ticket, conversation);
  const [held, setHeld] = useState<Seen | null>(null);
  // The version the stale send was written against, until the page has a newer ticket.
  const [refusedAt, setRefusedAt] = useState<Seen | null>(null);
  const [review, setReview] = useState<Review | null>(null);

  useEffect(() => {
    if (!refusedAt || ticket.version <= refusedAt.version) return;
    setReview({
      messages: conversation.filter((c) => c.seq > refusedAt.lastSeq && c.author.id !== meId),
      status: ticket.status !== refusedAt.status ? ticket.status : null,
      assignee: (ticket.assignee?.id ?? null) !== refusedAt.assigneeId ? ticket.assignee : undefined,
    });
    setHeld(seenOf(ticket, conversation));
    setRefusedAt(null);
  }, [ticket.version, refusedAt]);

  return {
    version: (held ?? now).version,
    review,
    stale: refusedAt !== null || review !== null,
    drafting: () => setHeld((before) => before ?? now),
    settled: () => {
      setHeld(null);
      setRefusedAt(null);
      setReview(null);
    },
    refused: () => {
      setReview(null);
      setRefusedAt(held ?? now);
    },
  };
}
