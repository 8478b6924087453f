// Running one thing a person asked for (a submit, a button): busy while it runs, so that a second
// click sends nothing twice, and its error kept as the API gave it, so that the sentence is made
// at render time, in the language the page speaks then.
import { useCallback, useRef, useState } from 'react';

export interface Action {
  busy: boolean;
  /** The last failure, until the next run; say it with errorMessage (api/errors.ts). */
  error: unknown;
  /** Runs `work` unless a run is under way; true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
  /** Forgets the last failure (a form was changed, a dialog was closed). */
  clear(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A ref, not the state: two clicks in one frame both see busy === false.
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
