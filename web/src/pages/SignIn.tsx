// Sign in, with the ways to request access and to recover a forgotten password.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { ErrorNote } from '../components/Alert';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

/** Only a path on this site: never send someone to another origin after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignIn() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useTitle(t.auth.signInTitle);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api.auth.signIn(email.trim(), password);
      await refresh();
      navigate(safeNext(params.get('next')));
    } catch (err) {
      setError(errorMessage(err, t, 'signIn'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card narrow">
      <h1>{t.auth.signInTitle}</h1>
      {params.get('passwordSet') && <p className="alert alert--success">{t.auth.passwordSet}</p>}
      <form onSubmit={submit} noValidate>
        <ErrorNote>{error}</ErrorNote>
        <Field label={t.common.email}>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t.common.password}>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t.auth.signIn}
        </button>
      </form>
      <p>
        {t.auth.noAccount} <Link href="/request-access">{t.auth.requestAccess}</Link>
      </p>
      <p>
        <Link href="/forgot-password">{t.auth.forgot}</Link>
      </p>
    </section>
  );
}
