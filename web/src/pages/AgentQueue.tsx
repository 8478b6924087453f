// The agent console's queues: by status, unassigned, assigned to me, SLA breached; Critical / SEV first.
import { useSearchParams } from 'wouter';
import { TICKET_STATUSES, TICKET_TYPES, TYPE_LABELS, type TicketStatus, type TicketType } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { ApiError } from '../components/ApiError';
import { Pager } from '../components/Pager';
import { TicketTable } from '../components/TicketTable';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { useLive } from '../lib/use-live';
import { withChanges } from '../lib/search-params';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

const QUEUES = ['all', 'unassigned', 'mine', 'breached'] as const;
type Queue = (typeof QUEUES)[number];

export function AgentQueue() {
  const { t } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const queue: Queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : 'all';
  const status = (TICKET_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as TicketStatus) : undefined;
  const type = (TICKET_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as TicketType) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  useTitle(t.queue.title);

  const list = useAsync(
    () =>
      api.tickets.list({
        view: 'queue',
        status,
        type,
        page,
        ...(queue === 'unassigned' && { unassigned: true }),
        ...(queue === 'mine' && me && { assigneeId: me.id }),
        ...(queue === 'breached' && { slaBreached: true }),
      }),
    [queue, status, type, page, me?.id],
  );
  useLive({}, list.reload);

  const update = (changes: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = withChanges(prev, changes);
      // A new filter starts again from the first page.
      next.delete('page');
      if (changes.page) next.set('page', changes.page);
      return next;
    });

  const queueLabels: Record<Queue, string> = { all: t.queue.all, unassigned: t.queue.unassigned, mine: t.queue.mine, breached: t.queue.breached };

  return (
    <>
      <h1>{t.queue.title}</h1>
      <nav aria-label={t.queue.filters} className="tabs">
        {QUEUES.map((name) => (
          <button key={name} type="button" className="tab" aria-pressed={queue === name} onClick={() => update({ queue: name === 'all' ? undefined : name })}>
            {queueLabels[name]}
          </button>
        ))}
      </nav>
      <div className="filters">
        <label>
          {t.activities.status}{' '}
          <select value={status ?? ''} onChange={(e) => update({ status: e.target.value || undefined })}>
            <option value="">{t.activities.anyStatus}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.queue.type}{' '}
          <select value={type ?? ''} onChange={(e) => update({ type: e.target.value || undefined })}>
            <option value="">{t.queue.anyType}</option>
            {TICKET_TYPES.map((value) => (
              <option key={value} value={value}>
                {TYPE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">{t.queue.criticalFirst}</span>
      </div>
      <ApiError error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {list.data && (
        <>
          <TicketTable items={list.data.items} caption={queueLabels[queue]} agentColumns />
          <Pager page={page} total={list.data.totalIsExact ? list.data.total : null} pageSize={list.data.pageSize} hasMore={list.data.hasMore} onPage={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}
