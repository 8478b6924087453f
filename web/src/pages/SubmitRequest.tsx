// Submit a request: the four types with the guide's descriptions, subject, description and CCs.
// Errors are shown beside the field they concern; the confirmation gives the ticket number.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { TICKET_TYPES, TYPE_LABELS, type TicketType } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { errorMessage, fieldErrors } from '../api/errors';
import { ErrorNote } from '../components/Alert';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { newRequestId } from '../lib/request-id';
import { useTitle } from '../lib/use-title';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Errors = Partial<Record<'type' | 'subject' | 'description' | 'ccs' | 'form', string>>;

export function SubmitRequest() {
  const { t } = useI18n();
  const [type, setType] = useState<TicketType | ''>('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [ccs, setCcs] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  // One id per filled-in form: a retry of the same form is the same request.
  const requestId = useRef(newRequestId());
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useTitle(t.submit.title);

  function validate(): Errors {
    const found: Errors = {};
    if (!type) found.type = t.submit.chooseType;
    if (!subject.trim()) found.subject = t.common.required;
    if (!description.trim()) found.description = t.common.required;
    const bad = splitEmails(ccs).find((email) => !EMAIL.test(email));
    if (bad) found.ccs = t.submit.badEmail(bad);
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) {
      // Take the keyboard to the first field that needs attention.
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const number = await api.tickets.create({
        type: type as TicketType,
        subject: subject.trim(),
        description: description.trim(),
        ccEmails: splitEmails(ccs),
        requestId: requestId.current,
      });
      setCreated(number);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      const fields = fieldErrors(err);
      setErrors({
        form: errorMessage(err, t),
        // The server's own words are English; say the same in the reader's language.
        ...(fields.subject && { subject: t.submit.fieldInvalid }),
        ...(fields.description && { description: t.submit.fieldInvalid }),
        ...(fields.ccEmails && { ccs: t.submit.ccsInvalid }),
        ...(fields.type && { type: t.submit.chooseType }),
      });
    } finally {
      setBusy(false);
    }
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
          <button
            type="button"
            onClick={() => {
              requestId.current = newRequestId();
              setCreated(null);
              setType('');
              setSubject('');
              setDescription('');
              setCcs('');
            }}
          >
            {t.submit.another}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section className="card">
      <h1>{t.submit.title}</h1>
      <form ref={formRef} onSubmit={submit} noValidate>
        <ErrorNote>{errors.form}</ErrorNote>
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
                <strong>{TYPE_LABELS[value]}</strong>
                <span className="type-option__text">{t.types[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t.submit.subject} error={errors.subject}>
          <input type="text" name="subject" maxLength={200} required value={subject} onChange={(e) => setSubject(e.target.value)} />
        </Field>
        <Field label={t.submit.description} hint={t.submit.descriptionHint} error={errors.description}>
          <textarea name="description" rows={8} required value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field label={t.submit.ccs} hint={t.submit.ccsHint} error={errors.ccs}>
          <input type="text" name="ccs" inputMode="email" autoComplete="off" value={ccs} onChange={(e) => setCcs(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.submit.sending : t.submit.send}
        </button>
      </form>
    </section>
  );
}

function splitEmails(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
