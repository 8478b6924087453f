// Starts the real services the suite talks to: an embedded Postgres (migrated) and a Temporal dev
// server with the ticket search attributes; bundles the workflows once for every test worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { runMigrations } from '../../src/db/migrate.js';
import { freePort } from '../../src/net.js';
import { startDevServer } from '../../src/temporal/dev-server.js';
import { newPayloadKeyText } from '../../src/temporal/payload-keys.js';
import { bundleTicketWorkflows } from '../../src/temporal/workflow-bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    /** The suite's payload keys (PAYLOAD_KEYS format): every stack encrypts as the product does. */
    payloadKeys: string;
    workflowBundlePath: string;
    scratchDir: string;
  }
}

/** Low enough that a busy ticket continues-as-new within a test. */
export const TEST_CONTINUE_AS_NEW_THRESHOLD = 120;
/** Signals a run takes before the server refuses more (src/temporal/server-settings.ts), scaled down the same way. */
export const TEST_SIGNALS_PER_RUN = 240;

export default async function setup(project: TestProject) {
  const scratchDir = mkdtempSync(join(tmpdir(), 'support-desk-test-'));
  const [pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const [postgres, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({ dir: join(scratchDir, 'pg'), port: pgPort }),
    startDevServer({
      port: temporalPort,
      uiPort,
      dynamicConfig: {
        'limit.historyCount.suggestContinueAsNew': TEST_CONTINUE_AS_NEW_THRESHOLD,
        'history.maximumSignalsPerExecution': TEST_SIGNALS_PER_RUN,
      },
    }),
    bundleTicketWorkflows(),
  ]);
  await runMigrations(postgres.url);
  const workflowBundlePath = join(scratchDir, 'workflows.js');
  writeFileSync(workflowBundlePath, bundle);

  project.provide('databaseUrl', postgres.url);
  project.provide('payloadKeys', newPayloadKeyText().replace(/#.*\n/g, '').trim());
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('scratchDir', scratchDir);

  return async () => {
    await Promise.allSettled([temporal.stop(), postgres.stop()]);
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
