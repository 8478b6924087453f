// What a file is, told by its bytes (file-type reads their signatures), never by the client's
// word, and how it may be served: only raster images a browser shows safely are shown inline
// (as thumbnails in the conversation); everything else, HTML and SVG above all, is a download.
import { fileTypeFromBuffer } from 'file-type';

import { INLINE_IMAGE_TYPES } from '../../workflows/ticket/model.js';

/** How many first bytes tell the type. */
export const SNIFF_BYTES = 4100;

/** The type of a file from its first bytes; text when they hold no signature but read as text. */
export async function sniffType(head: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  return looksLikeText(head) ? 'text/plain' : 'application/octet-stream';
}

/** UTF-8 without NUL (a log, a CSV, a note): the first bytes are enough to say. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  // A multi-byte character cut at the end of the sample is still text.
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const broken = (decoded.match(/\uFFFD/g) ?? []).length;
  return broken <= 1;
}

export const isShownInline = (type: string) => INLINE_IMAGE_TYPES.includes(type);
