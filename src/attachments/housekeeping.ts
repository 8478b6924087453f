// Uploads nobody attached to a message (a form left, a page closed) are removed after a day, with
// their bytes; so are uploads that never finished. Run by every worker, now and then.
import { and, isNull, lt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { startPeriodic } from '../runtime/periodic.js';
import { attachments } from '../db/schema.js';

export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

/** Removes them; returns how many. */
export async function removeUnattachedUploads(db: Database, now = new Date()): Promise<number> {
  const removed = await db
    .delete(attachments)
    .where(and(isNull(attachments.ticketNumber), lt(attachments.createdAt, new Date(now.getTime() - UNATTACHED_TTL_MS))))
    .returning({ id: attachments.id });
  return removed.length;
}

/** Every hour, in the background; a failed pass is made up by the next. */
export function startUploadHousekeeping(db: Database, logger: { warn(obj: object, msg: string): void }): { stop(): Promise<void> } {
  return startPeriodic(() => removeUnattachedUploads(db), 60 * 60 * 1000, (error) => logger.warn({ err: error }, 'removing unattached uploads failed'));
}
