// The conversation, oldest first. Bodies are plain text: React renders them as text, and CSS keeps
// their line breaks. Internal notes (agents only) look unlike public replies and say what they are.
// A message's files follow its text: pictures as thumbnails, other files as download links.
import { ERASED } from '../../../src/accounts/erased';
import type { TicketComment } from '../api/types';
import { useI18n } from '../i18n';
import type { Instant } from '../lib/format';
import { MessageFiles } from './MessageFiles';
import { ActorName } from './PersonName';
import { When } from './When';

/** The id of a message on the page, for links to it (the console's list of files). */
export const messageAnchor = (seq: number): string => `message-${seq}`;

export function Conversation({ description, requester, createdAt, comments }: { description: string; requester: string; createdAt: Instant; comments: TicketComment[] }) {
  const { t } = useI18n();
  const opensWithDescription = comments[0]?.body === description;
  return (
    <section aria-labelledby="conversation-title" className="conversation">
      <h2 id="conversation-title">{t.ticket.conversation}</h2>
      <ol className="messages">
        {/* The ticket's opening message is normally its first comment; older tickets may lack it. */}
        {!opensWithDescription && (
          <li className="message">
            <p className="message__meta">
              <strong translate="no">{requester}</strong> · <When at={createdAt} />
            </p>
            <div className="message__body" data-testid="ticket-description" translate="no">
              {description}
            </div>
          </li>
        )}
        {comments.map((comment, index) => (
          <li key={comment.seq} id={messageAnchor(comment.seq)} className={comment.internal ? 'message message--internal' : `message message--${comment.author.kind}`}>
            <p className="message__meta">
              {comment.internal && <span className="tag tag--internal">{t.ticket.internalNote}</span>}
              <strong>
                <ActorName actor={comment.author} />
              </strong>{' '}
              · <When at={comment.createdAt} />
            </p>
            {comment.body === ERASED ? (
              // The words of an erased person (src/accounts/erased.ts), said in the reader's language.
              <p className="message__body erased">{t.erased.message}</p>
            ) : (
              comment.body && (
                <div className="message__body" data-testid={index === 0 && opensWithDescription ? 'ticket-description' : undefined} translate="no">
                  {comment.body}
                </div>
              )
            )}
            <MessageFiles files={comment.attachments} />
          </li>
        ))}
      </ol>
    </section>
  );
}
