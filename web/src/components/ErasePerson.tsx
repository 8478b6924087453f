// Erasing a person from a person's card (admins, users.erase): a button, then a confirmation that
// names the person (name and address), says what goes and what is kept, and asks for their address typed in full, so
// that no slip of the mouse erases anyone. Escape or "Do not erase" puts the focus back.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../api/client';
import type { Account } from '../api/types';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { ApiError } from './ApiError';
import { Field } from './Field';

export function ErasePerson({ person, onErased }: { person: Account; onErased(tickets: number): void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();
  const openRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  /** Set when the confirmation closes: the button it came from takes the focus back once it is shown again. */
  const returnFocus = useRef(false);
  const who = person.name || person.email;
  useEffect(() => {
    if (open) inputRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openRef.current?.focus();
    }
  }, [open]);

  const close = () => {
    setOpen(false);
    setTyped('');
    setMismatch(false);
    action.clear();
    returnFocus.current = true;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (typed.trim().toLowerCase() !== person.email.toLowerCase()) {
      setMismatch(true);
      inputRef.current?.focus();
      return;
    }
    let tickets = 0;
    const ok = await action.run(async () => {
      tickets = (await api.users.erase.mutate({ id: person.id })).tickets;
    });
    if (ok) onErased(tickets);
  }

  if (!open) {
    return (
      <button type="button" ref={openRef} className="danger-outline" onClick={() => setOpen(true)}>
        {t.admin.erase}
        <span className="visually-hidden" translate="no">
          {' '}
          {who}
        </span>
      </button>
    );
  }
  return (
    <form
      className="confirm confirm--erase"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-who ${id}-what ${id}-kept`}
      onSubmit={submit}
      noValidate
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        close();
      }}
      data-testid="erase-confirm"
    >
      <h4 id={`${id}-title`}>{t.admin.eraseTitle}</h4>
      <p id={`${id}-who`} className="confirm__who" translate="no">
        {person.name && <strong>{person.name}</strong>} <span className="address">{person.email}</span>
      </p>
      <p id={`${id}-what`}>{t.admin.eraseWhat}</p>
      <p id={`${id}-kept`}>{t.admin.eraseKept}</p>
      <Field label={t.admin.eraseTypeAddress} error={mismatch ? t.admin.eraseMismatch : undefined}>
        <input
          ref={inputRef}
          type="email"
          name="confirm-address"
          autoComplete="off"
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setMismatch(false);
          }}
        />
      </Field>
      <ApiError error={action.error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={action.busy}>
          {t.admin.eraseForGood}
        </button>
        <button type="button" onClick={close}>
          {t.admin.keepPerson}
        </button>
      </div>
    </form>
  );
}
