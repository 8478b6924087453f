// A cluster that runs beside anything else on the machine, for the cluster test, the fault run
// and the bench with --cluster: a temporary folder of its own and a free port for everything,
// Temporal's fixed offsets included, so that no run ever meets `npm run cluster` or another run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertPortsFree, PortInUseError } from '../net.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { startCluster, type RunningCluster } from './cluster.js';
import { clusterPorts, readClusterSettings, type ClusterSettings } from './settings.js';

const randomBase = (from: number, to: number) => from + Math.floor(Math.random() * (to - from));

export async function clusterSettingsOnFreePorts(dir: string): Promise<ClusterSettings> {
  for (let attempt = 1; ; attempt++) {
    // Apart from the ephemeral range (32768 and up), where outgoing connections take their ports.
    const settings = readClusterSettings({
      CLUSTER_DIR: dir,
      CLUSTER_PORT: String(randomBase(20_000, 22_000)),
      CLUSTER_API_PORT: String(randomBase(22_000, 23_000)),
      CLUSTER_METRICS_PORT: String(randomBase(23_000, 24_000)),
      CLUSTER_TEMPORAL_PORT: String(randomBase(25_000, 27_000)),
      CLUSTER_TEMPORAL_UI_PORT: String(randomBase(27_000, 28_000)),
      CLUSTER_POSTGRES_PORT: String(randomBase(28_000, 29_000)),
    });
    const { named } = clusterPorts(settings);
    if (new Set(named.map((wanted) => wanted.port)).size !== named.length) continue;
    try {
      await assertPortsFree(named);
      return { ...settings, publicUrl: `http://127.0.0.1:${settings.CLUSTER_PORT}` };
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= 20) throw error;
    }
  }
}

export interface ScratchClusterOptions {
  /** Names its folder: support-desk-<purpose>-XXXXXX in the system's temporary folder. */
  purpose: string;
  /** The product's settings for its workers and APIs (POLICY_*, LOG_LEVEL, …). */
  productSettings?: Record<string, string>;
  logger?: Logger;
}

/** The cluster in a new temporary folder (`cluster.settings.dir`; the caller removes it). */
export async function startScratchCluster(options: ScratchClusterOptions): Promise<RunningCluster> {
  const dir = mkdtempSync(join(tmpdir(), `support-desk-${options.purpose}-`));
  return startCluster({
    settings: await clusterSettingsOnFreePorts(dir),
    productSettings: { LOG_LEVEL: 'warn', ...options.productSettings },
    logger: options.logger ?? createLogger({ level: 'warn', service: `${options.purpose}-cluster` }),
  });
}
