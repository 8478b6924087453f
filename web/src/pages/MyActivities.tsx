// My activities: My requests, Requests I'm CC'd on, Organization requests; each with a status
// filter and paging. The state lives in the address, so the back button and links keep it.
import { Link, useSearchParams } from 'wouter';
import { TICKET_STATUSES, type TicketStatus } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import type { ListView } from '../api/views';
import { ApiError } from '../components/ApiError';
import { Pager } from '../components/Pager';
import { TicketTable } from '../components/TicketTable';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { useLive } from '../lib/use-live';
import { withChanges } from '../lib/search-params';
import { useTitle } from '../lib/use-title';

const TABS = ['mine', 'ccd', 'organization'] as const satisfies readonly ListView[];
type Tab = (typeof TABS)[number];

export function MyActivities() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as Tab) : 'mine';
  const status = (TICKET_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as TicketStatus) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  useTitle(`${t.activities.title} · ${t.activities[tab]}`);

  const list = useAsync(() => api.tickets.list({ view: tab, status, page }), [tab, status, page]);
  useLive({}, list.reload);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((prev) => withChanges(prev, changes));

  const descriptions: Record<Tab, string> = { mine: t.activities.mineText, ccd: t.activities.ccdText, organization: t.activities.organizationText };

  return (
    <>
      <h1>{t.activities.title}</h1>
      <nav aria-label={t.activities.tabs} className="tabs">
        {TABS.map((name) => (
          <Link key={name} href={`/requests?view=${name}`} className="tab" aria-current={tab === name ? 'page' : undefined}>
            {t.activities[name]}
          </Link>
        ))}
      </nav>
      <p className="hint">{descriptions[tab]}</p>
      <div className="filters">
        <label>
          {t.activities.status}{' '}
          <select value={status ?? ''} onChange={(e) => update({ status: e.target.value || undefined, page: undefined })}>
            <option value="">{t.activities.anyStatus}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </label>
        {list.data && <span aria-live="polite">{t.activities.results(list.data.total, list.data.totalIsExact)}</span>}
      </div>
      <ApiError error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {list.data && (
        <>
          <TicketTable items={list.data.items} caption={t.activities[tab]} />
          <Pager page={page} total={list.data.totalIsExact ? list.data.total : null} pageSize={list.data.pageSize} hasMore={list.data.hasMore} onPage={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}
