// The agent console's queues: all, unassigned, assigned to me, SLA breached; Critical / SEV first,
// or sorted by priority, the latest change or creation; filtered by status, type, priority and tag.
// Filters and paging live in the address, like My activities. Tickets ticked on the page can be
// changed together (BulkActions); the selection keeps only what the page still lists.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import type { BulkAnswer } from '../api/types';
import { ApiError } from '../components/ApiError';
import { BulkActions } from '../components/BulkActions';
import { BulkResults } from '../components/BulkResults';
import { PriorityFilter, SortChoice, StatusFilter, TagFilter, TypeFilter } from '../components/Filters';
import { PAGE_SIZE, Pager } from '../components/Pager';
import { TicketTable } from '../components/TicketTable';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { useBulkChange } from '../lib/use-bulk-change';
import { useLive } from '../lib/use-live';
import { filtersOf, oneOf, pageOf, withChanges } from '../lib/search-params';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';
import { SEARCH_PATH } from './paths';

const QUEUES = ['all', 'unassigned', 'mine', 'breached'] as const;
const SORTS = ['criticalFirst', 'priority', 'updated', 'created', 'firstReplyDue'] as const;

export function AgentQueue() {
  const { t } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const queue = oneOf(params, 'queue', QUEUES) ?? 'all';
  const status = oneOf(params, 'status', TICKET_STATUSES);
  const type = oneOf(params, 'type', TICKET_TYPES);
  const priority = oneOf(params, 'priority', TICKET_PRIORITIES);
  const tag = (params.get('tag') ?? '').trim() || undefined;
  const sort = oneOf(params, 'sort', SORTS) ?? 'criticalFirst';
  const page = pageOf(params);
  useTitle(t.queue.title);

  const list = useAsync(
    () =>
      api.tickets.list.query({
        view: 'queue',
        // By default Critical / SEV first, then the latest change.
        sort,
        page,
        pageSize: PAGE_SIZE,
        ...filtersOf({ status, type, priority, tag }),
        ...(queue === 'unassigned' && { unassigned: true }),
        ...(queue === 'mine' && me && { assigneeId: me.id }),
        ...(queue === 'breached' && { slaBreached: true }),
      }),
    [queue, status, type, priority, tag, sort, page, me?.id],
  );
  useLive({}, list.reload);

  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // What the list no longer shows (another page, a filter, a ticket that left the queue) is no longer selected.
  useEffect(() => {
    if (list.data) setSelected((before) => keepListed(before, list.data?.items.map((ticket) => ticket.number) ?? []));
  }, [list.data]);
  // What was refused or not reached stays selected, to act on again; the rest is done with.
  const bulk = useBulkChange((answer: BulkAnswer) => {
    setSelected(new Set(answer.results.filter((result) => result.outcome !== 'done').map((result) => result.number)));
    list.reload();
  });
  // Shift held: every row from the last one ticked or unticked to this one takes its new state, as in a mail app.
  const lastToggled = useRef<number | null>(null);
  const toggle = (number: number, on: boolean, range: boolean) => {
    const listed = list.data?.items.map((ticket) => ticket.number) ?? [];
    const from = range && lastToggled.current !== null ? listed.indexOf(lastToggled.current) : -1;
    const to = listed.indexOf(number);
    const rows = from >= 0 && to >= 0 ? listed.slice(Math.min(from, to), Math.max(from, to) + 1) : [number];
    lastToggled.current = number;
    setSelected((before) => {
      const next = new Set(before);
      for (const row of rows) {
        if (on) next.add(row);
        else next.delete(row);
      }
      return next;
    });
  };

  // A new filter starts again from the first page.
  const update = (changes: Record<string, string | undefined>) => setParams((prev) => withChanges(prev, { page: undefined, ...changes }));
  const sortLabels = { criticalFirst: t.queue.criticalFirst, priority: t.queue.sortPriority, updated: t.queue.sortUpdated, created: t.queue.sortCreated, firstReplyDue: t.queue.sortFirstReplyDue };
  const queueLabels = { all: t.queue.all, unassigned: t.queue.unassigned, mine: t.queue.mine, breached: t.queue.breached };

  return (
    <>
      <h1>{t.queue.title}</h1>
      <QueueSearch />
      <nav aria-label={t.queue.filters} className="tabs">
        {QUEUES.map((name) => (
          <button key={name} type="button" className="tab" aria-pressed={queue === name} onClick={() => update({ queue: name === 'all' ? undefined : name })}>
            {queueLabels[name]}
          </button>
        ))}
      </nav>
      <div className="filters">
        <StatusFilter value={status} onChange={(value) => update({ status: value })} />
        <TypeFilter value={type} onChange={(value) => update({ type: value })} />
        <PriorityFilter value={priority} onChange={(value) => update({ priority: value })} />
        <TagFilter value={tag} onChange={(value) => update({ tag: value })} />
        <SortChoice label={t.queue.sort} values={SORTS} nameOf={(s) => sortLabels[s]} value={sort} fallback="criticalFirst" onChange={(value) => update({ sort: value })} />
      </div>
      <ApiError error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {me && <BulkResults bulk={bulk} />}
      {list.data && (
        <>
          {me && list.data.items.length > 0 && <BulkActions numbers={list.data.items.map((ticket) => ticket.number)} selected={selected} onSelect={setSelected} bulk={bulk} me={me} />}
          <TicketTable items={list.data.items} caption={queueLabels[queue]} agentColumns selection={{ selected, onToggle: toggle }} />
          <Pager page={page} total={list.data.totalIsExact ? list.data.total : null} pageSize={list.data.pageSize} hasMore={list.data.hasMore} onPage={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}

/** The selection, without the tickets the list no longer shows (the same set when nothing went). */
function keepListed(selected: ReadonlySet<number>, listed: number[]): ReadonlySet<number> {
  const kept = new Set(listed.filter((number) => selected.has(number)));
  return kept.size === selected.size ? selected : kept;
}

/** Words to search the tickets for, opened on the search page (`#123` goes straight to the ticket). */
function QueueSearch() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [words, setWords] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = words.trim();
    if (q) navigate(`${SEARCH_PATH}?${new URLSearchParams({ q }).toString()}`);
  };
  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <label htmlFor="queue-search">{t.search.labelStaff}</label>
      <div className="search-form__row">
        <input id="queue-search" type="search" value={words} maxLength={200} onChange={(event) => setWords(event.target.value)} />
        <button type="submit">{t.search.submit}</button>
      </div>
    </form>
  );
}
