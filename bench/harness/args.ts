// Command-line options of `npm run bench`.
// sla-timers runs last: its 10,000 open tickets would otherwise be the memory phase's top-up.
export const PHASES = ['creation', 'transitions', 'reads', 'timers', 'memory', 'storm', 'sla-timers'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchArgs {
  /** Phases to run, in the fixed order of PHASES. */
  phases: Phase[];
  /** Seconds-long steps and small counts: checks the bench end to end, figures are not comparable. */
  quick: boolean;
  /** The memory phase grows on from 10,000 to 50,000 open tickets, to show the worker stays flat. */
  large: boolean;
  /** Write V8 CPU profiles of the API and worker processes to this folder. */
  profileDir?: string;
  /** Run the Temporal dev server in memory instead of on its SQLite file (as `npm start` does). */
  temporalInMemory: boolean;
  /** SQLite pragmas for the dev server's file instead of its defaults (e.g. synchronous=full). */
  sqlitePragmas?: Record<string, string>;
  /** Dynamic config values for the dev server, to try a server setting (values are JSON). */
  temporalConfig?: Record<string, string | number | boolean>;
  /** Against the production shape (`npm run cluster`'s) instead of the dev server's stack. */
  cluster: boolean;
}

const USAGE = `Usage: npm run bench -- [--quick] [--large] [--cluster] [--only ${PHASES.join(',')}] [--profile DIR] [--temporal-in-memory] [--sqlite-pragma NAME=VALUE]... [--temporal-config KEY=JSON]...`;

export function parseArgs(argv: string[]): BenchArgs {
  let only: Phase[] | null = null;
  let quick = false;
  let large = false;
  let cluster = false;
  let profileDir: string | undefined;
  let temporalInMemory = false;
  let sqlitePragmas: Record<string, string> | undefined;
  let temporalConfig: Record<string, string | number | boolean> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--large') large = true;
    else if (arg === '--cluster') cluster = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice('--only='.length) : argv[++i];
      const names = (value ?? '').split(',').filter(Boolean);
      const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length) throw new Error(`unknown phase ${unknown.join(', ') || '(none)'}\n${USAGE}`);
      only = names as Phase[];
    } else if (arg === '--profile') profileDir = argv[++i];
    else if (arg === '--temporal-in-memory') temporalInMemory = true;
    else if (arg === '--sqlite-pragma') {
      const [name, value] = (argv[++i] ?? '').split('=');
      if (!name || !value) throw new Error(USAGE);
      sqlitePragmas = { ...sqlitePragmas, [name]: value };
    } else if (arg === '--temporal-config') {
      const [key, value] = (argv[++i] ?? '').split('=');
      if (!key || !value) throw new Error(USAGE);
      temporalConfig = { ...temporalConfig, [key]: JSON.parse(value) as string | number | boolean };
    }
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (profileDir === '') throw new Error(USAGE);
  if (quick && large) throw new Error(`--quick and --large: one or the other\n${USAGE}`);
  // The cluster's server is configured as production runs it (src/cluster/temporal-server.ts).
  if (cluster && (temporalInMemory || sqlitePragmas || temporalConfig)) throw new Error(`--cluster runs the real Temporal server on Postgres: --temporal-in-memory, --sqlite-pragma and --temporal-config are for the dev server\n${USAGE}`);
  return { phases: PHASES.filter((p) => only === null || only.includes(p)), quick, large, cluster, profileDir, temporalInMemory, sqlitePragmas, temporalConfig };
}
