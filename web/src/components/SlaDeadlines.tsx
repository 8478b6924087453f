// A pinned SLA's next-reply and resolution deadlines while their clocks run (Support Ops only: the
// API gives them to staff), each with the time left, counted down live.
import type { Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { formatFromNow, formatInstant } from '../lib/format';
import { useNow } from '../lib/use-now';

export function SlaDeadlines({ ticket }: { ticket: Pick<Ticket, 'nextReplyDueAt' | 'resolutionDueAt'> }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const due = [
    { key: 'next-reply', at: ticket.nextReplyDueAt, say: t.ticket.nextReplyDue },
    { key: 'resolution', at: ticket.resolutionDueAt, say: t.ticket.resolutionDue },
  ].filter((deadline) => deadline.at);
  if (due.length === 0) return null;
  return (
    <ul className="sla-deadlines">
      {due.map(({ key, at, say }) => (
        <li key={key} data-testid={`sla-${key}`} className={Date.parse(at!) <= now ? 'sla sla--breached' : 'sla sla--due'}>
          {say(formatInstant(at, lang), formatFromNow(at, now, lang))}
        </li>
      ))}
    </ul>
  );
}
