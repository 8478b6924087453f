// The lists' filters, each a labelled select whose first choice means "any": the status (My
// activities and the queue), the type (the queue), the priority and a tag (Support Ops only); and
// how a list is sorted.
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, type TicketPriority, type TicketStatus, type TicketType } from '../../../workflows/ticket/model';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

interface FilterProps<T extends string> {
  value: T | undefined;
  onChange(value: T | undefined): void;
}

function SelectFilter<T extends string>({ label, any, values, nameOf, value, onChange }: FilterProps<T> & { label: string; any: string; values: readonly T[]; nameOf(value: T): string }) {
  return (
    <label className="filter">
      {label}
      <select value={value ?? ''} onChange={(event) => onChange((event.target.value || undefined) as T | undefined)}>
        <option value="">{any}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {nameOf(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StatusFilter(props: FilterProps<TicketStatus>) {
  const { t } = useI18n();
  return <SelectFilter {...props} label={t.activities.status} any={t.activities.anyStatus} values={TICKET_STATUSES} nameOf={(s) => t.status[s]} />;
}

export function TypeFilter(props: FilterProps<TicketType>) {
  const { t } = useI18n();
  return <SelectFilter {...props} label={t.queue.type} any={t.queue.anyType} values={TICKET_TYPES} nameOf={(type) => t.typeName[type]} />;
}

export function PriorityFilter(props: FilterProps<TicketPriority>) {
  const { t } = useI18n();
  return <SelectFilter {...props} label={t.marks.priority} any={t.marks.anyPriority} values={TICKET_PRIORITIES} nameOf={(p) => t.priorityName[p]} />;
}

/** A tag the tickets must carry; applied when the field is left or Enter is pressed. */
export function TagFilter({ value, onChange }: { value: string | undefined; onChange(value: string | undefined): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const apply = () => {
    const next = draft.trim() || undefined;
    if (next !== value) onChange(next);
  };
  return (
    <label className="filter">
      {t.marks.tag}
      <input
        type="text"
        value={draft}
        maxLength={40}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          }
        }}
      />
    </label>
  );
}


/** How a list is sorted: a labelled select of `values`; choosing `fallback` (the default) clears it. */
export function SortChoice<T extends string>({ label, values, nameOf, value, fallback, onChange }: { label: string; values: readonly T[]; nameOf(value: T): string; value: T; fallback: T; onChange(value: T | undefined): void }) {
  return (
    <label className="filter">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value === fallback ? undefined : (event.target.value as T))}>
        {values.map((v) => (
          <option key={v} value={v}>
            {nameOf(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
