// The lists' filters, each a labelled select whose first choice means "any": the status (My
// activities and the queue) and the type (the queue).
import { TICKET_STATUSES, TICKET_TYPES, type TicketStatus, type TicketType } from '../../../workflows/ticket/model';
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
