// What the queue's results panel says for each ticket of a bulk change, from the result's data
// (outcome, code, data.refusal) and the change asked: never the server's English message.
import { describe, expect, it } from 'vitest';
import type { BulkChange, BulkResult } from '../../web/src/api/types.js';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';
import { changeName, resultSentence } from '../../web/src/lib/bulk-sentences.js';

const refused = (refusal: { reason: 'transition' | 'forbidden' | 'invalid' | 'stale'; status: 'open' | 'pending' | 'closed' | null } | null, code: 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' = 'CONFLICT'): BulkResult => ({
  number: 12,
  outcome: 'refused',
  code,
  message: 'Ticket #12 is something in English',
  refusal,
});
const say = (result: BulkResult, change: BulkChange, t = en) => resultSentence(result, change, t, 'Colin');

describe('bulk sentences', () => {
  it('say a Closed ticket is Closed, whatever the change', () => {
    for (const change of [{ kind: 'status', status: 'pending' }, { kind: 'priority', priority: 'high' }, { kind: 'tags', add: ['perf'] }] as BulkChange[]) {
      expect(say(refused({ reason: 'transition', status: 'closed' }), change)).toBe('#12 is Closed: it accepts no change.');
      expect(say(refused({ reason: 'transition', status: 'closed' }), change, fr)).toBe('Le ticket #12 est clos : il n’accepte plus aucune modification.');
    }
  });

  it('say a ticket already as asked is so, in the words of the change', () => {
    const already = refused({ reason: 'transition', status: 'pending' });
    expect(say(already, { kind: 'status', status: 'pending' })).toBe('#12 is already Pending.');
    expect(say(already, { kind: 'status', status: 'pending' }, fr)).toBe('Le ticket #12 a déjà le statut « En attente ».');
    expect(say(already, { kind: 'priority', priority: 'urgent' })).toBe('#12 already has the priority Urgent.');
    expect(say(already, { kind: 'assign', assigneeId: 'someone' })).toBe('#12 is already assigned to Colin.');
    expect(say(already, { kind: 'assign', assigneeId: null })).toBe('#12 is already unassigned.');
    expect(say(already, { kind: 'tags', add: ['perf'] })).toBe('#12 already has the tag perf.');
    expect(say(already, { kind: 'tags', remove: ['perf'] }, fr)).toBe('Le ticket #12 ne porte pas l’étiquette perf.');
  });

  it('say why from the refusal or the code, not from the message', () => {
    expect(say(refused({ reason: 'forbidden', status: 'open' }), { kind: 'priority', priority: 'low' })).toBe('You may not change #12.');
    expect(say(refused({ reason: 'invalid', status: 'open' }), { kind: 'tags', add: ['one-too-many'] })).toBe('#12 would have too many tags.');
    expect(say(refused(null, 'NOT_FOUND'), { kind: 'priority', priority: 'low' })).toBe(`#12: ${en.errors.notFound}`);
    expect(say(refused(null, 'NOT_FOUND'), { kind: 'priority', priority: 'low' }, fr)).toBe(`Ticket #12 : ${fr.errors.notFound}`);
    expect(say({ number: 12, outcome: 'failed', code: 'SERVICE_UNAVAILABLE', message: 'temporal did not answer in time', refusal: null }, { kind: 'status', status: 'solved' })).toBe('#12 could not be changed just now: try again.');
  });

  it('name the change for its confirmation', () => {
    expect(changeName({ kind: 'status', status: 'on-hold' }, en, '')).toBe('Set the status to On-hold');
    expect(changeName({ kind: 'status', status: 'on-hold' }, fr, '')).toBe('Passer au statut « En pause »');
    expect(changeName({ kind: 'assign', assigneeId: 'someone' }, en, 'Colin')).toBe('Assign to Colin');
    expect(changeName({ kind: 'tags', remove: ['perf'] }, en, '')).toBe('Remove the tag perf');
  });
});
