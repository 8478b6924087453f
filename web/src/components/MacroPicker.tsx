// Choosing a canned reply on the ticket page: found by words of its title (lib/macro-search.ts),
// the most used first; chosen, it is filled in for this ticket by the server
// (macros.render: the requester's language, the placeholders) for the reply box to show.
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client';
import { errorCode, errorMessage } from '../api/errors';
import type { Macro, RenderedMacro } from '../api/types';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/en';
import { useAction } from '../lib/use-action';
import { macrosMatching } from '../lib/macro-search';
import { useAsync } from '../lib/use-async';
import { MACROS_PATH } from '../pages/paths';
import { ErrorNote } from './Alert';

/** At most this many choices show at once: the search narrows the rest. */
const SHOWN = 8;

/** Why a canned reply could not be filled in: gone, or assigning to someone who left Support Ops. */
function renderProblem(error: unknown, t: Messages): string {
  switch (errorCode(error)) {
    case 'NOT_FOUND':
      return t.macros.gone;
    case 'BAD_REQUEST':
      return t.macros.refusedAssignee;
    default:
      return errorMessage(error, t);
  }
}

export function MacroPicker({ number, onApply }: { number: number; onApply(rendered: RenderedMacro): void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  // Loaded when first opened, and again each time: a colleague may have made one meanwhile.
  const list = useAsync(() => (open ? api.macros.list.query() : Promise.resolve(null)), [open]);
  const action = useAction();
  const found = list.data ? macrosMatching(list.data, typed) : [];

  async function apply(macro: Macro) {
    let rendered: RenderedMacro | null = null;
    const ok = await action.run(async () => {
      rendered = await api.macros.render.query({ id: macro.id, number });
    });
    if (ok && rendered) {
      onApply(rendered);
      setOpen(false);
      setTyped('');
    } else {
      // Gone, or changed by a colleague: the list as it now is.
      list.reload();
    }
  }

  return (
    <details className="macro-picker" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t.macros.picker}</summary>
      {open && (
        <div className="macro-picker__body">
          <label htmlFor={`${id}-find`}>{t.macros.find}</label>
          <input id={`${id}-find`} type="search" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} aria-describedby={`${id}-status`} />
          {list.data && found.length > 0 && (
            <ul className="macro-choices" aria-label={t.macros.picker}>
              {found.slice(0, SHOWN).map((macro) => (
                <li key={macro.id}>
                  <button type="button" className="macro-choice" disabled={action.busy} onClick={() => apply(macro)} translate="no">
                    {macro.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="hint" id={`${id}-status`} aria-live="polite">
            {!list.data ? (list.error ? '' : t.common.loading) : list.data.length === 0 ? t.macros.noneYet : found.length === 0 ? t.macros.noMatch : action.busy ? t.macros.applying : ''}
          </p>
          {action.error ? <ErrorNote>{renderProblem(action.error, t)}</ErrorNote> : null}
          {list.error ? <ErrorNote>{errorMessage(list.error, t)}</ErrorNote> : null}
          <p>
            <Link href={MACROS_PATH}>{t.macros.manage}</Link>
          </p>
        </div>
      )}
    </details>
  );
}
