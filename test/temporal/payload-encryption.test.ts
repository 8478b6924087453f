// Payload encryption: what the product hands Temporal is AES-256-GCM ciphertext under a key id, so
// the Temporal database holds no ticket text (read here byte by byte, SQLite file and log); keys
// rotate; the codec endpoint shows payloads decrypted to signed-in agents only, and so does the
// Temporal UI the API serves at /temporal.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import { freePort } from '../../src/net.js';
import { EncryptionCodec, ticketDataConverter } from '../../src/temporal/codec.js';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { newPayloadKeyText, parsePayloadKeys, PayloadKeyError, type PayloadKey } from '../../src/temporal/payload-keys.js';
import { createTicketWorker } from '../../src/temporal/ticket-worker.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { SLOW_POLICY, suiteKeys } from '../helpers/stack.js';
import { startApi, type TestApi } from '../helpers/api.js';

const keys = (text: string) => parsePayloadKeys(text, 'test');
const freshKey = () => newPayloadKeyText().replace(/#.*\n/g, '').trim();

describe('the codec', () => {
  it('round-trips a payload, leaves plain payloads alone, and decrypts with an older key after a rotation', async () => {
    const [older, newer] = [freshKey(), freshKey().replace(/^k\d+/, 'k-new')];
    const before = new EncryptionCodec(keys(older));
    const payload: Payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"subject":"Dock 7 is on fire"}') };
    const [sealed] = await before.encode([payload]);
    expect(Buffer.from(sealed.data!).toString('latin1')).not.toContain('Dock 7');
    expect(Buffer.from(sealed.metadata!.encoding!).toString()).toBe('binary/encrypted');
    // After a rotation: the new key first encrypts, the old one still decrypts.
    const after = new EncryptionCodec(keys(`${newer},${older}`));
    const [opened] = await after.decode([sealed]);
    expect(Buffer.from(opened.data!).toString()).toBe('{"subject":"Dock 7 is on fire"}');
    const [resealed] = await after.encode([payload]);
    expect(Buffer.from(resealed.metadata!['encryption-key-id']!).toString()).toBe('k-new');
    // Histories written before encryption read as they are.
    expect(await after.decode([payload])).toEqual([payload]);
    // A key it does not have: said plainly.
    await expect(new EncryptionCodec(keys(freshKey().replace(/^k\d+/, 'other'))).decode([sealed])).rejects.toThrow(/encrypted with key "k\d+", which this process does not have/);
    // Tampered ciphertext is refused, not read as something else.
    const tampered = { ...sealed, data: Buffer.from(sealed.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(before.decode([tampered])).rejects.toThrow();
  });

  it('refuses keys that are not 32 bytes, ids listed twice, and garbage, naming what is wrong', () => {
    expect(() => keys('k1:c2hvcnQ=')).toThrow(/key "k1" is 5 bytes/);
    const one = freshKey();
    expect(() => keys(`${one},${one}`)).toThrow(/listed twice/);
    expect(() => keys('no colon here')).toThrow(PayloadKeyError);
    expect(() => keys('# only a comment')).toThrow(/no key/);
    // The file npm start writes, comments and all, is read back as one key.
    expect(keys(newPayloadKeyText())).toHaveLength(1);
  });
});

describe('the Temporal database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-encryption-'));
  let server: DevServer;
  let db: Database;
  const open: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    server = await startDevServer({ port: await freePort(), uiPort: await freePort(), dbFile: join(dir, 'temporal.db') });
    db = createDatabase(inject('databaseUrl'));
  });
  afterAll(async () => {
    for (const thing of open.reverse()) await thing.close().catch(() => {});
    await db?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A worker and a desk on the file-backed server, encrypting or not. */
  async function deskOn(payloadKeys: PayloadKey[] | null) {
    const taskQueue = `encryption-${randomUUID()}`;
    const native = await NativeConnection.connect({ address: server.address });
    const worker: Worker = await createTicketWorker({ connection: native, namespace: 'default', taskQueue, db, payloadKeys, workflowBundlePath: inject('workflowBundlePath') });
    const running = worker.run();
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, ...(payloadKeys ? { dataConverter: ticketDataConverter(payloadKeys) } : {}) });
    open.push({ close: async () => (worker.shutdown(), await running, await native.close()) }, { close: () => connection.close() });
    return { desk: new TicketDesk({ client, db, taskQueue, policy: SLOW_POLICY }), client };
  }

  /** A ticket whose every text is a marker, so that the database can be searched for it. */
  async function ticketWithMarkers(desk: TicketDesk, marker: string) {
    const requester = { id: randomUUID(), email: `${marker}-mail@example.test`, name: `${marker}-name` };
    const { number } = await desk.create({
      requestId: randomUUID(),
      type: 'hardware_issue',
      subject: `${marker}-subject`,
      description: `${marker}-description`,
      requester,
      organizationId: null,
      ccs: [],
      followUpOf: null,
    });
    await desk.send(number, 'reply', { actor: { kind: 'agent', id: 'a', name: `${marker}-agent` }, body: `${marker}-reply`, status: 'pending' });
    return number;
  }

  /** Every byte the server has written: its SQLite file and the write-ahead log beside it. */
  const stored = () => [join(dir, 'temporal.db'), join(dir, 'temporal.db-wal')].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');

  it('holds no ticket text once payloads are encrypted (and does, as a control, when they are not)', async () => {
    const encrypted = await deskOn(suiteKeys());
    const plain = await deskOn(null);
    const secret = `secret${randomUUID().slice(0, 8)}`;
    const visible = `visible${randomUUID().slice(0, 8)}`;
    const encryptedNumber = await ticketWithMarkers(encrypted.desk, secret);
    await ticketWithMarkers(plain.desk, visible);
    // The server writes asynchronously; wait until the plain ticket's reply is on disk.
    for (let i = 0; i < 100 && !stored().includes(`${visible}-reply`); i++) await new Promise((r) => setTimeout(r, 100));

    const bytes = stored();
    for (const field of ['subject', 'description', 'reply', 'name', 'agent']) expect(bytes, `control: ${field}`).toContain(`${visible}-${field}`);
    for (const field of ['subject', 'description', 'reply', 'name', 'agent']) expect(bytes, field).not.toContain(`${secret}-${field}`);
    // The requester's e-mail is a search attribute (Requester), kept readable for ops' queries.
    expect(bytes).toContain(`${secret}-mail@example.test`);
    // The product itself reads it all back.
    expect((await encrypted.desk.state(encryptedNumber)).subject).toBe(`${secret}-subject`);
    const described = await encrypted.client.workflow.getHandle(ticketWorkflowId(encryptedNumber)).describe();
    expect(await described.staticSummary()).toBe(`#${encryptedNumber} ${secret}-subject`);
  });
});

