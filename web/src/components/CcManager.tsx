// Who is CC'd on the ticket: listed, removable, and a field to add someone by e-mail.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import type { PersonView } from '../api/views';
import { useI18n } from '../i18n';
import { ErrorNote } from './Alert';

/** `editable`: may add and remove anyone; `selfId`: may at least take themselves off (a CC'd person). */
export function CcManager({ number, ccs, editable, selfId, onChanged }: { number: number; ccs: PersonView[]; editable: boolean; selfId?: string; onChanged(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError('');
    try {
      await action();
      onChanged();
      return true;
    } catch (err) {
      setError(errorMessage(err, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return;
    if (await run(() => api.tickets.addCc(number, email.trim()))) setEmail('');
  }

  return (
    <section aria-labelledby={`${id}-title`} className="side-section">
      <h2 id={`${id}-title`}>{t.ticket.ccs}</h2>
      {ccs.length === 0 ? (
        <p className="hint">{t.ticket.noCcs}</p>
      ) : (
        <ul className="cc-list">
          {ccs.map((person) => (
            <li key={person.id}>
              <span>{person.name ? `${person.name} <${person.email}>` : person.email}</span>
              {(editable || person.id === selfId) && (
                <button type="button" className="link-button" disabled={busy} aria-label={t.ticket.removeCc(person.email)} onClick={() => run(() => api.tickets.removeCc(number, person.id))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote>{error}</ErrorNote>
      {editable && (
        <form onSubmit={add} className="inline-form" noValidate>
          <label htmlFor={`${id}-email`}>{t.ticket.ccEmail}</label>
          <div className="inline-form__row">
            <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
            <button type="submit" disabled={busy}>
              {t.ticket.addCc}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
