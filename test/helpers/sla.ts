// Pinned SLAs for tests: the seeded targets on the office calendar, or scaled down to seconds in
// calendar time so that warnings and breaches fire within a test on a real server.
import { DEFAULT_BUSINESS_CALENDAR } from '../../workflows/calendar/model.js';
import { pinSla, type PinnedSla } from '../../workflows/sla/pinned.js';
import { DEFAULT_CALENDAR_ID, seedSlaTargets, SLA_TARGETS, type SlaTargetName } from '../../workflows/sla/policy.js';
import { DEFAULT_POLICY, TICKET_PRIORITIES, TICKET_TYPES, type TicketType } from '../../workflows/ticket/model.js';

const OFFICE = { calendarId: DEFAULT_CALENDAR_ID, version: 1, calendar: DEFAULT_BUSINESS_CALENDAR };

/** What a fresh install pins: the seeded targets, business time on the office calendar (Critical / SEV in calendar time). */
export function officeSla(type: TicketType): PinnedSla {
  return { ...pinSla({ version: 1, targets: seedSlaTargets(DEFAULT_POLICY.firstReplyTargetMs) }, type, [OFFICE]), lifecycleVersion: 1 };
}

/** Every target in calendar time and in seconds, the same at every priority. */
export function secondsSla(seconds: Record<SlaTargetName, number>): (type: TicketType) => PinnedSla {
  const targets = seedSlaTargets(DEFAULT_POLICY.firstReplyTargetMs);
  for (const type of TICKET_TYPES) {
    for (const priority of TICKET_PRIORITIES) {
      for (const name of SLA_TARGETS) targets[type][priority][name] = { durationMs: seconds[name] * 1000, time: 'calendar', calendarId: DEFAULT_CALENDAR_ID };
    }
  }
  return (type) => ({ ...pinSla({ version: 1, targets }, type, [OFFICE]), lifecycleVersion: 1 });
}
