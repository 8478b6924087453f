// The opening hours of one day (a weekday of a calendar, or a dated exception): several intervals,
// each from an opening to a closing time typed on a 24-hour clock; none is closed that day.
// Problems come by field path from lib/calendar-checks.ts and are said beside their field.
import { useId } from 'react';
import { useI18n } from '../i18n';
import { MAX_HOURS_A_DAY } from '../lib/calendar-checks';
import type { OpeningHours } from '../lib/policy-types';

interface Props {
  /** What the hours are of ("Monday", "Opening hours on 24 Dec 2026"), for the group and its buttons. */
  legend: string;
  hours: OpeningHours[];
  /** The path of these hours in the calendar: "week.mon", "exceptions.0.hours". */
  path: string;
  /** The add button's name for screen readers: "Add opening hours on Monday". */
  addLabel: string;
  problemAt(path: string): string | undefined;
  onChange(hours: OpeningHours[]): void;
}

export function HoursEditor({ legend, hours, path, addLabel, problemAt, onChange }: Props) {
  const { t } = useI18n();
  const c = t.serviceLevels.calendars;
  const id = useId();
  const dayProblem = problemAt(path);
  const set = (i: number, next: Partial<OpeningHours>) => onChange(hours.map((h, j) => (j === i ? { ...h, ...next } : h)));
  return (
    <fieldset className={dayProblem ? 'hours field--invalid' : 'hours'} data-testid="hours" aria-describedby={dayProblem ? `${id}-problem` : undefined}>
      <legend>{legend}</legend>
      {dayProblem && (
        <p id={`${id}-problem`} className="field-error">
          {dayProblem}
        </p>
      )}
      {hours.length === 0 && <p className="hint">{c.closed}</p>}
      {hours.map((h, i) => {
        const fromProblem = problemAt(`${path}.${i}.from`);
        const toProblem = problemAt(`${path}.${i}.to`);
        return (
          <div key={i} className="hours__interval">
            {(['from', 'to'] as const).map((end) => {
              const problem = end === 'from' ? fromProblem : toProblem;
              const fieldId = `${id}-${i}-${end}`;
              return (
                <div key={end} className={problem ? 'field field--invalid' : 'field'}>
                  <label htmlFor={fieldId}>{end === 'from' ? c.opens : c.closes}</label>
                  <input
                    id={fieldId}
                    name={end}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    size={5}
                    placeholder="09:00"
                    value={h[end]}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${fieldId}-problem` : undefined}
                    onChange={(event) => set(i, { [end]: event.target.value })}
                  />
                  {problem && (
                    <p id={`${fieldId}-problem`} className="field-error">
                      {problem}
                    </p>
                  )}
                </div>
              );
            })}
            <button type="button" className="link-button" onClick={() => onChange(hours.filter((_, j) => j !== i))}>
              {c.removeHours(h.from, h.to)}
            </button>
          </div>
        );
      })}
      {hours.length < MAX_HOURS_A_DAY && (
        <button type="button" className="link-button" aria-label={addLabel} onClick={() => onChange([...hours, { from: '', to: '' }])}>
          {c.addHoursShort}
        </button>
      )}
    </fieldset>
  );
}
