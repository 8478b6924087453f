// A duration typed as days, hours, minutes and seconds (lib/durations.ts), one small field each,
// grouped under what the duration is for; its problem is said under the group and tied to each field.
import { useId } from 'react';
import { useI18n } from '../i18n';
import { DURATION_UNITS, type DurationParts } from '../lib/durations';

interface Props {
  legend: string;
  /** Shown to screen readers only, where the table's headers already say it. */
  legendHidden?: boolean;
  value: DurationParts;
  error?: string;
  onChange(value: DurationParts): void;
}

export function DurationFields({ legend, legendHidden, value, error, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className={error ? 'duration field--invalid' : 'duration'} data-testid="duration">
      <legend className={legendHidden ? 'visually-hidden' : undefined}>{legend}</legend>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <div className="duration__parts">
        {DURATION_UNITS.map((unit) => (
          <label key={unit} className="duration__part">
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              size={3}
              name={unit}
              value={value[unit]}
              aria-invalid={error ? true : undefined}
              aria-describedby={errorId}
              onChange={(event) => onChange({ ...value, [unit]: event.target.value })}
            />
            <span>{t.serviceLevels.duration[unit]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
