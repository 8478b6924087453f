// `npm run test:faults`: the full fault run (500 tickets; kill -9 of the worker, the API, the
// Temporal dev server and Postgres, in that order). Exits 1 when any check fails.
// `-- --cluster`: the same against the production shape (`npm run cluster`'s: two workers, two
// APIs behind nginx, the real Temporal server on Postgres), killing each worker, each API, the
// Temporal server and Postgres.
// Options: --cluster, --tickets N, --concurrency N, --down-ms N, --keep (keep the run's folder).
import { parseArgs } from 'node:util';
import { runFaultScenario } from './scenario.js';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '16' },
    'down-ms': { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
  },
});

const report = await runFaultScenario({
  tickets: Number(values.tickets),
  concurrency: Number(values.concurrency),
  shape: values.cluster ? 'cluster' : 'dev server',
  downMs: Number(values['down-ms']),
  loadBudgetMs: 40 * 60_000,
  keepDir: values.keep,
  log: (line) => console.log(line),
});
if (report.problems.length > 0) {
  console.log(`\n${report.problems.length} problems:`);
  for (const problem of report.problems.slice(0, 50)) console.log(`  ${problem}`);
  process.exit(1);
}
const converged = report.convergeChecks === 1 ? 'already converged at the first check after the load' : `converged after ${report.convergeChecks} checks`;
console.log(`\nfault run passed: every acknowledged step is in the projection exactly once; ${converged} (${(report.convergeMs / 1000).toFixed(1)} s)`);
process.exit(0);
