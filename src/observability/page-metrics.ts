// The on-call's pages not delivered yet, read from the notification outbox at each scrape: those
// still to be tried (again), and those given up (a receiver that refused the page, a page with nowhere
// configured to go, MAX_ATTEMPTS failures), which nobody will retry and ops must look at.
import { and, count, inArray, isNull, sql } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { MAX_ATTEMPTS } from '../mail/delivery.js';
import type { NotificationKind } from '../../workflows/ticket/effects.js';
import { PAGE_CHANNELS, type PageChannel } from '../../workflows/ticket/model.js';

const KIND_OF: Record<PageChannel, NotificationKind> = { webhook: 'page_webhook', email: 'page_email' };

export function registerPageMetrics(registry: Registry, db: Database): void {
  new Gauge({
    name: 'support_desk_pages_undelivered',
    help: 'On-call pages not delivered, by channel and state: pending (to be tried, again or for the first time), or given_up (README, Paging the on-call)',
    labelNames: ['channel', 'state'],
    registers: [registry],
    async collect() {
      // Unsent rows only: the outbox's partial index on them keeps this small.
      // The limit written into the SQL, so that the select and the group by are one expression.
      const givenUp = sql<boolean>`${notifications.attempts} >= ${sql.raw(String(MAX_ATTEMPTS))}`;
      const rows = await db
        .select({ kind: notifications.kind, givenUp, n: count() })
        .from(notifications)
        .where(and(isNull(notifications.sentAt), inArray(notifications.kind, Object.values(KIND_OF))))
        .groupBy(notifications.kind, givenUp);
      // Every series is reported, zero included, so dashboards and alerts never see one vanish.
      for (const channel of PAGE_CHANNELS) {
        for (const state of ['pending', 'given_up'] as const) {
          const found = rows.find((row) => row.kind === KIND_OF[channel] && row.givenUp === (state === 'given_up'));
          this.set({ channel, state }, Number(found?.n ?? 0));
        }
      }
    },
  });
}
