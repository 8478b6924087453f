// The production worker's workflow bundle is made in a child process, so that webpack's memory
// leaves with it (docs/PERFORMANCE.md, "Memory"): what comes back is the same bundle the tests
// make in-process, and a bundle that cannot be made fails the start with the reason.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleInChildProcess, WORKFLOWS_PATH } from '../../src/temporal/workflow-bundle.js';

describe('the workflow bundle made in a child process', () => {
  it('holds the ticket workflow and the failure converter', async () => {
    const code = await bundleInChildProcess(WORKFLOWS_PATH);
    expect(code).toContain('ticketWorkflow');
    expect(code).toContain('failureConverter');
    expect(code.length).toBeGreaterThan(100_000);
  }, 60_000);

  it('fails with the reason when the workflows cannot be bundled', async () => {
    const missing = fileURLToPath(new URL('./no-such-workflows.ts', import.meta.url));
    await expect(bundleInChildProcess(missing)).rejects.toThrow(/workflow bundle could not be made/i);
  }, 60_000);
});
