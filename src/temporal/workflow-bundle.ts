// The ticket workflows' code, bundled for the worker's workflow sandbox. The product's worker has
// it made in a child process (bundleInChildProcess): webpack holds some 100 MiB while it works,
// and in the worker's own process that memory stayed resident for the worker's whole life
// (docs/PERFORMANCE.md, "Memory"). The tests bundle once in-process and share the file.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from './codec.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const CHILD_PATH = fileURLToPath(new URL('./workflow-bundle-child.ts', import.meta.url));

/** Bundling's own progress lines are left out; its warnings are kept. */
const quietLogger: Logger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** Bundles the workflows in this process, with the codec's failure converter (codec.ts). */
export async function bundleTicketWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietLogger });
  return code;
}

/**
 * Bundles the workflows in a child process and returns the code. What the child prints goes to
 * this process's output, so a bundle that cannot be made says why there.
 */
export function bundleInChildProcess(workflowsPath = WORKFLOWS_PATH): Promise<string> {
  // The child is TypeScript: it loads through tsx, as every entry point does (package.json), whether
  // or not this process did (vitest transforms on its own).
  const execArgv = ['--import', 'tsx'];
  const child = fork(CHILD_PATH, [workflowsPath], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let code: string | null = null;
    child.once('message', (message: { code?: string }) => {
      code = typeof message?.code === 'string' ? message.code : null;
    });
    child.once('error', (error) => reject(new Error(`The workflow bundle could not be made: ${error.message}`)));
    child.once('exit', (exitCode, signal) => {
      if (code !== null && exitCode === 0) resolve(code);
      else reject(new Error(`The workflow bundle could not be made: the bundler ${signal ? `was stopped by ${signal}` : `exited with code ${exitCode}`} (its reason is in the output above).`));
    });
  });
}
