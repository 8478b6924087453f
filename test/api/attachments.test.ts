// Attachments over raw HTTP, as browsers and scripts send them: stored as they arrive and served
// back byte for byte, to those who may see their message only (an internal note's files to Support
// Ops; anyone else gets 404); the type told by the bytes; nothing but safe raster images shown
// inline; hostile names and files made harmless; over-size files refused while streaming.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeUnattachedUploads } from '../../src/attachments/housekeeping.js';
import { attachments } from '../../src/db/schema.js';
import { failure, requestId, startApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, colleague: Person, agent: Person, outsider: Person;

/** A valid 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>window.parent.__pwned = 1</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const MAX_FILE = 64 * 1024;

beforeAll(async () => {
  api = await startApi({ settings: { ATTACHMENT_MAX_FILE_SIZE: String(MAX_FILE), ATTACHMENT_MAX_MESSAGE_SIZE: String(3 * MAX_FILE) } });
  const org = `Depot ${randomUUID().slice(0, 6)}`;
  [requester, colleague, agent, outsider] = await Promise.all([
    api.signedIn({ label: 'requester', org }),
    api.signedIn({ label: 'colleague', org }),
    api.signedIn({ role: 'agent', label: 'agent' }),
    api.signedIn({ label: 'outsider', org: `Elsewhere ${randomUUID().slice(0, 6)}` }),
  ]);
});
afterAll(async () => api?.close());

const cookie = (who: Person) => `support_desk_session=${who.api.cookies.get('support_desk_session')}`;

async function upload(who: Person, name: string, bytes: Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/attachments`, { method: 'POST', headers: { cookie: cookie(who), 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(bytes) });
  return { status: response.status, body: (await response.json()) as { id: string; name: string; type: string; size: number; message?: string } };
}

const download = (who: Person | null, id: string) => fetch(`${api.url}/attachments/${id}`, { headers: who ? { cookie: cookie(who) } : {} });

describe('attachments', () => {
  it('a request with an image and a PDF: the bytes come back exactly, the image inline, the PDF as a download', async () => {
    const image = await upload(requester, 'dock.png', PNG);
    const pdf = await upload(requester, 'receipt.pdf', PDF);
    expect(image).toMatchObject({ status: 201, body: { name: 'dock.png', type: 'image/png', size: PNG.length } });
    expect(pdf.body.type).toBe('application/pdf');
    const created = await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Dock 3 is cracked', description: 'Photo and receipt attached.', requestId: requestId(), attachmentIds: [image.body.id, pdf.body.id] });
    const seen = await requester.api.tickets.get.query({ number: created.number });
    expect(seen.conversation[0].attachments.map((a) => a.name)).toEqual(['dock.png', 'receipt.pdf']);
    expect(seen.files.map((f) => f.name)).toEqual(['dock.png', 'receipt.pdf']);
    expect(seen.audit[0].data).toMatchObject({ files: [{ name: 'dock.png' }, { name: 'receipt.pdf' }] });

    for (const who of [requester, colleague, agent]) {
      const fetched = await download(who, image.body.id);
      expect(fetched.status).toBe(200);
      expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG)).toBe(true);
      expect(fetched.headers.get('content-type')).toBe('image/png');
      expect(fetched.headers.get('content-disposition')).toMatch(/^inline; filename="?dock\.png"?/);
    }
    const asDownload = await download(requester, pdf.body.id);
    expect(Buffer.from(await asDownload.arrayBuffer()).equals(PDF)).toBe(true);
    expect(asDownload.headers.get('content-disposition')).toMatch(/^attachment; filename="?receipt\.pdf"?/);
    // Outsiders and the signed out get what they would get for a ticket they cannot see.
    expect((await download(outsider, image.body.id)).status).toBe(404);
    expect((await download(null, image.body.id)).status).toBe(404);
    // An upload belongs to one message.
    const reused = await failure(requester.api.tickets.reply.mutate({ number: created.number, body: 'again', attachmentIds: [image.body.id] }));
    expect(reused.data?.fieldErrors).toHaveProperty('attachmentIds');
  });

  it("an internal note's file is for Support Ops only; a reply may be a file alone", async () => {
    const { number } = await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'Terminal error', description: 'See the screen.', requestId: requestId() });
    const log = await upload(agent, 'vendor-trace.log', Buffer.from('2026-12-01 ERR terminal 0x42\n'));
    expect(log.body.type).toBe('text/plain');
    await agent.api.tickets.reply.mutate({ number, body: 'Vendor trace', internal: true, attachmentIds: [log.body.id] });
    expect((await download(agent, log.body.id)).status).toBe(200);
    for (const who of [requester, colleague]) {
      expect((await download(who, log.body.id)).status).toBe(404);
      const seen = await who.api.tickets.get.query({ number });
      expect(JSON.stringify(seen)).not.toContain('vendor-trace');
    }
    const photo = await upload(requester, 'screen.png', PNG);
    const { ticket } = await requester.api.tickets.reply.mutate({ number, attachmentIds: [photo.body.id] });
    expect(ticket.commentCount).toBe(2);
    expect((await failure(requester.api.tickets.reply.mutate({ number, body: '   ' }))).data?.fieldErrors).toHaveProperty('body');
  });

  it('hostile files and names: HTML and SVG only ever download, in a sandbox; paths and control characters leave the name; the bytes decide the type', async () => {
    for (const [name, bytes] of [['page.html', HTML], ['logo.svg', SVG]] as const) {
      const stored = await upload(requester, name, bytes, { 'content-type': name.endsWith('svg') ? 'image/svg+xml' : 'text/html' });
      const fetched = await download(requester, stored.body.id);
      expect(fetched.headers.get('content-type')).not.toMatch(/html|svg/);
      expect(fetched.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(fetched.headers.get('content-security-policy')).toContain('sandbox');
      expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    }
    expect((await upload(requester, '../../etc/passwd', PDF)).body.name).toBe('passwd');
    expect((await upload(requester, 'C:\\Users\\me\\report.pdf', PDF)).body.name).toBe('report.pdf');
    // Controls, and the right-to-left override that makes "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
    expect((await upload(requester, 'bad\u0000na\u0007me\u202e.pdf', PDF)).body.name).toBe('badname.pdf');
    expect((await upload(requester, '...', PDF)).body.name).toBe('file');
    // A PNG that calls itself a PDF is a PNG.
    const disguised = await upload(requester, 'invoice.pdf', PNG, { 'content-type': 'application/pdf' });
    expect(disguised.body.type).toBe('image/png');
  });

  it('a file over the limit is refused while it streams, and nothing of it is kept; so are files over the per-message limit', async () => {
    const before = (await api.stack.db.execute<{ n: number }>(sql`select count(*)::int as n from attachments where uploader_id = ${requester.user.id}`))[0].n;
    const piecesBefore = (await api.stack.db.execute<{ n: number }>(sql`select count(*)::int as n from attachment_chunks`))[0].n;
    const big = await upload(requester, 'video.mp4', randomBytes(MAX_FILE + 1));
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/at most/);
    // Without a Content-Length (a stream), refused once the limit passes.
    const chunks = (async function* () {
      for (let i = 0; i < 40; i++) yield randomBytes(4096);
    })();
    const streamed = await fetch(`${api.url}/attachments`, { method: 'POST', headers: { cookie: cookie(requester), 'x-file-name': 'stream.bin' }, body: chunks as never, duplex: 'half' } as never).catch((error: unknown) => error);
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    const after = (await api.stack.db.execute<{ n: number }>(sql`select count(*)::int as n from attachments where uploader_id = ${requester.user.id}`))[0].n;
    expect(after).toBe(before);
    // Not a piece of them either: the unfinished COPY was rolled back.
    expect((await api.stack.db.execute<{ n: number }>(sql`select count(*)::int as n from attachment_chunks`))[0].n).toBe(piecesBefore);

    const parts = await Promise.all([0, 1, 2, 3].map((i) => upload(requester, `part-${i}.bin`, randomBytes(MAX_FILE - 10))));
    const tooMuch = await failure(requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'Logs', description: 'All four.', requestId: requestId(), attachmentIds: parts.map((p) => p.body.id) }));
    expect(tooMuch.data?.fieldErrors?.attachmentIds?.[0]).toMatch(/together/);
    // The client says it in its own words: the problem is a word, not an English sentence to parse.
    expect(tooMuch.data?.problem).toBe('filesTooLarge');
    const again = await failure(requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'Logs', description: 'Again.', requestId: requestId(), attachmentIds: [randomUUID()] }));
    expect(again.data?.problem).toBe('filesGone');
    // The portal learns the limits the server is configured with.
    expect((await requester.api.portalConfig.get.query()).attachmentLimits).toEqual({ maxFiles: 10, maxFileBytes: MAX_FILE, maxMessageBytes: api.config.ATTACHMENT_MAX_MESSAGE_SIZE });
  });

  it("an upload is its uploader's alone until sent, and removed after a day unsent", async () => {
    const stored = await upload(requester, 'draft.png', PNG);
    expect((await download(requester, stored.body.id)).status).toBe(200);
    expect((await download(colleague, stored.body.id)).status).toBe(404);
    await api.stack.db.update(attachments).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(attachments.id, stored.body.id));
    expect(await removeUnattachedUploads(api.stack.db)).toBeGreaterThanOrEqual(1);
    expect((await download(requester, stored.body.id)).status).toBe(404);
  });

  it('refuses an upload posted from another site', async () => {
    const response = await fetch(`${api.url}/attachments`, { method: 'POST', headers: { cookie: cookie(requester), origin: 'https://evil.example', 'x-file-name': 'x.png' }, body: PNG });
    expect(response.status).toBe(403);
  });
});
