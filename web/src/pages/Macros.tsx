// Support Ops' canned replies (macros.*): the shared set, the most used first, each with how often
// and when it was last used and what it does besides its text; made, changed and deleted here
// (deleting after a confirmation). Applying one happens on the ticket page (components/MacroPicker).
// After a save or a delete, the keyboard goes to the sentence that says so.
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Macro } from '../api/types';
import { SuccessNote } from '../components/Alert';
import { ApiError } from '../components/ApiError';
import { MacroActionList } from '../components/MacroActionList';
import { MacroForm } from '../components/MacroForm';
import { TheirWords } from '../components/TheirWords';
import { When } from '../components/When';
import { useI18n } from '../i18n';
import { actionLines, savedAssignee } from '../lib/macro-actions';
import { macrosMatching } from '../lib/macro-search';
import { formatCount } from '../lib/numbers';
import { useAction } from '../lib/use-action';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

type Editing = { macro: Macro | null } | null;
type Outcome = { kind: 'saved' | 'removed'; title: string; count: number };

export function Macros() {
  const { t, lang } = useI18n();
  const id = useId();
  useTitle(t.macros.title);
  const list = useAsync(() => api.macros.list.query(), []);
  const agents = useAsync(() => api.users.agents.query(), []);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Macro | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const remove = useAction();
  const formHeading = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (editing) formHeading.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (removing) keepButton.current?.focus();
  }, [removing]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  function settle(kind: Outcome['kind'], title: string) {
    setEditing(null);
    setRemoving(null);
    setOutcome((before) => ({ kind, title, count: (before?.count ?? 0) + 1 }));
    list.reload();
  }

  async function confirmRemove(macro: Macro) {
    if (await remove.run(() => api.macros.remove.mutate({ id: macro.id }))) settle('removed', macro.title);
    else list.reload();
  }

  const [typed, setTyped] = useState('');
  const macros = list.data && macrosMatching(list.data, typed);
  return (
    <>
      <h1>{t.macros.title}</h1>
      <p className="lead">{t.macros.intro}</p>
      {!editing && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setOutcome(null);
              setEditing({ macro: null });
            }}
          >
            {t.macros.newMacro}
          </button>
        </div>
      )}
      {outcome && (
        <div ref={outcomeRef} tabIndex={-1} key={outcome.count} data-testid="macro-outcome">
          <SuccessNote>
            <TheirWords say={outcome.kind === 'saved' ? t.macros.saved : t.macros.removed} theirs={outcome.title} />
          </SuccessNote>
        </div>
      )}
      {editing && (
        <MacroForm
          key={editing.macro?.id ?? 'new'}
          macro={editing.macro}
          agents={agents.data ?? []}
          headingRef={formHeading}
          onSaved={(saved) => settle('saved', saved.title)}
          onCancel={() => setEditing(null)}
        />
      )}
      {removing && (
        <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            <TheirWords say={t.macros.confirmRemove} theirs={removing.title} />
          </p>
          <ApiError error={remove.error} />
          <div className="actions">
            <button type="button" className="danger" disabled={remove.busy} onClick={() => confirmRemove(removing)}>
              {t.macros.confirmRemoveButton}
            </button>
            <button type="button" ref={keepButton} onClick={() => setRemoving(null)}>
              {t.macros.keep}
            </button>
          </div>
        </div>
      )}
      <ApiError error={list.error} />
      {!macros && !list.error && <p aria-busy="true">{t.common.loading}</p>}
      {list.data && list.data.length > 0 && (
        <p className="macro-filter">
          <label htmlFor={`${id}-filter`}>{t.macros.filter}</label>
          <input id={`${id}-filter`} type="search" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </p>
      )}
      {macros &&
        (macros.length === 0 ? (
          <p className="empty">{list.data?.length ? t.macros.noMatch : t.macros.empty}</p>
        ) : (
          <ul className="macro-list" aria-label={t.macros.list}>
            {macros.map((macro) => {
              const lines = actionLines(macro.actions, savedAssignee(macro.actions.assignee, agents.data ?? [], t), t);
              return (
                <li key={macro.id} className="macro-card" data-testid="macro">
                  <h2 className="macro-card__title" translate="no" id={`${id}-${macro.id}`}>
                    {macro.title}
                  </h2>
                  <dl className="macro-card__facts">
                    <div>
                      <dt>{t.macros.colUses}</dt>
                      <dd data-testid="macro-uses">{t.macros.usedTimes(formatCount(macro.usageCount, lang))}</dd>
                    </div>
                    <div>
                      <dt>{t.macros.colLastUsed}</dt>
                      <dd>{macro.lastUsedAt ? <When at={macro.lastUsedAt} /> : t.macros.never}</dd>
                    </div>
                    <div>
                      <dt>{t.macros.colActions}</dt>
                      <dd>
                        {lines.length === 0 ? (
                          t.macros.noActions
                        ) : (
                          <MacroActionList lines={lines} className="macro-card__actions" />
                        )}
                      </dd>
                    </div>
                  </dl>
                  <div className="actions">
                    <button
                      type="button"
                      id={`${id}-${macro.id}-edit`}
                      aria-labelledby={`${id}-${macro.id}-edit ${id}-${macro.id}`}
                      onClick={() => {
                        setOutcome(null);
                        setRemoving(null);
                        setEditing({ macro });
                      }}
                    >
                      {t.macros.edit}
                    </button>
                    <button
                      type="button"
                      className="danger-outline"
                      id={`${id}-${macro.id}-remove`}
                      aria-labelledby={`${id}-${macro.id}-remove ${id}-${macro.id}`}
                      onClick={() => {
                        setOutcome(null);
                        setEditing(null);
                        remove.clear();
                        setRemoving(macro);
                      }}
                    >
                      {t.macros.remove}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        ))}
    </>
  );
}
