// "Request access" and "Forgotten password" are the same page: an e-mail address in, a link sent
// out, in the language of the page. The answer never says whether the address has an account.
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import { fieldsInError } from '../api/errors';
import { SuccessNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { useTitle } from '../lib/use-title';

export function EmailRequest({ purpose }: { purpose: 'access' | 'reset' }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const title = purpose === 'access' ? t.auth.requestAccessTitle : t.auth.forgotTitle;
  useTitle(title);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    // The page's language goes with it: the e-mail with the link reads like the page it was asked from.
    const request = { email: address, language: lang };
    const ok = await action.run(() => (purpose === 'access' ? api.auth.requestAccess.mutate(request) : api.auth.requestPasswordReset.mutate(request)));
    if (ok) setDone(true);
    else focusFirstError();
  }

  return (
    <section className="card narrow">
      <h1>{title}</h1>
      {done ? (
        <SuccessNote>{purpose === 'access' ? t.auth.requestAccessDone : t.auth.forgotDone}</SuccessNote>
      ) : (
        <form ref={ref} onSubmit={submit} noValidate>
          <p>{purpose === 'access' ? t.auth.requestAccessIntro : t.auth.forgotIntro}</p>
          <ApiError error={action.error} />
          <Field label={t.common.email} error={fieldsInError(action.error).has('email') ? t.common.badEmail : undefined}>
            <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <button type="submit" className="primary" disabled={action.busy}>
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
