// npm run bench:attachments — what a large file costs the API process in memory. Uploads and then
// downloads files of 1 MB and of the per-file limit (20 MB by default) through the real API
// process of the bench stack, sampling that process's resident memory every 20 ms, and prints the
// peak growth beside the file's size. Files are stored in Postgres in 256 KB pieces as they
// stream, so the growth must stay far below the size and not grow with it.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { SESSION_COOKIE, startSession } from '../src/accounts/sessions.js';
import { createUser } from '../src/accounts/users.js';
import { createDatabase } from '../src/db/client.js';
import { mib } from './harness/report.js';
import { startBenchStack } from './harness/stack.js';

const MB = 1024 * 1024;
const SIZES = [1 * MB, 5 * MB, 10 * MB, 20 * MB];
const ROUNDS = 5;

const log = (line: string) => console.log(line);
log(`load average at the start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
const stack = await startBenchStack({ log });
const db = createDatabase(stack.databaseUrl, { max: 4 });
try {
  const user = await createUser(db, { email: 'files@bench.test', name: 'Bench Files' });
  const cookie = `${SESSION_COOKIE}=${await startSession(db, user.id, { userAgent: 'support-desk-bench', address: '127.0.0.1' })}`;
  const api = stack.api.urls.api;

  /** Runs `transfer` while sampling the API's RSS; the peak above the RSS just before. */
  async function peakGrowth(transfer: () => Promise<void>): Promise<number> {
    const before = (await stack.api.memory()).rss;
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, (await stack.api.memory()).rss);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await transfer();
    } finally {
      sampling = false;
      await sampler;
    }
    return peak - before;
  }

  const rows: string[] = [];
  for (const size of SIZES) {
    const uploads: number[] = [];
    const downloads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bytes = randomBytes(size);
      let id = '';
      uploads.push(
        await peakGrowth(async () => {
          // Sent in 64 KB pieces, as a browser streams a file: the API never sees it whole.
          const body = new ReadableStream({
            start(controller) {
              for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
              controller.close();
            },
          });
          const response = await fetch(`${api}/attachments`, { method: 'POST', headers: { cookie, 'x-file-name': 'bench.bin', 'content-length': String(size) }, body, duplex: 'half' } as RequestInit);
          if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
          id = ((await response.json()) as { id: string }).id;
        }),
      );
      downloads.push(
        await peakGrowth(async () => {
          const response = await fetch(`${api}/attachments/${id}`, { headers: { cookie } });
          let received = 0;
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length;
          if (received !== size) throw new Error(`downloaded ${received} bytes of ${size}`);
        }),
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    rows.push(
      `| ${mib(size)} | ${mib(median(uploads))} | ${mib(median(downloads))} | ${((Math.max(median(uploads), median(downloads)) / size) * 100).toFixed(0)} % |`,
    );
  }
  log('\nAPI process resident memory growth while one file moves (median of 5 rounds, peak sampled every 20 ms)\n');
  log('| file | upload growth | download growth | largest growth / file size |');
  log('| --- | --- | --- | --- |');
  for (const row of rows) log(row);
  log(`\nload average at the end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
} finally {
  await db.close();
  await stack.stop();
}
