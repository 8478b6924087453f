// Re-runs a loader when the server says a relevant ticket changed, so pages stay current without a reload.
import { useEffect, useRef } from 'react';
import { api } from '../api/client';

export function useLive(filter: { number?: number }, onChange: () => void, enabled = true): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  const number = filter.number;
  useEffect(() => {
    if (!enabled) return;
    return api.live.changes(number === undefined ? {} : { number }, () => callback.current());
  }, [number, enabled]);
}
