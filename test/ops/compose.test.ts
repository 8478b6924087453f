// docker-compose.yml stays consistent with the code: our services get only settings that
// src/env.ts reads, images are pinned, and the search attributes it registers are the ones the
// ticket workflow sets. `docker compose config` runs too where the compose plugin is installed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SETTING_NAMES } from '../../src/env.js';
import { TICKET_SEARCH_ATTRIBUTES } from '../../workflows/ticket/search-attributes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUR_IMAGE = 'support-desk:local';

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  command?: string[];
}
const compose = parse(readFileSync(`${ROOT}/docker-compose.yml`, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const ours = services.filter(([, service]) => service.image === OUR_IMAGE);

const hasCompose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;

describe('docker-compose.yml', () => {
  it('runs Postgres, Temporal, its setup and UI, migrations, the worker and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-setup', 'temporal-ui', 'worker']);
    expect(Object.fromEntries(ours.map(([name, service]) => [name, service.command?.at(-1)]))).toEqual({
      migrate: 'src/db/migrate.ts',
      worker: 'src/worker.ts',
      api: 'src/server.ts',
    });
  });

  it('passes our services only settings that src/env.ts reads', () => {
    for (const [name, service] of ours) {
      const unknown = Object.keys(service.environment ?? {}).filter((key) => !(SETTING_NAMES as string[]).includes(key));
      expect(unknown, `settings of ${name} unknown to src/env.ts`).toEqual([]);
      expect(service.environment).toHaveProperty('DATABASE_URL');
      expect(service.environment).toHaveProperty('TEMPORAL_ADDRESS');
    }
  });

  it('pins every image it pulls', () => {
    for (const [name, service] of services) {
      if (service.image === OUR_IMAGE) continue;
      expect(service.image, name).toMatch(/^[\w./-]+:\d[\w.-]*$/);
    }
  });

  it('registers exactly the search attributes the ticket workflow sets', () => {
    const setup = compose.services['temporal-setup'].environment!;
    const registered = setup.SEARCH_ATTRIBUTES.split(/\s+/).filter(Boolean);
    const typeName = { INT: 'Int', KEYWORD: 'Keyword', BOOL: 'Bool' } as Record<string, string>;
    expect(registered.sort()).toEqual(TICKET_SEARCH_ATTRIBUTES.map((key) => `${key.name}=${typeName[key.type]}`).sort());
  });

  it.skipIf(!hasCompose)('passes `docker compose config`', () => {
    const result = spawnSync('docker', ['compose', 'config', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('Dockerfile', () => {
  it('copies what the entry points need and runs through tsx', () => {
    const dockerfile = readFileSync(`${ROOT}/Dockerfile`, 'utf8');
    for (const folder of ['src', 'workflows', 'activities', 'web/dist']) expect(dockerfile).toMatch(new RegExp(`COPY .*${folder} ${folder}`));
    expect(dockerfile).toMatch(/^FROM node:\d+\.\d+\.\d+-/m);
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/server.ts"]');
  });
});
