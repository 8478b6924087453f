// A field for one tag, suggesting as it is typed the tags in use, the most used first
// (tickets.tagSuggestions), but those the caller leaves out (the ones a ticket already carries).
// The ticket page's tags editor and the queue's bulk actions both add tags through it.
import { api } from '../api/client';
import { useAsync } from '../lib/use-async';

export function TagField({ id, value, onChange, exclude = [], disabled = false }: { id: string; value: string; onChange(value: string): void; exclude?: readonly string[]; disabled?: boolean }) {
  const prefix = value.trim();
  const suggestions = useAsync(() => api.tickets.tagSuggestions.query({ prefix, limit: 10 }), [prefix]);
  const offered = (suggestions.data ?? []).filter((s) => !exclude.includes(s.name));
  return (
    <>
      <input id={id} type="text" value={value} maxLength={40} list={`${id}-suggestions`} autoComplete="off" disabled={disabled} onChange={(event) => onChange(event.target.value)} />
      <datalist id={`${id}-suggestions`}>
        {offered.map((s) => (
          <option key={s.name} value={s.name} />
        ))}
      </datalist>
    </>
  );
}
