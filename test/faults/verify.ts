// The fault run's verdict, read from Postgres and from every ticket's workflow: each acknowledged
// creation and transition is in the projection exactly once, and the projection equals what the
// workflow itself holds.
import type { Client } from '@temporalio/client';
import type { Sql } from 'postgres';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { stateQuery } from '../../workflows/ticket/messages.js';
import type { TicketState } from '../../workflows/ticket/model.js';
import { expectedAfter, type Expected } from './journey.js';
import type { JourneyRecord } from './load.js';

export interface Verdict {
  problems: string[];
  /** What was checked, for the report. */
  counted: { tickets: number; comments: number; events: number; notifications: number; acknowledged: number; statesCompared: number };
}

interface Row {
  number: number;
  version: number;
  status: string;
  assignee_id: string | null;
  cc_ids: string[];
  comment_count: number;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);

function differences(expected: Expected, row: Row, comments: string[], events: string[], notifications: number, agentId: string): string[] {
  const found: string[] = [];
  if (notifications !== expected.notifications) found.push(`${notifications} notifications queued, expected ${expected.notifications}`);
  if (row.version !== expected.version) found.push(`version ${row.version}, expected ${expected.version}`);
  if (row.status !== expected.status) found.push(`status ${row.status}, expected ${expected.status}`);
  if (!sameList(comments, expected.comments)) found.push(`comments [${comments.join(' | ')}], expected [${expected.comments.join(' | ')}]`);
  const kinds = new Set([...events, ...Object.keys(expected.events)]);
  for (const kind of kinds) {
    const have = events.filter((k) => k === kind).length;
    const want = expected.events[kind as keyof Expected['events']] ?? 0;
    if (have !== want) found.push(`${have} "${kind}" events, expected ${want}`);
  }
  if ((row.assignee_id === agentId) !== expected.assigned) found.push(`assignee ${row.assignee_id}, expected ${expected.assigned ? agentId : 'none'}`);
  if (row.cc_ids.length !== (expected.cc ? 1 : 0)) found.push(`${row.cc_ids.length} CCs, expected ${expected.cc ? 1 : 0}`);
  return found;
}

function stateDifferences(state: TicketState, row: Row, commentRows: number, eventSeqs: number[]): string[] {
  const found: string[] = [];
  if (state.status !== row.status) found.push(`status: workflow ${state.status}, projection ${row.status}`);
  if (state.version !== row.version) found.push(`version: workflow ${state.version}, projection ${row.version}`);
  if ((state.assignee?.id ?? null) !== row.assignee_id) found.push(`assignee: workflow ${state.assignee?.id ?? null}, projection ${row.assignee_id}`);
  if (!sameList(state.ccs.map((p) => p.id), row.cc_ids)) found.push(`ccs: workflow ${state.ccs.map((p) => p.id)}, projection ${row.cc_ids}`);
  if (state.commentCount !== row.comment_count || state.commentCount !== commentRows) {
    found.push(`comments: workflow ${state.commentCount}, projection row ${row.comment_count}, comment rows ${commentRows}`);
  }
  const contiguous = eventSeqs.length === state.lastEventSeq && eventSeqs.every((seq, i) => seq === i + 1);
  if (!contiguous) found.push(`events: workflow's last seq ${state.lastEventSeq}, projection seqs ${eventSeqs.join(',')}`);
  return found;
}

async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

export async function verify(sql: Sql, client: Client, runId: string, journeys: JourneyRecord[]): Promise<Verdict> {
  const problems: string[] = [];
  const created = journeys.filter((j) => j.ctx.number > 0);
  const numbers = created.map((j) => j.ctx.number);

  const duplicates = await sql<{ subject: string; n: number }[]>`
    select subject, count(*)::int as n from tickets where subject like ${`Fault run ${runId} ticket %`} group by subject having count(*) > 1`;
  for (const d of duplicates) problems.push(`"${d.subject}" was created ${d.n} times`);
  const rows = await sql<Row[]>`
    select number::int as number, version, status, assignee_id, cc_ids, comment_count from tickets where number = any(${numbers}::bigint[])`;
  const comments = await sql<{ number: number; body: string }[]>`
    select ticket_number::int as number, body from ticket_comments where ticket_number = any(${numbers}::bigint[]) order by seq`;
  const events = await sql<{ number: number; seq: number; kind: string }[]>`
    select ticket_number::int as number, seq, kind from ticket_events where ticket_number = any(${numbers}::bigint[]) order by seq`;
  const notifications = await sql<{ number: number; n: number }[]>`
    select ticket_number::int as number, count(*)::int as n from notifications where ticket_number = any(${numbers}::bigint[]) group by ticket_number`;
  const notificationsOf = new Map(notifications.map((n) => [n.number, n.n]));
  const byNumber = <T extends { number: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) map.set(item.number, [...(map.get(item.number) ?? []), item]);
    return map;
  };
  const rowOf = new Map(rows.map((r) => [r.number, r]));
  const commentsOf = byNumber(comments);
  const eventsOf = byNumber(events);

  const compared = await mapBounded(created, 8, async (journey) => {
    const { number } = journey.ctx;
    const row = rowOf.get(number);
    if (!row) return [`#${number}: acknowledged, but not in the projection`];
    const bodies = (commentsOf.get(number) ?? []).map((c) => c.body);
    const ticketEvents = eventsOf.get(number) ?? [];
    // A step sent but never acknowledged may have happened or not; once at most, either way.
    const candidates = [expectedAfter(journey.ctx, journey.acked), ...(journey.inDoubt ? [expectedAfter(journey.ctx, journey.acked + 1)] : [])];
    const mismatches = candidates.map((expected) => differences(expected, row, bodies, ticketEvents.map((e) => e.kind), notificationsOf.get(number) ?? 0, journey.ctx.agent.id));
    const found = mismatches.some((m) => m.length === 0) ? [] : mismatches[0].map((m) => `#${number}: ${m}`);
    try {
      const state = await client.workflow.getHandle(ticketWorkflowId(number)).query(stateQuery);
      found.push(...stateDifferences(state, row, bodies.length, ticketEvents.map((e) => e.seq)).map((m) => `#${number}: ${m}`));
    } catch (error) {
      found.push(`#${number}: state query failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return found;
  });
  problems.push(...compared.flat());
  return {
    problems,
    counted: {
      tickets: rows.length,
      comments: comments.length,
      events: events.length,
      notifications: notifications.reduce((sum, n) => sum + n.n, 0),
      acknowledged: journeys.reduce((sum, j) => sum + j.acked, 0),
      statesCompared: created.length,
    },
  };
}

/**
 * Checks until the verdict is clean or `timeoutMs` passes. Returns the last verdict, the time
 * from the start to the clean verdict, how many checks that took, and how long one check lasts
 * (reading every ticket and querying every workflow), so the two are not mistaken for each other.
 */
export async function converge(check: () => Promise<Verdict>, timeoutMs: number): Promise<{ verdict: Verdict; ms: number; checks: number; lastCheckMs: number }> {
  const started = Date.now();
  for (let checks = 1; ; checks++) {
    const checkStarted = Date.now();
    let verdict: Verdict;
    try {
      verdict = await check();
    } catch (error) {
      verdict = { problems: [`check failed: ${error instanceof Error ? error.message : String(error)}`], counted: { tickets: 0, comments: 0, events: 0, notifications: 0, acknowledged: 0, statesCompared: 0 } };
    }
    const lastCheckMs = Date.now() - checkStarted;
    if (verdict.problems.length === 0 || Date.now() - started > timeoutMs) return { verdict, ms: Date.now() - started, checks, lastCheckMs };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
