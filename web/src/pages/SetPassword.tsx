// The page the e-mailed link opens: choose a password (first access or reset), then sign in.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { ErrorNote } from '../components/Alert';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
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
  const [errors, setErrors] = useState<{ password?: string; confirm?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  useTitle(t.auth.setPasswordTitle);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    if (password.length < MIN_LENGTH) found.password = t.errors.weakPassword;
    if (confirm !== password) found.confirm = t.auth.mismatch;
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      // Setting the password also signs the person in: straight to Home.
      await api.auth.setPassword(token, password, name.trim() || undefined);
      await refresh();
      navigate('/');
    } catch (err) {
      setErrors({ form: errorMessage(err, t, 'token') });
    } finally {
      setBusy(false);
    }
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
      <form onSubmit={submit} noValidate>
        <ErrorNote>{errors.form}</ErrorNote>
        <Field label={t.auth.yourName} hint={t.auth.yourNameHint}>
          <input type="text" name="name" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t.auth.newPassword} error={errors.password}>
          <input type="password" name="password" autoComplete="new-password" minLength={MIN_LENGTH} required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label={t.auth.confirmPassword} error={errors.confirm}>
          <input type="password" name="confirm" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t.auth.setPassword}
        </button>
      </form>
    </section>
  );
}
