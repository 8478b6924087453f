// Making or changing a canned reply: its title, its text in English and in French with the
// placeholders offered (each explained, and put in at the cursor by a button), and the actions it
// applies with the reply. What the server refuses is said beside the field it is about.
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { PLACEHOLDERS, unknownPlaceholders, type Placeholder } from '../../../src/tickets/macros';
import { MAX_BODY_LENGTH, SETTABLE_STATUSES, TICKET_PRIORITIES, type SettableStatus, type TicketPriority } from '../../../workflows/ticket/model';
import { api } from '../api/client';
import { errorCode, fieldsInError } from '../api/errors';
import type { Agent, Macro, MacroActions } from '../api/types';
import { useI18n } from '../i18n';
import { ASSIGN_TO_APPLIER } from '../lib/macro-actions';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { ApiError } from './ApiError';
import { Field } from './Field';
import { personLabel } from './PersonName';
import { TheirWords } from './TheirWords';

type Language = 'en' | 'fr';
/** The assignee select: left alone, the applier, nobody, or an agent's id. */
const LEAVE = '';
const NOBODY = 'nobody';

const tagsOf = (typed: string) =>
  typed
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

function assigneeChoice(assignee: Macro['actions']['assignee']): string {
  if (assignee === undefined) return LEAVE;
  return assignee === null ? NOBODY : assignee;
}

function actionsOf(status: SettableStatus | '', priority: TicketPriority | '', addTags: string, removeTags: string, assignee: string): MacroActions {
  const add = tagsOf(addTags);
  const remove = tagsOf(removeTags);
  return {
    ...(status && { status }),
    ...(priority && { priority }),
    ...(add.length > 0 && { addTags: add }),
    ...(remove.length > 0 && { removeTags: remove }),
    ...(assignee !== LEAVE && { assignee: assignee === NOBODY ? null : assignee }),
  };
}

