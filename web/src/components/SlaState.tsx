// The first-reply target: due (with its deadline), met, or breached (with the exact time).
import type { Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { formatInstant } from '../lib/format';

export function SlaState({ ticket }: { ticket: Pick<Ticket, 'status' | 'firstReplyDueAt' | 'firstRepliedAt' | 'slaBreachedAt'> }) {
  const { t, lang } = useI18n();
  const when = (at: string) => formatInstant(at, lang);
  if (ticket.slaBreachedAt) return <span className="sla sla--breached">{t.ticket.slaBreached(when(ticket.slaBreachedAt))}</span>;
  if (ticket.firstRepliedAt) return <span className="sla sla--met">{t.ticket.slaMet(when(ticket.firstRepliedAt))}</span>;
  if (ticket.status !== 'closed') return <span className="sla sla--due">{t.ticket.slaDue(when(ticket.firstReplyDueAt))}</span>;
  return <span className="sla">{t.ticket.slaNone}</span>;
}
