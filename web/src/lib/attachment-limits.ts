// What the portal tells people of the limits on files, and checks before sending a byte. The
// server's defaults (ATTACHMENT_MAX_FILE_SIZE and ATTACHMENT_MAX_MESSAGE_SIZE in src/env.ts): the
// API does not yet say what it is configured with, so a server set otherwise still has the last
// word (a file over its limit is refused with 413, and said so).
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../workflows/ticket/model';

const MB = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  maxFiles: MAX_ATTACHMENTS_PER_MESSAGE,
  maxFileBytes: 20 * MB,
  maxMessageBytes: 50 * MB,
} as const;

/**
 * The pictures shown as thumbnails: the raster types the server serves inline
 * (src/attachments/types.ts); any other file, SVG included, is a download link.
 */
const THUMBNAIL_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export const isThumbnailType = (type: string): boolean => THUMBNAIL_TYPES.has(type);
