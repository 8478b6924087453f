// A reply the server refused as stale (someone else answered or changed the ticket while the agent
// wrote): said as not sent, the draft kept, and what changed, each new message linked on the page.
import type { Review } from '../lib/use-seen-version';
import { useI18n } from '../i18n';
import { messageAnchor } from './Conversation';
import { personLabel } from './PersonName';
import { TheirWords } from './TheirWords';

export function StaleNotice({ review }: { review: Review | null }) {
  const { t } = useI18n();
  const nothingSeen = review && review.messages.length === 0 && review.status === null && review.assignee === undefined;
  return (
    <div className="alert alert--error stale" role="alert" tabIndex={-1} data-testid="stale-notice">
      <p>{t.stale.notSent}</p>
      {review && (
        <ul className="stale__changes">
          {review.messages.map((message) => (
            <li key={message.seq}>
              <a href={`#${messageAnchor(message.seq)}`}>
                {message.author.name ? <TheirWords say={message.internal ? t.stale.newNote : t.stale.newMessage} theirs={message.author.name} /> : (message.internal ? t.stale.newNote : t.stale.newMessage)(t.actor[message.author.kind])}
              </a>
            </li>
          ))}
          {review.status && <li>{t.stale.statusNow(t.status[review.status])}</li>}
          {review.assignee !== undefined && <li>{review.assignee ? <TheirWords say={t.stale.assigneeNow} theirs={personLabel(review.assignee)} /> : t.stale.unassignedNow}</li>}
          {nothingSeen && <li>{t.stale.otherChange}</li>}
        </ul>
      )}
      <p>{t.stale.readThenSend}</p>
    </div>
  );
}
