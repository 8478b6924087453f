// The audit trail: every accepted change, in order, who did it and when.
import type { TicketStatus } from '../../../workflows/ticket/model';
import type { EventView } from '../api/views';
import { useI18n } from '../i18n';
import { formatDateTime, isoOf } from '../lib/format';

export function AuditTrail({ events }: { events: EventView[] }) {
  const { t, lang } = useI18n();
  const statusWord = (s: TicketStatus | null) => (s ? t.status[s] : '—');
  const personOf = (value: unknown) => {
    const p = value as { email?: string; name?: string } | null | undefined;
    return p ? p.name || p.email || '' : null;
  };
  function describe(event: EventView): string {
    switch (event.kind) {
      case 'created':
        return t.event.created;
      case 'commented':
        return event.data.internal === true ? t.event.noted : t.event.commented;
      case 'status_changed':
        return t.event.status_changed(statusWord(event.fromStatus), statusWord(event.toStatus));
      case 'assigned':
        return t.event.assigned(personOf(event.data.assignee ?? event.data.to));
      case 'cc_added':
        return t.event.cc_added(personOf(event.data.person) ?? '');
      case 'cc_removed':
        return t.event.cc_removed(personOf(event.data.person) ?? String(event.data.personId ?? ''));
      case 'pending_reminder_sent':
        return t.event.pending_reminder_sent;
      case 'sla_breached':
        return t.event.sla_breached;
      default:
        return t.event.other(event.kind);
    }
  }
  return (
    <section aria-labelledby="audit-title" className="audit">
      <details>
        <summary>
          <h2 id="audit-title">{t.ticket.audit}</h2>
        </summary>
        <ol className="audit-list">
          {events.map((event) => (
            <li key={event.seq}>
              <time dateTime={isoOf(event.at)}>{formatDateTime(event.at, lang)}</time>{' '}
              <strong>{event.actor.kind === 'system' ? t.ticket.system : event.actor.name || event.actor.kind}</strong> {describe(event)}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
