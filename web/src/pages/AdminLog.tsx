// Administration, Admin log (admins only): every admin action, newest first, a page at a time (who,
// what, when, and what they gave it), narrowed to one kind of change or to what names a person
// (admin.log). Loaded on demand (App.tsx).
import { useState, type FormEvent } from 'react';
import { ERASED_ADDRESS } from '../../../src/accounts/erased';
import { api } from '../api/client';
import { AdminTabs } from '../components/AdminTabs';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { Pager } from '../components/Pager';
import { When } from '../components/When';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/en';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

const PAGE_SIZE = 25;
type Kind = keyof Messages['admin']['actions'];

export function AdminLog() {
  const { t } = useI18n();
  useTitle(`${t.admin.log} · ${t.admin.title}`);
  const [filter, setFilter] = useState<{ person: string; action: Kind | '' }>({ person: '', action: '' });
  const [draft, setDraft] = useState(filter);
  const [page, setPage] = useState(1);
  const log = useAsync(
    () => api.admin.log.query({ page, pageSize: PAGE_SIZE, person: filter.person.trim() || undefined, action: filter.action || undefined }),
    [page, filter.person, filter.action],
  );
  const apply = (next: typeof filter) => {
    setFilter(next);
    setPage(1);
  };
  const kinds = Object.keys(t.admin.actions) as Kind[];
  const kindOf = (action: string) => (action in t.admin.actions ? t.admin.actions[action as Kind] : action);

  return (
    <>
      <h1>{t.admin.title}</h1>
      <AdminTabs />
      <p className="lead">{t.admin.logIntro}</p>
      <form
        className="filters admin-search"
        role="search"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <Field label={t.admin.logPerson}>
          <input type="text" name="person" value={draft.person} onChange={(event) => setDraft({ ...draft, person: event.target.value })} />
        </Field>
        <Field label={t.admin.logAction}>
          <select
            name="action"
            value={draft.action}
            onChange={(event) => {
              const next = { ...draft, action: event.target.value as Kind | '' };
              setDraft(next);
              apply(next);
            }}
          >
            <option value="">{t.admin.allActions}</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t.admin.actions[kind]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t.admin.logFilter}</button>
      </form>
      <ApiError error={log.error} />
      {log.loading && !log.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {log.data && (
        <>
          <p role="status" className="hint">
            {t.admin.logCount(log.data.total)}
          </p>
          {log.data.items.length > 0 && (
            // Laid out as the ticket lists are: a table while it fits, cards below (styles.css).
            <div className="ticket-list">
            <table className="ticket-table admin-log" data-testid="admin-log" aria-busy={log.loading}>
                <caption className="visually-hidden">{t.admin.logTable}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.admin.logWhen}</th>
                    <th scope="col">{t.admin.logWho}</th>
                    <th scope="col">{t.admin.logWhat}</th>
                    <th scope="col">{t.admin.logDetails}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td data-label={t.admin.logWhen}>
                        <When at={entry.at} />
                      </td>
                      <td data-label={t.admin.logWho} className="address">
                        {entry.actorEmail === ERASED_ADDRESS ? t.erased.person : <span translate="no">{entry.actorEmail}</span>}
                      </td>
                      <td data-label={t.admin.logWhat}>{kindOf(entry.action)}</td>
                      <td data-label={t.admin.logDetails}>
                        <Details details={entry.details} />
                      </td>
                    </tr>
                  ))}
                </tbody>
            </table>
            </div>
          )}
          <Pager page={page} total={log.data.total} pageSize={PAGE_SIZE} hasMore={page * PAGE_SIZE < log.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

/** What the admin gave the action, as `name: value` lines (the values are data, not the portal's words). */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <dl className="log-details" translate="no">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
