// The ticket's status, and beside it what is true for the reader: whose hands it is in, what
// happens next, and whether they can change that (a colleague cannot; a CC'd user may answer too).
import type { TicketStatus } from '../../../workflows/ticket/model';
import type { Standing } from '../api/types';
import { useI18n } from '../i18n';
import { formatInstant, type Instant } from '../lib/format';

export function StatusPill({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return <span className={`pill pill--${status}`}>{t.status[status]}</span>;
}

export function StatusBadge({ status, autoCloseAt, reader }: { status: TicketStatus; autoCloseAt: Instant; reader: Standing }) {
  const { t, lang } = useI18n();
  const when = autoCloseAt ? formatInstant(autoCloseAt, lang) : null;
  const texts = t.badge[reader];
  const sentence = status === 'pending' ? texts.pending(when) : status === 'solved' ? texts.solved(when) : texts[status];
  return (
    // Polite live region: a status changed elsewhere (live feed) is announced to screen readers too.
    <div className={`status-badge status-badge--${status}`} data-testid="status-badge" aria-live="polite">
      <StatusPill status={status} />
      <p>{sentence}</p>
    </div>
  );
}
