// The SLA targets: one table per ticket type, a row per priority, a column per target (first
// reply, next reply, resolution), each cell its duration and its clock (business hours on a named
// calendar, or calendar time 24/7); above them, how they escalate (the share of a target at which
// the assignee is warned, whether time On-hold counts toward resolution). Admins change them all at
// once and save a new version based on the one shown; Support Ops read them.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { formatDuration, msOf, partsOf, type DurationParts } from '../lib/durations';
import { formatPercent } from '../lib/numbers';
import type { CalendarVersion, SlaTarget, SlaTargets, SlaVersion } from '../lib/policy-types';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { SLA_TARGETS } from '../../../workflows/sla/policy';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../../workflows/ticket/model';
import { ErrorNote, SuccessNote } from './Alert';
import { DurationFields } from './DurationFields';
import { Field } from './Field';
import { PolicySaveError } from './PolicySaveError';
import { TheirWords } from './TheirWords';

type DraftTarget = Omit<SlaTarget, 'durationMs'> & { parts: DurationParts };
type Draft = Record<string, DraftTarget>;
const keyOf = (type: string, priority: string, target: string) => `${type}.${priority}.${target}`;

/** The warning's share as typed, in percent ("75", "62,5"), or null when it is not one the server takes (strictly between 0 and 100). */
function shareOf(text: string): number | null {
  const percent = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(percent) && percent > 0 && percent < 100 ? percent / 100 : null;
}
/** A share as the field shows it: 0.75 → "75", 0.625 → "62.5" (the reader's decimal mark). */
const percentText = (share: number, lang: string) => String(Math.round(share * 1000) / 10).replace('.', lang === 'fr' ? ',' : '.');

const draftOf = (targets: SlaTargets): Draft =>
  Object.fromEntries(
    TICKET_TYPES.flatMap((type) =>
      TICKET_PRIORITIES.flatMap((priority) =>
        SLA_TARGETS.map((target) => {
          const { durationMs, ...clock } = targets[type][priority][target];
          return [keyOf(type, priority, target), { ...clock, parts: partsOf(durationMs) }];
        }),
      ),
    ),
  );

interface Props {
  sla: SlaVersion;
  calendars: CalendarVersion[];
  canEdit: boolean;
  onSaved(): void;
}

