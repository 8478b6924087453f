// On a Closed ticket the reply box gives way to a follow-up: a new ticket linked to this one, which
// may bring files like any request.
import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { MAX_BODY_LENGTH } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { fieldsInError, filesRefusal } from '../api/errors';
import { useI18n } from '../i18n';
import { newRequestId } from '../lib/request-id';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useUploads } from '../lib/use-uploads';
import { ApiError } from './ApiError';
import { AttachFiles } from './AttachFiles';
import { Field } from './Field';

export function FollowUp({ number }: { number: number }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const [triedEarly, setTriedEarly] = useState(false);
  const uploads = useUploads();
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  // One id per follow-up being written: sending it twice makes one ticket.
  const requestId = useRef(newRequestId());
  const bodyError = empty ? t.ticket.emptyBody : fieldsInError(action.error).has('description') ? t.ticket.bodyInvalid : undefined;
  const refusedFiles = filesRefusal(action.error, t);
  const filesError = triedEarly && uploads.notReady ? t.files.notReady[uploads.notReady] : (refusedFiles ?? undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setEmpty(!body.trim());
    setTriedEarly(uploads.notReady !== null);
    if (!body.trim() || uploads.notReady) {
      action.clear();
      focusFirstError();
      return;
    }
    const files = uploads.ids;
    const ok = await action.run(async () => {
      const created = await api.tickets.followUp.mutate({ number, description: body.trim(), requestId: requestId.current, ...(files.length > 0 && { attachmentIds: files }) });
      uploads.sent(files);
      navigate(`/tickets/${created.number}`);
    });
    if (!ok) focusFirstError();
  }

  return (
    <div className="follow-up">
      <p className="alert alert--info">{t.ticket.closedNote}</p>
      {!open ? (
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          {t.ticket.followUp}
        </button>
      ) : (
        <form ref={ref} onSubmit={submit} noValidate {...uploads.formProps}>
          <Field label={t.ticket.followUpText} error={bodyError}>
            <textarea rows={5} maxLength={MAX_BODY_LENGTH} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />
          </Field>
          <AttachFiles uploads={uploads} error={filesError} />
          {!bodyError && !filesError && <ApiError error={action.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={action.busy}>
              {t.ticket.followUp}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                action.clear();
              }}
            >
              {t.common.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
