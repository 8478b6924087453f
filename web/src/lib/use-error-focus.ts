// After a refused submit, the keyboard goes to what needs attention: the first field marked
// aria-invalid, or else the form's error message. Left on the button, a keyboard or screen-reader
// user would have to hunt for it.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export function useErrorFocus<T extends HTMLElement>(): { ref: RefObject<T | null>; focusFirstError(): void } {
  const ref = useRef<T>(null);
  // Counted, so that the same error twice in a row moves the focus again.
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests === 0 || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('.alert--error');
    target?.focus();
  }, [requests]);
  // Asked for before the error is on the page: the effect runs once it is rendered.
  const focusFirstError = useCallback(() => setRequests((n) => n + 1), []);
  return { ref, focusFirstError };
}
