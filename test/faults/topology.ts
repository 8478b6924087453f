// What the fault run needs of the product it breaks, whichever shape runs it: the dev-server
// topology (dev-topology.ts: one worker, one API, the Temporal CLI's dev server) or the production
// cluster (cluster-topology.ts: `npm run cluster`'s, two workers, two APIs behind nginx, the real
// Temporal server on Postgres).
import type { PayloadKey } from '../../src/temporal/payload-keys.js';

/** One program of the topology, which the run kills with SIGKILL and which comes back. */
export interface FaultService {
  name: string;
  /** kill -9; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Resolves once it is up again. */
  restart(): Promise<void>;
  isUp(): Promise<boolean>;
  /** Exits nobody asked for (the service was restarted). */
  unexpectedExits: string[];
}

export interface FaultTopology {
  /** "dev server" or "cluster", for the report. */
  shape: string;
  dir: string;
  /** Where the load goes: the API, or nginx in front of the APIs. */
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The keys the product encrypts with: the run's own reads of the workflows decrypt with them. */
  payloadKeys: PayloadKey[];
  services: Record<string, FaultService>;
  /** The services the full run kills, in order. */
  victims: string[];
  stop(): Promise<void>;
}
