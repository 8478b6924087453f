// What only agents see beside a ticket: assignment, status actions, the SLA with its deadline and
// the link to the ticket's workflow in the Temporal UI.
import { useId, useState, type FormEvent } from 'react';
import type { Me, TicketView } from '../api/views';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { ErrorNote } from './Alert';
import { SlaState } from './SlaState';

export function AgentPanel({ ticket, me, onChanged }: { ticket: TicketView; me: Me; onChanged(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const closed = ticket.status === 'closed';
  const agents = useAsync(() => api.users.agents(), []);
  const [chosen, setChosen] = useState('');

  async function assignChosen(event: FormEvent) {
    event.preventDefault();
    if (chosen) await run(() => api.tickets.assign(ticket.number, chosen));
  }

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError('');
    try {
      await action();
      return true;
    } catch (err) {
      setError(errorMessage(err, t));
      return false;
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  const statusActions = [
    { label: t.ticket.setPending, show: ticket.status !== 'pending', run: () => api.tickets.setPending(ticket.number) },
    { label: t.ticket.putOnHold, show: ticket.status !== 'on-hold', run: () => api.tickets.putOnHold(ticket.number) },
    { label: t.ticket.solve, show: ticket.status !== 'solved', run: () => api.tickets.solve(ticket.number) },
    { label: t.ticket.reopen, show: ticket.status !== 'open', run: () => api.tickets.reopen(ticket.number) },
  ];

  return (
    <>
      <ErrorNote>{error}</ErrorNote>
      <section aria-labelledby={`${id}-assign`} className="side-section">
        <h2 id={`${id}-assign`}>{t.ticket.assignment}</h2>
        <p data-testid="assignee">{ticket.assignee ? ticket.assignee.name || ticket.assignee.email : t.ticket.unassigned}</p>
        {!closed && (
          <>
            <div className="actions">
              {ticket.assignee?.id !== me.id && (
                <button type="button" disabled={busy} onClick={() => run(() => api.tickets.assign(ticket.number, me.id))}>
                  {t.ticket.assignToMe}
                </button>
              )}
              {ticket.assignee && (
                <button type="button" disabled={busy} onClick={() => run(() => api.tickets.assign(ticket.number, null))}>
                  {t.ticket.unassign}
                </button>
              )}
            </div>
            {agents.data && agents.data.length > 1 && (
              <form onSubmit={assignChosen} className="inline-form" noValidate>
                <label htmlFor={`${id}-assignee`}>{t.ticket.assignTo}</label>
                <div className="inline-form__row">
                  <select id={`${id}-assignee`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                    <option value="">—</option>
                    {agents.data
                      .filter((a) => a.id !== ticket.assignee?.id)
                      .map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name ? `${a.name} <${a.email}>` : a.email}
                        </option>
                      ))}
                  </select>
                  <button type="submit" disabled={busy || !chosen}>
                    {t.ticket.assign}
                  </button>
                </div>
              </form>
            )}
          </>
        )}
      </section>
      {!closed && (
        <section aria-labelledby={`${id}-status`} className="side-section">
          <h2 id={`${id}-status`}>{t.ticket.actions}</h2>
          <div className="actions actions--wrap">
            {statusActions
              .filter((action) => action.show)
              .map((action) => (
                <button key={action.label} type="button" disabled={busy} onClick={() => run(action.run)}>
                  {action.label}
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
        {me.temporalUiUrl && (
          <p>
            <a
              href={`${me.temporalUiUrl}/namespaces/${encodeURIComponent(me.temporalNamespace)}/workflows/ticket-${ticket.number}`} target="_blank" rel="noreferrer noopener">
              {t.ticket.temporal}
            </a>
          </p>
        )}
      </section>
    </>
  );
}
