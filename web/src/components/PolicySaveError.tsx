// Why a new version of a policy was not saved: someone else saved one since this page read it
// (CONFLICT: nothing was written, the page offers to read theirs), or any other refusal, said in
// the reader's language (api/errors.ts). The server's English message is never shown.
import { errorCode, errorMessage } from '../api/errors';
import { useI18n } from '../i18n';
import { ErrorNote } from './Alert';

export function PolicySaveError({ error, onReload }: { error: unknown; onReload(): void }) {
  const { t } = useI18n();
  if (!error) return null;
  if (errorCode(error) === 'CONFLICT') {
    return (
      <div className="alert alert--error" role="alert" tabIndex={-1} data-testid="stale-save">
        <p>{t.serviceLevels.stale}</p>
        <button type="button" onClick={onReload}>
          {t.serviceLevels.reload}
        </button>
      </div>
    );
  }
  return <ErrorNote>{errorCode(error) === 'BAD_REQUEST' ? t.serviceLevels.fixFields : errorMessage(error, t)}</ErrorNote>;
}
