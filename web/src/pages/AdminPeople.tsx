// Administration, People (admins only): everyone with an account, found by name, e-mail or role;
// an invitation (the person gets the e-mail with the set-password link); and for each person,
// their role, deactivation (after a confirmation that says it ends their sessions and keeps their
// tickets) or reactivation, their link sent again, and the download of everything the desk holds
// about them (users.exportPersonalData, as JSON), and their erasure (components/ErasePerson.tsx),
// said afterwards at the top of the list, where the focus goes, since their card is gone. Loaded on
// demand (App.tsx).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorCode, errorMessage, fieldsInError } from '../api/errors';
import type { Account, Organization, UserRole } from '../api/types';
import { AdminTabs } from '../components/AdminTabs';
import { ErrorNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Confirm } from '../components/Confirm';
import { ErasePerson } from '../components/ErasePerson';
import { Field } from '../components/Field';
import { When } from '../components/When';
import { useI18n } from '../i18n';
import { downloadFile } from '../lib/download';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

const ROLES: readonly UserRole[] = ['requester', 'agent', 'admin'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function AdminPeople() {
  const { t } = useI18n();
  useTitle(`${t.admin.people} · ${t.admin.title}`);
  const [query, setQuery] = useState<{ search: string; role: UserRole | '' }>({ search: '', role: '' });
  const [draft, setDraft] = useState(query);
  const people = useAsync(() => api.users.list.query({ search: query.search.trim() || undefined, role: query.role || undefined, pageSize: 100 }), [query.search, query.role]);
  const organizations = useAsync(() => api.organizations.list.query(), []);
  const [erased, setErased] = useState<{ who: string; tickets: number } | null>(null);
  const erasedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (erased) erasedRef.current?.focus();
  }, [erased]);

  return (
    <>
      <h1>{t.admin.title}</h1>
      <AdminTabs />
      <p className="lead">{t.admin.peopleIntro}</p>
      <Invite organizations={organizations.data ?? []} onInvited={people.reload} />
      <h2>{t.admin.list}</h2>
      <form
        className="filters admin-search"
        role="search"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setQuery(draft);
        }}
      >
        <Field label={t.admin.search}>
          <input type="text" name="search" value={draft.search} onChange={(event) => setDraft({ ...draft, search: event.target.value })} />
        </Field>
        <Field label={t.admin.role}>
          <select
            name="role"
            value={draft.role}
            onChange={(event) => {
              const next = { ...draft, role: event.target.value as UserRole | '' };
              setDraft(next);
              setQuery(next);
            }}
          >
            <option value="">{t.admin.allRoles}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t.admin.roles[role]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{t.admin.find}</button>
      </form>
      {erased && (
        <p ref={erasedRef} tabIndex={-1} className="alert alert--success" role="status" data-testid="person-erased">
          <strong translate="no">{erased.who}</strong>
          <br />
          {t.admin.erasedDone(erased.tickets)}
        </p>
      )}
      <ApiError error={people.error} />
      {people.loading && !people.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {people.data && (
        <>
          <p role="status" className="hint">
            {t.admin.count(people.data.total)}
          </p>
          <ul className="admin-list" aria-label={t.admin.list}>
            {people.data.items.map((person) => (
              <li key={person.id}>
                <PersonCard
                  person={person}
                  organizations={organizations.data ?? []}
                  onChanged={people.reload}
                  onErased={(tickets) => {
                    setErased({ who: person.name || person.email, tickets });
                    people.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Invite({ organizations, onInvited }: { organizations: Organization[]; onInvited(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ name: '', email: '', role: 'requester' as UserRole, organizationId: '' });
  const [problems, setProblems] = useState<{ name?: string; email?: string }>({});
  const [sent, setSent] = useState(0);
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const sentRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sent > 0) sentRef.current?.focus();
  }, [sent]);

  const exists = errorCode(action.error) === 'CONFLICT';
  const emailError = problems.email ?? (exists ? t.admin.invite.exists : fieldsInError(action.error).has('email') ? t.common.badEmail : undefined);
  const otherError = action.error && !exists && !fieldsInError(action.error).has('email') ? errorMessage(action.error, t) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = { name: form.name.trim() ? undefined : t.admin.invite.needName, email: EMAIL.test(form.email.trim()) ? undefined : t.common.badEmail };
    setProblems(found);
    if (found.name || found.email) {
      action.clear();
      focusFirstError();
      return;
    }
    const ok = await action.run(() => api.users.create.mutate({ name: form.name.trim(), email: form.email.trim(), role: form.role, organizationId: form.organizationId || undefined }));
    if (ok) {
      setForm({ name: '', email: '', role: form.role, organizationId: form.organizationId });
      setSent((n) => n + 1);
      onInvited();
    } else focusFirstError();
  }

  const change = (part: Partial<typeof form>) => {
    setForm({ ...form, ...part });
    setProblems({});
    action.clear();
  };
  return (
    <section className="card admin-invite" aria-labelledby="invite-title">
      <h2 id="invite-title">{t.admin.invite.title}</h2>
      <p className="hint">{t.admin.invite.hint}</p>
      <form ref={ref} onSubmit={submit} noValidate>
        <div className="admin-invite__fields">
          <Field label={t.admin.invite.name} error={problems.name}>
            <input type="text" name="name" autoComplete="off" value={form.name} onChange={(event) => change({ name: event.target.value })} />
          </Field>
          <Field label={t.admin.invite.email} error={emailError}>
            <input type="email" name="email" autoComplete="off" value={form.email} onChange={(event) => change({ email: event.target.value })} />
          </Field>
          <Field label={t.admin.invite.role}>
            <select name="role" value={form.role} onChange={(event) => change({ role: event.target.value as UserRole })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t.admin.roles[role]}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t.admin.invite.organization}>
            <select name="organization" value={form.organizationId} onChange={(event) => change({ organizationId: event.target.value })}>
              <option value="">{t.admin.invite.noOrganization}</option>
              {organizations.map((organization) => (
                <option key={organization.id} value={organization.id} translate="no">
                  {organization.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <ErrorNote>{otherError}</ErrorNote>
        <button type="submit" className="primary" disabled={action.busy}>
          {t.admin.invite.send}
        </button>
        {sent > 0 && (
          <p ref={sentRef} tabIndex={-1} className="alert alert--success" role="status" data-testid="invite-sent">
            {t.admin.invite.sent}
          </p>
        )}
      </form>
    </section>
  );
}

type Done = 'roleChanged' | 'deactivated' | 'reactivated' | 'resent' | 'exported';

function PersonCard({ person, organizations, onChanged, onErased }: { person: Account; organizations: Organization[]; onChanged(): void; onErased(tickets: number): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = useId();
  const [role, setRole] = useState<UserRole>(person.role);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ what: Done; count: number } | null>(null);
  const action = useAction();
  const doneRef = useRef<HTMLParagraphElement>(null);
  const deactivateRef = useRef<HTMLButtonElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const self = me?.id === person.id;
  // The role the server gives replaces the select's only while the admin has not picked another
  // since their last save: a reload that lands after a second pick must not undo it.
  const picked = useRef(false);
  useEffect(() => {
    if (!picked.current) setRole(person.role);
  }, [person.role]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function act(what: Done, work: () => Promise<unknown>, reload = true) {
    setConfirming(false);
    const ok = await action.run(work);
    if (ok) {
      setDone((before) => ({ what, count: (before?.count ?? 0) + 1 }));
      if (reload) onChanged();
    } else setTimeout(() => errorRef.current?.querySelector<HTMLElement>('.alert--error')?.focus());
  }

  const names = organizations.filter((organization) => person.organizationIds.includes(organization.id)).map((organization) => organization.name);
  const state = person.disabled ? t.admin.deactivatedState : person.hasPassword ? t.admin.active : t.admin.invited;
  const who = (
    <span className="visually-hidden" translate="no">
      {' '}
      {person.name || person.email}
    </span>
  );
  return (
    <article className={person.disabled ? 'admin-card admin-card--disabled' : 'admin-card'} aria-labelledby={`${id}-name`} data-testid="person" data-email={person.email}>
      <h3 id={`${id}-name`} translate="no">
        {person.name || person.email}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t.admin.invite.email}</dt>
          <dd className="address" translate="no">
            {person.email}
          </dd>
        </div>
        <div>
          <dt>{t.admin.role}</dt>
          <dd>{t.admin.roles[person.role]}</dd>
        </div>
        <div>
          <dt>{t.admin.state}</dt>
          <dd data-testid="person-state">{state}</dd>
        </div>
        <div>
          <dt>{t.admin.organizationsOf}</dt>
          <dd>{names.length ? <span translate="no">{names.join(', ')}</span> : t.admin.none}</dd>
        </div>
        <div>
          <dt>{t.admin.accountSince}</dt>
          <dd>
            <When at={person.createdAt} />
          </dd>
        </div>
      </dl>
      {done && (
        <p key={done.count} ref={doneRef} tabIndex={-1} className="alert alert--success" role="status" data-testid="person-done">
          {t.admin[done.what]}
        </p>
      )}
      <div ref={errorRef}>
        <ApiError error={action.error} />
      </div>
      {self ? (
        <p className="hint">{t.admin.you}</p>
      ) : (
        <>
          <form
            className="inline-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              picked.current = false;
              if (role !== person.role) void act('roleChanged', () => api.users.update.mutate({ id: person.id, role }));
            }}
          >
            <label htmlFor={`${id}-role`}>{t.admin.changeRole}</label>
            <div className="inline-form__row">
              <select
                id={`${id}-role`}
                value={role}
                onChange={(event) => {
                  picked.current = true;
                  setRole(event.target.value as UserRole);
                }}
              >
                {ROLES.map((option) => (
                  <option key={option} value={option}>
                    {t.admin.roles[option]}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={action.busy || role === person.role}>
                {t.admin.saveRole}
                {who}
              </button>
            </div>
          </form>
          <div className="actions">
            {!person.disabled && (
              <button type="button" disabled={action.busy} onClick={() => act('resent', () => api.users.resendLink.mutate({ id: person.id }), false)}>
                {t.admin.resend}
                {who}
              </button>
            )}
            <button
              type="button"
              disabled={action.busy}
              onClick={() =>
                act(
                  'exported',
                  async () => {
                    const { filename, data } = await api.users.exportPersonalData.query({ id: person.id });
                    downloadFile(filename, JSON.stringify(data, null, 2), 'application/json');
                  },
                  false,
                )
              }
            >
              {t.admin.export}
              {who}
            </button>
            {person.disabled ? (
              <button type="button" disabled={action.busy} onClick={() => act('reactivated', () => api.users.update.mutate({ id: person.id, disabled: false }))}>
                {t.admin.reactivate}
                {who}
              </button>
            ) : (
              !confirming && (
                <button type="button" ref={deactivateRef} className="danger-outline" disabled={action.busy} onClick={() => setConfirming(true)}>
                  {t.admin.deactivate}
                  {who}
                </button>
              )
            )}
          </div>
          <ErasePerson person={person} onErased={onErased} />
          {confirming && (
            <Confirm
              danger
              question={t.admin.confirmDeactivate}
              go={t.admin.deactivateForGood}
              keep={t.admin.keepActive}
              busy={action.busy}
              onGo={() => act('deactivated', () => api.users.update.mutate({ id: person.id, disabled: true }))}
              onKeep={() => {
                setConfirming(false);
                setTimeout(() => deactivateRef.current?.focus());
              }}
            />
          )}
        </>
      )}
    </article>
  );
}
