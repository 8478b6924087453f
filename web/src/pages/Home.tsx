// Home/Overview: the two doors the guide names (and the console for agents), then what waits for
// the person (a requester's Pending requests; an agent's tickets in Support Ops' hands) and their
// latest requests.
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import type { ListQuery } from '../api/types';
import { ApiError } from '../components/ApiError';
import { TicketTable } from '../components/TicketTable';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { useLive } from '../lib/use-live';
import { useTitle } from '../lib/use-title';
import { isAgent, useSession } from '../session';

/** How many tickets each list on Home shows; the link leads to the rest. */
const HOME_LIST_SIZE = 5;

export function Home() {
  const { t } = useI18n();
  const { me } = useSession();
  useTitle(t.nav.home);
  const agent = isAgent(me);
  // One live feed for the page: any change to a ticket the person can see reloads both lists.
  const [changes, setChanges] = useState(0);
  useLive({}, () => setChanges((n) => n + 1));
  return (
    <>
      <h1>{t.home.title}</h1>
      <div className="doors">
        <Link href="/requests/new" className="door">
          <span className="door__title">{t.nav.submit}</span>
          <span className="door__text">{t.home.submitText}</span>
        </Link>
        <Link href="/requests" className="door">
          <span className="door__title">{t.home.checkTitle}</span>
          <span className="door__text">{t.home.checkText}</span>
        </Link>
        {agent && (
          <Link href="/agent" className="door door--agent">
            <span className="door__title">{t.home.agentTitle}</span>
            <span className="door__text">{t.home.agentText}</span>
          </Link>
        )}
      </div>
      <div className="home-lists">
        {agent && me ? (
          <HomeList
            title={t.home.assigned}
            query={{ view: 'queue', assigneeId: me.id, status: ['open', 'on-hold'], sort: 'criticalFirst' }}
            empty={t.home.nothingAssigned}
            more="/agent?queue=mine"
            changes={changes}
            agentColumns
          />
        ) : (
          <HomeList title={t.home.waiting} query={{ view: 'mine', status: ['pending'] }} empty={t.home.nothingWaiting} more="/requests?status=pending" changes={changes} ownRequests />
        )}
        <HomeList title={t.home.recent} query={{ view: 'mine' }} empty={t.home.noRequests} more="/requests" changes={changes} ownRequests />
      </div>
    </>
  );
}

interface HomeListProps {
  title: string;
  query: ListQuery;
  empty: string;
  /** The full list, for the link under this one. */
  more: string;
  /** Counts the live feed's announcements: each one reloads the list. */
  changes: number;
  agentColumns?: boolean;
  ownRequests?: boolean;
}

function HomeList({ title, query, empty, more, changes, agentColumns, ownRequests }: HomeListProps) {
  const { t } = useI18n();
  const id = useId();
  const list = useAsync(() => api.tickets.list.query({ ...query, page: 1, pageSize: HOME_LIST_SIZE }), [JSON.stringify(query), changes]);
  return (
    <section aria-labelledby={id} className="home-list">
      <h2 id={id}>{title}</h2>
      <ApiError error={list.error} />
      {list.loading && !list.data && <p aria-busy="true">{t.common.loading}</p>}
      {list.data && (
        <>
          <TicketTable items={list.data.items} caption={title} empty={empty} agentColumns={agentColumns} ownRequests={ownRequests} />
          {list.data.hasMore && (
            <p>
              <Link href={more}>{t.home.seeAll}</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
