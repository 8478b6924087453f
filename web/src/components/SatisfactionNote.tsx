// The requester's latest satisfaction rating, beside the ticket for Support Ops (the audit trail
// has every one, folded away): good or bad, when, and their comment.
import type { WorkEvent } from '../api/types';
import { useI18n } from '../i18n';
import { When } from './When';

export function SatisfactionNote({ workEvents }: { workEvents: WorkEvent[] }) {
  const { t } = useI18n();
  const latest = workEvents.filter((event) => event.kind === 'satisfaction_rated').at(-1);
  if (!latest) return null;
  const comment = typeof latest.data.comment === 'string' ? latest.data.comment : '';
  return (
    <section className="satisfaction-note" aria-label={t.satisfaction.onTicket} data-testid="satisfaction-note">
      <p>
        <strong>{t.satisfaction.rated(latest.data.rating === 'good')}</strong> <When at={latest.at} />
      </p>
      {comment && <blockquote className="message__body">{comment}</blockquote>}
    </section>
  );
}
