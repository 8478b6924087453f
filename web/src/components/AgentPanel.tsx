// What only Support Ops see beside a ticket: assignment, priority and tags, status actions, the SLA with its deadline
// and the link to the ticket's workflow in the Temporal UI.
import { useId, useState, type FormEvent } from 'react';
import { STATUS_MESSAGES, STATUS_OF_MESSAGE } from '../../../workflows/ticket/commands';
import { api } from '../api/client';
import type { Me, PortalConfig, Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import type { TicketPermissions } from '../lib/ticket-permissions';
import { ApiError } from './ApiError';
import { choiceLabel, PersonName } from './PersonName';
import { SlaDeadlines } from './SlaDeadlines';
import { SlaState } from './SlaState';
import { TicketMarksEditor } from './TicketMarksEditor';

export function AgentPanel({ ticket, me, portal, permissions, onChanged }: { ticket: Ticket; me: Me; portal: PortalConfig | null; permissions: TicketPermissions; onChanged(): void }) {
  const { t } = useI18n();
  const id = useId();
  const closed = ticket.status === 'closed';
  const agents = useAsync(() => api.users.agents.query(), []);
  const [chosen, setChosen] = useState('');
  const action = useAction();

  async function run(work: () => Promise<unknown>) {
    await action.run(work);
    // Refused or not, the page shows the ticket as it now is.
    onChanged();
  }

  async function assignChosen(event: FormEvent) {
    event.preventDefault();
    if (chosen) await run(() => api.tickets.assign.mutate({ number: ticket.number, assigneeId: chosen }));
    setChosen('');
  }

  const others = (agents.data ?? []).filter((a) => a.id !== ticket.assignee?.id);
  const statusActions = STATUS_MESSAGES.filter((name) => permissions.may(name) && STATUS_OF_MESSAGE[name] !== ticket.status);

  return (
    <>
      <ApiError error={action.error} />
      <section aria-labelledby={`${id}-assign`} className="side-section">
        <h2 id={`${id}-assign`}>{t.ticket.assignment}</h2>
        <p data-testid="assignee">{ticket.assignee ? <PersonName person={ticket.assignee} /> : t.ticket.unassigned}</p>
        {!closed && permissions.may('assign') && (
          <>
            <div className="actions">
              {ticket.assignee?.id !== me.id && (
                <button type="button" disabled={action.busy} onClick={() => run(() => api.tickets.assign.mutate({ number: ticket.number, assigneeId: me.id }))}>
                  {t.ticket.assignToMe}
                </button>
              )}
              {ticket.assignee && (
                <button type="button" disabled={action.busy} onClick={() => run(() => api.tickets.assign.mutate({ number: ticket.number, assigneeId: null }))}>
                  {t.ticket.unassign}
                </button>
              )}
            </div>
            {others.length > 0 && (
              <form onSubmit={assignChosen} className="inline-form" noValidate>
                <label htmlFor={`${id}-assignee`}>{t.ticket.assignTo}</label>
                <div className="inline-form__row">
                  <select id={`${id}-assignee`} value={chosen} onChange={(e) => setChosen(e.target.value)} translate="no">
                    <option value="">—</option>
                    {others.map((a) => (
                      <option key={a.id} value={a.id}>
                        {choiceLabel(a, others)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" disabled={action.busy || !chosen}>
                    {t.ticket.assign}
                  </button>
                </div>
              </form>
            )}
          </>
        )}
      </section>
      <TicketMarksEditor ticket={ticket} permissions={permissions} onChanged={onChanged} />
      {!closed && statusActions.length > 0 && (
        <section aria-labelledby={`${id}-status`} className="side-section">
          <h2 id={`${id}-status`}>{t.ticket.actions}</h2>
          <div className="actions actions--wrap">
            {statusActions.map((name) => (
              <button key={name} type="button" disabled={action.busy} onClick={() => run(() => api.tickets[name].mutate({ number: ticket.number }))}>
                {t.statusAction[name]}
              </button>
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby={`${id}-sla`} className="side-section">
        <h2 id={`${id}-sla`}>{t.ticket.sla}</h2>
        <p data-testid="sla">
          <SlaState ticket={ticket} />
        </p>
        <SlaDeadlines ticket={ticket} />
        {portal?.temporalUiUrl && (
          <p>
            <a href={`${portal.temporalUiUrl}/namespaces/${encodeURIComponent(portal.temporalNamespace)}/workflows/ticket-${ticket.number}`} target="_blank" rel="noreferrer noopener">
              {t.ticket.temporal}
            </a>
          </p>
        )}
      </section>
    </>
  );
}
