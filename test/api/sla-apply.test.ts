// policies.applySlaToOpen: an admin deliberately applies the SLA policy version in force to the
// open tickets, each by an Update of its own that its audit trail shows (to Support Ops); tickets
// that count it already are left as they are, and a version saved since is not applied unseen.
// A database of its own, so that the open tickets are this file's.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../src/db/schema.js';
import { errorCode, startApi, type ApiClient, type TestApi } from '../helpers/api.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { person } from '../helpers/stack.js';

let api: TestApi;
let admin: ApiClient;
let agent: ApiClient;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabase('sla_apply', { firstTicketNumberAbove: 3_000_000_000 });
  closeDb = () => fresh.db.close();
  api = await startApi({ databaseUrl: fresh.url, pinSla: true });
  admin = (await api.signedIn({ role: 'admin', label: 'sla-admin' })).api;
  agent = (await api.signedIn({ role: 'agent' })).api;
});
afterAll(async () => {
  await api?.close();
  await closeDb?.();
});

const HOUR = 3_600_000;

async function hardwareTicket() {
  const { number } = await api.stack.desk.create({ requestId: randomUUID(), type: 'hardware_issue', subject: 'Dock 4 will not release bikes', description: 'Since this morning.', requester: person('requester'), organizationId: null, ccs: [], followUpOf: null });
  return number;
}

describe('applying a new SLA policy version to open tickets', () => {
  it('changes each open ticket that pinned an older version by an Update of its own, in its audit trail, and leaves the others', async () => {
    const before = await hardwareTicket();
    const pinned = await api.stack.desk.state(before);
    const { sla } = await admin.policies.current.query();
    expect(pinned.sla?.slaVersion).toBe(sla.version);

    // Hardware issues at Normal priority now get a first reply within an hour, 24/7.
    const targets = structuredClone(sla.value);
    targets.hardware_issue.normal.firstReply = { durationMs: HOUR, time: 'calendar', calendarId: 'office' };
    const saved = await admin.policies.setSla.mutate({ basedOn: sla.version, targets });
    const after = await hardwareTicket();
    expect((await api.stack.desk.state(after)).sla?.slaVersion).toBe(saved.version);
    // Saving changed no running ticket.
    expect((await api.stack.desk.state(before)).sla?.slaVersion).toBe(sla.version);

    expect(await errorCode(agent.policies.applySlaToOpen.mutate({ version: saved.version }))).toBe('FORBIDDEN');
    // The admin applies the version they read: an older one is refused, nothing changes.
    expect(await errorCode(admin.policies.applySlaToOpen.mutate({ version: sla.version }))).toBe('CONFLICT');
    expect((await api.stack.desk.state(before)).sla?.slaVersion).toBe(sla.version);

    const result = await admin.policies.applySlaToOpen.mutate({ version: saved.version });
    expect(result.applied).toEqual([before]);
    expect(result.unchanged).toEqual([{ number: after, why: 'already', message: expect.stringContaining(`already counts version ${saved.version}`) }]);
    expect(result.failed).toEqual([]);

    const applied = await api.stack.desk.state(before);
    expect(applied.sla?.slaVersion).toBe(saved.version);
    expect(applied.firstReplyDueAt).toBe(applied.createdAt + HOUR);
    const [row] = await api.stack.db.select().from(tickets).where(eq(tickets.number, before));
    expect(row.firstReplyDueAt.getTime()).toBe(applied.createdAt + HOUR);
    const { workEvents } = await agent.tickets.get.query({ number: before });
    expect(workEvents).toContainEqual(expect.objectContaining({ kind: 'sla_policy_applied', data: { from: sla.version, to: saved.version } }));

    // Sent again (a resend after a lost answer): the same Update, which each ticket applied once.
    const again = await admin.policies.applySlaToOpen.mutate({ version: saved.version });
    expect(again.applied).toEqual([before]);
    expect(again.unchanged.map((u) => u.number)).toEqual([after]);
    const trail = await agent.tickets.get.query({ number: before });
    expect(trail.workEvents.filter((e) => e.kind === 'sla_policy_applied')).toHaveLength(1);
  });

  it('pins the warning share and whether On-hold counts as the admin set them; a save that names neither keeps them', async () => {
    const { sla } = await admin.policies.current.query();
    expect(await errorCode(admin.policies.setSla.mutate({ basedOn: sla.version, targets: sla.value, escalation: { warningShare: 1, onHoldCountsTowardResolution: true } }))).toBe('BAD_REQUEST');
    const halfway = await admin.policies.setSla.mutate({ basedOn: sla.version, targets: sla.value, escalation: { warningShare: 0.5, onHoldCountsTowardResolution: false } });
    expect(halfway.escalation).toEqual({ warningShare: 0.5, onHoldCountsTowardResolution: false });
    const kept = await admin.policies.setSla.mutate({ basedOn: halfway.version, targets: sla.value });
    expect(kept.escalation).toEqual({ warningShare: 0.5, onHoldCountsTowardResolution: false });

    const number = await hardwareTicket();
    const pinned = (await api.stack.desk.state(number)).sla;
    expect(pinned).toMatchObject({ slaVersion: kept.version, warningShare: 0.5, onHoldCountsTowardResolution: false });
    // On-hold now stops the resolution clock.
    await api.stack.desk.send(number, 'putOnHold', { actor: { kind: 'agent', id: 'a-1', name: 'Agent' } });
    const [row] = await api.stack.db.select().from(tickets).where(eq(tickets.number, number));
    expect(row.resolutionDueAt).toBeNull();
  });
});
