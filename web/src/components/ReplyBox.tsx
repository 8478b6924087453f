// Answering a ticket. Requesters write a reply (warned first when it will reopen a Solved ticket).
// Agents choose a public reply or an internal note, told apart by words, colour and border, and
// may send the reply "as" another status.
import { useId, useState, type FormEvent } from 'react';
import { SETTABLE_STATUSES, type SettableStatus, type TicketStatus } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { useI18n } from '../i18n';
import { ErrorNote, SuccessNote } from './Alert';

export function ReplyBox({ number, status, agent, onSent }: { number: number; status: TicketStatus; agent: boolean; onSent(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [submitAs, setSubmitAs] = useState<SettableStatus | ''>('');
  const [error, setError] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const internal = agent && kind === 'internal';
  const reopens = !agent && status === 'solved';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    if (!body.trim()) {
      setError(t.ticket.emptyBody);
      return;
    }
    setBusy(true);
    setError('');
    try {
      const sentBody = body;
      await api.tickets.reply(number, sentBody, {
        ...(internal && { internal: true }),
        ...(agent && submitAs && { status: submitAs }),
      });
      // Clear only what was sent: the next message may already be on its way in.
      setBody((current) => (current === sentBody ? '' : current));
      setSubmitAs('');
      setSent(true);
      onSent();
    } catch (err) {
      setError(errorMessage(err, t));
      onSent();
    } finally {
      setBusy(false);
    }
  }

  const label = internal ? t.ticket.yourNote : t.ticket.yourReply;
  const button = submitAs
    ? t.ticket.submitAsButton(t.status[submitAs])
    : internal
      ? t.ticket.addNote
      : reopens
        ? t.ticket.replyAndReopen
        : t.ticket.reply;

  return (
    <form className={internal ? 'reply reply--internal' : 'reply'} onSubmit={submit} noValidate>
      {agent && (
        <fieldset className="reply-kind">
          <legend>{t.ticket.replyKind}</legend>
          <label className={kind === 'public' ? 'toggle toggle--on' : 'toggle'}>
            <input type="radio" name={`${id}-kind`} value="public" checked={kind === 'public'} onChange={() => setKind('public')} />
            {t.ticket.publicReply}
          </label>
          <label className={kind === 'internal' ? 'toggle toggle--on toggle--internal' : 'toggle toggle--internal'}>
            <input type="radio" name={`${id}-kind`} value="internal" checked={kind === 'internal'} onChange={() => setKind('internal')} />
            {t.ticket.internalNote}
          </label>
        </fieldset>
      )}
      {reopens && (
        <p className="alert alert--warning" id={`${id}-warning`}>
          {t.ticket.solvedWarning}
        </p>
      )}
      <label htmlFor={`${id}-body`}>{label}</label>
      {agent && (
        <p className="hint" id={`${id}-hint`}>
          {internal ? t.ticket.internalNoteHint : t.ticket.publicReplyHint}
        </p>
      )}
      <textarea
        id={`${id}-body`}
        name="body"
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-describedby={[agent ? `${id}-hint` : '', reopens ? `${id}-warning` : ''].filter(Boolean).join(' ') || undefined}
      />
      <ErrorNote>{error}</ErrorNote>
      {sent && <SuccessNote>{t.ticket.sent}</SuccessNote>}
      <div className="actions">
        {agent && (
          <label>
            {t.ticket.submitAs}{' '}
            <select name="submitAs" value={submitAs} onChange={(e) => setSubmitAs(e.target.value as SettableStatus | '')}>
              <option value="">{t.ticket.keepStatus(t.status[status])}</option>
              {SETTABLE_STATUSES.filter((s) => s !== status).map((s) => (
                <option key={s} value={s}>
                  {t.status[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className={internal ? 'primary primary--internal' : 'primary'} disabled={busy}>
          {button}
        </button>
      </div>
    </form>
  );
}
