// The fault run against the production shape (`npm run test:faults -- --cluster`): the cluster as
// `npm run cluster` runs it (src/cluster/), on free ports in a folder of its own. A killed program
// is brought back by the cluster's own supervisor, as in production, after its restart delay.
import { startScratchCluster } from '../../src/cluster/scratch.js';
import type { SupervisedProcess } from '../../src/cluster/supervisor.js';
import { loadPayloadKeys } from '../../src/temporal/payload-keys.js';
import type { FaultService, FaultTopology } from './topology.js';

/** Each worker, each API, the Temporal server and Postgres, spread so that each kind is hit apart. */
export const CLUSTER_VICTIMS = ['worker-1', 'api-1', 'temporal', 'worker-2', 'api-2', 'postgres'];

function faultService(process: SupervisedProcess): FaultService {
  return {
    name: process.name,
    kill: () => process.kill9(),
    restart: () => process.untilUp(),
    isUp: async () => {
      await process.untilUp().catch(() => {});
      return process.running;
    },
    unexpectedExits: process.unexpectedExits,
  };
}

export async function startClusterTopology(): Promise<FaultTopology> {
  const cluster = await startScratchCluster({ purpose: 'faults-cluster' });
  return {
    shape: 'cluster',
    dir: cluster.settings.dir,
    apiUrl: cluster.urls.portal,
    databaseUrl: cluster.urls.databaseUrl,
    temporalAddress: cluster.urls.temporalAddress,
    payloadKeys: loadPayloadKeys({ PAYLOAD_KEYS_FILE: cluster.payloadKeysFile }),
    services: Object.fromEntries([...cluster.processes].map(([name, process]) => [name, faultService(process)])),
    victims: CLUSTER_VICTIMS,
    stop: () => cluster.stop(),
  };
}
