// Sign in, with the ways to request access and to recover a forgotten password. Whoever is signed
// in (just now, or already) goes on to ?next=, the page that sent them here, or else Home.
import { useState, type FormEvent } from 'react';
import { Link, Redirect, useSearchParams } from 'wouter';
import { api } from '../api/client';
import { fieldsInError } from '../api/errors';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { afterSignIn } from '../lib/sign-in-link';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

export function SignIn() {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const invalid = fieldsInError(action.error);
  useTitle(t.auth.signInTitle);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await action.run(async () => {
      await api.auth.signIn.mutate({ email: email.trim(), password });
      // Once the session knows the person, the page below sends them on.
      await refresh();
    });
    if (!ok) focusFirstError();
  }

  // In place of this page in the history: Back from there does not come back to Sign in.
  if (me) return <Redirect to={afterSignIn(params.get('next'))} replace />;

  return (
    <section className="card narrow">
      <h1>{t.auth.signInTitle}</h1>
      <form ref={ref} onSubmit={submit} noValidate>
        <ApiError error={action.error} context="signIn" />
        <Field label={t.common.email} error={invalid.has('email') ? t.common.badEmail : undefined}>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t.common.password} error={invalid.has('password') ? t.common.required : undefined}>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={action.busy}>
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
