// Adding files to a message: the server's limits said first, a picker (a real file input, so the
// keyboard and screen readers know it), the files dropped or pasted on the form
// (lib/use-uploads.ts), and each file with its name, size, progress or what went wrong, and a
// button to remove it.
import { useId, useRef } from 'react';
import { useI18n } from '../i18n';
import { useAttachmentLimits } from '../lib/attachment-limits';
import { formatSize } from '../lib/file-size';
import type { PendingFile, Uploads } from '../lib/use-uploads';

export function AttachFiles({ uploads, error }: { uploads: Uploads; error?: string | null }) {
  const { t, lang } = useI18n();
  const limits = useAttachmentLimits();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const size = (bytes: number) => formatSize(bytes, lang, t);
  const describedBy = [`${id}-limits`, error && `${id}-error`].filter(Boolean).join(' ');

  function problemText(file: PendingFile): string {
    switch (file.problem) {
      case 'tooLarge':
        return t.files.problem.tooLarge(size(limits.maxFileBytes));
      case 'refusedSize':
        return t.files.problem.refusedSize;
      case 'tooMany':
        return t.files.problem.tooMany(limits.maxFiles);
      case 'tooMuch':
        return t.files.problem.tooMuch(size(limits.maxMessageBytes));
      case 'signedOut':
        return t.files.problem.signedOut;
      default:
        return t.files.problem.failed;
    }
  }

  return (
    <fieldset className={`attach${uploads.dragging ? ' attach--dragging' : ''}${error ? ' field--invalid' : ''}`}>
      <legend>{t.files.label}</legend>
      <p className="hint" id={`${id}-limits`}>
        {t.files.limits(limits.maxFiles, size(limits.maxFileBytes), size(limits.maxMessageBytes))}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="attach__pick">
        <input
          ref={input}
          id={`${id}-input`}
          className="visually-hidden attach__input"
          type="file"
          multiple
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            uploads.add(Array.from(event.target.files ?? []));
            // The same file chosen again is a new choice.
            event.target.value = '';
          }}
        />
        <label htmlFor={`${id}-input`} className="button attach__button">
          {t.files.choose}
        </label>
        {uploads.dragging && <span className="attach__drop">{t.files.dropHere}</span>}
      </div>
      {uploads.files.length > 0 && (
        <ul className="pending-files" aria-label={t.files.pending}>
          {uploads.files.map((file) => (
            <li key={file.key} className={`pending-file pending-file--${file.state}`}>
              {file.preview && <img className="pending-file__preview" src={file.preview} alt="" />}
              <span className="pending-file__what">
                <span className="pending-file__name" id={`${id}-${file.key}`} translate="no">
                  {file.name}
                </span>{' '}
                <span className="pending-file__size">{size(file.size)}</span>
              </span>
              <span className="pending-file__state" aria-live="polite">
                {file.state === 'uploading' && (
                  <>
                    <progress max={1} value={file.progress} aria-labelledby={`${id}-${file.key}`} />{' '}
                    {t.files.uploading(Math.round(file.progress * 100))}
                  </>
                )}
                {file.state === 'ready' && t.files.ready}
                {(file.state === 'refused' || file.state === 'failed') && <span className="field-error">{problemText(file)}</span>}
              </span>
              <span className="pending-file__actions">
                {file.state === 'failed' && (
                  <button type="button" className="link-button" onClick={() => uploads.retry(file.key)}>
                    {t.files.retry}
                    <span className="visually-hidden" translate="no">
                      {' '}
                      {file.name}
                    </span>
                  </button>
                )}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    uploads.remove(file.key);
                    // The button goes with the file: the keyboard goes back to the picker.
                    input.current?.focus();
                  }}
                >
                  {t.files.remove}
                  <span className="visually-hidden" translate="no">
                    {' '}
                    {file.name}
                  </span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
