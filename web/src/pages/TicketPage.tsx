// One ticket, for requesters and agents alike; agents get the console's panels beside it.
// The page follows changes made elsewhere through the live feed.
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { TYPE_LABELS } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { errorCode, errorMessage } from '../api/errors';
import { AgentPanel } from '../components/AgentPanel';
import { ErrorNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { AuditTrail } from '../components/AuditTrail';
import { CcManager } from '../components/CcManager';
import { Conversation } from '../components/Conversation';
import { FollowUp } from '../components/FollowUp';
import { ReplyBox } from '../components/ReplyBox';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { useLive } from '../lib/use-live';
import { useTitle } from '../lib/use-title';
import { isAgent, useSession } from '../session';

export function TicketPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const number = Number(useParams<{ number: string }>().number);
  const valid = Number.isSafeInteger(number) && number > 0;
  const detail = useAsync(() => (valid ? api.tickets.get(number) : Promise.reject(new Error('bad number'))), [number]);
  useLive({ number }, detail.reload, valid && !detail.error);
  const agent = isAgent(me);
  const ticket = detail.data?.ticket;
  useTitle(ticket ? `#${ticket.number} ${ticket.subject}` : `#${valid ? number : ''}`);

  if (!valid || errorCode(detail.error) === 'NOT_FOUND') {
    return (
      <section className="card">
        <h1>{t.ticket.notFound}</h1>
        <p>
          <Link href="/requests">{t.nav.activities}</Link>
        </p>
      </section>
    );
  }
  if (detail.error && !ticket) return <ApiError error={detail.error} />;
  if (!ticket || !detail.data) return <p aria-busy="true">{t.common.loading}</p>;

  const requesterName = ticket.requester.name || ticket.requester.email;
  const closed = ticket.status === 'closed';
  const { standing } = detail.data;
  // Colleagues see their organization's tickets; only the people on the ticket take part.
  const participant = standing === 'agent' || standing === 'requester' || standing === 'cc';
  return (
    <article className="ticket">
      <header className="ticket__header">
        <p className="ticket__type">
          {TYPE_LABELS[ticket.type]}
          {ticket.followUpOf && (
            <>
              {' · '}
              <Link href={`/tickets/${ticket.followUpOf}`}>{t.ticket.followUpOf(ticket.followUpOf)}</Link>
            </>
          )}
        </p>
        <h1 data-testid="ticket-title">{t.ticket.title(ticket.number, ticket.subject)}</h1>
        <p className="hint">{t.ticket.requestedBy(requesterName, formatDateTime(ticket.createdAt, lang))}</p>
        <StatusBadge status={ticket.status} autoCloseAt={ticket.autoCloseAt} audience={agent ? 'agent' : 'requester'} />
      </header>
      <div className="ticket__layout">
        <div className="ticket__main">
          <Conversation description={ticket.description} requester={requesterName} createdAt={ticket.createdAt} comments={detail.data.comments} />
          {detail.data.followUps.length > 0 && (
            <p>
              {t.ticket.followUps}:{' '}
              {detail.data.followUps.map((n, i) => (
                <span key={n}>
                  {i > 0 && ', '}
                  <Link href={`/tickets/${n}`}>#{n}</Link>
                </span>
              ))}
            </p>
          )}
          {closed ? (
            <FollowUp number={ticket.number} />
          ) : participant ? (
            <ReplyBox key={ticket.status} number={ticket.number} status={ticket.status} agent={agent} onSent={detail.reload} />
          ) : (
            <p className="alert alert--info">{t.ticket.colleagueNote}</p>
          )}
          {agent && <AuditTrail events={detail.data.events} />}
        </div>
        <aside className="ticket__side" aria-label={t.ticket.actions}>
          {agent && me && <AgentPanel ticket={ticket} me={me} onChanged={detail.reload} />}
          {standing === 'requester' && !closed && ticket.status !== 'solved' && (
            <section className="side-section">
              <RequesterSolve number={ticket.number} onDone={detail.reload} />
            </section>
          )}
          <CcManager
            number={ticket.number}
            ccs={ticket.ccs}
            editable={!closed && (standing === 'agent' || standing === 'requester')}
            selfId={!closed && standing === 'cc' ? me?.id : undefined}
            onChanged={detail.reload}
          />
        </aside>
      </div>
    </article>
  );
}

/** A requester may mark their own ticket Solved. */
function RequesterSolve({ number, onDone }: { number: number; onDone(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <>
      <ErrorNote>{error}</ErrorNote>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError('');
          try {
            await api.tickets.solve(number);
          } catch (err) {
            setError(errorMessage(err, t));
          } finally {
            setBusy(false);
            onDone();
          }
        }}
      >
        {t.ticket.markSolved}
      </button>
    </>
  );
}
