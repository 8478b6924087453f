// A business-hours calendar, new or changed: its name (and, when new, the identifier SLA targets
// name it by), its time zone (the browser's list of IANA zones), the opening hours of each weekday,
// holidays (a date and a name) and exceptions (a date with other hours, or closed). Checked here as
// the server checks it (lib/calendar-checks.ts), each problem at its field; saved as a new version
// based on the one shown, or as version 1 of a new calendar.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { fieldsInError } from '../api/errors';
import { useI18n } from '../i18n';
import { calendarProblems, draftOf, inputOf, newCalendarDraft, type CalendarDraft, type CalendarProblems, type ExceptionDraft } from '../lib/calendar-checks';
import type { CalendarVersion } from '../lib/policy-types';
import { formatDay } from '../lib/numbers';
import { useAction } from '../lib/use-action';
import { useErrorFocus } from '../lib/use-error-focus';
import { DEFAULT_TIME_ZONE, WEEKDAYS } from '../../../workflows/calendar/model';
import { ErrorNote } from './Alert';
import { Field } from './Field';
import { HoursEditor } from './HoursEditor';
import { PolicySaveError } from './PolicySaveError';
import { TheirWords } from './TheirWords';

/** The server's longest name of a calendar, a holiday or an exception (src/policies/inputs.ts). */
const MAX_NAME = 100;

/** Every zone the browser knows, and the calendar's own should the browser not list it. */
function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

interface Props {
  /** The version changed; none for a new calendar. */
  calendar: CalendarVersion | null;
  onSaved(saved: CalendarVersion): void;
  onCancel(): void;
  onReload(): void;
}

