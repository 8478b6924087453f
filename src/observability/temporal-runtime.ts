// The Temporal SDK's process-wide runtime: its logs go through our JSON logger (with the ticket
// number for ticket workflows) and its metrics are served in Prometheus format on a loopback
// port, which our /metrics merges in. Must run once, before any worker connection is made.
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { ticketNumberOf, type Logger } from './logger.js';

const LEVELS: Record<string, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

const SDK_LEVEL: Record<string, 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

let installed: { sdkMetricsUrl: string } | undefined;

/** Installs the runtime (once per process); returns the URL of the SDK's metrics. */
export function installTemporalRuntime(logger: Logger, metricsPort: number): { sdkMetricsUrl: string } {
  if (installed) return installed;
  const sdkLogger = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(SDK_LEVEL[logger.level] ?? 'INFO', (entry: LogEntry) => {
      const meta = entry.meta ?? {};
      const ticketNumber = ticketNumberOf(meta.workflowId);
      sdkLogger[LEVELS[entry.level] ?? 'info']({ ...meta, ...(ticketNumber !== undefined ? { ticketNumber } : {}) }, entry.message);
    }),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } },
    // The product stops its worker itself, in order with the rest (see src/runtime/shutdown.ts).
    shutdownSignals: [],
  });
  installed = { sdkMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
  return installed;
}
