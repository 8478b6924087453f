// nginx as the cluster runs it: its config written into the cluster's folder (nginx.ts renders
// it), in the foreground under the supervisor, logging errors to its output and each request,
// with the API process that served it, to logs/nginx-access.log.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderNginxConfig } from './nginx.js';
import type { ClusterPorts } from './settings.js';
import { answers } from '../net.js';
import type { ProcessSpec } from './supervisor.js';

/** As root, nginx's workers need an unprivileged user: Debian's www-data where there is one. */
function workerUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '';
  return /^www-data:/m.test(passwd) ? 'www-data' : 'nobody nogroup';
}

export function proxySpec(options: { dir: string; nginx: string; ports: ClusterPorts; logDir: string }): ProcessSpec {
  const root = join(options.dir, 'nginx');
  const tempDir = join(root, 'tmp');
  mkdirSync(tempDir, { recursive: true });
  const configFile = join(root, 'nginx.conf');
  const pidFile = join(root, 'nginx.pid');
  writeFileSync(
    configFile,
    renderNginxConfig({
      listen: `127.0.0.1:${options.ports.portal}`,
      apis: options.ports.apis.map((port) => `127.0.0.1:${port}`),
      temporalUi: `127.0.0.1:${options.ports.ui}`,
      user: workerUser(),
      files: { pidFile, tempDir, accessLog: join(options.logDir, 'nginx-access.log') },
    }),
  );
  return {
    name: 'nginx',
    command: options.nginx,
    // -e: errors before the config is read go to the output too, not to a system log folder.
    args: ['-p', root, '-c', configFile, '-e', 'stderr'],
    env: { PATH: process.env.PATH ?? '' },
    logFile: join(options.logDir, 'nginx.log'),
    pidFile,
    writesOwnPidFile: true,
    leftoverMarks: ['nginx', configFile],
    // Through to an API process's liveness probe.
    ready: () => answers(`http://127.0.0.1:${options.ports.portal}/healthz`),
    // Finishes the requests in flight, then exits.
    stopSignal: 'SIGQUIT',
    stopTimeoutMs: 10_000,
  };
}
