// How the bench tells its child processes where the services are: one JSON argument, turned
// into the product's own configuration by readConfig (the children read no environment).
import { readConfig, type Config } from '../../src/env.js';

export interface ChildSettings {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  baselineTaskQueue: string;
  /** The payload keys of the run (PAYLOAD_KEYS format): the product encrypts as in production. */
  payloadKeys: string;
}

export function settingsFromArgv(): ChildSettings {
  const raw = process.argv[2];
  if (!raw) throw new Error('child settings (JSON) expected as the first argument');
  return JSON.parse(raw) as ChildSettings;
}

/** The production configuration with the bench's endpoints; policy, log level and the rest at defaults. */
export function configOf(settings: ChildSettings): Config {
  return readConfig({
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    TEMPORAL_ADDRESS: settings.temporalAddress,
    TEMPORAL_TASK_QUEUE: settings.taskQueue,
    PAYLOAD_KEYS: settings.payloadKeys,
  });
}
