// A question asked in place before a change that touches much: its sentence, a button that goes
// ahead and one that keeps things as they are. The second has the focus, so that Enter pressed
// by habit changes nothing; Escape keeps things as they are too. `danger`: what goes ahead cannot
// be undone (a discard, a deactivation), and its button says so.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

export function Confirm({ question, go, keep, busy, danger = false, onGo, onKeep }: { question: string; go: string; keep: string; busy: boolean; danger?: boolean; onGo(): void; onKeep(): void }) {
  const id = useId();
  const keepButton = useRef<HTMLButtonElement>(null);
  useEffect(() => keepButton.current?.focus(), []);
  return (
    <div
      role="group"
      aria-labelledby={id}
      className={danger ? 'confirm' : 'confirm confirm--change'}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onKeep();
      }}
    >
      <p id={id}>{question}</p>
      <div className="actions">
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onGo}>
          {go}
        </button>
        <button type="button" ref={keepButton} onClick={onKeep}>
          {keep}
        </button>
      </div>
    </div>
  );
}
