// A failed load, said as a sentence; when the session has ended, with the way back in.
import { Link, useLocation } from 'wouter';
import { errorCode, errorMessage } from '../api/errors';
import { useI18n } from '../i18n';
import { ErrorNote } from './Alert';

export function ApiError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const [location] = useLocation();
  if (!error) return null;
  return (
    <ErrorNote>
      {errorMessage(error, t)}
      {errorCode(error) === 'UNAUTHORIZED' && (
        <>
          {' '}
          <Link href={`/sign-in?next=${encodeURIComponent(location)}`}>{t.auth.signIn}</Link>
        </>
      )}
    </ErrorNote>
  );
}
