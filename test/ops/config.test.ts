// A missing or invalid setting stops start-up with a message that names it, before anything runs.
import { describe, expect, it } from 'vitest';
import { runEntryPoint } from './product-process.js';

async function failedStart(entry: string, env: Record<string, string>) {
  const run = await runEntryPoint(entry, env);
  const code = await run.exited;
  return { code, stderr: run.output() };
}

// Concurrent: each case is a process start, mostly spent loading modules.
describe.concurrent('configuration', () => {
  it('npm start refuses an invalid setting and names it', async () => {
    const { code, stderr } = await failedStart('start.ts', { PORT: 'eighty', POLICY_PENDING_REMINDER: 'soon' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('POLICY_PENDING_REMINDER: "soon" is not a duration');
  });

  it('npm run server names each missing setting', async () => {
    const { code, stderr } = await failedStart('server.ts', {});
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL: required');
    expect(stderr).toContain('TEMPORAL_ADDRESS: required');
  });

  it('npm run worker names the missing setting', async () => {
    const { code, stderr } = await failedStart('worker.ts', { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' });
    expect(code).toBe(1);
    expect(stderr).toContain('TEMPORAL_ADDRESS: required');
    expect(stderr).not.toContain('DATABASE_URL');
  });

  it('names a malformed URL', async () => {
    const { code, stderr } = await failedStart('worker.ts', { DATABASE_URL: 'not a url', TEMPORAL_ADDRESS: '127.0.0.1:7233' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL: .*URL/i);
  });
});
