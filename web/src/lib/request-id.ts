// An id per submission attempt: sending the same form twice (a double click, a retry after a
// dropped connection) creates one ticket, because the API is idempotent by this id.
export function newRequestId(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
