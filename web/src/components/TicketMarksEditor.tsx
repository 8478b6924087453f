// Support Ops set a ticket's priority and tags (tickets.setPriority, tickets.changeTags), at any
// time but Closed; the tags suggested as they type are those in use (TagField). Requesters never
// see this: the API gives them neither.
import { useId, useState, type FormEvent } from 'react';
import { TICKET_PRIORITIES, type TicketPriority } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import type { Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { useAction } from '../lib/use-action';
import type { TicketPermissions } from '../lib/ticket-permissions';
import { ApiError } from './ApiError';
import { TagField } from './TagField';
import { PriorityBadge } from './TicketMarks';

export function TicketMarksEditor({ ticket, permissions, onChanged }: { ticket: Ticket; permissions: TicketPermissions; onChanged(): void }) {
  const { t } = useI18n();
  const id = useId();
  const closed = ticket.status === 'closed';
  const action = useAction();
  const [draft, setDraft] = useState('');
  const mayPriority = !closed && permissions.may('setPriority');
  const mayTags = !closed && permissions.may('changeTags');

  async function run(work: () => Promise<unknown>) {
    await action.run(work);
    onChanged();
  }

  async function addTag(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    await run(() => api.tickets.changeTags.mutate({ number: ticket.number, add: [tag] }));
    setDraft('');
  }

  return (
    <section aria-labelledby={`${id}-marks`} className="side-section">
      <h2 id={`${id}-marks`}>{t.marks.title}</h2>
      <ApiError error={action.error} />
      {mayPriority ? (
        <p className="inline-form">
          <label htmlFor={`${id}-priority`}>{t.marks.priority}</label>
          <select id={`${id}-priority`} value={ticket.priority ?? 'normal'} disabled={action.busy} onChange={(event) => run(() => api.tickets.setPriority.mutate({ number: ticket.number, priority: event.target.value as TicketPriority }))}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t.priorityName[p]}
              </option>
            ))}
          </select>
        </p>
      ) : (
        ticket.priority && (
          <p>
            <PriorityBadge priority={ticket.priority} />
          </p>
        )
      )}
      <h3 className="side-subheading">{t.marks.tags}</h3>
      {ticket.tags.length === 0 ? (
        <p className="hint">{t.marks.noTags}</p>
      ) : (
        <ul className="tags" aria-label={t.marks.tags} translate="no">
          {ticket.tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              {mayTags && (
                <button type="button" className="tag__remove" disabled={action.busy} aria-label={t.marks.removeTag(tag)} onClick={() => run(() => api.tickets.changeTags.mutate({ number: ticket.number, remove: [tag] }))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayTags && (
        <form onSubmit={addTag} className="inline-form" noValidate>
          <label htmlFor={`${id}-tag`}>{t.marks.addTag}</label>
          <div className="inline-form__row">
            <TagField id={`${id}-tag`} value={draft} onChange={setDraft} exclude={ticket.tags} />
            <button type="submit" disabled={action.busy || !draft.trim()}>
              {t.marks.add}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
