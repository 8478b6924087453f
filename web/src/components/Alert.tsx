// Messages that must be heard: errors are announced at once (role="alert"), confirmations politely.
import type { ReactNode } from 'react';

export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="alert alert--error" role="alert">
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
