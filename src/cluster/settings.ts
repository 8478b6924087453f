// The settings of `npm run cluster`: where it keeps its data, how many workers and API processes
// it runs, and its ports. Every port has a setting, so that the whole topology can move beside
// another one (the tests run one on free ports). The product's own settings (SMTP_URL, POLICY_*,
// LOG_LEVEL, …; src/env.ts) are handed to the workers and APIs as they are.
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../env.js';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z.object({
  /** Everything the cluster keeps: Postgres's data, the payload keys, generated configs, logs. */
  CLUSTER_DIR: z.string().min(1).default('.cluster'),
  CLUSTER_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
  CLUSTER_APIS: z.coerce.number().int().min(1).max(8).default(2),
  /** The portal, as nginx serves it: the one public port. */
  CLUSTER_PORT: port(3000),
  /** The first API process's port; the next ones follow (3001, 3002, …). */
  CLUSTER_API_PORT: port(3001),
  /** The first /metrics port: the workers', then the APIs', then the Temporal server's (9464, 9465, …). */
  CLUSTER_METRICS_PORT: port(9464),
  /**
   * The Temporal frontend (gRPC). The server's other ports keep Temporal's usual places around
   * it: history +1, matching +2, its worker +6, HTTP +10, and each one's membership port 300 below.
   */
  CLUSTER_TEMPORAL_PORT: port(7233),
  CLUSTER_TEMPORAL_UI_PORT: port(8080),
  CLUSTER_POSTGRES_PORT: port(5434),
  /** The address people use to reach the portal (default http://localhost:CLUSTER_PORT). */
  PUBLIC_URL: z.string().url().optional(),
  /** The Support Ops admin whose first access link is printed on the first start. */
  CLUSTER_ADMIN_EMAIL: z.email().default('admin@example.com'),
});

export type ClusterEnv = z.output<typeof schema>;

export interface ClusterSettings extends ClusterEnv {
  dir: string;
  publicUrl: string;
}

export const CLUSTER_SETTING_NAMES = Object.keys(schema.shape) as Array<keyof ClusterEnv>;

export function readClusterSettings(source: Record<string, string | undefined>): ClusterSettings {
  const given = Object.fromEntries(Object.entries(source).filter(([key, value]) => value !== '' && (CLUSTER_SETTING_NAMES as string[]).includes(key)));
  const result = schema.safeParse(given);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration:\n${result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  }
  const env = result.data;
  return { ...env, dir: resolve(env.CLUSTER_DIR), publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.CLUSTER_PORT}`).replace(/\/$/, '') };
}

/** Every port of the topology, with the setting that moves it (for a clear refusal when one is taken). */
export function clusterPorts(settings: ClusterEnv) {
  const t = settings.CLUSTER_TEMPORAL_PORT;
  const temporal = { frontend: t, history: t + 1, matching: t + 2, worker: t + 6, http: t + 10 };
  const membership = { frontend: t - 300, history: t + 1 - 300, matching: t + 2 - 300, worker: t + 6 - 300 };
  const apis = Array.from({ length: settings.CLUSTER_APIS }, (_, i) => settings.CLUSTER_API_PORT + i);
  const workerMetrics = Array.from({ length: settings.CLUSTER_WORKERS }, (_, i) => settings.CLUSTER_METRICS_PORT + i);
  const apiMetrics = apis.map((_, i) => settings.CLUSTER_METRICS_PORT + settings.CLUSTER_WORKERS + i);
  const temporalMetrics = settings.CLUSTER_METRICS_PORT + settings.CLUSTER_WORKERS + settings.CLUSTER_APIS;
  const named: Array<{ port: number; setting: string }> = [
    { port: settings.CLUSTER_PORT, setting: 'CLUSTER_PORT' },
    ...apis.map((port, i) => ({ port, setting: `CLUSTER_API_PORT (API ${i + 1})` })),
    ...[...workerMetrics, ...apiMetrics, temporalMetrics].map((port) => ({ port, setting: 'CLUSTER_METRICS_PORT' })),
    ...[...Object.values(temporal), ...Object.values(membership)].map((port) => ({ port, setting: 'CLUSTER_TEMPORAL_PORT' })),
    { port: settings.CLUSTER_TEMPORAL_UI_PORT, setting: 'CLUSTER_TEMPORAL_UI_PORT' },
    { port: settings.CLUSTER_POSTGRES_PORT, setting: 'CLUSTER_POSTGRES_PORT' },
  ];
  return { portal: settings.CLUSTER_PORT, apis, workerMetrics, apiMetrics, temporalMetrics, temporal, membership, ui: settings.CLUSTER_TEMPORAL_UI_PORT, postgres: settings.CLUSTER_POSTGRES_PORT, named };
}

export type ClusterPorts = ReturnType<typeof clusterPorts>;
