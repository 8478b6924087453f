// tickets.search through a real HTTP client over the real projection: words found by their stems
// in English and French whatever their accents, internal notes and other people's tickets never
// found by whoever may not read them (nor counted), ranking, highlights, filters and the number jump.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentsOf, SEARCH_LIMIT, searchInput, searchTickets } from '../../src/api/ticket-search.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, colleague: Person, ccd: Person, outsider: Person, agent: Person;

beforeAll(async () => {
  api = await startApi();
  const org = `Shop ${randomUUID().slice(0, 6)}`;
  [requester, colleague, ccd, outsider, agent] = await Promise.all([
    api.signedIn({ label: 'requester', org }),
    api.signedIn({ label: 'colleague', org }),
    api.signedIn({ label: 'ccd' }),
    api.signedIn({ label: 'outsider', org: `Depot ${randomUUID().slice(0, 6)}` }),
    api.signedIn({ role: 'agent', label: 'agent' }),
  ]);
});
afterAll(async () => api?.close());

/** A word no other test uses, so that each test finds only its own tickets in the shared database. */
const marker = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;

async function submit(who: Person, subject: string, description: string, extra: { ccEmails?: string[]; type?: 'critical' | 'software_issue' } = {}) {
  const { number } = await who.api.tickets.create.mutate({ type: extra.type ?? 'software_issue', subject, description, ccEmails: extra.ccEmails ?? [], requestId: requestId() });
  return number;
}

const found = async (who: Person, q: string, filters: Record<string, unknown> = {}) => (await who.api.tickets.search.query({ q, ...filters })).items.map((item) => item.ticket.number);

describe('words', () => {
  it('finds French and English words by their stems, accents or not, in any case', async () => {
    const tag = marker();
    const french = await submit(requester, `Les vélos électriques ${tag} ne démarrent plus`, 'Les réservations échouées depuis la mise à jour du terminal.');
    const english = await submit(requester, `Docks ${tag} offline`, 'The batteries are not charging since the storm.');

    for (const q of ['velo', 'vélo', 'VÉLOS', 'Velos', 'électrique', 'electriques']) expect(await found(agent, `${q} ${tag}`), q).toEqual([french]);
    for (const q of ['reservation echouee', 'Réservations', 'échouées', 'terminaux']) expect(await found(agent, `${q} ${tag}`), q).toEqual([french]);
    for (const q of ['battery', 'Batteries', 'charge', 'charged', 'dock']) expect(await found(agent, `${q} ${tag}`), q).toEqual([english]);
    // A phrase, a word left out, either of two words.
    expect(await found(agent, `"vélos électriques" ${tag}`)).toEqual([french]);
    expect(await found(agent, `"électriques vélos" ${tag}`)).toEqual([]);
    expect(await found(agent, `${tag} -battery`)).toEqual([french]);
    expect((await found(agent, `${tag} velo or battery`)).sort()).toEqual([french, english].sort());
    expect(await found(agent, `${tag} trottinette`)).toEqual([]);
  });

  it('finds replies and file names, with the passage that matched marked', async () => {
    const tag = marker();
    const number = await submit(requester, `Till ${tag} frozen`, 'It shows a spinner.');
    await agent.api.tickets.reply.mutate({ number, body: 'Redémarrez le terminal de paiement, puis réessayez la carte.', requestId: requestId() });
    await api.stack.desk.send(number, 'reply', {
      actor: { kind: 'requester', id: requester.user.id },
      body: 'Here is a photo.',
      attachments: [{ id: randomUUID(), name: 'écran-figé.jpg', type: 'image/jpeg', size: 10 }],
    });

    const [byReply] = (await requester.api.tickets.search.query({ q: `paiements ${tag}` })).items;
    expect(byReply.ticket.number).toBe(number);
    expect(byReply.hit.subject).toEqual([{ text: 'Till ', match: false }, { text: tag, match: true }, { text: ' frozen', match: false }]);
    expect(byReply.hit.passage).toMatchObject({ in: 'comment', seq: 2, internal: false });
    expect(byReply.hit.passage?.fragments.filter((f) => f.match).map((f) => f.text)).toEqual(['paiement']);
    expect(byReply.hit.passage?.fragments.map((f) => f.text).join('')).toContain('terminal de paiement');

    const [byFile] = (await requester.api.tickets.search.query({ q: `ecran fige ${tag}` })).items;
    expect(byFile.hit.passage).toMatchObject({ in: 'file', seq: 3 });
    expect(byFile.hit.passage?.fragments).toEqual([{ text: 'écran', match: true }, { text: '-', match: false }, { text: 'figé', match: true }, { text: '.jpg', match: false }]);
  });

  it('ranks a match in the subject above one in the description, above one in the conversation', async () => {
    const tag = marker();
    const inReply = await submit(requester, `Question ${tag}`, 'Something odd.');
    await agent.api.tickets.reply.mutate({ number: inReply, body: 'Is the helmet strap broken?', requestId: requestId() });
    const inDescription = await submit(requester, `Another ${tag}`, 'The helmet is cracked.');
    const inSubject = await submit(requester, `Helmet ${tag} missing`, 'Nothing else.');
    const { items } = await agent.api.tickets.search.query({ q: `helmet ${tag}` });
    expect(items.map((item) => item.ticket.number)).toEqual([inSubject, inDescription, inReply]);
    expect(items[0].rank).toBeGreaterThan(items[1].rank);
    expect(items[1].rank).toBeGreaterThan(items[2].rank);
    // Other orders, and the marks of a description match.
    expect(await found(agent, `helmet ${tag}`, { sort: 'created', order: 'asc' })).toEqual([inReply, inDescription, inSubject]);
    expect(await found(agent, `helmet ${tag}`, { sort: 'number' })).toEqual([inSubject, inDescription, inReply]);
    expect(items[1].hit.passage).toMatchObject({ in: 'description', fragments: [{ text: 'The ', match: false }, { text: 'helmet', match: true }, { text: ' is cracked.', match: false }] });
  });
});

