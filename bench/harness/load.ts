// A bounded closed-loop load generator: `concurrency` loops, each issuing one operation at a time,
// until a time limit or an operation count is reached, whichever comes first. A closed loop never
// queues more work than the system finishes, so latencies stay honest at every step of a ladder.
import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats.js';

export interface LoadOptions {
  concurrency: number;
  /** Stop starting new operations after this long. */
  seconds: number;
  /** Stop after this many operations in all (a safety bound). */
  maxOperations?: number;
}

export interface LoadResult extends Summary {
  /** Closed loop: the number of loops. Open loop: the most operations that were in flight at once. */
  concurrency: number;
  firstError?: string;
  /** Per kind of operation, when the operation names its kind (e.g. reply, setPending, solve). */
  byLabel: Record<string, Summary>;
}

/** Collects the outcome of a load's operations: latencies (overall and by label) and failures. */
export function createRecorder() {
  const latencies: number[] = [];
  const labelled = new Map<string, number[]>();
  let errors = 0;
  let firstError: string | undefined;
  return {
    succeeded(label: string | void, ms: number): void {
      latencies.push(ms);
      if (label) {
        if (!labelled.has(label)) labelled.set(label, []);
        labelled.get(label)!.push(ms);
      }
    },
    failed(error: unknown): void {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
    },
    result(seconds: number, concurrency: number): LoadResult {
      const byLabel = Object.fromEntries([...labelled].map(([label, values]) => [label, summarize(values, 0, seconds)]));
      return { ...summarize(latencies, errors, seconds), concurrency, firstError, byLabel };
    },
  };
}

/**
 * Runs `operation(loopIndex, iteration)` in `concurrency` loops. The latency of each successful
 * call is recorded, under the label it returns if any; a failure is counted and the loop goes on.
 */
export async function runLoad(options: LoadOptions, operation: (loop: number, iteration: number) => Promise<string | void>): Promise<LoadResult> {
  const recorder = createRecorder();
  let started = 0;
  const maxOperations = options.maxOperations ?? Number.POSITIVE_INFINITY;
  const begin = performance.now();
  const end = begin + options.seconds * 1000;
  const loop = async (index: number) => {
    for (let iteration = 0; performance.now() < end && started < maxOperations; iteration++) {
      started++;
      const t0 = performance.now();
      try {
        const label = await operation(index, iteration);
        recorder.succeeded(label, performance.now() - t0);
      } catch (error) {
        recorder.failed(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => loop(i)));
  return recorder.result((performance.now() - begin) / 1000, options.concurrency);
}