export function SlaTargetsSection({ sla, calendars, canEdit, onSaved }: Props) {
  const { t, lang } = useI18n();
  const s = t.serviceLevels.sla;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [escalation, setEscalation] = useState({ share: '', onHold: sla.escalation.onHoldCountsTowardResolution });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [savedAs, setSavedAs] = useState<number | null>(null);
  const action = useAction();
  const { ref: formRef, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const calendarName = (id: string) => calendars.find((c) => c.calendarId === id)?.name ?? id;

  function startEditing() {
    setDraft(draftOf(sla.value));
    setEscalation({ share: percentText(sla.escalation.warningShare, lang), onHold: sla.escalation.onHoldCountsTowardResolution });
    setProblems({});
    setSavedAs(null);
    action.clear();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const found: Record<string, string> = {};
    const targets = structuredClone(sla.value);
    for (const type of TICKET_TYPES) {
      for (const priority of TICKET_PRIORITIES) {
        for (const target of SLA_TARGETS) {
          const { parts, ...clock } = draft[keyOf(type, priority, target)];
          const duration = msOf(parts);
          if (duration.problem) found[keyOf(type, priority, target)] = t.serviceLevels.duration[duration.problem];
          else targets[type][priority][target] = { ...clock, durationMs: duration.ms };
        }
      }
    }
    const warningShare = shareOf(escalation.share);
    if (warningShare === null) found.warningShare = s.badShare;
    setProblems(found);
    if (Object.keys(found).length > 0 || warningShare === null) return focusFirstError();
    let version = 0;
    const ok = await action.run(async () => {
      version = (await api.policies.setSla.mutate({ basedOn: sla.version, targets, escalation: { warningShare, onHoldCountsTowardResolution: escalation.onHold } })).version;
    });
    if (ok) {
      setDraft(null);
      setSavedAs(version);
      onSaved();
    } else focusFirstError();
  }

  const change = (key: string, next: Partial<DraftTarget>) => setDraft((d) => (d ? { ...d, [key]: { ...d[key], ...next } } : d));

  const cell = (type: (typeof TICKET_TYPES)[number], priority: (typeof TICKET_PRIORITIES)[number], target: (typeof SLA_TARGETS)[number]) => {
    const key = keyOf(type, priority, target);
    const label = s.target(s.targets[target], t.priorityName[priority], t.typeName[type]);
    if (!draft) {
      const { durationMs, time, calendarId } = sla.value[type][priority][target];
      return (
        <td key={target} data-label={s.targets[target]} data-target={key}>
          {/* One block: on a phone the cell is a grid of its label and its value. */}
          <div>
            <strong>{formatDuration(durationMs, lang)}</strong>
            <br />
            <span className="hint">{time === 'business' ? <TheirWords say={s.businessOn} theirs={calendarName(calendarId)} /> : s.calendarTime}</span>
          </div>
        </td>
      );
    }
    const value = draft[key];
    return (
      <td key={target} data-label={s.targets[target]} data-target={key} className="sla-edit">
        <DurationFields legend={label} legendHidden value={value.parts} error={problems[key]} onChange={(parts) => change(key, { parts })} />
        <label className="sla-edit__select">
          <span>{s.clock}</span>
          <select name="time" aria-label={`${s.clock} · ${label}`} value={value.time} onChange={(e) => change(key, { time: e.target.value as DraftTarget['time'] })}>
            <option value="business">{s.business}</option>
            <option value="calendar">{s.calendar}</option>
          </select>
        </label>
        {value.time === 'business' && (
          <label className="sla-edit__select">
            <span>{s.calendarOf}</span>
            <select name="calendarId" aria-label={`${s.calendarOf} · ${label}`} value={value.calendarId} onChange={(e) => change(key, { calendarId: e.target.value })} translate="no">
              {calendars.map((c) => (
                <option key={c.calendarId} value={c.calendarId}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </td>
    );
  };

  return (
    <form ref={formRef} onSubmit={save} noValidate data-testid="sla-targets">
      {draft ? (
        <div className="policy-form" data-testid="escalation">
          <Field label={s.warningShare} hint={s.warningHint} error={problems.warningShare}>
            <input name="warningShare" inputMode="decimal" autoComplete="off" size={5} value={escalation.share} onChange={(e) => setEscalation({ ...escalation, share: e.target.value })} />
          </Field>
          <label className="choice">
            <input type="checkbox" name="onHoldCounts" checked={escalation.onHold} onChange={(e) => setEscalation({ ...escalation, onHold: e.target.checked })} /> {s.onHoldLabel}
          </label>
        </div>
      ) : (
        <dl className="policy-values" data-testid="escalation">
          <div>
            <dt>{s.warning}</dt>
            <dd>{s.warningAt(formatPercent(sla.escalation.warningShare * 100, lang))}</dd>
          </div>
          <div>
            <dt>{s.onHold}</dt>
            <dd>{sla.escalation.onHoldCountsTowardResolution ? s.onHoldCounts : s.onHoldPaused}</dd>
          </div>
        </dl>
      )}
      {TICKET_TYPES.map((type) => (
        <div className="policy-table" key={type}>
          <table className="ticket-table sla-table">
            <caption>{s.caption(t.typeName[type])}</caption>
            <thead>
              <tr>
                <th scope="col">{s.priority}</th>
                {SLA_TARGETS.map((target) => (
                  <th key={target} scope="col">
                    {s.targets[target]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TICKET_PRIORITIES.map((priority) => (
                <tr key={priority}>
                  <th scope="row" data-label={s.priority}>
                    {t.priorityName[priority]}
                  </th>
                  {SLA_TARGETS.map((target) => cell(type, priority, target))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <PolicySaveError
        error={action.error}
        onReload={() => {
          setDraft(null);
          action.clear();
          onSaved();
        }}
      />
      <ErrorNote>{Object.keys(problems).length > 0 && t.serviceLevels.fixFields}</ErrorNote>
      {savedAs !== null && <SuccessNote>{t.serviceLevels.saved(savedAs)}</SuccessNote>}
      {canEdit && (
        <div className="actions">
          {draft ? (
            <>
              <button key="save" type="submit" className="primary" disabled={action.busy}>
                {t.serviceLevels.saveVersion}
              </button>
              <button type="button" onClick={() => setDraft(null)}>
                {t.serviceLevels.cancel}
              </button>
            </>
          ) : (
            // Its own key: were React to reuse this button as the submit one, the click that
            // starts editing would also submit the form.
            <button key="edit" type="button" onClick={startEditing}>
              {s.edit}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
