// Temporal's two databases in the cluster's Postgres (persistence, SQL visibility), made and
// brought to the schema of the installed server with its own SQL tool. Each step is idempotent
// (an existing database or schema is left as it is; only newer versioned changes are applied), so
// every start runs them all: the first start makes everything, a start after an upgrade of the
// server applies its new schema versions. docker-compose.yml's temporal-schema job runs the same
// steps (test/ops/compose.test.ts compares them).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { POSTGRES_USER, TEMPORAL_DATABASES, type ClusterPostgres } from './postgres.js';
import type { ClusterTools } from './tools.js';

const run = promisify(execFile);

/** The SQL tool's arguments, step by step (the password goes in SQL_PASSWORD, out of `ps`'s sight). */
export function temporalSchemaSteps(options: { host: string; port: number; schemaDir: string }): string[][] {
  return (['persistence', 'visibility'] as const).flatMap((kind) => {
    const connection = ['--plugin', 'postgres12', '--ep', options.host, '-p', String(options.port), '-u', POSTGRES_USER, '--db', TEMPORAL_DATABASES[kind]];
    const versioned = join(options.schemaDir, kind === 'persistence' ? 'temporal' : 'visibility', 'versioned');
    return [
      [...connection, 'create-database'],
      [...connection, 'setup-schema', '-v', '0.0'],
      [...connection, 'update-schema', '-d', versioned],
    ];
  });
}

export async function setUpTemporalSchema(tools: ClusterTools, pg: ClusterPostgres): Promise<void> {
  for (const args of temporalSchemaSteps({ host: '127.0.0.1', port: pg.port, schemaDir: tools.temporalSchemaDir })) {
    try {
      await run(tools.sqlTool, args, { env: { PATH: process.env.PATH ?? '', SQL_PASSWORD: pg.password } });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`temporal-sql-tool ${args.slice(8).join(' ')} failed:\n${stderr || stdout || String(error)}`, { cause: error });
    }
  }
}
