// A projection write that Postgres refuses for its data can never succeed by retrying: the ticket
// reports it (search attribute, query, a projection_faults row, the metric's source), refuses new
// changes with a clear error instead of piling them up, and writes everything once ops have mended
// the cause and sent retryProjection. Postgres refuses here through a trigger that raises a data
// exception (SQLSTATE 22023) for one marked comment, a real refusal from a real server.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFaults } from '../../src/db/schema.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { TicketStuckError } from '../../src/tickets/errors.js';
import { projectionQuery, retryProjectionSignal, signals } from '../../workflows/ticket/messages.js';
import { ProjectionStuck } from '../../workflows/ticket/search-attributes.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, startStack, type Stack } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let stack: Stack;
const MARKER = `poison-${Date.now()}`;

beforeAll(async () => {
  stack = await startStack();
  await stack.db.execute(
    sql.raw(`
      create or replace function refuse_marked_comment() returns trigger language plpgsql as $$
      begin
        if new.body like '%${MARKER}%' then
          raise exception 'refused for the test' using errcode = '22023';
        end if;
        return new;
      end $$;
      create trigger refuse_marked_comment before insert on ticket_comments for each row execute function refuse_marked_comment();`),
  );
});
afterAll(async () => {
  await stack?.db.execute(sql.raw(`drop trigger if exists refuse_marked_comment on ticket_comments; drop function if exists refuse_marked_comment();`));
  await stack?.close();
});

const agent = agentActor();

describe('a projection write Postgres refuses for its data', () => {
  it('is reported and not retried; the ticket refuses changes until ops retry, then writes everything', async () => {
    const { number } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));

    // The change is accepted by the ticket, but its write fails: the caller is told, at once.
    const started = Date.now();
    await expect(stack.desk.send(number, 'reply', { actor: agent, body: `A note with ${MARKER}` })).rejects.toBeInstanceOf(TicketStuckError);
    expect(Date.now() - started).toBeLessThan(10_000);

    const status = await handle.query(projectionQuery);
    expect(status.fault).toMatchObject({ version: 2, message: expect.stringContaining('22023') });
    expect(status.projectedVersion).toBe(1);
    // Not retrying: no projection write is pending (the fault's own report may still be running).
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    expect(pending.map((activity) => activity.activityType?.name)).not.toContain('projectTicket');
    await eventually(async () => expect((await handle.describe()).typedSearchAttributes.get(ProjectionStuck)).toBe(true));
    await eventually(async () => {
      const [fault] = await stack.db.select().from(projectionFaults).where(eq(projectionFaults.ticketNumber, number));
      expect(fault).toMatchObject({ version: 2, message: expect.stringContaining('refused for the test') });
    });

    // Meanwhile new changes are refused with a clear error, and a Signal is ignored.
    await expect(stack.desk.send(number, 'setPending', { actor: agent })).rejects.toThrow(/cannot take changes right now/);
    await handle.signal(signals.putOnHold, { actor: agent });
    expect((await stack.desk.state(number)).version).toBe(2);

    // Ops mend the cause and retry: the change lands, the fault is gone, the ticket takes changes.
    await stack.db.execute(sql.raw(`drop trigger refuse_marked_comment on ticket_comments`));
    await handle.signal(retryProjectionSignal);
    await eventually(async () => expect((await handle.query(projectionQuery)).projectedVersion).toBe(2));
    const after = await stack.desk.send(number, 'setPending', { actor: agent });
    expect(after.version).toBe(3);
    const { row, comments } = await projection(stack, number);
    expect(row.version).toBe(3);
    expect(comments.map((c) => c.body)).toContain(`A note with ${MARKER}`);
    expect(await stack.db.select().from(projectionFaults).where(eq(projectionFaults.ticketNumber, number))).toEqual([]);
    await eventually(async () => expect((await handle.describe()).typedSearchAttributes.get(ProjectionStuck)).toBeUndefined());
  });
});
