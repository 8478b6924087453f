// Messages that must be heard: errors are announced at once (role="alert"), confirmations politely.
// An error can take the focus (tabIndex -1) when no field is to blame (lib/use-error-focus.ts).
import type { ReactNode } from 'react';

export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="alert alert--error" role="alert" tabIndex={-1}>
      {children}
    </p>
  );
}

export function SuccessNote({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert--success" role="status">
      {children}
    </p>
  );
}
