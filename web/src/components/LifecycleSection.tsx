// The lifecycle durations (Pending reminder and close, Solved close, the satisfaction survey after
// Solved), read as "3 days"; admins type them as days, hours, minutes and seconds and save a new
// version based on the one shown, with whether a bad satisfaction rating notifies Support Ops.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { formatDuration, msOf, partsOf, type DurationParts } from '../lib/durations';
import type { LifecycleDurations, LifecycleVersion } from '../lib/policy-types';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { SuccessNote } from './Alert';
import { DurationFields } from './DurationFields';
import { PolicySaveError } from './PolicySaveError';

const FIELDS = ['pendingReminderMs', 'pendingAutoCloseMs', 'solvedAutoCloseMs', 'satisfactionDelayMs'] as const satisfies ReadonlyArray<keyof LifecycleDurations>;
type Field = (typeof FIELDS)[number];

const partsOfAll = (value: LifecycleDurations) => Object.fromEntries(FIELDS.map((field) => [field, partsOf(value[field])])) as Record<Field, DurationParts>;

export function LifecycleSection({ lifecycle, canEdit, onSaved }: { lifecycle: LifecycleVersion; canEdit: boolean; onSaved(): void }) {
  const { t, lang } = useI18n();
  const l = t.serviceLevels.lifecycle;
  // Kept here: the form is made anew for the version it saved.
  const [savedAs, setSavedAs] = useState<number | null>(null);
  if (!canEdit) {
    return (
      <dl className="policy-values" data-testid="lifecycle">
        {FIELDS.map((field) => (
          <div key={field}>
            <dt>{l[field]}</dt>
            <dd>{formatDuration(lifecycle.value[field], lang)}</dd>
          </div>
        ))}
        <div>
          <dt>{l.badRating}</dt>
          <dd>{lifecycle.value.badRatingNotifiesOps ? l.badRatingNotifies : l.badRatingQuiet}</dd>
        </div>
      </dl>
    );
  }
  // A new form for each version read, so that a reload shows what is saved now.
  return (
    <div data-testid="lifecycle">
      <LifecycleForm
        key={lifecycle.version}
        lifecycle={lifecycle}
        onReload={onSaved}
        onSaved={(version) => {
          setSavedAs(version);
          onSaved();
        }}
      />
      {savedAs !== null && savedAs === lifecycle.version && <SuccessNote>{t.serviceLevels.saved(savedAs)}</SuccessNote>}
    </div>
  );
}

function LifecycleForm({ lifecycle, onSaved, onReload }: { lifecycle: LifecycleVersion; onSaved(version: number): void; onReload(): void }) {
  const { t } = useI18n();
  const l = t.serviceLevels.lifecycle;
  const [parts, setParts] = useState(() => partsOfAll(lifecycle.value));
  const [notifyOps, setNotifyOps] = useState(lifecycle.value.badRatingNotifiesOps);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const action = useAction();
  const { ref: formRef, focusFirstError } = useErrorFocus<HTMLFormElement>();

  async function save(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const durations = { ...lifecycle.value };
    for (const field of FIELDS) {
      const duration = msOf(parts[field]);
      if (duration.problem) found[field] = t.serviceLevels.duration[duration.problem];
      else durations[field] = duration.ms;
    }
    if (!found.pendingReminderMs && !found.pendingAutoCloseMs && durations.pendingAutoCloseMs <= durations.pendingReminderMs) found.pendingAutoCloseMs = l.closeBeforeReminder;
    if (!found.satisfactionDelayMs && !found.solvedAutoCloseMs && durations.satisfactionDelayMs >= durations.solvedAutoCloseMs) found.satisfactionDelayMs = l.surveyBeforeClose;
    durations.badRatingNotifiesOps = notifyOps;
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirstError();
    let version = 0;
    const ok = await action.run(async () => {
      version = (await api.policies.setLifecycle.mutate({ basedOn: lifecycle.version, durations })).version;
    });
    if (ok) onSaved(version);
    else focusFirstError();
  }

  return (
    <form ref={formRef} className="card policy-form" onSubmit={save} noValidate>
      {FIELDS.map((field) => (
        <DurationFields
          key={field}
          legend={l[field]}
          value={parts[field]}
          error={problems[field]}
          onChange={(value) => {
            setParts((all) => ({ ...all, [field]: value }));
            setProblems((all) => ({ ...all, [field]: undefined }));
          }}
        />
      ))}
      <label className="choice">
        <input type="checkbox" name="badRatingNotifiesOps" checked={notifyOps} onChange={(e) => setNotifyOps(e.target.checked)} /> {l.badRatingLabel}
      </label>
      <PolicySaveError error={action.error} onReload={onReload} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t.serviceLevels.saveVersion}
        </button>
      </div>
    </form>
  );
}
