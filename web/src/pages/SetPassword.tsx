// The page the e-mailed link opens: choose a password (first access or reset), then sign in.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { api } from '../api/client';
import { fieldsInError } from '../api/errors';
import { ErrorNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

// The server checks the same minimum (and more); checking here saves a round trip.
const MIN_LENGTH = 10;

export function SetPassword() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const params = useParams<{ token?: string }>();
  const [search] = useSearchParams();
  // The link carries the token in the path or the query, depending on where it was made.
  const token = params.token ?? search.get('token') ?? '';
  const { refresh } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [found, setFound] = useState<{ password?: boolean; confirm?: boolean }>({});
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  useTitle(t.auth.setPasswordTitle);
  const refusedPassword = fieldsInError(action.error).has('password');
  const weak = found.password || refusedPassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = { password: password.length < MIN_LENGTH, confirm: confirm !== password };
    setFound(problems);
    if (problems.password || problems.confirm) {
      action.clear();
      focusFirstError();
      return;
    }
    const ok = await action.run(async () => {
      // Setting the password also signs the person in: straight to Home.
      await api.auth.setPassword.mutate({ token, password, ...(name.trim() && { name: name.trim() }) });
      await refresh();
      navigate('/');
    });
    if (!ok) focusFirstError();
  }

  if (!token) {
    return (
      <section className="card narrow">
        <h1>{t.auth.setPasswordTitle}</h1>
        <ErrorNote>{t.auth.missingToken}</ErrorNote>
        <p>
          <Link href="/forgot-password">{t.auth.forgot}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t.auth.setPasswordTitle}</h1>
      <p>{t.auth.setPasswordIntro}</p>
      <form ref={ref} onSubmit={submit} noValidate>
        {/* A refused password is said beside its field; anything else (a used or expired link) here. */}
        {!refusedPassword && <ApiError error={action.error} context="token" />}
        <Field label={t.auth.yourName} hint={t.auth.yourNameHint}>
          <input type="text" name="name" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t.auth.newPassword} error={weak ? t.errors.weakPassword : undefined}>
          <input type="password" name="password" autoComplete="new-password" minLength={MIN_LENGTH} required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label={t.auth.confirmPassword} error={found.confirm ? t.auth.mismatch : undefined}>
          <input type="password" name="confirm" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={action.busy}>
          {t.auth.setPassword}
        </button>
      </form>
    </section>
  );
}