describe('who finds what', () => {
  it('internal notes are found by Support Ops only; other people’s tickets by nobody else, not even in the count', async () => {
    const tag = marker();
    const secret = marker();
    const number = await submit(requester, `Saddle ${tag} loose`, 'The saddle slides down.', { ccEmails: [ccd.user.email] });
    await agent.api.tickets.reply.mutate({ number, body: `Supplier ${secret} owes us a refund on these saddles.`, internal: true, requestId: requestId() });

    expect(await found(agent, secret)).toEqual([number]);
    const [note] = (await agent.api.tickets.search.query({ q: secret })).items;
    expect(note.hit.passage).toMatchObject({ in: 'comment', internal: true });
    for (const who of [requester, colleague, ccd, outsider]) {
      const page = await who.api.tickets.search.query({ q: secret });
      expect(page.items).toEqual([]);
      expect(page.total).toBe(0);
    }
    // The ticket's public words: its requester, CC'd user and colleague find it; the outsider does not.
    for (const who of [requester, ccd, colleague, agent]) expect(await found(who, `saddle ${tag}`)).toEqual([number]);
    const outside = await outsider.api.tickets.search.query({ q: `saddle ${tag}` });
    expect(outside).toMatchObject({ items: [], total: 0, totalIsExact: true, jumpTo: null });
    // A public word next to the note's word: the note is not read for them, so nothing matches.
    expect(await found(requester, `saddle ${secret}`)).toEqual([]);
    expect(await found(agent, `saddle ${secret}`)).toEqual([number]);
    // The passage a requester sees is never the note's.
    const [mine] = (await requester.api.tickets.search.query({ q: `saddles ${tag}` })).items;
    expect(JSON.stringify(mine.hit)).not.toContain(secret);
  });

  it('#123 or 123 names the ticket for who may see it, and for nobody else', async () => {
    const number = await submit(requester, 'Pedal squeaks', 'Left pedal.');
    for (const q of [`#${number}`, `${number}`, ` # ${number} `]) expect((await requester.api.tickets.search.query({ q })).jumpTo, q).toBe(number);
    expect((await agent.api.tickets.search.query({ q: `#${number}` })).jumpTo).toBe(number);
    expect((await outsider.api.tickets.search.query({ q: `#${number}` })).jumpTo).toBeNull();
    expect((await requester.api.tickets.search.query({ q: '#987654321' })).jumpTo).toBeNull();
    expect((await requester.api.tickets.search.query({ q: `pedal ${number}` })).jumpTo).toBeNull();
  });

  it('needs a signed-in caller and text it can search', async () => {
    expect(await errorCode(api.client().tickets.search.query({ q: 'vélo' }))).toBe('UNAUTHORIZED');
    const blank = await failure(agent.api.tickets.search.query({ q: '   ' }));
    expect(blank.data?.fieldErrors).toHaveProperty('q');
    expect((await failure(agent.api.tickets.search.query({ q: 'v\u0000lo' }))).data?.fieldErrors).toHaveProperty('q');
    expect((await failure(agent.api.tickets.search.query({ q: 'x'.repeat(201) }))).data?.code).toBe('BAD_REQUEST');
    // Only words every language ignores: nothing to look for, and no error.
    expect(await agent.api.tickets.search.query({ q: 'the !!' })).toMatchObject({ items: [], total: 0 });
  });
});

