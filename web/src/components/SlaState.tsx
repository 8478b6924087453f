// The first-reply target: due (with its deadline), met, or breached (with the exact time).
import type { TicketSummary } from '../api/views';
import { useI18n } from '../i18n';
import { formatDateTime, formatShort } from '../lib/format';

export function SlaState({ ticket, compact = false }: { ticket: TicketSummary; compact?: boolean }) {
  const { t, lang } = useI18n();
  const when = compact ? formatShort : formatDateTime;
  if (ticket.slaBreachedAt) return <span className="sla sla--breached">{t.ticket.slaBreached(when(ticket.slaBreachedAt, lang))}</span>;
  if (ticket.firstRepliedAt) return <span className="sla sla--met">{t.ticket.slaMet(when(ticket.firstRepliedAt, lang))}</span>;
  if (ticket.firstReplyDueAt && ticket.status !== 'closed')
    return <span className="sla sla--due">{t.ticket.slaDue(when(ticket.firstReplyDueAt, lang))}</span>;
  return <span className="sla">{t.ticket.slaNone}</span>;
}
