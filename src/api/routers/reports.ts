// reports.*: how the desk is doing, for Support Ops (agents and admins): the dashboard's numbers
// for a range of days and filters, and each report as CSV.
import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../../workflows/ticket/model.js';
import { reportCsv, REPORT_NAMES } from '../../reports/csv.js';
import { dashboard, REPORTS, type ReportFilters } from '../../reports/dashboard.js';
import { id } from '../inputs.js';
import { router, staffProcedure } from '../trpc.js';

/** At most a year at once: a wider range says nothing a year does not, and costs more. */
const MAX_DAYS = 366;

const day = z.iso.date('A day as YYYY-MM-DD.');

const filters = z
  .object({ from: day, to: day, type: z.enum(TICKET_TYPES).optional(), priority: z.enum(TICKET_PRIORITIES).optional(), organizationId: id.optional(), assigneeId: id.optional() })
  .refine((f) => f.from <= f.to, { path: ['to'], message: 'The range ends before it starts.' })
  .refine((f) => (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 < MAX_DAYS, { path: ['to'], message: `A range is at most ${MAX_DAYS} days.` });

export const reportsRouter = router({
  dashboard: staffProcedure.input(filters).query(({ ctx, input }) => dashboard(ctx.deps.db, input as ReportFilters, ctx.deps.config.TIME_ZONE)),

  /** One report as CSV, for a spreadsheet: the same numbers as the dashboard's table. */
  csv: staffProcedure.input(z.object({ report: z.enum(REPORT_NAMES), filters })).query(async ({ ctx, input }) => {
    const rows = await REPORTS[input.report](ctx.deps.db, input.filters as ReportFilters, ctx.deps.config.TIME_ZONE);
    return { filename: `${input.report}-${input.filters.from}-${input.filters.to}.csv`, csv: reportCsv(rows) };
  }),
});
