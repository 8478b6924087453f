// Attachments in Postgres, in pieces (attachment_chunks): an upload is written as it arrives and
// a download read a few pieces at a time, so memory never grows with a file's size. This module
// is the one place that knows where the bytes live: another store (object storage, a disk) would
// replace it and keep the attachments table as the index (README, "E-mail and attachments").
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { attachments } from '../db/schema.js';
import { SNIFF_BYTES, sniffType } from './types.js';

/**
 * One row of attachment_chunks: 32 KB. A piece read back arrives as hex text (64 KB), small enough
 * for V8 to collect young; pieces of 256 KB made RSS climb by the file's size until a full GC
 * (npm run bench:attachments measures it).
 */
export const CHUNK_BYTES = 32 * 1024;
/** How many pieces a download reads at once. */
const CHUNKS_PER_READ = 8;

export type AttachmentRow = typeof attachments.$inferSelect;

/** The file is larger than the limit: nothing of it is kept. */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`A file is at most ${Math.round(limitBytes / 1024 / 1024)} MB.`);
    this.name = 'UploadTooLargeError';
  }
}

/** COPY … (FORMAT binary): the bytes go to Postgres as they are, with no text encoding to hold in memory. */
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

function copyHeader(): Buffer {
  return Buffer.concat([COPY_SIGNATURE, Buffer.alloc(8)]);
}

/** One attachment_chunks row in COPY's binary format: (attachment_id text, index int4, data bytea). */
function copyRow(id: Buffer, index: number, data: Buffer): Buffer[] {
  const head = Buffer.alloc(2 + 4 + id.length + 4 + 4 + 4);
  let at = head.writeInt16BE(3, 0);
  at = head.writeInt32BE(id.length, at);
  at += id.copy(head, at);
  at = head.writeInt32BE(4, at);
  at = head.writeInt32BE(index, at);
  head.writeInt32BE(data.length, at);
  return [head, data];
}

/** Writes the bytes as they come, streamed into Postgres; returns the stored file once all of it is in. */
export async function storeUpload(db: Database, options: { uploaderId: string; name: string; source: AsyncIterable<Buffer>; maxBytes: number }): Promise<AttachmentRow> {
  const id = randomUUID();
  await db.insert(attachments).values({ id, uploaderId: options.uploaderId, name: options.name, type: 'application/octet-stream', size: 0, sha256: '' });
  const copy = await db.sql`copy attachment_chunks (attachment_id, index, data) from stdin with (format binary)`.writable();
  const written = new Promise<void>((resolve, reject) => {
    copy.once('finish', resolve);
    copy.once('error', reject);
  });
  written.catch(() => {});
  const write = async (buffer: Buffer) => {
    // Wait for Postgres to take each piece: a fast sender never makes the server hold the file.
    if (!copy.write(buffer)) await new Promise((resolve) => copy.once('drain', resolve));
  };
  try {
    const hash = createHash('sha256');
    const idBytes = Buffer.from(id);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let index = 0;
    let head: Buffer | null = null;
    const flush = async (bytes: Buffer) => {
      head ??= Buffer.from(bytes.subarray(0, SNIFF_BYTES));
      for (const part of copyRow(idBytes, index++, bytes)) await write(part);
    };
    await write(copyHeader());
    for await (const piece of options.source) {
      size += piece.length;
      if (size > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
      hash.update(piece);
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes >= CHUNK_BYTES) {
        const joined = Buffer.concat(pending);
        await flush(joined.subarray(0, CHUNK_BYTES));
        pending = [joined.subarray(CHUNK_BYTES)];
        pendingBytes = pending[0].length;
      }
    }
    if (pendingBytes > 0 || index === 0) await flush(Buffer.concat(pending));
    // The end of the rows, then the end of the COPY.
    await write(Buffer.from([0xff, 0xff]));
    copy.end();
    await written;
    const [row] = await db
      .update(attachments)
      .set({ size, sha256: hash.digest('hex'), type: await sniffType(head ?? Buffer.alloc(0)), complete: true })
      .where(eq(attachments.id, id))
      .returning();
    return row;
  } catch (error) {
    // An unfinished COPY is rolled back by Postgres: none of its rows stay.
    copy.destroy(error instanceof Error ? error : new Error(String(error)));
    await db.delete(attachments).where(eq(attachments.id, id)).catch(() => {});
    throw error;
  }
}

export async function findAttachment(db: Database, id: string): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.complete, true)));
  return row ?? null;
}

/** The file's bytes, a few pieces at a time, in order. */
export async function* readAttachment(db: Database, id: string): AsyncGenerator<Buffer> {
  const cursor = db.sql<{ data: Buffer }[]>`select data from attachment_chunks where attachment_id = ${id} order by index`.cursor(CHUNKS_PER_READ);
  for await (const rows of cursor) for (const row of rows) yield row.data;
}
