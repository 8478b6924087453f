// `npm run bench -- --cluster`: the same phases against the production shape, the cluster as
// `npm run cluster` runs it (src/cluster/) on free ports in a temporary folder: the real Temporal
// server on Postgres, two workers, two API processes behind nginx. The load goes through nginx;
// the bench's baseline worker and bare express endpoint run beside it as for the dev server.
// Memory is read from /proc for the cluster's processes (the first worker and API stand for their
// kind in the memory table); CPU is counted for every process of the cluster.
import { readFileSync, rmSync } from 'node:fs';
import { startScratchCluster } from '../../src/cluster/scratch.js';
import type { SupervisedProcess } from '../../src/cluster/supervisor.js';
import type { Child } from './child.js';
import { rssBytes } from './cpu.js';
import { CHILD_LOG_DIR, startBenchChildren, type BenchStack, type BenchStackOptions } from './stack.js';

/** One of the cluster's processes as a bench child: its memory from /proc (its JS heap is not reachable from here). */
function asChild(process: SupervisedProcess, urls: Record<string, string> = {}): Child {
  return {
    name: process.name,
    pid: process.pid ?? 0,
    urls,
    memory: async () => ({ rss: rssBytes(process.pid ?? 0), heapUsed: NaN }),
    // The cluster stops it.
    stop: async () => {},
  };
}

export async function startClusterBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error: unknown) => options.log(`stop failed: ${String(error)}`));
  };
  try {
    // Request logs at the production level, as the bench's own API and worker write them.
    const cluster = await startScratchCluster({ purpose: 'bench-cluster', productSettings: { LOG_LEVEL: 'info' } });
    stops.push(async () => rmSync(cluster.settings.dir, { recursive: true, force: true }), () => cluster.stop());
    options.log(`cluster in ${cluster.settings.dir}: portal ${cluster.urls.portal}, temporal ${cluster.urls.temporalAddress}; its logs in ${cluster.logDir}`);
    const payloadKeys = readFileSync(cluster.payloadKeysFile, 'utf8');

    // The bench's API child serves the bare express baseline of the reads phase; the load goes to nginx.
    const { api: bare, 'baseline-worker': baselineWorker } = await startBenchChildren(
      ['api', 'baseline-worker'],
      { databaseUrl: cluster.urls.databaseUrl, temporalAddress: cluster.urls.temporalAddress, payloadKeys },
      options,
      stops,
    );
    options.log(`baseline worker pid ${baselineWorker.pid}, bare endpoint at ${bare.urls.bare}; their logs in ${CHILD_LOG_DIR}`);

    const pids: Record<string, number> = {};
    for (const [name, process] of cluster.processes) if (name !== 'temporal-ui' && process.pid) pids[name] = process.pid;
    return {
      shape: `cluster (${cluster.workers.length} workers, ${cluster.apis.length} APIs behind nginx, the Temporal server on Postgres)`,
      databaseUrl: cluster.urls.databaseUrl,
      temporalAddress: cluster.urls.temporalAddress,
      payloadKeys,
      api: asChild(cluster.apis[0], { api: cluster.urls.portal, bare: bare.urls.bare }),
      worker: asChild(cluster.workers[0]),
      baselineWorker,
      pids: { ...pids, temporal: cluster.processes.get('temporal')!.pid!, baseline: baselineWorker.pid, bench: process.pid },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
