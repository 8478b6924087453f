// My activities: My requests, Requests I'm CC'd on, Organization requests; each with a status
// filter and paging. The state lives in the address, so the back button and links keep it.
import { Link, useSearchParams } from 'wouter';
import { TICKET_STATUSES } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import type { ListView } from '../api/types';
import { ApiError } from '../components/ApiError';
import { StatusFilter } from '../components/Filters';
import { PAGE_SIZE, Pager } from '../components/Pager';
import { TicketTable } from '../components/TicketTable';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { useLive } from '../lib/use-live';
import { oneOf, pageOf, withChanges } from '../lib/search-params';
import { useTitle } from '../lib/use-title';

const TABS = ['mine', 'ccd', 'organization'] as const satisfies readonly ListView[];

export function MyActivities() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = oneOf(params, 'view', TABS) ?? 'mine';
  const status = oneOf(params, 'status', TICKET_STATUSES);
  const page = pageOf(params);
  useTitle(`${t.activities.title} · ${t.activities[tab]}`);

  const list = useAsync(() => api.tickets.list.query({ view: tab, page, pageSize: PAGE_SIZE, ...(status && { status: [status] }) }), [tab, status, page]);
  useLive({}, list.reload);

  const update = (changes: Record<string, string | undefined>) => setParams((prev) => withChanges(prev, changes));
  const descriptions = { mine: t.activities.mineText, ccd: t.activities.ccdText, organization: t.activities.organizationText };

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
        {/* A new filter starts again from the first page. */}
        <StatusFilter value={status} onChange={(value) => update({ status: value, page: undefined })} />
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
