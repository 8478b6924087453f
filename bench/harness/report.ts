// The bench's output: plain-text tables, then one PASS/MISS line per target of issue 6.

export interface Section {
  title: string;
  header: string[];
  rows: (string | number)[][];
  notes?: string[];
}

export interface Check {
  target: string;
  measured: string;
  pass: boolean;
}

export interface PhaseOutcome {
  sections: Section[];
  checks: Check[];
}

/** Milliseconds with one decimal; rates with one decimal; NaN as a dash. */
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
export const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
export const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : '-');
export const cores = (shares: Record<string, number>) =>
  Object.entries(shares)
    .map(([name, share]) => `${name} ${share.toFixed(2)}`)
    .join(', ');

export function renderSection(section: Section): string {
  const cells = [section.header, ...section.rows.map((row) => row.map(String))];
  const widths = section.header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [`## ${section.title}`, line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line), ...(section.notes ?? []).map((n) => `  ${n}`), ''].join('\n');
}

export function renderChecks(checks: Check[]): string {
  const width = Math.max(0, ...checks.map((c) => c.target.length));
  return ['## Targets', ...checks.map((c) => `${c.pass ? 'PASS' : 'MISS'}  ${c.target.padEnd(width)}  measured ${c.measured}`), ''].join('\n');
}
