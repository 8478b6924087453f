// Support Ops' own marks on a ticket, priority and tags, as the lists and the search show them.
// The API gives them to Support Ops only (a requester's ticket has no priority and no tags).
import type { TicketPriority } from '../../../workflows/ticket/model';
import { useI18n } from '../i18n';

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useI18n();
  return (
    <span className={`priority priority--${priority}`}>
      <span className="visually-hidden">{t.marks.priority}: </span>
      {t.priorityName[priority]}
    </span>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  const { t } = useI18n();
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={t.marks.tags} translate="no">
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
