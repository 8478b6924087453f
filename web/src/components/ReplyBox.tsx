// Answering a ticket. Requesters and CC'd users write a reply (warned first when it will reopen a
// Solved ticket). Support Ops choose a public reply or an internal note, told apart by words, colour
// and border, and may send the reply "as" another status. Each kind of message is confirmed once sent.
// Any of them may bring files (a photo of the broken dock is an answer too, even without text).
import { useId, useState, type FormEvent } from 'react';
import { MAX_BODY_LENGTH, SETTABLE_STATUSES, type SettableStatus, type TicketStatus } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { fieldsInError, filesRefusal } from '../api/errors';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useUploads } from '../lib/use-uploads';
import { SuccessNote } from './Alert';
import { ApiError } from './ApiError';
import { AttachFiles } from './AttachFiles';

type Sent = { kind: 'reply' } | { kind: 'note' } | { kind: 'status'; status: SettableStatus };

/** `asSupport`: may write internal notes and change the status with the reply. */
export function ReplyBox({ number, status, asSupport, onSent }: { number: number; status: TicketStatus; asSupport: boolean; onSent(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [submitAs, setSubmitAs] = useState<SettableStatus | ''>('');
  const [empty, setEmpty] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  // Sending was tried while a file was not ready: said beside the files until they are.
  const [triedEarly, setTriedEarly] = useState(false);
  const uploads = useUploads();
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const id = useId();
  const internal = asSupport && kind === 'internal';
  const reopens = !asSupport && status === 'solved';
  const bodyError = empty ? t.ticket.emptyReply : fieldsInError(action.error).has('body') ? t.ticket.bodyInvalid : null;
  const refusedFiles = filesRefusal(action.error, t);
  const filesError = triedEarly && uploads.notReady ? t.files.notReady[uploads.notReady] : refusedFiles;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const nothing = !body.trim() && uploads.files.length === 0;
    setEmpty(nothing);
    setTriedEarly(uploads.notReady !== null);
    if (nothing || uploads.notReady) {
      action.clear();
      focusFirstError();
      return;
    }
    const sentBody = body;
    const files = uploads.ids;
    const newStatus = asSupport && submitAs ? submitAs : undefined;
    const ok = await action.run(() =>
      api.tickets.reply.mutate({ number, body: sentBody, ...(files.length > 0 && { attachmentIds: files }), ...(internal && { internal: true }), ...(newStatus && { status: newStatus }) }),
    );
    if (ok) {
      // Clear only what was sent: the next message may already be on its way in.
      setBody((current) => (current === sentBody ? '' : current));
      uploads.sent(files);
      setSubmitAs('');
      setSent(newStatus ? { kind: 'status', status: newStatus } : internal ? { kind: 'note' } : { kind: 'reply' });
    } else {
      focusFirstError();
    }
    // Refused or not, the page shows the ticket as it now is.
    onSent();
  }

  const label = internal ? t.ticket.yourNote : t.ticket.yourReply;
  const button = submitAs ? t.ticket.submitAsButton(t.status[submitAs]) : internal ? t.ticket.addNote : reopens ? t.ticket.replyAndReopen : t.ticket.reply;
  const confirmation = !sent ? null : sent.kind === 'status' ? t.ticket.sentWithStatus(t.status[sent.status]) : sent.kind === 'note' ? t.ticket.noteAdded : t.ticket.replySent;
  const describedBy = [asSupport && `${id}-hint`, reopens && `${id}-warning`, bodyError && `${id}-error`].filter(Boolean).join(' ') || undefined;

  return (
    <form ref={ref} className={internal ? 'reply reply--internal' : 'reply'} onSubmit={submit} noValidate {...uploads.formProps}>
      {asSupport && (
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
      <div className={bodyError ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-body`}>{label}</label>
        {asSupport && (
          <p className="hint" id={`${id}-hint`}>
            {internal ? t.ticket.internalNoteHint : t.ticket.publicReplyHint}
          </p>
        )}
        {bodyError && (
          <p className="field-error" id={`${id}-error`}>
            {bodyError}
          </p>
        )}
        <textarea
          id={`${id}-body`}
          name="body"
          rows={5}
          maxLength={MAX_BODY_LENGTH}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setSent(null);
          }}
          aria-describedby={describedBy}
          aria-invalid={bodyError ? true : undefined}
        />
      </div>
      <AttachFiles uploads={uploads} error={filesError} />
      {!bodyError && !filesError && <ApiError error={action.error} />}
      {confirmation && <SuccessNote>{confirmation}</SuccessNote>}
      <div className="actions">
        {asSupport && (
          <label className="submit-as">
            {t.ticket.submitAs}
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
        <button type="submit" className={internal ? 'primary primary--internal' : 'primary'} disabled={action.busy}>
          {button}
        </button>
      </div>
    </form>
  );
}
