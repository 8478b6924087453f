// What the portal tells people of the limits on files, and checks before sending a byte: the
// server's own (portalConfig.get, loaded with the session), so that a server set lower or higher
// is said as it is. The server checks again; a file over its limit is refused with 413, and said so.
import { INLINE_IMAGE_TYPES, MAX_ATTACHMENTS_PER_MESSAGE } from '../../../workflows/ticket/model';
import type { PortalConfig } from '../api/types';
import { useSession } from '../session';

export type AttachmentLimits = PortalConfig['attachmentLimits'];

const MB = 1024 * 1024;

/**
 * Only until the server has said its own (or when it could not be asked): its defaults
 * (ATTACHMENT_MAX_FILE_SIZE and ATTACHMENT_MAX_MESSAGE_SIZE in src/env.ts).
 */
const UNTIL_KNOWN: AttachmentLimits = {
  maxFiles: MAX_ATTACHMENTS_PER_MESSAGE,
  maxFileBytes: 20 * MB,
  maxMessageBytes: 50 * MB,
};

/** The limits the server runs with. */
export function useAttachmentLimits(): AttachmentLimits {
  return useSession().portal?.attachmentLimits ?? UNTIL_KNOWN;
}

/**
 * The pictures shown as thumbnails: the raster types the server serves inline (one list, in
 * workflows/ticket/model.ts); any other file, SVG included, is a download link.
 */
export const isThumbnailType = (type: string): boolean => INLINE_IMAGE_TYPES.includes(type);

