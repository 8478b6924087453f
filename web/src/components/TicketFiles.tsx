// The agent console's list of every file of the ticket (tickets.get's `files`, oldest first): its
// name and size, whether it came with an internal note, and a link to the message it came with.
import { useId } from 'react';
import type { TicketComment, TicketFile } from '../api/types';
import { useI18n } from '../i18n';
import { formatSize } from '../lib/file-size';
import { messageAnchor } from './Conversation';
import { FileLink } from './MessageFiles';
import { ActorName } from './PersonName';
import { When } from './When';

export function TicketFiles({ files, conversation }: { files: readonly TicketFile[]; conversation: readonly TicketComment[] }) {
  const { t, lang } = useI18n();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="side-section" data-testid="ticket-files">
      <h2 id={`${id}-title`}>
        {t.files.ofTicket} {files.length > 0 && <span className="count">({files.length})</span>}
      </h2>
      {files.length === 0 ? (
        <p className="hint">{t.files.none}</p>
      ) : (
        <ul className="ticket-files">
          {files.map((file) => {
            const message = conversation.find((comment) => comment.seq === file.commentSeq);
            return (
              <li key={file.id}>
                <FileLink file={file} /> <span className="message-file__size">{formatSize(file.size, lang, t)}</span>
                {file.internal && <span className="tag tag--internal">{t.ticket.internalNote}</span>}
                {message && (
                  <a href={`#${messageAnchor(file.commentSeq)}`} className="ticket-files__message">
                    <ActorName actor={message.author} /> · <When at={message.createdAt} />
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
