// Every report as CSV, the same numbers as its table: one header row, then one row per line of
// the report. Cells that could be read as a formula by a spreadsheet are quoted and prefixed.
import type { Dashboard, ReportName } from './dashboard.js';

export const REPORT_NAMES = ['createdSolved', 'createdSolvedByWeek', 'backlog', 'times', 'sla', 'workload', 'satisfaction'] as const satisfies readonly ReportName[];
export type { ReportName };

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A name such as "=cmd|…" must stay text when the file is opened in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv<Name extends ReportName>(rows: Dashboard[Name]): string {
  const lines = rows as Array<Record<string, unknown>>;
  const columns = lines.length > 0 ? Object.keys(lines[0]) : [];
  return [columns.join(','), ...lines.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
