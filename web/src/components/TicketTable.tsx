// A list of tickets. A table on wide screens; at phone width the CSS lays each row out as a card.
import { Link } from 'wouter';
import type { Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { PersonName } from './PersonName';
import { SlaState } from './SlaState';
import { StatusPill } from './StatusBadge';
import { PriorityBadge, TagList } from './TicketMarks';
import { When } from './When';

/** `agentColumns`: the priority, tags, assignee and SLA too (Support Ops' own marks); `ownRequests`: the reader's own, so no requester column. */
export function TicketTable({ items, caption, agentColumns = false, ownRequests = false, empty }: { items: Ticket[]; caption: string; agentColumns?: boolean; ownRequests?: boolean; empty?: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="empty">{empty ?? t.activities.empty}</p>;
  return (
    // The frame whose width decides between a table and cards (styles.css, container "tickets").
    <div className={agentColumns ? 'ticket-list ticket-list--agent' : 'ticket-list'}>
      <table className="ticket-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.activities.number}</th>
            <th scope="col">{t.activities.subject}</th>
            <th scope="col">{t.activities.type}</th>
            <th scope="col">{t.activities.status}</th>
            {!ownRequests && <th scope="col">{t.activities.requester}</th>}
            {agentColumns && <th scope="col">{t.marks.priority}</th>}
            {agentColumns && <th scope="col">{t.marks.tags}</th>}
            {agentColumns && <th scope="col">{t.activities.assignee}</th>}
            {agentColumns && <th scope="col">{t.activities.sla}</th>}
            <th scope="col">{t.activities.updated}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ticket) => (
            <tr key={ticket.number} className={ticket.type === 'critical' ? 'row--critical' : undefined}>
              <td data-label={t.activities.number}>#{ticket.number}</td>
              <td data-label={t.activities.subject} className="ticket-table__subject">
                <Link href={`/tickets/${ticket.number}`} translate="no">
                  {ticket.subject}
                </Link>
              </td>
              <td data-label={t.activities.type}>{t.typeName[ticket.type]}</td>
              <td data-label={t.activities.status}>
                <StatusPill status={ticket.status} />
              </td>
              {!ownRequests && (
                <td data-label={t.activities.requester}>
                  <PersonName person={ticket.requester} />
                </td>
              )}
              {agentColumns && <td data-label={t.marks.priority}>{ticket.priority && <PriorityBadge priority={ticket.priority} />}</td>}
              {agentColumns && (
                <td data-label={t.marks.tags}>
                  <TagList tags={ticket.tags} />
                </td>
              )}
              {agentColumns && <td data-label={t.activities.assignee}>{ticket.assignee ? <PersonName person={ticket.assignee} /> : t.queue.nobody}</td>}
              {agentColumns && (
                <td data-label={t.activities.sla}>
                  <SlaState ticket={ticket} />
                </td>
              )}
              <td data-label={t.activities.updated}>
                <When at={ticket.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
