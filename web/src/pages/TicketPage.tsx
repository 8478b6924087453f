// One ticket, for everyone who may see it. What the reader is offered follows from how they stand
// to it (the permission table the workflow and the API apply too); Support Ops get the console's
// panels beside it. The page follows changes made elsewhere through the live feed; Support Ops
// also see who else of them has it open or is writing a reply (presence.*).
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { api } from '../api/client';
import { errorCode } from '../api/errors';
import { AgentPanel } from '../components/AgentPanel';
import { ApiError } from '../components/ApiError';
import { AuditTrail } from '../components/AuditTrail';
import { SatisfactionNote } from '../components/SatisfactionNote';
import { CcManager } from '../components/CcManager';
import { Conversation } from '../components/Conversation';
import { FollowUp } from '../components/FollowUp';
import { personLabel } from '../components/PersonName';
import { isErasedName, isErasedPerson } from '../../../src/accounts/erased';
import { ReplyBox } from '../components/ReplyBox';
import { RequesterSolve } from '../components/RequesterSolve';
import { StatusBadge } from '../components/StatusBadge';
import { TicketFiles } from '../components/TicketFiles';
import { WhoElseIsHere } from '../components/WhoElseIsHere';
import { useI18n } from '../i18n';
import { formatInstant } from '../lib/format';
import { permissionsOn } from '../lib/ticket-permissions';
import { useAsync } from '../lib/use-async';
import { useLive } from '../lib/use-live';
import { usePresence } from '../lib/use-presence';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

export function TicketPage() {
  const { t, lang } = useI18n();
  const { me, portal } = useSession();
  const number = Number(useParams<{ number: string }>().number);
  const valid = Number.isSafeInteger(number) && number > 0;
  const detail = useAsync(() => (valid ? api.tickets.get.query({ number }) : Promise.reject(new Error('not a ticket number'))), [number]);
  useLive({ number }, detail.reload, valid && !detail.error);
  const ticket = detail.data?.ticket;
  // Support Ops tell each other they are here, and whether they are writing a reply.
  const [drafting, setDrafting] = useState(false);
  const others = usePresence(number, drafting ? 'replying' : 'viewing', valid && detail.data?.standing === 'agent', detail.data?.presence ?? []);
  useTitle(ticket ? `#${ticket.number} ${isErasedName(ticket.subject) ? t.erased.subject : ticket.subject}` : `#${valid ? number : ''}`);

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
  if (!ticket || !detail.data || !me) return <p aria-busy="true">{t.common.loading}</p>;

  const { standing } = detail.data;
  const may = permissionsOn(standing, me.id, ticket.number);
  const closed = ticket.status === 'closed';
  // An erased requester and their subject (src/accounts/erased.ts) are said in the reader's language.
  const requesterName = isErasedPerson(ticket.requester) ? t.erased.person : personLabel(ticket.requester);
  const subject = isErasedName(ticket.subject) ? t.erased.subject : ticket.subject;
  return (
    <article className="ticket">
      <header className="ticket__header">
        <p className="ticket__type">
          {t.typeName[ticket.type]}
          {ticket.followUpOf && (
            <>
              {' · '}
              <Link href={`/tickets/${ticket.followUpOf}`}>{t.ticket.followUpOf(ticket.followUpOf)}</Link>
            </>
          )}
        </p>
        <h1 data-testid="ticket-title" translate="no">{`#${ticket.number} ${subject}`}</h1>
        <p className="hint">
          {t.ticket.requestedBy(requesterName, formatInstant(ticket.createdAt, lang))}
        </p>
        <StatusBadge status={ticket.status} autoCloseAt={ticket.autoCloseAt} reader={standing} />
        {standing === 'agent' && <WhoElseIsHere others={others} />}
      </header>
      <div className="ticket__layout">
        <div className="ticket__main">
          <Conversation description={ticket.description} requester={requesterName} createdAt={ticket.createdAt} comments={detail.data.conversation} />
          {detail.data.followUps.length > 0 && (
            <p>
              {t.ticket.followUps}{' '}
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
          ) : may.may('reply') ? (
            <>
              <ReplyBox
                key={ticket.number}
                ticket={ticket}
                conversation={detail.data.conversation}
                meId={me.id}
                asSupport={may.mayReplyAsSupport}
                onSent={detail.reload}
                onDrafting={setDrafting}
              />
              {/* Its requester and CCs get e-mails about it; answering one reaches the ticket when the desk reads the answers. */}
              {portal?.repliesByMail && (standing === 'requester' || standing === 'cc') && (
                <p className="hint" data-testid="answer-by-mail">
                  {t.ticket.answerByMail}
                </p>
              )}
            </>
          ) : (
            <p className="alert alert--info">{t.ticket.colleagueNote}</p>
          )}
          {standing === 'agent' && <AuditTrail events={detail.data.audit} workEvents={detail.data.workEvents} />}
        </div>
        <aside className="ticket__side" aria-label={t.ticket.side}>
          {standing === 'agent' ? (
            <>
              <AgentPanel ticket={ticket} me={me} portal={portal} permissions={may} onChanged={detail.reload} />
              <SatisfactionNote workEvents={detail.data.workEvents} />
            </>
          ) : (
            <RequesterSolve number={ticket.number} offered={!closed && ticket.status !== 'solved' && may.may('solve')} onDone={detail.reload} />
          )}
          <CcManager number={ticket.number} ccs={ticket.ccs} permissions={closed ? null : may} onChanged={detail.reload} />
          {standing === 'agent' && <TicketFiles files={detail.data.files} conversation={detail.data.conversation} />}
        </aside>
      </div>
    </article>
  );
}
