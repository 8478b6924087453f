// The real Temporal server of the cluster (every service in one process), persisting to the
// cluster's Postgres with SQL visibility. Its config is the template its Docker image uses
// (config/docker.yaml of the server module, filled from the environment), so that the cluster and
// docker-compose.yml configure it with the same settings; its dynamic config is made from
// src/temporal/server-settings.ts. The namespace and the search attributes are the workers' to
// make (src/temporal/namespace.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { renderDynamicConfig } from './dynamic-config.js';
import { POSTGRES_USER, TEMPORAL_DATABASES, type ClusterPostgres } from './postgres.js';
import type { ClusterPorts } from './settings.js';
import type { ProcessSpec } from './supervisor.js';
import type { ClusterTools } from './tools.js';

/**
 * The settings the config template reads; docker-compose.yml gives its temporal service the same
 * (test/ops/compose.test.ts). `bindIp` unset: the server image binds the container's address itself.
 */
export function temporalServerEnvironment(options: { postgresHost: string; postgresPort: number; password: string; bindIp?: string; ports: ClusterPorts; dynamicConfigFile: string; metrics: string }): Record<string, string> {
  const { ports } = options;
  return {
    DB: 'postgres12',
    POSTGRES_SEEDS: options.postgresHost,
    DB_PORT: String(options.postgresPort),
    // The template reads the visibility store's port from a setting of its own.
    VISIBILITY_DB_PORT: String(options.postgresPort),
    POSTGRES_USER,
    POSTGRES_PWD: options.password,
    DBNAME: TEMPORAL_DATABASES.persistence,
    VISIBILITY_DBNAME: TEMPORAL_DATABASES.visibility,
    ...(options.bindIp ? { BIND_ON_IP: options.bindIp, TEMPORAL_BROADCAST_ADDRESS: options.bindIp } : {}),
    FRONTEND_GRPC_PORT: String(ports.temporal.frontend),
    FRONTEND_HTTP_PORT: String(ports.temporal.http),
    FRONTEND_MEMBERSHIP_PORT: String(ports.membership.frontend),
    HISTORY_GRPC_PORT: String(ports.temporal.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.membership.history),
    MATCHING_GRPC_PORT: String(ports.temporal.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.membership.matching),
    WORKER_GRPC_PORT: String(ports.temporal.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.membership.worker),
    DYNAMIC_CONFIG_FILE_PATH: options.dynamicConfigFile,
    PROMETHEUS_ENDPOINT: options.metrics,
    // No authorizer: the frontend is reachable from the cluster's own processes only (loopback
    // here, the compose network there). The server warns without this, and will refuse.
    TEMPORAL_ALLOW_NO_AUTH: 'true',
    LOG_LEVEL: 'warn',
  };
}

/**
 * A Go server of Temporal's (the server, the UI server) run as its Docker image runs it: the
 * image's config template (`template`, its text) in <dir>/<name>/config/docker.yaml, filled from `env`.
 */
export function templatedServerSpec(options: { name: string; dir: string; logDir: string; binary: string; template: string; env: Record<string, string> } & Pick<ProcessSpec, 'ready' | 'readyTimeoutMs' | 'stopTimeoutMs'>): ProcessSpec {
  const { name, dir, binary, template, env, logDir, ...rest } = options;
  const root = join(dir, name);
  mkdirSync(join(root, 'config'), { recursive: true });
  writeFileSync(join(root, 'config', 'docker.yaml'), template);
  return {
    name,
    command: binary,
    args: ['--root', root, '--config', 'config', '--env', 'docker', 'start'],
    env: { PATH: process.env.PATH ?? '', ...env },
    logFile: join(logDir, `${name}.log`),
    pidFile: join(dir, 'run', `${name}.pid`),
    leftoverMarks: [basename(binary), root],
    ...rest,
  };
}

export function temporalServerSpec(options: { dir: string; tools: ClusterTools; pg: ClusterPostgres; ports: ClusterPorts; logDir: string }): ProcessSpec {
  const dynamicConfigFile = join(options.dir, 'temporal', 'dynamic-config.yaml');
  mkdirSync(dirname(dynamicConfigFile), { recursive: true });
  writeFileSync(dynamicConfigFile, renderDynamicConfig());
  const address = `127.0.0.1:${options.ports.temporal.frontend}`;
  return templatedServerSpec({
    name: 'temporal',
    dir: options.dir,
    logDir: options.logDir,
    binary: options.tools.temporalServer,
    template: readFileSync(options.tools.temporalConfigTemplate, 'utf8'),
    env: temporalServerEnvironment({
      postgresHost: '127.0.0.1',
      postgresPort: options.pg.port,
      password: options.pg.password,
      bindIp: '127.0.0.1',
      ports: options.ports,
      dynamicConfigFile,
      metrics: `127.0.0.1:${options.ports.temporalMetrics}`,
    }),
    ready: () => serving(address),
    // Its shutdown drains each service in turn.
    stopTimeoutMs: 30_000,
  });
}

/** The frontend answers, and its persistence works: the system namespace is readable. */
async function serving(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'temporal-system' });
    return true;
  } finally {
    await connection.close();
  }
}
