// On a Closed ticket the reply box gives way to a follow-up: a new ticket linked to this one.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { useI18n } from '../i18n';
import { newRequestId } from '../lib/request-id';
import { ErrorNote } from './Alert';

export function FollowUp({ number }: { number: number }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError(t.ticket.emptyBody);
      return;
    }
    setBusy(true);
    setError('');
    try {
      const created = await api.tickets.followUp(number, body.trim(), requestId.current);
      navigate(`/tickets/${created}`);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="follow-up">
      <p className="alert alert--info">{t.ticket.closedNote}</p>
      {!open ? (
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          {t.ticket.followUp}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <label htmlFor={`${id}-body`}>{t.ticket.followUpText}</label>
          <textarea id={`${id}-body`} rows={5} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
          <ErrorNote>{error}</ErrorNote>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t.ticket.followUp}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t.common.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
