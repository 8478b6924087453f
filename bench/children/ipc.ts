// The few messages the bench exchanges with its child processes over Node's IPC channel.

export interface ReadyMessage {
  type: 'ready';
  /** Where the child listens, if it serves HTTP: name → URL. */
  urls?: Record<string, string>;
}

export interface MemoryMessage {
  type: 'memory';
  rss: number;
  heapUsed: number;
}

export type ChildMessage = ReadyMessage | MemoryMessage;
export type ParentMessage = { type: 'memory' } | { type: 'stop' };

/** In a child: answers memory requests and stops cleanly (so --cpu-prof writes its file) on request. */
export function serveParent(stop: () => Promise<void>): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      process.send?.({ type: 'memory', rss, heapUsed } satisfies MemoryMessage);
    } else if (message.type === 'stop') {
      stop().finally(() => process.exit(0));
    }
  });
  // The bench died without saying stop: do not outlive it.
  process.on('disconnect', () => {
    stop().finally(() => process.exit(0));
  });
}

export function announceReady(urls?: Record<string, string>): void {
  process.send?.({ type: 'ready', urls } satisfies ReadyMessage);
}
