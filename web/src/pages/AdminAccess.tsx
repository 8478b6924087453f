// Administration, Access (admins only): who may request access from the sign-in page, anyone or
// only addresses of listed domains (admin.accessPolicy, admin.setAccessPolicy). The list is edited
// one domain a line; each line is checked here as the server checks it, so a typo is named before
// anything is saved. Loaded on demand (App.tsx).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { AdminTabs } from '../components/AdminTabs';
import { ErrorNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

type Mode = 'anyone' | 'domains';
/** What the server takes as a domain (src/api/routers/admin.ts), after a leading @ is dropped. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z0-9-]{2,}$/;

export function AdminAccess() {
  const { t } = useI18n();
  useTitle(`${t.admin.access} · ${t.admin.title}`);
  const policy = useAsync(() => api.admin.accessPolicy.query(), []);
  return (
    <>
      <h1>{t.admin.title}</h1>
      <AdminTabs />
      <p className="lead">{t.admin.accessIntro}</p>
      <ApiError error={policy.error} />
      {policy.loading && !policy.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {policy.data && <PolicyForm saved={policy.data} onSaved={policy.reload} />}
    </>
  );
}

function PolicyForm({ saved, onSaved }: { saved: { mode: Mode; domains?: string[] }; onSaved(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [mode, setMode] = useState<Mode>(saved.mode);
  const [text, setText] = useState((saved.domains ?? []).join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  const action = useAction();
  const doneRef = useRef<HTMLParagraphElement>(null);
  const listRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (done > 0) doneRef.current?.focus();
  }, [done]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const domains = text
      .split('\n')
      .map((line) => line.trim().toLowerCase().replace(/^@/, ''))
      .filter(Boolean);
    const wrong = domains.find((domain) => !DOMAIN.test(domain));
    const found = mode === 'anyone' ? null : domains.length === 0 ? t.admin.accessNeedDomain : wrong ? t.admin.accessBadDomain(wrong) : null;
    setProblem(found);
    if (found) {
      listRef.current?.focus();
      return;
    }
    const ok = await action.run(() => api.admin.setAccessPolicy.mutate(mode === 'anyone' ? { mode } : { mode, domains }));
    if (ok) {
      setDone((n) => n + 1);
      onSaved();
    }
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-now`}>
      <p id={`${id}-now`} data-testid="access-now">
        {t.admin.accessNow(saved.mode)}
      </p>
      <fieldset>
        <legend>{t.admin.accessChoice}</legend>
        {(['anyone', 'domains'] as const).map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="mode"
              value={option}
              checked={mode === option}
              onChange={() => {
                setMode(option);
                setProblem(null);
              }}
            />{' '}
            {option === 'anyone' ? t.admin.accessAnyone : t.admin.accessDomains}
          </label>
        ))}
      </fieldset>
      {mode === 'domains' && (
        <Field label={t.admin.accessDomainList} hint={t.admin.accessDomainHint} error={problem ?? undefined}>
          <textarea
            ref={listRef}
            name="domains"
            rows={6}
            spellCheck={false}
            autoCapitalize="none"
            translate="no"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
          />
        </Field>
      )}
      <ErrorNote>{action.error ? errorMessage(action.error, t) : null}</ErrorNote>
      <button type="submit" className="primary" disabled={action.busy}>
        {t.admin.accessSave}
      </button>
      {done > 0 && (
        <p key={done} ref={doneRef} tabIndex={-1} className="alert alert--success" role="status" data-testid="access-saved">
          {t.admin.accessSaved}
        </p>
      )}
    </form>
  );
}
