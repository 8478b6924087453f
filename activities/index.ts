// The activities the ticket workflow calls, built around the dependencies they need.
// Workflows import this module's types only (enforced by lint).
import type { Database } from '../src/db/client.js';
import type { TicketEffects } from '../workflows/ticket/effects.js';
import type { TicketState } from '../workflows/ticket/model.js';
import { writeProjection } from './projection.js';

export interface ActivityDeps {
  db: Database;
}

export function createActivities(deps: ActivityDeps) {
  return {
    async projectTicket(state: TicketState, effects: TicketEffects): Promise<void> {
      await writeProjection(deps.db, state, effects);
    },
  };
}

export type TicketActivities = ReturnType<typeof createActivities>;
