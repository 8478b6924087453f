// Prints the gzipped size of the JavaScript a first visit loads (the entry chunk and everything it
// imports statically, per Vite's manifest) and fails the build when it is over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = join(import.meta.dirname, '..', 'dist');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

const initial = new Set<string>();
const visit = (key: string) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

let total = 0;
for (const key of initial) {
  const file = manifest[key].file;
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}  ${(size / 1024).toFixed(1)} KB gzipped`);
}
// Pages loaded on demand (the reports with their chart library, the administration): what each
// adds when first opened, beyond what a first visit already has.
for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isDynamicEntry) continue;
  const own = new Set<string>();
  const visitOwn = (at: string) => {
    if (own.has(at) || initial.has(at)) return;
    own.add(at);
    for (const imported of manifest[at]?.imports ?? []) visitOwn(imported);
  };
  visitOwn(key);
  const size = [...own].reduce((sum, at) => sum + gzipSync(readFileSync(join(dist, manifest[at].file)), { level: 9 }).length, 0);
  console.log(`on demand: ${chunk.src ?? key}  ${(size / 1024).toFixed(1)} KB gzipped`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (${verdict} the ${BUDGET_BYTES / 1024} KB budget)`);
if (total > BUDGET_BYTES) process.exit(1);