describe('the codec endpoint and the Temporal UI', () => {
  let api: TestApi;
  const { Payloads } = proto.temporal.api.common.v1;
  beforeAll(async () => {
    api = await startApi({ payloadKeys: suiteKeys(), temporalUiUpstream: 'http://127.0.0.1:1/temporal' });
  });
  afterAll(async () => api?.close());

  it('decrypts for a signed-in agent, by cookie or bearer token, and for nobody else', async () => {
    const [sealed] = await new EncryptionCodec(suiteKeys()).encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"Dock 9"') }]);
    const body = JSON.stringify(Payloads.toObject(Payloads.create({ payloads: [sealed] }), { bytes: String }));
    const post = (headers: Record<string, string>) => fetch(`${api.url}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const agent = await api.signedIn({ role: 'agent' });
    const requester = await api.signedIn();
    const cookie = (who: typeof agent) => `support_desk_session=${who.api.cookies.get('support_desk_session')}`;

    const decoded = await post({ cookie: cookie(agent), 'x-namespace': 'default' });
    expect(decoded.status).toBe(200);
    const [payload] = Payloads.fromObject(await decoded.json()).payloads;
    expect(Buffer.from(payload.data!).toString()).toBe('"Dock 9"');
    expect((await post({ authorization: `Bearer ${agent.api.cookies.get('support_desk_session')}` })).status).toBe(200);
    expect((await post({ cookie: cookie(requester) })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect((await post({ cookie: cookie(agent), 'x-namespace': 'another' })).status).toBe(400);

    // The proxy's check, and the UI itself: agents only.
    expect((await fetch(`${api.url}/auth/agent`, { headers: { cookie: cookie(agent) } })).status).toBe(204);
    expect((await fetch(`${api.url}/auth/agent`, { headers: { cookie: cookie(requester) } })).status).toBe(401);
    const ui = await fetch(`${api.url}/temporal/namespaces/default/workflows`, { headers: { cookie: cookie(requester), accept: 'text/html' }, redirect: 'manual' });
    expect(ui.status).toBe(302);
    expect(ui.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });
});
