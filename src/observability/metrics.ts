// The process's Prometheus registry and the metrics every process shares (Node's own).
// API, worker and ticket metrics register themselves here; /metrics renders it.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The text for a /metrics scrape: our registry plus, when the process runs a worker, the
 * Temporal SDK's own metrics (served by the SDK's core on a loopback port), so one endpoint
 * tells the whole story.
 */
export async function renderMetrics(registry: Registry, sdkMetricsUrl?: string): Promise<string> {
  const ours = await registry.metrics();
  if (!sdkMetricsUrl) return ours;
  try {
    const response = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(2000) });
    return `${ours}\n${await response.text()}`;
  } catch {
    // A worker still starting has no SDK metrics yet; the rest of the scrape is still useful.
    return ours;
  }
}
