// A canned reply's actions, one per line (lib/macro-actions.ts): the tags and names it holds are
// people's words, marked so that a browser's translator leaves them alone.
import type { ActionLine } from '../lib/macro-actions';

export function MacroActionList({ lines, className }: { lines: ActionLine[]; className: string }) {
  return (
    <ul className={className}>
      {lines.map((line) => (
        <li key={`${line.text} ${line.theirs ?? ''}`}>
          {line.text}
          {line.theirs && (
            <>
              {' '}
              <span translate="no">{line.theirs}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
