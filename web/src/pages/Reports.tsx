// The Support Ops lead's reports (agents and admins): for a range of days (the last 30 by
// default; 7, 30 or 90 in one click) and filters by type, priority, organization and agent, five charts
// read at a glance, each with its numbers in a table beside it (for screen readers and for
// copying) and its CSV download, the same numbers as the server's reports.csv. Loaded on demand
// (App.tsx imports it lazily), with its chart library: a first visit never downloads them.
import { useCallback, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Dashboard, ReportFilters, ReportName } from '../api/types';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import type { Lang } from '../i18n/languages';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';
import { daysBefore, daysIn, formatCount, formatDay, formatHours, formatPercent, formatShortDay, isDay, today } from '../lib/numbers';
import { Chart, Legend, type ChartSeries } from '../reports/Chart';
import { downloadFile } from '../lib/download';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../workflows/ticket/model';

const PRESETS = [7, 30, 90] as const;
/** The server's limit on a range (src/api/routers/reports.ts). */
const MAX_DAYS = 366;

const lastDays = (days: number): ReportFilters => {
  const to = today();
  return { from: daysBefore(to, days - 1), to };
};

export function Reports() {
  const { t, lang } = useI18n();
  useTitle(t.reports.title);
  const [filters, setFilters] = useState<ReportFilters>(() => lastDays(30));
  const report = useAsync(() => api.reports.dashboard.query(filters), [JSON.stringify(filters)]);
  return (
    <>
      <h1>{t.reports.title}</h1>
      <p className="lead">{t.reports.intro}</p>
      <FilterForm applied={filters} onApply={setFilters} />
      <ApiError error={report.error} />
      {report.loading && !report.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {report.data && (
        <div className="reports" aria-busy={report.loading ? 'true' : undefined} data-testid="reports">
          {/* Said when the numbers change, for those who pressed Show and cannot see the charts move. */}
          <p role="status" className="report__range" data-testid="report-range">
            {report.loading ? t.common.loading : t.reports.showing(formatDay(filters.from, lang), formatDay(filters.to, lang))}
          </p>
          <p className="hint">
            {t.reports.timeZone} <span translate="no">{report.data.timeZone}</span>
          </p>
          <Backlog data={report.data} filters={filters} />
          <CreatedSolved data={report.data} filters={filters} />
          <Times data={report.data} filters={filters} />
          <Sla data={report.data} filters={filters} />
          <Workload data={report.data} filters={filters} />
          <Satisfaction data={report.data} filters={filters} />
        </div>
      )}
    </>
  );
}

function FilterForm({ applied, onApply }: { applied: ReportFilters; onApply(filters: ReportFilters): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ReportFilters>(applied);
  const [problem, setProblem] = useState<{ field: 'from' | 'to'; text: string } | null>(null);
  const organizations = useAsync(() => api.organizations.list.query(), []);
  const agents = useAsync(() => api.users.agents.query(), []);
  const set = (change: Partial<ReportFilters>) => {
    setDraft((before) => ({ ...before, ...change }));
    setProblem(null);
  };

  function apply(next: ReportFilters) {
    const wrong = !isDay(next.from) ? { field: 'from' as const, text: t.reports.needDay } : !isDay(next.to) ? { field: 'to' as const, text: t.reports.needDay } : next.from > next.to ? { field: 'to' as const, text: t.reports.badRange } : daysIn(next.from, next.to) > MAX_DAYS ? { field: 'to' as const, text: t.reports.tooLong(MAX_DAYS) } : null;
    setProblem(wrong);
    if (wrong) {
      document.getElementById(`report-${wrong.field}`)?.focus();
      return;
    }
    // Filters left on "All" are not sent.
    onApply(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined && value !== '')) as ReportFilters);
  }

  const presetOn = (days: number) => applied.to === today() && daysIn(applied.from, applied.to) === days;
  return (
    <form
      className="report-filters"
      aria-label={t.reports.filters}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div className="report-filters__presets" role="group" aria-label={t.reports.presets}>
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={presetOn(days)}
            className="tab"
            onClick={() => {
              const next = { ...draft, ...lastDays(days) };
              setDraft(next);
              apply(next);
            }}
          >
            {t.reports.lastDays(days)}
          </button>
        ))}
      </div>
      <div className="report-filters__fields">
        <DateField id="report-from" label={t.reports.from} value={draft.from} error={problem?.field === 'from' ? problem.text : undefined} onChange={(from) => set({ from })} />
        <DateField id="report-to" label={t.reports.to} value={draft.to} error={problem?.field === 'to' ? problem.text : undefined} onChange={(to) => set({ to })} />
        <Field label={t.reports.type}>
          <select value={draft.type ?? ''} onChange={(event) => set({ type: (event.target.value || undefined) as ReportFilters['type'] })}>
            <option value="">{t.reports.all}</option>
            {TICKET_TYPES.map((type) => (
              <option key={type} value={type}>
                {t.typeName[type]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.reports.priority}>
          <select value={draft.priority ?? ''} onChange={(event) => set({ priority: (event.target.value || undefined) as ReportFilters['priority'] })}>
            <option value="">{t.reports.allPriorities}</option>
            {TICKET_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t.priorityName[priority]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.reports.organization}>
          <select value={draft.organizationId ?? ''} onChange={(event) => set({ organizationId: event.target.value || undefined })}>
            <option value="">{t.reports.all}</option>
            {organizations.data?.map((organization) => (
              <option key={organization.id} value={organization.id} translate="no">
                {organization.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.reports.agent}>
          <select value={draft.assigneeId ?? ''} onChange={(event) => set({ assigneeId: event.target.value || undefined })}>
            <option value="">{t.reports.all}</option>
            {agents.data?.map((agent) => (
              <option key={agent.id} value={agent.id} translate="no">
                {agent.name ? `${agent.name} (${agent.email})` : agent.email}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="primary">
        {t.reports.show}
      </button>
    </form>
  );
}

function DateField({ id, label, value, error, onChange }: { id: string; label: string; value: string; error?: string; onChange(value: string): void }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <input id={id} type="date" name={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}

interface Column<Row> {
  label: string;
  cell(row: Row): ReactNode;
  /** People's text (an agent's name): not the portal's words. */
  people?: boolean;
  numeric?: boolean;
}

interface SectionProps {
  data: Dashboard;
  filters: ReportFilters;
}

/** One report: its title, its chart with the key, its table, and its CSV. */
/** `csv`: the report the download gives, when the section shows another grouping of its own (per week); `tools`: controls for how it shows. */
function ReportSection<Row>({ report, csv = report, title, caption, chart, rows, columns, filters, empty, tools }: { report: ReportName; csv?: ReportName; title: string; caption: string; chart: ReactNode; rows: Row[]; columns: Column<Row>[]; filters: ReportFilters; empty: boolean; tools?: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="report" aria-labelledby={`${id}-title`} data-report={report}>
      <div className="report__head">
        <h2 id={`${id}-title`}>{title}</h2>
        {tools}
        <CsvDownload report={csv} title={title} filters={filters} />
      </div>
      {empty ? (
        <p className="empty">{t.reports.empty}</p>
      ) : (
        <div className="report__body">
          <div className="report__chart">{chart}</div>
          <div className="report__table" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="report-table">
              <caption id={`${id}-caption`}>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((column, index) => (
                    <th key={column.label} scope="col" className={index > 0 && column.numeric !== false ? 'numeric' : undefined}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, rowIndex) => (
                  <tr key={rowIndex}>
                    {columns.map((column, index) =>
                      index === 0 ? (
                        <th key={column.label} scope="row" translate={column.people ? 'no' : undefined}>
                          {column.cell(row)}
                        </th>
                      ) : (
                        <td key={column.label} className={column.numeric !== false ? 'numeric' : undefined}>
                          {column.cell(row)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function CsvDownload({ report, title, filters }: { report: ReportName; title: string; filters: ReportFilters }) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <div className="report__download">
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            const { filename, csv } = await api.reports.csv.query({ report, filters });
            downloadFile(filename, csv, 'text/csv;charset=utf-8');
          })
        }
      >
        {t.reports.download}
        <span className="visually-hidden"> {title}</span>
      </button>
      <ApiError error={action.error} />
    </div>
  );
}

/** A value, or a dash for a week without any (read "no value"). */
function Maybe({ value, format }: { value: number | null; format(value: number): string }) {
  const { t } = useI18n();
  return value === null ? <span aria-label={t.reports.noValue}>—</span> : <>{format(value)}</>;
}

function useFormats(lang: Lang) {
  return {
    count: useCallback((value: number) => formatCount(value, lang), [lang]),
    percent: useCallback((value: number) => formatPercent(value, lang), [lang]),
    hours: useCallback((value: number) => formatHours(value, lang), [lang]),
  };
}

function Backlog({ data, filters }: SectionProps) {
  const { t, lang } = useI18n();
  const format = useFormats(lang);
  const labels = useMemo(() => data.backlog.map((row) => formatShortDay(row.day, lang)), [data, lang]);
  const series = useMemo<ChartSeries[]>(() => TICKET_STATUSES.map((status, index) => ({ label: t.status[status], values: data.backlog.map((row) => row[status]), colour: index })), [data, t]);
  return (
    <ReportSection
      report="backlog"
      title={t.reports.backlog.title}
      caption={t.reports.backlog.caption}
      filters={filters}
      empty={data.backlog.length === 0}
      chart={
        <>
          <Chart kind="lines" labels={labels} series={series} formatValue={format.count} whole />
          <Legend series={series} />
        </>
      }
      rows={data.backlog}
      columns={[{ label: t.reports.day, cell: (row) => formatDay(row.day, lang) }, ...TICKET_STATUSES.map((status) => ({ label: t.status[status], cell: (row: Dashboard['backlog'][number]) => format.count(row[status]) }))]}
    />
  );
}

function CreatedSolved({ data, filters }: SectionProps) {
  const { t, lang } = useI18n();
  const format = useFormats(lang);
  const words = t.reports.createdSolved;
  const [byWeek, setByWeek] = useState(false);
  const rows = useMemo(() => (byWeek ? data.createdSolvedByWeek.map(({ week, ...counts }) => ({ day: week, ...counts })) : data.createdSolved), [data, byWeek]);
  const labels = useMemo(() => rows.map((row) => formatShortDay(row.day, lang)), [rows, lang]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: words.created, values: rows.map((row) => row.created), colour: 0 },
      { label: words.solved, values: rows.map((row) => row.solved), colour: 2 },
    ],
    [rows, words],
  );
  return (
    <ReportSection
      report="createdSolved"
      csv={byWeek ? 'createdSolvedByWeek' : 'createdSolved'}
      title={words.title}
      caption={byWeek ? words.captionByWeek : words.caption}
      filters={filters}
      empty={rows.length === 0}
      tools={
        <div className="report__grouping" role="group" aria-label={words.grouping}>
          {[false, true].map((weekly) => (
            <button key={String(weekly)} type="button" className="tab" aria-pressed={byWeek === weekly} onClick={() => setByWeek(weekly)}>
              {weekly ? words.perWeek : words.perDay}
            </button>
          ))}
        </div>
      }
      chart={
        <>
          <Chart kind="bars" labels={labels} series={series} formatValue={format.count} whole />
          <Legend series={series} />
        </>
      }
      rows={rows}
      columns={[
        { label: byWeek ? t.reports.times.week : t.reports.day, cell: (row) => formatDay(row.day, lang) },
        { label: words.created, cell: (row) => format.count(row.created) },
        { label: words.solved, cell: (row) => format.count(row.solved) },
      ]}
    />
  );
}

function Times({ data, filters }: SectionProps) {
  const { t, lang } = useI18n();
  const format = useFormats(lang);
  const words = t.reports.times;
  const labels = useMemo(() => data.times.map((row) => formatShortDay(row.week, lang)), [data, lang]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: words.firstReplyMedian, values: data.times.map((row) => row.firstReplyMedian), colour: 0 },
      { label: words.firstReplyP90, values: data.times.map((row) => row.firstReplyP90), colour: 0, dashed: true },
      { label: words.resolutionMedian, values: data.times.map((row) => row.resolutionMedian), colour: 1 },
      { label: words.resolutionP90, values: data.times.map((row) => row.resolutionP90), colour: 1, dashed: true },
    ],
    [data, words],
  );
  const hours = (value: number | null) => <Maybe value={value} format={format.hours} />;
  return (
    <ReportSection
      report="times"
      title={words.title}
      caption={words.caption}
      filters={filters}
      empty={data.times.length === 0}
      chart={
        <>
          <Chart kind="lines" labels={labels} series={series} formatValue={format.hours} />
          <Legend series={series} />
        </>
      }
      rows={data.times}
      columns={[
        { label: words.week, cell: (row) => formatDay(row.week, lang) },
        { label: words.firstReplyMedian, cell: (row) => hours(row.firstReplyMedian) },
        { label: words.firstReplyP90, cell: (row) => hours(row.firstReplyP90) },
        { label: words.resolutionMedian, cell: (row) => hours(row.resolutionMedian) },
        { label: words.resolutionP90, cell: (row) => hours(row.resolutionP90) },
      ]}
    />
  );
}

function Sla({ data, filters }: SectionProps) {
  const { t, lang } = useI18n();
  const format = useFormats(lang);
  const words = t.reports.sla;
  const labels = useMemo(() => data.sla.map((row) => `${words.targets[row.target]} · ${t.typeName[row.type]} · ${t.priorityName[row.priority]}`), [data, t, words]);
  const series = useMemo<ChartSeries[]>(() => [{ label: words.share, values: data.sla.map((row) => row.metShare), colour: 2 }], [data, words]);
  return (
    <ReportSection
      report="sla"
      title={words.title}
      caption={words.caption}
      filters={filters}
      empty={data.sla.length === 0}
      chart={
        <>
          <Chart kind="bars" labels={labels} series={series} formatValue={format.percent} max={100} />
          <Legend series={series} />
        </>
      }
      rows={data.sla}
      columns={[
        { label: words.target, cell: (row) => words.targets[row.target] },
        { label: t.reports.type, cell: (row) => t.typeName[row.type], numeric: false },
        { label: t.reports.priority, cell: (row) => t.priorityName[row.priority], numeric: false },
        { label: words.met, cell: (row) => format.count(row.met) },
        { label: words.missed, cell: (row) => format.count(row.missed) },
        { label: words.share, cell: (row) => <Maybe value={row.metShare} format={format.percent} /> },
      ]}
    />
  );
}

function Workload({ data, filters }: SectionProps) {
  const { t, lang } = useI18n();
  const format = useFormats(lang);
  const words = t.reports.workload;
  const labels = useMemo(() => data.workload.map((row) => row.name), [data]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: words.openAssigned, values: data.workload.map((row) => row.openAssigned), colour: 0 },
      { label: words.solved, values: data.workload.map((row) => row.solved), colour: 2 },
    ],
    [data, words],
  );
  return (
    <ReportSection
      report="workload"
      title={words.title}
      caption={words.caption}
      filters={filters}
      empty={data.workload.length === 0}
      chart={
        <>
          <Chart kind="bars" labels={labels} series={series} formatValue={format.count} whole />
          <Legend series={series} />
        </>
      }
      rows={data.workload}
      columns={[
        { label: t.reports.agent, cell: (row) => row.name, people: true },
        { label: words.openAssigned, cell: (row) => format.count(row.openAssigned) },
        { label: words.solved, cell: (row) => format.count(row.solved) },
      ]}
    />
  );
}

/** The share of Good among the ratings of each week, and of the whole range above the chart. */
function Satisfaction({ data, filters }: SectionProps) {
  const { t, lang } = useI18n();
  const format = useFormats(lang);
  const words = t.reports.satisfaction;
  const labels = useMemo(() => data.satisfaction.map((row) => formatShortDay(row.week, lang)), [data, lang]);
  const series = useMemo<ChartSeries[]>(() => [{ label: words.share, values: data.satisfaction.map((row) => row.goodShare), colour: 2 }], [data, words]);
  const good = data.satisfaction.reduce((sum, row) => sum + row.good, 0);
  const count = data.satisfaction.reduce((sum, row) => sum + row.good + row.bad, 0);
  return (
    <ReportSection
      report="satisfaction"
      title={words.title}
      caption={words.caption}
      filters={filters}
      empty={count === 0}
      chart={
        <>
          <p className="report__summary" data-testid="satisfaction-score">
            {words.overall(format.percent(count > 0 ? Math.round((good / count) * 1000) / 10 : 0), count, format.count(count))}
          </p>
          <Chart kind="bars" labels={labels} series={series} formatValue={format.percent} max={100} />
          <Legend series={series} />
        </>
      }
      rows={data.satisfaction}
      columns={[
        { label: t.reports.times.week, cell: (row) => formatDay(row.week, lang) },
        { label: words.good, cell: (row) => format.count(row.good) },
        { label: words.bad, cell: (row) => format.count(row.bad) },
        { label: words.share, cell: (row) => <Maybe value={row.goodShare} format={format.percent} /> },
      ]}
    />
  );
}
