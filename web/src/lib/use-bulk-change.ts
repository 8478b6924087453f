// Sending one change to the queue's selection (tickets.bulk) and keeping what it answered. Each
// new change gets a request id of its own (request-id.ts); trying a submission again sends it as it
// was, the same id, so that a ticket it already changed is not changed twice (the server answers
// it as done) while those it could not reach get their chance.
import { useState } from 'react';
import { api } from '../api/client';
import type { BulkAnswer, BulkChange, BulkInput } from '../api/types';
import { useAction } from './use-action';
import { newRequestId } from './request-id';

export interface BulkSubmission {
  input: BulkInput;
  /** The name of whom the change assigns to, for the sentences that say it (none for other changes). */
  assigneeName: string;
  /** Null until the server answers, and when it could not be reached (then `error` says why). */
  answer: BulkAnswer | null;
}

export interface BulkChanger {
  busy: boolean;
  /** Why the whole request failed (no answer, or refused as a whole), until the next one. */
  error: unknown;
  last: BulkSubmission | null;
  apply(numbers: number[], change: BulkChange, assigneeName?: string): Promise<void>;
  /** The last submission again, with its request id. */
  retry(): Promise<void>;
  dismiss(): void;
}

/** `onAnswered`: what the page does with an answer (the queue refreshes, keeps the refused selected). */
export function useBulkChange(onAnswered: (answer: BulkAnswer) => void): BulkChanger {
  const action = useAction();
  const [last, setLast] = useState<BulkSubmission | null>(null);
  const send = async (submission: Omit<BulkSubmission, 'answer'>) => {
    await action.run(async () => {
      setLast({ ...submission, answer: null });
      const answer = await api.tickets.bulk.mutate(submission.input);
      setLast({ ...submission, answer });
      onAnswered(answer);
    });
  };
  return {
    busy: action.busy,
    error: action.error,
    last,
    apply: (numbers, change, assigneeName = '') => send({ input: { numbers, change, requestId: newRequestId() }, assigneeName }),
    retry: async () => {
      if (last) await send(last);
    },
    dismiss: () => {
      setLast(null);
      action.clear();
    },
  };
}