describe('filters', () => {
  it('status, type, requester, organization, assignee, creation dates', async () => {
    const tag = marker();
    const before = new Date().toISOString();
    const critical = await submit(requester, `Payments ${tag} down`, 'Every shop.', { type: 'critical' });
    const mine = await submit(colleague, `Payment ${tag} slow`, 'Only here.');
    const elsewhere = await submit(outsider, `Payment ${tag} refused`, 'Card declined.');
    await agent.api.tickets.setPending.mutate({ number: mine, requestId: requestId() });
    await agent.api.tickets.assign.mutate({ number: elsewhere, assigneeId: agent.user.id, requestId: requestId() });
    const q = `payment ${tag}`;
    const sorted = async (filters: Record<string, unknown>) => (await found(agent, q, filters)).sort((a, b) => a - b);

    expect(await sorted({})).toEqual([critical, mine, elsewhere]);
    expect(await sorted({ status: ['pending'] })).toEqual([mine]);
    expect(await sorted({ status: ['open'], type: ['critical'] })).toEqual([critical]);
    expect(await sorted({ requesterId: colleague.user.id })).toEqual([mine]);
    const [{ ticket }] = (await agent.api.tickets.search.query({ q, requesterId: requester.user.id })).items;
    expect(await sorted({ organizationId: ticket.organizationId })).toEqual([critical, mine]);
    expect(await sorted({ assigneeId: agent.user.id })).toEqual([elsewhere]);
    expect(await sorted({ unassigned: true })).toEqual([critical, mine]);
    expect(await sorted({ createdFrom: before })).toEqual([critical, mine, elsewhere]);
    expect(await sorted({ createdTo: before })).toEqual([]);
    // A requester's filters narrow what they may see, never widen it.
    expect((await found(requester, q, { requesterId: outsider.user.id })).length).toBe(0);
    expect((await found(colleague, q)).sort((a, b) => a - b)).toEqual([critical, mine]);
  });

  it('gives at most SEARCH_LIMIT results, and says when more match', async () => {
    const page = await agent.api.tickets.search.query({ q: 'the bike', pageSize: 50, page: 3 });
    expect(page.limit).toBe(SEARCH_LIMIT);
    expect(page.items.length).toBeLessThanOrEqual(50);
    expect(page.total).toBeLessThanOrEqual(SEARCH_LIMIT);
  });
});

describe('plans', () => {
  it('both plans find the same tickets in the same order, for Support Ops and for requesters', async () => {
    const tag = marker();
    const numbers: number[] = [];
    for (const [subject, description] of [
      [`Brakes ${tag} squeal`, 'Front brake.'],
      [`Chain ${tag} off`, 'The brake cable too.'],
      [`Freins ${tag} usés`, 'Plaquettes à changer.'],
      [`Bell ${tag} missing`, 'Nothing about brakes.'],
    ]) {
      numbers.push(await submit(requester, subject, description));
    }
    await agent.api.tickets.reply.mutate({ number: numbers[1], body: `Internal: brake ${tag} recall`, internal: true, requestId: requestId() });
    for (const who of [agent, requester, outsider]) {
      for (const q of [`brake ${tag}`, `frein ${tag}`, `${tag} -brake`, `"brake cable" ${tag}`, `${tag} bell or chain`]) {
        for (const filters of [{}, { sort: 'created' as const, order: 'asc' as const }, { status: ['open' as const] }]) {
          const input = searchInput.parse({ q, ...filters });
          const [few, many] = await Promise.all([searchTickets(api.stack.db, who.user, input, { plan: 'fewMatches' }), searchTickets(api.stack.db, who.user, input, { plan: 'manyMatches' })]);
          expect(many.items.map((i) => i.ticket.number), `${who.user.email} ${q}`).toEqual(few.items.map((i) => i.ticket.number));
          expect(many.total).toBe(few.total);
        }
      }
    }
    const agentFinds = await searchTickets(api.stack.db, agent.user, searchInput.parse({ q: `brake ${tag}` }), { plan: 'manyMatches' });
    expect(agentFinds.items.map((i) => i.ticket.number).sort()).toEqual([numbers[0], numbers[1], numbers[3]].sort());
    const requesterFinds = await searchTickets(api.stack.db, requester.user, searchInput.parse({ q: `recall ${tag}` }), { plan: 'manyMatches' });
    expect(requesterFinds.items).toEqual([]);
  });
});

describe('fragmentsOf', () => {
  it('splits marked text into pieces', () => {
    expect(fragmentsOf('a \uE000b\uE001 c \uE000d\uE001')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
    expect(fragmentsOf('')).toEqual([]);
  });
});
