// Submit a request: the four types with the guide's descriptions, subject, description, CCs and files.
// Errors are shown beside the field they concern and the keyboard is taken to the first of them;
// the confirmation gives the ticket number.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, TICKET_TYPES, type TicketType } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { fieldsInError, filesRefusal } from '../api/errors';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { newRequestId } from '../lib/request-id';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';
import { useUploads } from '../lib/use-uploads';
import { AttachFiles } from '../components/AttachFiles';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the form itself found wrong before sending (the server's findings come with its error). */
interface Problems {
  type?: boolean;
  subject?: boolean;
  description?: boolean;
  /** The first CC address that is not one. */
  badCc?: string;
  /** A file was still uploading, or could not be added. */
  files?: boolean;
}

function splitEmails(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function SubmitRequest() {
  const { t } = useI18n();
  const [type, setType] = useState<TicketType | ''>('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [ccs, setCcs] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<number | null>(null);
  const uploads = useUploads();
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  // One id per filled-in form: a retry of the same form is the same request.
  const requestId = useRef(newRequestId());
  const doneRef = useRef<HTMLHeadingElement>(null);
  useTitle(t.submit.title);

  // Said in the reader's language at render time: the server's own words are English.
  const server = fieldsInError(action.error);
  const refusedFiles = filesRefusal(action.error, t);
  const errors = {
    type: problems.type || server.has('type') ? t.submit.chooseType : undefined,
    subject: problems.subject ? t.common.required : server.has('subject') ? t.submit.fieldInvalid : undefined,
    description: problems.description ? t.common.required : server.has('description') ? t.submit.fieldInvalid : undefined,
    ccs: problems.badCc ? t.submit.badEmail(problems.badCc) : server.has('ccEmails') ? t.submit.ccsInvalid : undefined,
    files: problems.files && uploads.notReady ? t.files.notReady[uploads.notReady] : (refusedFiles ?? undefined),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      type: !type,
      subject: !subject.trim(),
      description: !description.trim(),
      badCc: splitEmails(ccs).find((email) => !EMAIL.test(email)),
      files: uploads.notReady !== null,
    };
    setProblems(found);
    if (found.type || found.subject || found.description || found.badCc || found.files) {
      action.clear();
      focusFirstError();
      return;
    }
    const files = uploads.ids;
    const ok = await action.run(async () => {
      const { number } = await api.tickets.create.mutate({
        type: type as TicketType,
        subject: subject.trim(),
        description: description.trim(),
        ccEmails: splitEmails(ccs),
        requestId: requestId.current,
        ...(files.length > 0 && { attachmentIds: files }),
      });
      uploads.sent(files);
      setCreated(number);
      requestAnimationFrame(() => doneRef.current?.focus());
    });
    if (!ok) focusFirstError();
  }

  function startAgain() {
    requestId.current = newRequestId();
    setCreated(null);
    setType('');
    setSubject('');
    setDescription('');
    setCcs('');
  }

  if (created !== null) {
    return (
      <section className="card">
        <h1 ref={doneRef} tabIndex={-1}>
          {t.submit.doneTitle}
        </h1>
        <p className="alert alert--success" role="status" data-testid="ticket-number">
          {t.submit.done(created)}
        </p>
        <p className="actions">
          <Link href={`/tickets/${created}`} className="button primary">
            {t.submit.open}
          </Link>
          <button type="button" onClick={startAgain}>
            {t.submit.another}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section className="card">
      <h1>{t.submit.title}</h1>
      <form ref={ref} onSubmit={submit} noValidate {...uploads.formProps}>
        <ApiError error={action.error} />
        <fieldset className={errors.type ? 'types field--invalid' : 'types'} aria-describedby={errors.type ? 'type-error' : undefined}>
          <legend>{t.submit.type}</legend>
          {errors.type && (
            <p id="type-error" className="field-error">
              {errors.type}
            </p>
          )}
          {TICKET_TYPES.map((value) => (
            <label key={value} className={`type-option${type === value ? ' type-option--checked' : ''}`}>
              <input
                type="radio"
                name="type"
                value={value}
                checked={type === value}
                aria-invalid={errors.type ? true : undefined}
                onChange={() => setType(value)}
              />
              <span>
                <strong>{t.typeName[value]}</strong>
                <span className="type-option__text">{t.typeHelp[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t.submit.subject} error={errors.subject}>
          <input type="text" name="subject" maxLength={MAX_SUBJECT_LENGTH} required value={subject} onChange={(e) => setSubject(e.target.value)} />
        </Field>
        <Field label={t.submit.description} hint={t.submit.descriptionHint} error={errors.description}>
          <textarea name="description" rows={8} maxLength={MAX_BODY_LENGTH} required value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field label={t.submit.ccs} hint={t.submit.ccsHint} error={errors.ccs}>
          <input type="text" name="ccs" inputMode="email" autoComplete="off" value={ccs} onChange={(e) => setCcs(e.target.value)} />
        </Field>
        <AttachFiles uploads={uploads} error={errors.files} />
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t.submit.sending : t.submit.send}
        </button>
      </form>
    </section>
  );
}
