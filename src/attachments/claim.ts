// Turns the upload ids a message names into the files it brings: each one uploaded by the sender,
// complete and not yet attached elsewhere, together within the per-message limit. What the
// ticket's workflow receives is only their id, name, type and size.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { InvalidFieldError } from '../accounts/errors.js';
import type { Database } from '../db/client.js';
import { attachments } from '../db/schema.js';
import type { AttachmentRef } from '../../workflows/ticket/model.js';

/** Why the files named by a message were refused (data.problem). */
export const FILE_PROBLEMS = { gone: 'filesGone', messageTooLarge: 'filesTooLarge' } as const;

export async function claimUploads(db: Database, uploaderId: string, ids: string[], maxMessageBytes: number): Promise<AttachmentRef[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ id: attachments.id, name: attachments.name, type: attachments.type, size: attachments.size })
    .from(attachments)
    .where(and(inArray(attachments.id, wanted), eq(attachments.uploaderId, uploaderId), eq(attachments.complete, true), isNull(attachments.ticketNumber)));
  if (rows.length !== wanted.length) throw new InvalidFieldError('attachmentIds', 'A file is no longer there, or was already sent: add it again.', FILE_PROBLEMS.gone);
  const total = rows.reduce((sum, row) => sum + row.size, 0);
  if (total > maxMessageBytes) throw new InvalidFieldError('attachmentIds', `The files of one message are at most ${Math.round(maxMessageBytes / 1024 / 1024)} MB together.`, FILE_PROBLEMS.messageTooLarge);
  // In the order they were named.
  return wanted.map((id) => rows.find((row) => row.id === id)!);
}
