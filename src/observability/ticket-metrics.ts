// Tickets by status, and tickets whose projection is stuck, read from the projection at each scrape
// (small counts on indexed columns), so the numbers are right whichever worker or API process is scraped.
import { count } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../db/client.js';
import { projectionFaults, tickets } from '../db/schema.js';
import { TICKET_STATUSES } from '../../workflows/ticket/model.js';

export function registerTicketMetrics(registry: Registry, db: Database): void {
  new Gauge({
    name: 'support_desk_tickets',
    help: 'Tickets by status, from the tickets projection',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await db.select({ status: tickets.status, n: count() }).from(tickets).groupBy(tickets.status);
      const byStatus = new Map(rows.map((row) => [row.status, Number(row.n)]));
      // Every status is reported, zero included, so dashboards never see a series vanish.
      for (const status of TICKET_STATUSES) this.set({ status }, byStatus.get(status) ?? 0);
    },
  });
  new Gauge({
    name: 'support_desk_tickets_projection_stuck',
    help: 'Tickets whose projection write failed for its data and that wait for ops (README, Operating)',
    registers: [registry],
    async collect() {
      const [row] = await db.select({ n: count() }).from(projectionFaults);
      this.set(Number(row.n));
    },
  });
}
