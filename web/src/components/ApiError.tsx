// A failed load or action, said as a sentence in the reader's language; when the session has
// ended, with the way back in.
import { Link } from 'wouter';
import { errorCode, errorMessage, type ErrorContext } from '../api/errors';
import { useI18n } from '../i18n';
import { signInHref, useHere } from '../lib/sign-in-link';
import { ErrorNote } from './Alert';

export function ApiError({ error, context = 'default' }: { error: unknown; context?: ErrorContext }) {
  const { t } = useI18n();
  const here = useHere();
  if (!error) return null;
  const signedOut = errorCode(error) === 'UNAUTHORIZED' && context === 'default';
  return (
    <ErrorNote>
      {errorMessage(error, t, context)}
      {signedOut && (
        <>
          {' '}
          <Link href={signInHref(here)}>{t.auth.signIn}</Link>
        </>
      )}
    </ErrorNote>
  );
}
