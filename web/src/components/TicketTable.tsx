// A list of tickets. A table on wide screens; at phone width the CSS lays each row out as a card.
import { Link } from 'wouter';
import { TYPE_LABELS } from '../../../workflows/ticket/model';
import type { TicketSummary } from '../api/views';
import { useI18n } from '../i18n';
import { formatShort, isoOf } from '../lib/format';
import { SlaState } from './SlaState';
import { StatusPill } from './StatusBadge';

export function TicketTable({ items, caption, agentColumns = false }: { items: TicketSummary[]; caption: string; agentColumns?: boolean }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <p className="empty">{t.activities.empty}</p>;
  return (
    <table className="ticket-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.activities.number}</th>
          <th scope="col">{t.activities.subject}</th>
          <th scope="col">{t.activities.type}</th>
          <th scope="col">{t.activities.status}</th>
          <th scope="col">{t.activities.requester}</th>
          {agentColumns && <th scope="col">{t.activities.assignee}</th>}
          {agentColumns && <th scope="col">{t.activities.sla}</th>}
          <th scope="col">{t.activities.updated}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((ticket) => (
          <tr key={ticket.number} className={ticket.type === 'critical' ? 'row--critical' : undefined}>
            <td data-label={t.activities.number}>#{ticket.number}</td>
            <td data-label={t.activities.subject}>
              <Link href={`/tickets/${ticket.number}`}>{ticket.subject}</Link>
            </td>
            <td data-label={t.activities.type}>{TYPE_LABELS[ticket.type]}</td>
            <td data-label={t.activities.status}>
              <StatusPill status={ticket.status} />
            </td>
            <td data-label={t.activities.requester}>{ticket.requester.name || ticket.requester.email}</td>
            {agentColumns && (
              <td data-label={t.activities.assignee}>{ticket.assignee ? ticket.assignee.name || ticket.assignee.email : t.queue.nobody}</td>
            )}
            {agentColumns && (
              <td data-label={t.activities.sla}>
                <SlaState ticket={ticket} compact />
              </td>
            )}
            <td data-label={t.activities.updated}>
              <time dateTime={isoOf(ticket.updatedAt)}>{formatShort(ticket.updatedAt, lang)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
