// Filters and paging live in the address, so a list can be bookmarked and shared.
import type { TicketPriority, TicketStatus, TicketType } from '../../../workflows/ticket/model';

/** The query with `changes` applied: a value sets its key, an empty one removes it. */
export function withChanges(prev: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The parameter when it is one of `values` (a hand-edited address may hold anything), else undefined. */
export function oneOf<T extends string>(params: URLSearchParams, key: string, values: readonly T[]): T | undefined {
  const value = params.get(key);
  return (values as readonly (string | null)[]).includes(value) ? (value as T) : undefined;
}

/** The page number in the address, 1 when absent or not a page number. */
export const pageOf = (params: URLSearchParams): number => Math.max(1, Math.floor(Number(params.get('page'))) || 1);

/** The list filters the address holds, as the API's list and search take them (each a list of one). */
export function filtersOf(filters: { status?: TicketStatus; type?: TicketType; priority?: TicketPriority; tag?: string }) {
  return {
    ...(filters.status && { status: [filters.status] }),
    ...(filters.type && { type: [filters.type] }),
    ...(filters.priority && { priority: [filters.priority] }),
    ...(filters.tag && { tags: [filters.tag] }),
  };
}
