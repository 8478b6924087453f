// Search (tickets.search): the words of the subjects, descriptions, replies, file names and, for
// Support Ops, internal notes; for anyone else over the tickets their lists show them. Accents and
// endings do not matter ("velo" finds « vélos »). `#123` or `123` goes straight to that ticket when
// the reader may see it. The words, filters, sort and page live in the address.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import type { SearchFragment, SearchResult } from '../api/types';
import { ApiError } from '../components/ApiError';
import { PriorityFilter, SortChoice, StatusFilter, TagFilter, TypeFilter } from '../components/Filters';
import { Pager } from '../components/Pager';
import { PriorityBadge, TagList } from '../components/TicketMarks';
import { StatusPill } from '../components/StatusBadge';
import { When } from '../components/When';
import { useI18n } from '../i18n';
import { filtersOf, oneOf, pageOf, withChanges } from '../lib/search-params';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';
import { isAgent, useSession } from '../session';

const ASSIGNEES = ['me', 'unassigned'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day of the address (yyyy-mm-dd) as the reader's midnight, `after` days later; undefined when not a day. */
function midnight(day: string | null, after = 0): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(y, m - 1, d + after);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

const SORTS = ['relevance', 'updated', 'created', 'number', 'priority'] as const;
const PAGE_SIZE = 20;

/** The server's fragments, the matching words in <mark>: text only, never HTML. */
function Marked({ fragments }: { fragments: SearchFragment[] }) {
  return (
    <>
      {fragments.map((fragment, i) => (fragment.match ? <mark key={i}>{fragment.text}</mark> : <span key={i}>{fragment.text}</span>))}
    </>
  );
}

function Hit({ result, staff }: { result: SearchResult; staff: boolean }) {
  const { t } = useI18n();
  const { ticket, hit } = result;
  const passage = hit.passage;
  const where = passage ? (passage.in === 'description' ? t.search.inDescription : passage.in === 'file' ? t.search.inFile : passage.internal ? t.search.inNote : t.search.inReply) : null;
  return (
    <li className="search-hit">
      <p className="search-hit__title">
        <span>#{ticket.number}</span>{' '}
        <Link href={`/tickets/${ticket.number}`} translate="no">
          <Marked fragments={hit.subject} />
        </Link>
      </p>
      <p className="search-hit__meta">
        <StatusPill status={ticket.status} /> <span>{t.typeName[ticket.type]}</span>
        {staff && ticket.priority && <PriorityBadge priority={ticket.priority} />}
        {staff && <TagList tags={ticket.tags} />} <When at={ticket.updatedAt} />
      </p>
      {passage && (
        <p className="search-hit__passage">
          <span className="search-hit__where">{where}</span>{' '}
          <span translate="no">
            <Marked fragments={passage.fragments} />
          </span>
        </p>
      )}
    </li>
  );
}

export function Search() {
  const { t } = useI18n();
  const { me } = useSession();
  const staff = !!me && isAgent(me);
  const [, navigate] = useLocation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const status = oneOf(params, 'status', TICKET_STATUSES);
  const type = oneOf(params, 'type', TICKET_TYPES);
  const priority = staff ? oneOf(params, 'priority', TICKET_PRIORITIES) : undefined;
  const tag = staff ? (params.get('tag') ?? '').trim() || undefined : undefined;
  const assignee = staff ? oneOf(params, 'assignee', ASSIGNEES) : undefined;
  const from = params.get('from');
  const to = params.get('to');
  // Created on or after the first day, and up to the end of the last.
  const createdFrom = midnight(from);
  const createdTo = midnight(to, 1);
  const sorts = staff ? SORTS : SORTS.filter((s) => s !== 'priority');
  const sort = oneOf(params, 'sort', sorts) ?? 'relevance';
  const page = pageOf(params);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  useTitle(q ? t.search.titleFor(q) : t.search.title);

  const results = useAsync(
    () =>
      q
        ? api.tickets.search.query({
            q,
            sort,
            page,
            pageSize: PAGE_SIZE,
            ...filtersOf({ status, type, priority, tag }),
            ...(assignee === 'me' && me && { assigneeId: me.id }),
            ...(assignee === 'unassigned' && { unassigned: true }),
            ...(createdFrom && { createdFrom }),
            ...(createdTo && { createdTo }),
          })
        : Promise.resolve(null),
    [q, sort, page, status, type, priority, tag, assignee, createdFrom, createdTo, me?.id],
  );
  const jumpTo = results.data?.jumpTo ?? null;
  useEffect(() => {
    if (jumpTo !== null) navigate(`/tickets/${jumpTo}`, { replace: true });
  }, [jumpTo, navigate]);

  const update = (changes: Record<string, string | undefined>) => setParams((prev) => withChanges(prev, { page: undefined, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draft.trim() || undefined });
  };
  const sortLabels = { relevance: t.search.sortRelevance, updated: t.search.sortUpdated, created: t.search.sortCreated, number: t.search.sortNumber, priority: t.search.sortPriority };
  const data = results.data;

  return (
    <>
      <h1>{t.search.title}</h1>
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor="search-q">{staff ? t.search.labelStaff : t.search.label}</label>
        <div className="search-form__row">
          <input id="search-q" type="search" name="q" value={draft} maxLength={200} onChange={(event) => setDraft(event.target.value)} aria-describedby="search-hint" />
          <button type="submit">{t.search.submit}</button>
        </div>
        <p id="search-hint" className="hint">
          {t.search.hint}
        </p>
      </form>
      {q && (
        <div className="filters">
          <StatusFilter value={status} onChange={(value) => update({ status: value })} />
          <TypeFilter value={type} onChange={(value) => update({ type: value })} />
          {staff && <PriorityFilter value={priority} onChange={(value) => update({ priority: value })} />}
          {staff && <TagFilter value={tag} onChange={(value) => update({ tag: value })} />}
          {staff && (
            <label className="filter">
              {t.search.assignee}
              <select value={assignee ?? ''} onChange={(event) => update({ assignee: event.target.value || undefined })}>
                <option value="">{t.search.anyAssignee}</option>
                <option value="me">{t.queue.mine}</option>
                <option value="unassigned">{t.queue.unassigned}</option>
              </select>
            </label>
          )}
          <label className="filter">
            {t.search.createdFrom}
            <input type="date" value={createdFrom ? (from ?? '') : ''} onChange={(event) => update({ from: event.target.value || undefined })} />
          </label>
          <label className="filter">
            {t.search.createdTo}
            <input type="date" value={createdTo ? (to ?? '') : ''} onChange={(event) => update({ to: event.target.value || undefined })} />
          </label>
          <SortChoice label={t.search.sort} values={sorts} nameOf={(s) => sortLabels[s]} value={sort} fallback="relevance" onChange={(value) => update({ sort: value })} />
        </div>
      )}
      <ApiError error={results.error} />
      {q && results.loading && !data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {data && jumpTo === null && (
        <section aria-labelledby="search-count">
          <p id="search-count" role="status">
            {t.search.count(data.total, data.totalIsExact)}
          </p>
          {data.items.length === 0 ? (
            <p className="empty">{t.search.empty}</p>
          ) : (
            <ol className="search-hits">
              {data.items.map((result) => (
                <Hit key={result.ticket.number} result={result} staff={staff} />
              ))}
            </ol>
          )}
          {!data.complete && <p className="hint">{t.search.incomplete}</p>}
          <Pager page={page} total={data.totalIsExact ? data.total : null} pageSize={data.pageSize} hasMore={data.hasMore} onPage={(p) => update({ page: String(p) })} />
        </section>
      )}
    </>
  );
}
