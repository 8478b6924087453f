// "Request access" and "Forgotten password" are the same page: an e-mail address in, a link sent
// out. The answer never says whether the address has an account.
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { ErrorNote, SuccessNote } from '../components/Alert';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useTitle } from '../lib/use-title';

export function EmailRequest({ purpose }: { purpose: 'access' | 'reset' }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = purpose === 'access' ? t.auth.requestAccessTitle : t.auth.forgotTitle;
  useTitle(title);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    setBusy(true);
    try {
      const address = email.trim();
      if (purpose === 'access') await api.auth.requestAccess(address);
      else await api.auth.requestPasswordReset(address);
      setDone(true);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card narrow">
      <h1>{title}</h1>
      {done ? (
        <SuccessNote>{purpose === 'access' ? t.auth.requestAccessDone : t.auth.forgotDone}</SuccessNote>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{purpose === 'access' ? t.auth.requestAccessIntro : t.auth.forgotIntro}</p>
          <ErrorNote>{error}</ErrorNote>
          <Field label={t.common.email}>
            <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t.common.send}
          </button>
        </form>
      )}
      <p>
        <Link href="/sign-in">{t.auth.backToSignIn}</Link>
      </p>
    </section>
  );
}
