// Re-runs a loader when the server says a relevant ticket changed (live.changes, server-sent
// events), so pages stay current without a reload.
import { useEffect, useRef } from 'react';
import { api } from '../api/client';

export function useLive(filter: { number?: number }, onChange: () => void, enabled = true): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  const number = filter.number;
  useEffect(() => {
    if (!enabled) return;
    const subscription = api.live.changes.subscribe(number === undefined ? {} : { number }, {
      onData: () => callback.current(),
      // The feed is a convenience: when it drops, httpSubscriptionLink reconnects by itself.
      onError: () => {},
    });
    return () => subscription.unsubscribe();
  }, [number, enabled]);
}
