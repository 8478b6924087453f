// The audit trail: every accepted change, in order, who did it and when, and the files a message
// brought (their names, as the event recorded them); for Support Ops, their own changes of the
// priority and the tags too, the SLA warnings and the on-call's pages, in the same order (by seq).
import { SLA_TARGETS, type SlaTargetName } from '../../../workflows/sla/policy';
import { PAGE_CHANNELS, TICKET_PRIORITIES, type PageChannel, type TicketPriority, type TicketStatus } from '../../../workflows/ticket/model';
import type { AuditEvent, WorkEvent } from '../api/types';
import { useI18n } from '../i18n';
import { ActorName, personLabel } from './PersonName';
import { isErasedPerson } from '../../../src/accounts/erased';
import { When } from './When';

/** The files an event's message brought (data.files: id, name, size), or none. */
function filesIn(value: unknown): { id: string; name: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter((file): file is { id: string; name: string } => typeof file?.id === 'string' && typeof file?.name === 'string');
}

/** A person as the event's data holds them (the workflow's Person), or nothing; `erased`: what an erased person is called. */
function personIn(value: unknown, erased: string): string | null {
  const person = value as { email?: string; name?: string } | null | undefined;
  if (!person?.email) return null;
  return isErasedPerson({ email: person.email }) ? erased : personLabel({ email: person.email, name: person.name });
}

/** The SLA target an event's data names (first reply when it names none it knows). */
function targetIn(value: unknown): SlaTargetName {
  return (SLA_TARGETS as readonly unknown[]).includes(value) ? (value as SlaTargetName) : 'firstReply';
}

/** The page channels an event's data lists (sla_paged), or none. */
function channelsIn(value: unknown): PageChannel[] {
  return Array.isArray(value) ? value.filter((channel): channel is PageChannel => (PAGE_CHANNELS as readonly unknown[]).includes(channel)) : [];
}

/** Tags as an event's data lists them, or none. */
function tagsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
}

export function AuditTrail({ events, workEvents = [] }: { events: AuditEvent[]; workEvents?: WorkEvent[] }) {
  const { t } = useI18n();
  const priorityWord = (p: unknown) => ((TICKET_PRIORITIES as readonly unknown[]).includes(p) ? t.priorityName[p as TicketPriority] : '—');
  const trail: (AuditEvent | WorkEvent)[] = [...events, ...workEvents].sort((a, b) => a.seq - b.seq);
  function describe(event: AuditEvent | WorkEvent): string {
    switch (event.kind) {
      case 'priority_changed':
        return t.workEvent.priority_changed(priorityWord(event.data.from), priorityWord(event.data.to));
      case 'tags_changed':
        return t.workEvent.tags_changed(tagsIn(event.data.added).join(', '), tagsIn(event.data.removed).join(', '));
      case 'sla_warning':
        return t.workEvent.sla_warning(t.slaTargetWords[targetIn(event.data.target)]);
      case 'sla_paged':
        return t.workEvent.sla_paged(t.slaTargetWords[targetIn(event.data.target)], channelsIn(event.data.channels));
      case 'sla_policy_applied':
        return t.workEvent.sla_policy_applied(typeof event.data.from === 'number' ? event.data.from : null, Number(event.data.to));
      case 'satisfaction_requested':
        return t.workEvent.satisfaction_requested();
      case 'satisfaction_rated':
        return t.workEvent.satisfaction_rated(event.data.rating === 'good', typeof event.data.comment === 'string' ? event.data.comment : '');
      default:
        return describeAudit(event);
    }
  }
  const statusWord = (s: TicketStatus | null) => (s ? t.status[s] : '—');
  function describeAudit(event: AuditEvent): string {
    switch (event.kind) {
      case 'created':
        return t.event.created();
      case 'commented':
        return t.event.commented(event.data.internal === true);
      case 'status_changed':
        return t.event.status_changed(statusWord(event.fromStatus), statusWord(event.toStatus));
      case 'assigned':
        return t.event.assigned(personIn(event.data.to, t.erased.person));
      case 'cc_added':
        return t.event.cc_added(personIn(event.data.person, t.erased.person) ?? '—');
      case 'cc_removed':
        return t.event.cc_removed(personIn(event.data.person, t.erased.person) ?? '—');
      case 'pending_reminder_sent':
        return t.event.pending_reminder_sent();
      case 'sla_breached':
        return t.event.sla_breached();
    }
  }
  return (
    <section aria-labelledby="audit-title" className="audit">
      <details>
        <summary>
          <h2 id="audit-title">{t.ticket.audit}</h2>
        </summary>
        <ol className="audit-list">
          {trail.map((event) => {
            const files = filesIn(event.data.files);
            return (
              <li key={event.seq}>
                <When at={event.at} />{' '}
                <strong>
                  <ActorName actor={event.actor} />
                </strong>{' '}
                {describe(event)}
                {files.length > 0 && (
                  <>
                    {' '}
                    {t.eventFiles(files.length)}{' '}
                    {files.map((file, index) => (
                      <span key={file.id}>
                        {index > 0 && ', '}
                        <span className="audit-file" translate="no">
                          {file.name}
                        </span>
                      </span>
                    ))}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </details>
    </section>
  );
}
