// Dynamic config for every Temporal server the product starts (the dev server under `npm start`,
// the tests and the bench) or documents (the cluster): docs/PERFORMANCE.md measures each one.

/**
 * The defaults suit a cluster shared by many workloads and cost a small desk tens of milliseconds
 * per step.
 * - history.transferProcessorMaxPollRPS (default 20 per shard): how often the history service
 *   reads its transfer queue, which carries every workflow and activity task to matching. The dev
 *   server has one shard, so past a short burst each hop waited ~50 ms: a creation makes two.
 * - history.timerProcessorMaxPollRPS (default 20 per shard): the same for the timer queue, which
 *   fires the tickets' reminders, closes and SLA deadlines.
 * - history.visibilityProcessorMaxPollRPS (default 20 per shard): the same for the visibility
 *   queue, which makes a ticket's new search attributes findable by ops queries.
 * - matching.numTaskqueue{Read,Write}Partitions (default 4): with several partitions a task written
 *   to one partition waits for the forwarder (10 per second) to reach a poller waiting on another.
 *   One partition serves a task queue's thousands of tasks per second, far beyond a desk's load.
 * None adds work per task: they remove waits, and the reads they allow happen only while a queue
 * has tasks in it.
 */
export const LOW_LATENCY_SETTINGS = {
  'history.transferProcessorMaxPollRPS': 1000,
  'history.timerProcessorMaxPollRPS': 1000,
  'history.visibilityProcessorMaxPollRPS': 1000,
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
} as const satisfies Record<string, number>;

/**
 * Signals one run of a ticket takes before the server refuses more (default 10,000) with
 * "exceeded workflow execution limit for signal events"; the sender sends again once the ticket
 * has moved to its next run. A run ends after about a thousand events (workflows/ticket/
 * workflow.ts), but a continue-as-new that a Signal interrupts is retried, and under a stream of
 * Signals that may go on until they stop: this is what stops them, so that no run passes Temporal's
 * warning level of 10,240 events. A person never sends a ticket this many.
 */
export const MAX_SIGNALS_PER_RUN = 2000;

export const TICKET_SERVER_SETTINGS = {
  ...LOW_LATENCY_SETTINGS,
  'history.maximumSignalsPerExecution': MAX_SIGNALS_PER_RUN,
} as const satisfies Record<string, number>;
