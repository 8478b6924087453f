// Administration, Organizations (admins only): create one, rename it, and its members: added by
// e-mail (someone without an account gets one, to request access later) or removed. Loaded on
// demand (App.tsx).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorCode, errorMessage } from '../api/errors';
import type { Organization } from '../api/types';
import { AdminTabs } from '../components/AdminTabs';
import { ErrorNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { PersonName } from '../components/PersonName';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A note that takes the keyboard when it appears, counted so that the same one twice does again. */
function useDoneNote<T extends string>() {
  const [done, setDone] = useState<{ what: T; count: number } | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) ref.current?.focus();
  }, [done]);
  return { done, ref, say: (what: T) => setDone((before) => ({ what, count: (before?.count ?? 0) + 1 })), clear: () => setDone(null) };
}

export function AdminOrganizations() {
  const { t } = useI18n();
  useTitle(`${t.admin.organizations} · ${t.admin.title}`);
  const list = useAsync(() => api.organizations.list.query(), []);
  return (
    <>
      <h1>{t.admin.title}</h1>
      <AdminTabs />
      <p className="lead">{t.admin.organizationsIntro}</p>
      <CreateOrganization onCreated={list.reload} />
      <h2>{t.admin.organizationList}</h2>
      <ApiError error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {list.data &&
        (list.data.length === 0 ? (
          <p className="empty">{t.admin.noOrganizations}</p>
        ) : (
          <ul className="admin-list" aria-label={t.admin.organizationList}>
            {list.data.map((organization) => (
              <li key={organization.id}>
                <OrganizationCard organization={organization} onChanged={list.reload} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

function CreateOrganization({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const note = useDoneNote<'created'>();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const taken = errorCode(action.error) === 'CONFLICT';
  const error = missing ? t.admin.needOrganizationName : taken ? t.admin.nameTaken : undefined;
  async function submit(event: FormEvent) {
    event.preventDefault();
    note.clear();
    if (!name.trim()) {
      setMissing(true);
      action.clear();
      focusFirstError();
      return;
    }
    const ok = await action.run(() => api.organizations.create.mutate({ name: name.trim() }));
    if (ok) {
      setName('');
      note.say('created');
      onCreated();
    } else focusFirstError();
  }
  return (
    <section className="card" aria-labelledby="new-organization">
      <h2 id="new-organization">{t.admin.newOrganization}</h2>
      <form ref={ref} className="inline-form" onSubmit={submit} noValidate>
        <Field label={t.admin.organizationName} error={error}>
          <input
            type="text"
            name="name"
            autoComplete="off"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setMissing(false);
              action.clear();
            }}
          />
        </Field>
        <ErrorNote>{action.error && !taken ? errorMessage(action.error, t) : null}</ErrorNote>
        <button type="submit" className="primary" disabled={action.busy}>
          {t.admin.create}
        </button>
        {note.done && (
          <p key={note.done.count} ref={note.ref} tabIndex={-1} className="alert alert--success" role="status">
            {t.admin.created}
          </p>
        )}
      </form>
    </section>
  );
}

function OrganizationCard({ organization, onChanged }: { organization: Organization; onChanged(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(organization.name);
  const [open, setOpen] = useState(false);
  const rename = useAction();
  const note = useDoneNote<'renamed'>();
  useEffect(() => setName(organization.name), [organization.name]);
  const taken = errorCode(rename.error) === 'CONFLICT';
  const missing = rename.error === 'missing';
  return (
    <article className="admin-card" aria-labelledby={`${id}-name`} data-testid="organization">
      <h3 id={`${id}-name`}>
        <span translate="no">{organization.name}</span> <span className="count">({t.admin.members(organization.members)})</span>
      </h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={async (event: FormEvent) => {
          event.preventDefault();
          note.clear();
          const next = name.trim();
          if (next === organization.name) return;
          const ok = await rename.run(async () => {
            if (!next) throw 'missing';
            await api.organizations.rename.mutate({ id: organization.id, name: next });
          });
          if (ok) {
            note.say('renamed');
            onChanged();
          } else document.getElementById(`${id}-rename`)?.focus();
        }}
      >
        <label htmlFor={`${id}-rename`}>{t.admin.rename}</label>
        {!!rename.error && (
          <p className="field-error" id={`${id}-rename-error`}>
            {taken ? t.admin.nameTaken : missing ? t.admin.needOrganizationName : errorMessage(rename.error, t)}
          </p>
        )}
        <div className={rename.error ? 'inline-form__row field--invalid' : 'inline-form__row'}>
          <input
            id={`${id}-rename`}
            type="text"
            value={name}
            autoComplete="off"
            aria-invalid={rename.error ? true : undefined}
            aria-describedby={rename.error ? `${id}-rename-error` : undefined}
            onChange={(event) => {
              setName(event.target.value);
              rename.clear();
            }}
          />
          <button type="submit" disabled={rename.busy}>
            {t.admin.saveName}
          </button>
        </div>
        {note.done && (
          <p key={note.done.count} ref={note.ref} tabIndex={-1} className="alert alert--success" role="status">
            {t.admin.renamed}
          </p>
        )}
      </form>
      <button type="button" aria-expanded={open} aria-controls={`${id}-members`} onClick={() => setOpen(!open)}>
        {t.admin.showMembers}
        <span className="visually-hidden" translate="no">
          {' '}
          {organization.name}
        </span>
      </button>
      <div id={`${id}-members`} hidden={!open}>
        {open && <Members organization={organization} onChanged={onChanged} />}
      </div>
    </article>
  );
}

function Members({ organization, onChanged }: { organization: Organization; onChanged(): void }) {
  const { t } = useI18n();
  const id = useId();
  const members = useAsync(() => api.organizations.members.query({ organizationId: organization.id }), [organization.id]);
  const [email, setEmail] = useState('');
  const [badEmail, setBadEmail] = useState(false);
  const add = useAction();
  const remove = useAction();
  const note = useDoneNote<'added' | 'removed'>();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    note.clear();
    if (!EMAIL.test(email.trim())) {
      setBadEmail(true);
      add.clear();
      focusFirstError();
      return;
    }
    const ok = await add.run(() => api.organizations.addMember.mutate({ organizationId: organization.id, email: email.trim() }));
    if (ok) {
      setEmail('');
      note.say('added');
      members.reload();
      onChanged();
    } else focusFirstError();
  }

  return (
    <div className="members">
      {members.loading && !members.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      <ApiError error={members.error ?? remove.error} />
      {members.data &&
        (members.data.length === 0 ? (
          <p className="hint">{t.admin.noMembers}</p>
        ) : (
          <ul className="cc-list" aria-label={t.admin.memberList}>
            {members.data.map((member) => (
              <li key={member.id}>
                <span className="address">
                  <PersonName person={member} />
                  {member.name && (
                    <>
                      {' '}
                      <span translate="no" className="hint">
                        ({member.email})
                      </span>
                    </>
                  )}
                </span>
                <button
                  type="button"
                  className="link-button"
                  disabled={remove.busy}
                  onClick={async () => {
                    note.clear();
                    const ok = await remove.run(() => api.organizations.removeMember.mutate({ organizationId: organization.id, userId: member.id }));
                    if (ok) {
                      note.say('removed');
                      members.reload();
                      onChanged();
                    }
                  }}
                >
                  {t.admin.remove}
                  <span className="visually-hidden" translate="no">
                    {' '}
                    {member.name || member.email}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      {note.done && (
        <p key={note.done.count} ref={note.ref} tabIndex={-1} className="alert alert--success" role="status">
          {t.admin[note.done.what]}
        </p>
      )}
      <form ref={ref} className="inline-form" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-email`}>{t.admin.addMember}</label>
        <p className="hint" id={`${id}-hint`}>
          {t.admin.addHint}
        </p>
        {(badEmail || !!add.error) && (
          <p className="field-error" id={`${id}-error`}>
            {badEmail ? t.common.badEmail : errorMessage(add.error, t)}
          </p>
        )}
        <div className={badEmail || add.error ? 'inline-form__row field--invalid' : 'inline-form__row'}>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={email}
            aria-invalid={badEmail || add.error ? true : undefined}
            aria-describedby={[`${id}-hint`, (badEmail || add.error) && `${id}-error`].filter(Boolean).join(' ')}
            onChange={(event) => {
              setEmail(event.target.value);
              setBadEmail(false);
              add.clear();
            }}
          />
          <button type="submit" disabled={add.busy}>
            {t.admin.add}
          </button>
        </div>
      </form>
    </div>
  );
}
