// Filters and paging live in the address, so a list can be bookmarked and shared.

/** The query with `changes` applied: a value sets its key, an empty one removes it. */
export function withChanges(prev: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}
