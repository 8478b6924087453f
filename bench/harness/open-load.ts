// A bounded open-loop load generator: operations arrive at a fixed rate whatever the system does,
// as requests from many independent people would, for a time or an operation count. Latency runs
// from each operation's scheduled arrival, so an arrival that had to wait (behind a slow event
// loop, or for a free ticket) counts its wait too instead of hiding it.
import { performance } from 'node:perf_hooks';
import { createRecorder, type LoadResult } from './load.js';

export interface OpenLoadOptions {
  /** Arrivals per second. */
  rate: number;
  /** Stop scheduling new arrivals after this long. */
  seconds: number;
  /** Stop after this many arrivals in all (a safety bound). */
  maxOperations?: number;
}

/**
 * Calls `operation(arrival)` for arrivals evenly spaced at `rate` per second. The latency of each
 * successful call is recorded, under the label it returns if any; a failure is counted.
 */
export async function runOpenLoad(options: OpenLoadOptions, operation: (arrival: number) => Promise<string | void>): Promise<LoadResult> {
  const recorder = createRecorder();
  const interval = 1000 / options.rate;
  const arrivals = Math.min(Math.floor(options.seconds * options.rate), options.maxOperations ?? Number.POSITIVE_INFINITY);
  const begin = performance.now();
  const inFlight: Promise<void>[] = [];
  let mostInFlight = 0;
  let running = 0;

  const arrive = async (arrival: number, scheduledAt: number) => {
    running++;
    mostInFlight = Math.max(mostInFlight, running);
    try {
      const label = await operation(arrival);
      recorder.succeeded(label, performance.now() - scheduledAt);
    } catch (error) {
      recorder.failed(error);
    } finally {
      running--;
    }
  };

  for (let arrival = 0; arrival < arrivals; arrival++) {
    const scheduledAt = begin + arrival * interval;
    const wait = scheduledAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(arrive(arrival, scheduledAt));
  }
  await Promise.all(inFlight);
  return recorder.result((performance.now() - begin) / 1000, mostInFlight);
}
