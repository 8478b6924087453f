// Who is CC'd on the ticket: listed, removable by whoever may (a CC'd user: only themselves), and
// a field to add someone by e-mail.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { fieldsInError } from '../api/errors';
import type { Person } from '../api/types';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import type { TicketPermissions } from '../lib/ticket-permissions';
import { ApiError } from './ApiError';
import { personLabel, PersonName } from './PersonName';

export function CcManager({ number, ccs, permissions, onChanged }: { number: number; ccs: Person[]; permissions: TicketPermissions | null; onChanged(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLElement>();
  const id = useId();
  const emailInvalid = fieldsInError(action.error).has('email');

  async function change(work: () => Promise<unknown>): Promise<boolean> {
    const ok = await action.run(work);
    if (ok) onChanged();
    else focusFirstError();
    return ok;
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return;
    if (await change(() => api.tickets.addCc.mutate({ number, email: email.trim() }))) setEmail('');
  }

  return (
    <section ref={ref} aria-labelledby={`${id}-title`} className="side-section">
      <h2 id={`${id}-title`}>{t.ticket.ccs}</h2>
      {ccs.length === 0 ? (
        <p className="hint">{t.ticket.noCcs}</p>
      ) : (
        <ul className="cc-list">
          {ccs.map((person) => (
            <li key={person.id}>
              <PersonName person={person} />
              {permissions?.mayRemoveCc(person.id) && (
                <button
                  type="button"
                  className="link-button"
                  disabled={action.busy}
                  aria-label={t.ticket.removeCc(personLabel(person))}
                  onClick={() => change(() => api.tickets.removeCc.mutate({ number, userId: person.id }))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {emailInvalid ? (
        <p className="field-error" id={`${id}-error`}>
          {t.common.badEmail}
        </p>
      ) : (
        <ApiError error={action.error} />
      )}
      {permissions?.may('addCc') && (
        <form onSubmit={add} className="inline-form" noValidate>
          <label htmlFor={`${id}-email`}>{t.ticket.ccEmail}</label>
          <div className="inline-form__row">
            <input
              id={`${id}-email`}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={emailInvalid ? true : undefined}
              aria-describedby={emailInvalid ? `${id}-error` : undefined}
            />
            <button type="submit" disabled={action.busy}>
              {t.ticket.addCc}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