export function MacroForm({ macro, agents, headingRef, onSaved, onCancel }: { macro: Macro | null; agents: Agent[]; headingRef: RefObject<HTMLHeadingElement | null>; onSaved(saved: Macro): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [title, setTitle] = useState(macro?.title ?? '');
  const [body, setBody] = useState<Record<Language, string>>({ en: macro?.body.en ?? '', fr: macro?.body.fr ?? '' });
  const [status, setStatus] = useState<SettableStatus | ''>(macro?.actions.status ?? '');
  const [priority, setPriority] = useState<TicketPriority | ''>(macro?.actions.priority ?? '');
  const [addTags, setAddTags] = useState(macro?.actions.addTags?.join(', ') ?? '');
  const [removeTags, setRemoveTags] = useState(macro?.actions.removeTags?.join(', ') ?? '');
  const [assignee, setAssignee] = useState(assigneeChoice(macro?.actions.assignee));
  // Problems found before sending; the server's come through the action's error.
  const [checked, setChecked] = useState(false);
  const action = useAction();
  const { ref, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const texts: Record<Language, RefObject<HTMLTextAreaElement | null>> = { en: useRef<HTMLTextAreaElement>(null), fr: useRef<HTMLTextAreaElement>(null) };
  // Where a placeholder goes: the text last written in, English at first.
  const lastText = useRef<Language>('en');

  const refused = fieldsInError(action.error);
  const titleError = (checked && !title.trim()) || refused.has('title') ? t.macros.titleMissing : errorCode(action.error) === 'CONFLICT' ? t.macros.titleTaken : undefined;
  const noText = !body.en.trim() && !body.fr.trim();
  function bodyError(language: Language): string | undefined {
    const unknown = unknownPlaceholders(body[language]);
    if ((checked || refused.has('body')) && unknown.length > 0) return t.macros.bodyUnknown(unknown.map((name) => `{{${name}}}`).join(', '));
    if (language !== 'en') return undefined;
    if (checked && noText) return t.macros.bodyMissing;
    // The server found something else wrong with the text (too long, characters it cannot keep).
    if (refused.has('body') && !unknownPlaceholders(body.fr).length) return noText ? t.macros.bodyMissing : t.macros.bodyInvalid;
    return undefined;
  }
  const actionsError = refused.has('actions') ? t.macros.tagsInvalid : undefined;
  const fieldsSaid = titleError || bodyError('en') || bodyError('fr') || actionsError;

  function insert(token: string) {
    const language = lastText.current;
    const area = texts[language].current;
    const current = body[language];
    const start = area?.selectionStart ?? current.length;
    const end = area?.selectionEnd ?? current.length;
    setBody((before) => ({ ...before, [language]: current.slice(0, start) + token + current.slice(end) }));
    // Back in the text, just after what was put in, once React has drawn it.
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    const problems = !title.trim() || noText || unknownPlaceholders(body.en).length > 0 || unknownPlaceholders(body.fr).length > 0;
    if (problems) {
      action.clear();
      focusFirstError();
      return;
    }
    const fields = { title: title.trim(), body, actions: actionsOf(status, priority, addTags, removeTags, assignee) };
    let saved: Macro | null = null;
    const ok = await action.run(async () => {
      saved = macro ? await api.macros.update.mutate({ id: macro.id, ...fields }) : await api.macros.create.mutate(fields);
    });
    if (ok && saved) onSaved(saved);
    else focusFirstError();
  }

  const text = (language: Language) => (
    <Field label={language === 'en' ? t.macros.bodyEn : t.macros.bodyFr} hint={t.macros.bodyHint} error={bodyError(language)}>
      <textarea
        ref={texts[language]}
        name={`body-${language}`}
        lang={language}
        translate="no"
        rows={6}
        maxLength={MAX_BODY_LENGTH}
        value={body[language]}
        onFocus={() => (lastText.current = language)}
        onChange={(e) => setBody((before) => ({ ...before, [language]: e.target.value }))}
      />
    </Field>
  );

  const knownAgent = assignee === LEAVE || assignee === NOBODY || assignee === ASSIGN_TO_APPLIER || agents.some((a) => a.id === assignee);
  return (
    <form ref={ref} className="card macro-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {macro ? <TheirWords say={t.macros.editing} theirs={macro.title} /> : t.macros.creating}
      </h2>
      <Field label={t.macros.fieldTitle} hint={t.macros.fieldTitleHint} error={titleError}>
        <input type="text" name="title" maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      {text('en')}
      {text('fr')}
      <section className="placeholders" aria-labelledby={`${id}-placeholders`}>
        <h3 id={`${id}-placeholders`}>{t.macros.placeholders}</h3>
        <p className="hint">{t.macros.placeholdersHint}</p>
        <ul className="placeholder-list">
          {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((name) => (
            <li key={name}>
              <button type="button" className="placeholder" onClick={() => insert(`{{${name}}}`)}>
                {t.macros.insert} <code translate="no">{`{{${name}}}`}</code>
              </button>{' '}
              <span>{t.macros.meaning[name]}</span>
            </li>
          ))}
        </ul>
      </section>
      <fieldset className={actionsError ? 'macro-actions field--invalid' : 'macro-actions'} aria-describedby={`${id}-actions-hint`}>
        <legend>{t.macros.actions}</legend>
        <p className="hint" id={`${id}-actions-hint`}>
          {t.macros.actionsHint}
        </p>
        {actionsError && <p className="field-error">{actionsError}</p>}
        <Field label={t.macros.status}>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as SettableStatus | '')}>
            <option value="">{t.macros.leaveAsIs}</option>
            {SETTABLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.macros.priority}>
          <select name="priority" value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority | '')}>
            <option value="">{t.macros.leaveAsIs}</option>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t.priorityName[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.macros.addTags} hint={t.macros.tagsHint}>
          <input type="text" name="addTags" value={addTags} autoComplete="off" onChange={(e) => setAddTags(e.target.value)} />
        </Field>
        <Field label={t.macros.removeTags} hint={t.macros.tagsHint}>
          <input type="text" name="removeTags" value={removeTags} autoComplete="off" onChange={(e) => setRemoveTags(e.target.value)} />
        </Field>
        <Field label={t.macros.assignee}>
          <select name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value={LEAVE}>{t.macros.leaveAsIs}</option>
            <option value={ASSIGN_TO_APPLIER}>{t.macros.assignApplier}</option>
            <option value={NOBODY}>{t.macros.assignNobody}</option>
            {!knownAgent && <option value={assignee}>{t.macros.formerAgent}</option>}
            {agents.map((a) => (
              <option key={a.id} value={a.id} translate="no">
                {personLabel(a)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      {!fieldsSaid && <ApiError error={action.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {macro ? t.macros.save : t.macros.create}
        </button>
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
