// A list of tickets. A table on wide screens; at phone width the CSS lays each row out as a card.
// With `selection` (the queue's bulk actions), a checkbox on each row; the lists without it are as
// they were.
import { Link } from 'wouter';
import type { Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { PersonName } from './PersonName';
import { SlaState } from './SlaState';
import { StatusPill } from './StatusBadge';
import { PriorityBadge, TagList } from './TicketMarks';
import { When } from './When';

/** The rows ticked, by ticket number, and how a tick changes them (`range`: with Shift, from the last one ticked). */
export interface RowSelection {
  selected: ReadonlySet<number>;
  onToggle(number: number, selected: boolean, range: boolean): void;
}

/**
 * `agentColumns`: the priority, tags, assignee and SLA too (Support Ops' own marks); `ownRequests`:
 * the reader's own, so no requester column; `selection`: a checkbox per row.
 */
export function TicketTable({
  items,
  caption,
  agentColumns = false,
  ownRequests = false,
  empty,
  selection,
}: {
  items: Ticket[];
  caption: string;
  agentColumns?: boolean;
  ownRequests?: boolean;
  empty?: string;
  selection?: RowSelection;
}) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="empty">{empty ?? t.activities.empty}</p>;
  return (
    // The frame whose width decides between a table and cards (styles.css, container "tickets").
    <div className={agentColumns ? 'ticket-list ticket-list--agent' : 'ticket-list'}>
      <table className="ticket-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="ticket-table__select">
                <span className="visually-hidden">{t.bulk.selectColumn}</span>
              </th>
            )}
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
            <tr key={ticket.number} className={rowClass(ticket, selection?.selected.has(ticket.number) ?? false)}>
              {selection && (
                <td data-label={t.bulk.selectColumn} className="ticket-table__select">
                  <input type="checkbox" checked={selection.selected.has(ticket.number)} aria-label={t.bulk.select(ticket.number)} onChange={(event) => selection.onToggle(ticket.number, event.target.checked, shiftHeld(event.nativeEvent))} />
                </td>
              )}
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

/** React hears a checkbox's change as its click, which says whether Shift was held. */
function shiftHeld(event: Event): boolean {
  return event instanceof MouseEvent && event.shiftKey;
}

function rowClass(ticket: Ticket, selected: boolean): string | undefined {
  const names = [ticket.type === 'critical' && 'row--critical', selected && 'row--selected'].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}
