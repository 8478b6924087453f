// A notification that can never be delivered as it stands: the outbox stops retrying it at once
// instead of for MAX_ATTEMPTS (a webhook's 400, a page with no address configured). Its reason is
// kept on the row (last_error) and logged, for ops.
export class UndeliverableError extends Error {
  override name = 'UndeliverableError';
}