export function CalendarForm({ calendar, onSaved, onCancel, onReload }: Props) {
  const { t, lang } = useI18n();
  const c = t.serviceLevels.calendars;
  const isNew = calendar === null;
  const [draft, setDraft] = useState<CalendarDraft>(() => (calendar ? draftOf(calendar) : newCalendarDraft(DEFAULT_TIME_ZONE)));
  const [problems, setProblems] = useState<CalendarProblems>({});
  const action = useAction();
  const titleId = useId();
  const { ref: formRef, focusFirstError } = useErrorFocus<HTMLFormElement>();
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);
  const problemAt = (path: string) => (problems[path] ? c.problems[problems[path]] : undefined);
  const edit = (next: Partial<CalendarDraft>) => setDraft((d) => ({ ...d, ...next }));
  const editException = (i: number, next: Partial<ExceptionDraft>) => edit({ exceptions: draft.exceptions.map((e, j) => (j === i ? { ...e, ...next } : e)) });

  async function save(event: FormEvent) {
    event.preventDefault();
    const found = calendarProblems(draft, isNew);
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirstError();
    let saved: CalendarVersion | null = null;
    const ok = await action.run(async () => {
      saved = await api.policies.setCalendar.mutate({ calendarId: draft.calendarId, basedOn: calendar?.version ?? null, calendar: inputOf(draft) });
    });
    if (ok && saved) onSaved(saved);
    else focusFirstError();
  }

  // The identifier is the one thing only the server can find wrong (taken by another calendar).
  const serverProblems: CalendarProblems = action.error && fieldsInError(action.error).has('calendarId') ? { calendarId: 'idTaken' } : {};
  const idProblem = problemAt('calendarId') ?? (serverProblems.calendarId && c.problems.idTaken);

  return (
    <form ref={formRef} className="card policy-form" onSubmit={save} noValidate data-testid="calendar-form" aria-labelledby={titleId}>
      <h3 id={titleId}>{isNew ? c.createTitle : <TheirWords say={c.editTitle} theirs={calendar.name} />}</h3>
      <Field label={c.name} error={problemAt('name')}>
        <input maxLength={MAX_NAME} name="name" value={draft.name} onChange={(e) => edit({ name: e.target.value })} autoComplete="off" />
      </Field>
      {isNew && (
        <Field label={c.id} hint={c.idHint} error={idProblem}>
          <input name="calendarId" value={draft.calendarId} onChange={(e) => edit({ calendarId: e.target.value })} autoComplete="off" autoCapitalize="none" spellCheck={false} translate="no" />
        </Field>
      )}
      <Field label={c.timeZone}>
        <select name="timeZone" value={draft.timeZone} onChange={(e) => edit({ timeZone: e.target.value })} translate="no">
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>

      <fieldset className="calendar-part" data-testid="week">
        <legend>{c.week}</legend>
        <p className="hint">{c.timeHint}</p>
        {problemAt('week') && <p className="field-error">{problemAt('week')}</p>}
        <div className="calendar-week">
          {WEEKDAYS.map((day) => (
            <HoursEditor
              key={day}
              legend={c.days[day]}
              addLabel={c.addHours(c.days[day])}
              hours={draft.week[day]}
              path={`week.${day}`}
              problemAt={problemAt}
              onChange={(hours) => edit({ week: { ...draft.week, [day]: hours } })}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="calendar-part" data-testid="holidays">
        <legend>{c.holidays}</legend>
        {draft.holidays.length === 0 && <p className="hint">{c.noHolidays}</p>}
        {draft.holidays.map((holiday, i) => (
          <div key={i} className="calendar-row" data-testid="holiday">
            <Field label={c.date} error={problemAt(`holidays.${i}.date`)}>
              <input type="date" name="date" value={holiday.date} onChange={(e) => edit({ holidays: draft.holidays.map((h, j) => (j === i ? { ...h, date: e.target.value } : h)) })} />
            </Field>
            <Field label={c.holidayName} error={problemAt(`holidays.${i}.name`)}>
              <input maxLength={MAX_NAME} name="holidayName" value={holiday.name} onChange={(e) => edit({ holidays: draft.holidays.map((h, j) => (j === i ? { ...h, name: e.target.value } : h)) })} autoComplete="off" />
            </Field>
            <button type="button" className="link-button" onClick={() => edit({ holidays: draft.holidays.filter((_, j) => j !== i) })}>
              {c.removeHoliday(i + 1)}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => edit({ holidays: [...draft.holidays, { date: '', name: '' }] })}>
          {c.addHoliday}
        </button>
      </fieldset>

      <fieldset className="calendar-part" data-testid="exceptions">
        <legend>{c.exceptions}</legend>
        <p className="hint">{c.exceptionsHint}</p>
        {draft.exceptions.length === 0 && <p className="hint">{c.noExceptions}</p>}
        {draft.exceptions.map((exception, i) => {
          const day = exception.date ? formatDay(exception.date, lang) : String(i + 1);
          return (
            <div key={i} className="calendar-row calendar-row--exception" data-testid="exception">
              <Field label={c.date} error={problemAt(`exceptions.${i}.date`)}>
                <input type="date" name="date" value={exception.date} onChange={(e) => editException(i, { date: e.target.value })} />
              </Field>
              <Field label={c.exceptionName}>
                <input maxLength={MAX_NAME} name="exceptionName" value={exception.name} onChange={(e) => editException(i, { name: e.target.value })} autoComplete="off" />
              </Field>
              <fieldset>
                <legend>{c.exceptionKind}</legend>
                {([true, false] as const).map((closed) => (
                  <label key={String(closed)} className="choice">
                    <input type="radio" name={`exception-${i}-kind`} checked={exception.closed === closed} onChange={() => editException(i, { closed, hours: closed || exception.hours.length ? exception.hours : [{ from: '09:00', to: '12:00' }] })} />{' '}
                    {closed ? c.closedAllDay : c.otherHours}
                  </label>
                ))}
              </fieldset>
              {!exception.closed && (
                <HoursEditor
                  legend={c.hoursOf(day)}
                  addLabel={c.addHours(day)}
                  hours={exception.hours}
                  path={`exceptions.${i}.hours`}
                  problemAt={problemAt}
                  onChange={(hours) => editException(i, { hours })}
                />
              )}
              <button type="button" className="link-button" onClick={() => edit({ exceptions: draft.exceptions.filter((_, j) => j !== i) })}>
                {c.removeException(i + 1)}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => edit({ exceptions: [...draft.exceptions, { date: '', name: '', closed: true, hours: [] }] })}>
          {c.addException}
        </button>
      </fieldset>

      <ErrorNote>{Object.keys(problems).length > 0 && t.serviceLevels.fixFields}</ErrorNote>
      {!serverProblems.calendarId && <PolicySaveError error={action.error} onReload={onReload} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {isNew ? c.createSave : t.serviceLevels.saveVersion}
        </button>
        <button type="button" onClick={onCancel}>
          {t.serviceLevels.cancel}
        </button>
      </div>
    </form>
  );
}
