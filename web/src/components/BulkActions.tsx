// The queue's selection and what can be done to it at once, as in the desks Support Ops know: tick
// the rows (or all of this page's), then assign (to me, to a colleague, to nobody), set the status or
// the priority, add or remove a tag. A change to many tickets asks first. Each ticket then takes the
// change or refuses it on its own (tickets.bulk); BulkResults says which.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SETTABLE_STATUSES, TICKET_PRIORITIES, type SettableStatus, type TicketPriority } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import type { BulkChange, Me } from '../api/types';
import { useI18n } from '../i18n';
import { changeName } from '../lib/bulk-sentences';
import { useAsync } from '../lib/use-async';
import type { BulkChanger } from '../lib/use-bulk-change';
import { Confirm } from './Confirm';
import { choiceLabel, personLabel } from './PersonName';
import { TagField } from './TagField';

/** From how many tickets a change asks to be confirmed: fewer are seen at a glance. */
export const CONFIRM_FROM = 5;

export function BulkActions({ numbers, selected, onSelect, bulk, me }: { numbers: number[]; selected: ReadonlySet<number>; onSelect(next: ReadonlySet<number>): void; bulk: BulkChanger; me: Me }) {
  const { t } = useI18n();
  const id = useId();
  const picked = numbers.filter((n) => selected.has(n));
  const all = numbers.length > 0 && picked.length === numbers.length;
  const some = picked.length > 0 && !all;
  const [asking, setAsking] = useState<{ change: BulkChange; assigneeName: string } | null>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  // Where the focus goes back to when a confirmation is cancelled: the control that asked.
  const askedFrom = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // Some of the page ticked, not all: the box says so (a screen reader says "mixed").
    if (selectAll.current) selectAll.current.indeterminate = some;
  }, [some]);
  // Nothing left to change: nothing left to confirm.
  useEffect(() => {
    if (picked.length === 0) setAsking(null);
  }, [picked.length]);

  const request = (change: BulkChange, assigneeName = '') => {
    if (picked.length === 0 || bulk.busy) return;
    if (picked.length >= CONFIRM_FROM) {
      askedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setAsking({ change, assigneeName });
    } else void bulk.apply(picked, change, assigneeName);
  };
  const cancel = () => {
    setAsking(null);
    setTimeout(() => askedFrom.current?.focus());
  };
  const confirm = () => {
    if (!asking) return;
    setAsking(null);
    void bulk.apply(picked, asking.change, asking.assigneeName);
  };

  return (
    <section aria-labelledby={`${id}-title`} className={picked.length > 0 ? 'bulk bulk--active' : 'bulk'}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t.bulk.title}
      </h2>
      <div className="bulk__head">
        <label className="checkbox">
          <input ref={selectAll} type="checkbox" checked={all} disabled={numbers.length === 0} onChange={(event) => onSelect(event.target.checked ? new Set(numbers) : new Set())} />
          {t.bulk.selectPage}
        </label>
        <p className="bulk__count" role="status">
          {picked.length > 0 ? t.bulk.selected(picked.length) : ''}
        </p>
        {picked.length > 0 && (
          <button type="button" className="link-button" onClick={() => onSelect(new Set())}>
            {t.bulk.clear}
          </button>
        )}
      </div>
      {picked.length > 0 && (
        <div className="bulk__actions">
          <AssignAction me={me} busy={bulk.busy} onChange={request} />
          <ChoiceAction<SettableStatus> label={t.bulk.status} button={t.bulk.setStatus} values={SETTABLE_STATUSES} nameOf={(s) => t.status[s]} busy={bulk.busy} onChoose={(status) => request({ kind: 'status', status })} />
          <ChoiceAction<TicketPriority> label={t.bulk.priority} button={t.bulk.setPriority} values={TICKET_PRIORITIES} nameOf={(p) => t.priorityName[p]} busy={bulk.busy} onChoose={(priority) => request({ kind: 'priority', priority })} />
          <TagAction busy={bulk.busy} onChange={request} />
        </div>
      )}
      {asking && <Confirm question={t.bulk.confirm(changeName(asking.change, t, asking.assigneeName), picked.length)} go={t.bulk.apply(picked.length)} keep={t.common.cancel} busy={bulk.busy} onGo={confirm} onKeep={cancel} />}
    </section>
  );
}

type Request = (change: BulkChange, assigneeName?: string) => void;

/** To me, to nobody, or to a colleague of Support Ops chosen from the list. */
function AssignAction({ me, busy, onChange }: { me: Me; busy: boolean; onChange: Request }) {
  const { t } = useI18n();
  const agents = useAsync(() => api.users.agents.query(), []);
  const [chosen, setChosen] = useState('');
  const others = (agents.data ?? []).filter((agent) => agent.id !== me.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const agent = others.find((a) => a.id === chosen);
    if (agent) onChange({ kind: 'assign', assigneeId: agent.id }, personLabel(agent));
  };
  return (
    <fieldset className="bulk__group">
      <legend>{t.bulk.assignment}</legend>
      <div className="bulk__row">
        <button type="button" disabled={busy} onClick={() => onChange({ kind: 'assign', assigneeId: me.id }, personLabel(me))}>
          {t.bulk.assignToMe}
        </button>
        <button type="button" disabled={busy} onClick={() => onChange({ kind: 'assign', assigneeId: null })}>
          {t.ticket.unassign}
        </button>
      </div>
      {others.length > 0 && (
        <form className="bulk__row" onSubmit={submit} noValidate>
          <select aria-label={t.ticket.assignTo} value={chosen} onChange={(event) => setChosen(event.target.value)} translate="no">
            <option value="">{t.ticket.assignTo} …</option>
            {others.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {choiceLabel(agent, others)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !chosen}>
            {t.ticket.assign}
          </button>
        </form>
      )}
    </fieldset>
  );
}

/** One value of a list (a status, a priority), set on every ticket ticked. */
function ChoiceAction<T extends string>({ label, button, values, nameOf, busy, onChoose }: { label: string; button: string; values: readonly T[]; nameOf(value: T): string; busy: boolean; onChoose(value: T): void }) {
  const id = useId();
  const [chosen, setChosen] = useState<T | ''>('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onChoose(chosen);
  };
  return (
    <form className="bulk__group" onSubmit={submit} noValidate>
      <label htmlFor={id}>{label}</label>
      <div className="bulk__row">
        <select id={id} value={chosen} onChange={(event) => setChosen(event.target.value as T | '')}>
          <option value="">—</option>
          {values.map((value) => (
            <option key={value} value={value}>
              {nameOf(value)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || !chosen}>
          {button}
        </button>
      </div>
    </form>
  );
}

/** A tag put on, or taken off, every ticket ticked; suggested from the tags in use. */
function TagAction({ busy, onChange }: { busy: boolean; onChange: Request }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState('');
  const tag = draft.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tag) onChange({ kind: 'tags', add: [tag] });
  };
  return (
    <form className="bulk__group" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-tag`}>{t.bulk.tag}</label>
      <div className="bulk__row">
        <TagField id={`${id}-tag`} value={draft} onChange={setDraft} />
        <button type="submit" disabled={busy || !tag}>
          {t.bulk.addTag}
        </button>
        <button type="button" disabled={busy || !tag} onClick={() => onChange({ kind: 'tags', remove: [tag] })}>
          {t.bulk.removeTag}
        </button>
      </div>
    </form>
  );
}
