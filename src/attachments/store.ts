// Attachments in Postgres, in pieces (attachment_chunks): an upload is written as it arrives and
// a download read a few pieces at a time, so memory never grows with a file's size. This module
// is the one place that knows where the bytes live: another store (object storage, a disk) would
// replace it and keep the attachments table as the index (README, "Attachments").
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { attachmentChunks, attachments } from '../db/schema.js';
import { SNIFF_BYTES, sniffType } from './types.js';

/** One row of attachment_chunks: a quarter of a megabyte. */
export const CHUNK_BYTES = 256 * 1024;
/** How many pieces a download reads at once. */
const CHUNKS_PER_READ = 4;

export type AttachmentRow = typeof attachments.$inferSelect;

/** The file is larger than the limit: nothing of it is kept. */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`A file is at most ${Math.round(limitBytes / 1024 / 1024)} MB.`);
    this.name = 'UploadTooLargeError';
  }
}

/** Writes the bytes as they come; returns the stored file once all of it is in. */
export async function storeUpload(db: Database, options: { uploaderId: string; name: string; source: AsyncIterable<Buffer>; maxBytes: number }): Promise<AttachmentRow> {
  const id = randomUUID();
  await db.insert(attachments).values({ id, uploaderId: options.uploaderId, name: options.name, type: 'application/octet-stream', size: 0, sha256: '' });
  try {
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let index = 0;
    let head: Buffer | null = null;
    const flush = async (bytes: Buffer) => {
      head ??= bytes.subarray(0, SNIFF_BYTES);
      await db.insert(attachmentChunks).values({ attachmentId: id, index: index++, data: bytes });
    };
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
    const [row] = await db
      .update(attachments)
      .set({ size, sha256: hash.digest('hex'), type: await sniffType(head ?? Buffer.alloc(0)), complete: true })
      .where(eq(attachments.id, id))
      .returning();
    return row;
  } catch (error) {
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
