// Random secrets for links and session cookies. Only their hashes are stored, so a copy of the
// database cannot be turned into working links or sessions.
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
