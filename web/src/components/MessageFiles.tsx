// The files of a message, in the conversation: a picture as a thumbnail that opens it full size,
// anything else as a download link, each with its name and size. Names are the sender's words
// (translate="no"); what a file is comes from the server, which told it by the bytes.
import type { Attachment } from '../api/types';
import { downloadUrl, fileUrl } from '../api/uploads';
import { useI18n } from '../i18n';
import { isThumbnailType } from '../lib/attachment-limits';
import { formatSize } from '../lib/file-size';

export function MessageFiles({ files }: { files: readonly Attachment[] }) {
  const { t, lang } = useI18n();
  if (files.length === 0) return null;
  // The pictures side by side first, then one line per other file.
  const ordered = [...files.filter((file) => isThumbnailType(file.type)), ...files.filter((file) => !isThumbnailType(file.type))];
  return (
    <ul className="message-files" aria-label={t.files.ofTicket}>
      {ordered.map((file) =>
        isThumbnailType(file.type) ? (
          <li key={file.id} className="message-file message-file--image">
            <a href={fileUrl(file.id)} target="_blank" rel="noopener" className="message-file__thumbnail">
              {/* The link says the file's name; the picture adds nothing a screen reader needs. */}
              <img src={fileUrl(file.id)} alt="" loading="lazy" />
              <span className="message-file__name" translate="no">
                {file.name}
              </span>
            </a>
            <span className="message-file__size">{formatSize(file.size, lang, t)}</span>
          </li>
        ) : (
          <li key={file.id} className="message-file">
            <FileLink file={file} /> <span className="message-file__size">{formatSize(file.size, lang, t)}</span>
          </li>
        ),
      )}
    </ul>
  );
}

/** A link that downloads the file (a picture opens instead). */
export function FileLink({ file }: { file: Attachment }) {
  return isThumbnailType(file.type) ? (
    <a href={fileUrl(file.id)} target="_blank" rel="noopener" className="file-link" translate="no">
      {file.name}
    </a>
  ) : (
    <a href={downloadUrl(file.id)} download={file.name} className="file-link" translate="no">
      {file.name}
    </a>
  );
}
