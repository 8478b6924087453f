// Password hashing with scrypt (memory-hard, in Node's crypto: no native dependency) and the
// rules a new password must meet. A password is normalized once (NFKC, so that the same
// characters typed on two keyboards are the same password) and may hold no control characters,
// whether it is set or tried; then its UTF-8 bytes are hashed as they are. (scrypt here, OpenSSL's,
// ignores trailing NUL bytes: "password\u0000" would otherwise sign in as "password".)
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { isStorableText } from '../../workflows/ticket/text.js';
import { isCommonPassword } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

// 2^15 × 8 × 128 bytes = 32 MiB per hash: costly to brute-force, ~100 ms for a person signing in.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** The one normalization every password goes through, whether it is set or tried. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Why a password's characters cannot be a password (control characters, half characters), or null. */
export function passwordCharactersProblem(password: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F]/.test(password) || !isStorableText(password)) {
    return 'A password cannot contain control characters or other characters that are not text.';
  }
  return null;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  const bytes = Buffer.from(normalizePassword(password), 'utf8');
  return new Promise((resolve, reject) => scrypt(bytes, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// Verifying against this when there is no account makes a wrong e-mail cost as much time as a
// wrong password, so response times do not tell which addresses have accounts.
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(password, await decoy);
}

/** Why the password is not acceptable, or null when it is. */
export function passwordProblem(given: string, email: string): string | null {
  const characters = passwordCharactersProblem(given);
  if (characters) return characters;
  const password = normalizePassword(given);
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password)) return 'This password is too common; choose one that is harder to guess.';
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0];
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) return 'The password must not contain your e-mail address.';
  if (new Set(password).size < 4) return 'This password repeats too few characters; choose one that is harder to guess.';
  return null;
}
