// The ticket's status in the guide's words, and beside it whose hands it is in and what happens next.
import type { TicketStatus } from '../../../workflows/ticket/model';
import { useI18n } from '../i18n';
import { formatDateTime, type Instant } from '../lib/format';

export function StatusPill({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return <span className={`pill pill--${status}`}>{t.status[status]}</span>;
}

export function StatusBadge({ status, autoCloseAt, audience }: { status: TicketStatus; autoCloseAt: Instant; audience: 'requester' | 'agent' }) {
  const { t, lang } = useI18n();
  const when = autoCloseAt ? formatDateTime(autoCloseAt, lang) : null;
  const texts = t.badge[audience];
  const sentence =
    status === 'pending' ? texts.pending(when) : status === 'solved' ? texts.solved(when) : texts[status];
  return (
    // Polite live region: a status changed elsewhere (live feed) is announced to screen readers too.
    <div className={`status-badge status-badge--${status}`} data-testid="status-badge" aria-live="polite">
      <StatusPill status={status} />
      <p>{sentence}</p>
    </div>
  );
}
