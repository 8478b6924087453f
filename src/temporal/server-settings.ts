// Dynamic config for every Temporal server the product starts (the dev server under `npm start`,
// the tests and the bench). The defaults suit a cluster shared by many workloads and cost a small
// desk tens of milliseconds per step; docs/PERFORMANCE.md measures each one.
//
// - history.transferProcessorMaxPollRPS (default 20 per shard): how often the history service
//   reads its transfer queue, which carries every workflow and activity task to matching. The dev
//   server has one shard, so past a short burst each hop waited ~50 ms: a creation makes two.
// - history.timerProcessorMaxPollRPS (default 20 per shard): the same for the timer queue, which
//   fires the tickets' reminders, closes and SLA deadlines.
// - history.visibilityProcessorMaxPollRPS (default 20 per shard): the same for the visibility
//   queue, which makes a ticket's new search attributes findable by ops queries.
// - matching.numTaskqueue{Read,Write}Partitions (default 4): with several partitions a task written
//   to one partition waits for the forwarder (10 per second) to reach a poller waiting on another.
//   One partition serves a task queue's thousands of tasks per second, far beyond a desk's load.
// None adds work per task: they remove waits, and the reads they allow happen only while a queue
// has tasks in it.
export const LOW_LATENCY_SETTINGS = {
  'history.transferProcessorMaxPollRPS': 1000,
  'history.timerProcessorMaxPollRPS': 1000,
  'history.visibilityProcessorMaxPollRPS': 1000,
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
} as const satisfies Record<string, number>;
