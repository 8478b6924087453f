// What `npm run cluster` prints once everything is up: where to go, what runs where, the way in.
import { isAbsolute, relative } from 'node:path';
import type { RunningCluster } from './cluster.js';
import { CLUSTER_NAMESPACE, CLUSTER_TASK_QUEUE } from './cluster.js';

/** A path as typed from here when it is below the current folder. */
const shown = (path: string) => {
  const below = relative(process.cwd(), path);
  return below && !below.startsWith('..') && !isAbsolute(below) ? below : path;
};
const ports = (values: number[]) => values.map((port) => `:${port}`).join(' ');

export function clusterBanner(cluster: RunningCluster, productSettings: Record<string, string>): string {
  const { ports: p, urls } = cluster;
  const lines = [
    '',
    'Support desk cluster is running (the production shape on this machine).',
    `  Portal            ${urls.portal}   (nginx over ${cluster.apis.length} API processes)`,
    `  Temporal UI       ${urls.temporalUi}   (Support Ops only)`,
    `  Temporal          ${urls.temporalAddress} (namespace ${CLUSTER_NAMESPACE}, task queue ${CLUSTER_TASK_QUEUE}; persistence and SQL visibility in Postgres)`,
    `  Postgres          127.0.0.1:${p.postgres} (databases support_desk, temporal, temporal_visibility)`,
    `  Processes         ${[...cluster.processes.values()].map((process) => `${process.name} (pid ${process.pid})`).join(', ')}`,
    `  Metrics           workers ${ports(p.workerMetrics)}, APIs ${ports(p.apiMetrics)}, Temporal ${ports([p.temporalMetrics])} (http://127.0.0.1:PORT/metrics)`,
    `  Payload key       ${shown(cluster.payloadKeysFile)} (back it up: histories cannot be read without it)`,
    `  Secrets           ${shown(cluster.databaseUrlFile)}, ${shown(cluster.postgres.passwordFile)}`,
    `  Logs              ${shown(cluster.logDir)}/ (one file per process)`,
    `  Mail              ${productSettings.SMTP_URL ? 'sent through SMTP_URL' : "printed to the workers' logs (set SMTP_URL to send it)"}`,
    '',
    ...(cluster.access.link
      ? [`First sign-in: ${cluster.access.email} (Support Ops admin) sets a password at`, `  ${cluster.access.link}`, '  (single use; each start prints a new one until the password is set)']
      : [`Sign in as ${cluster.access.email}, or an account made with \`npm run users\`.`]),
    `More accounts:   DATABASE_URL=$(cat ${shown(cluster.databaseUrlFile)}) PUBLIC_URL=${urls.portal} npm run users -- create --email … --role requester|agent|admin`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}
