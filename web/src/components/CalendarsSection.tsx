// The business-hours calendars: a table of them (zone, weekly hours, holidays, exceptions, version)
// with each one's history; admins create one or change one in the form under the table.
import { useState } from 'react';
import { useI18n } from '../i18n';
import type { CalendarVersion, PolicyHistory as History } from '../lib/policy-types';
import { WEEKDAYS } from '../../../workflows/calendar/model';
import { SuccessNote } from './Alert';
import { CalendarForm } from './CalendarForm';
import { PolicyHistory } from './PolicyHistory';
import { TheirWords } from './TheirWords';

interface Props {
  calendars: CalendarVersion[];
  history: History['calendars'];
  canEdit: boolean;
  onSaved(): void;
}

type Editing = { calendarId: string | null } | null;

export function CalendarsSection({ calendars, history, canEdit, onSaved }: Props) {
  const { t } = useI18n();
  const c = t.serviceLevels.calendars;
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<{ calendarId: string; version: number } | null>(null);
  const editedCalendar = editing?.calendarId ? (calendars.find((cal) => cal.calendarId === editing.calendarId) ?? null) : null;

  // One line a day; a line breaks between two intervals, never inside one.
  const weekOf = (calendar: CalendarVersion) => (
    <div>
      {WEEKDAYS.map((day) => {
        const hours = calendar.value.week[day];
        return (
          <span key={day} className="calendar-day">
            {c.shortDays[day]}{' '}
            {hours.length
              ? hours.map((h, i) => (
                  <span key={i} className="calendar-hours">
                    {i > 0 && ', '}
                    {h.from}–{h.to}
                  </span>
                ))
              : c.closed}
          </span>
        );
      })}
    </div>
  );

  return (
    <>
      <div className="policy-table">
        <table className="ticket-table calendar-table">
          <caption className="visually-hidden">{c.list}</caption>
          <thead>
            <tr>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.timeZone}</th>
              <th scope="col">{c.week}</th>
              <th scope="col">{c.holidays}</th>
              <th scope="col">{c.exceptions}</th>
              <th scope="col">{t.serviceLevels.history.version}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{c.edit}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {calendars.map((calendar) => (
              <tr key={calendar.calendarId} data-testid="calendar" data-id={calendar.calendarId}>
                <th scope="row" data-label={c.name}>
                  <span translate="no">{calendar.name}</span>
                  <br />
                  <code className="hint" translate="no">
                    {calendar.calendarId}
                  </code>
                </th>
                <td data-label={c.timeZone} translate="no">
                  {calendar.value.timeZone}
                </td>
                <td data-label={c.week}>{weekOf(calendar)}</td>
                <td data-label={c.holidays}>{c.holidayCount(calendar.value.holidays.length)}</td>
                <td data-label={c.exceptions}>{c.holidayCount(calendar.value.exceptions.length)}</td>
                <td data-label={t.serviceLevels.history.version}>{calendar.version}</td>
                {canEdit && (
                  <td>
                    <button type="button" onClick={() => setEditing({ calendarId: calendar.calendarId })}>
                      {c.edit}
                      {/* Which calendar, for those who hear the button without its row. */}
                      <span className="visually-hidden" translate="no">
                        {' '}
                        {calendar.name}
                      </span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {saved && !editing && <SuccessNote>{saved.version === 1 ? c.created : t.serviceLevels.saved(saved.version)}</SuccessNote>}
      {canEdit && !editing && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setSaved(null);
              setEditing({ calendarId: null });
            }}
          >
            {c.create}
          </button>
        </div>
      )}
      {editing && (
        <CalendarForm
          key={editing.calendarId ? `${editing.calendarId}@${editedCalendar?.version}` : 'new'}
          calendar={editedCalendar}
          onCancel={() => setEditing(null)}
          onReload={onSaved}
          onSaved={(version) => {
            setSaved({ calendarId: version.calendarId, version: version.version });
            setEditing(null);
            onSaved();
          }}
        />
      )}
      {calendars.map((calendar) => (
        <PolicyHistory
          key={calendar.calendarId}
          title={<TheirWords say={t.serviceLevels.history.calendar} theirs={calendar.name} />}
          versions={history.filter((v) => v.calendarId === calendar.calendarId)}
          testId={`history-calendar-${calendar.calendarId}`}
        />
      ))}
    </>
  );
}
