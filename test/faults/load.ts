// The load of the fault run: many tickets, each walking its journey through the HTTP API, a
// bounded number at a time. A failed call is retried with the SAME request id until it is
// answered, which is what lets the product apply it exactly once; every acknowledged step is
// recorded, and so is a step that was sent but never acknowledged (its fate is unknown).
import { callApi, type ApiAnswer } from '../helpers/http-api.js';
import { STEPS, type Cast, type JourneyContext } from './journey.js';

export interface JourneyRecord {
  ctx: JourneyContext;
  /** How many steps, from the first, were acknowledged (the creation is step 1). */
  acked: number;
  /** The next step was sent but never acknowledged: it may or may not have happened. */
  inDoubt: boolean;
  /** A refusal nobody expected, with the API's answer. */
  refused: string | null;
}

export interface LoadProgress {
  acked: number;
  total: number;
  calls: number;
  retries: number;
}

export interface LoadOptions {
  apiUrl: string;
  runId: string;
  tickets: number;
  concurrency: number;
  cast(index: number): Cast;
  /** A step not acknowledged within this long is given up (and recorded as in doubt). */
  stepBudgetMs: number;
  /** Epoch ms after which no ticket is started and no call retried: the run always ends. */
  deadline: number;
  progress: LoadProgress;
}

// Worth another try with the same request id: the API or what is behind it is away.
const retriable = (answer: ApiAnswer) => answer.status >= 500 || answer.status === 429 || answer.status === 408;

async function untilAnswered(send: () => Promise<ApiAnswer>, giveUpAt: number, progress: LoadProgress): Promise<ApiAnswer | null> {
  let backoff = 100;
  for (;;) {
    progress.calls += 1;
    try {
      const answer = await send();
      if (!retriable(answer)) return answer;
    } catch {
      // Connection refused or reset, or no answer in time: the process behind it is away.
    }
    if (Date.now() > giveUpAt) return null;
    progress.retries += 1;
    await new Promise((resolve) => setTimeout(resolve, backoff));
    backoff = Math.min(backoff * 2, 2000);
  }
}

async function walk(options: LoadOptions, index: number): Promise<JourneyRecord> {
  const cast = options.cast(index);
  const record: JourneyRecord = { ctx: { ...cast, runId: options.runId, index, number: 0 }, acked: 0, inDoubt: false, refused: null };
  for (const [stepIndex, step] of STEPS.entries()) {
    const requestId = `${options.runId}-${index}-${stepIndex}`;
    const cookie = step.by === 'agent' ? cast.agent.cookie : cast.requester.cookie;
    const input = step.input(record.ctx, requestId);
    const answer = await untilAnswered(() => callApi(options.apiUrl, step.path, input, { cookie, timeoutMs: 45_000 }), Math.min(Date.now() + options.stepBudgetMs, options.deadline), options.progress);
    if (!answer) {
      record.inDoubt = true;
      return record;
    }
    if (answer.status !== 200) {
      record.refused = `${step.name}: ${answer.status} ${answer.error?.code ?? ''} ${answer.error?.message ?? answer.text.slice(0, 200)}`;
      return record;
    }
    if (step.name === 'create') record.ctx.number = (answer.data as { number: number }).number;
    record.acked += 1;
    options.progress.acked += 1;
  }
  return record;
}

export async function runLoad(options: LoadOptions): Promise<JourneyRecord[]> {
  const records: JourneyRecord[] = new Array(options.tickets);
  let next = 0;
  const lane = async () => {
    while (next < options.tickets && Date.now() < options.deadline) {
      const index = next++;
      records[index] = await walk(options, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.tickets) }, lane));
  // Tickets never started (the deadline passed) are left out: nothing was sent for them.
  return records.filter((record) => record !== undefined);
}
