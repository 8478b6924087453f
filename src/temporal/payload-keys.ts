// The keys that encrypt ticket payloads in Temporal (codec.ts). Each key has an id, written beside
// every payload it encrypts, so that keys can rotate: the first key encrypts; every key listed
// decrypts. Keys come from a setting (PAYLOAD_KEYS) or a file (PAYLOAD_KEYS_FILE), never from
// the repository; `npm start` makes one in DATA_DIR on its first start.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface PayloadKey {
  id: string;
  /** 32 bytes: AES-256. */
  key: Buffer;
}

export class PayloadKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadKeyError';
  }
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Keys written as `id:base64` entries, separated by commas or new lines; `#` starts a comment. */
export function parsePayloadKeys(text: string, source: string): PayloadKey[] {
  const entries = text
    .split('\n')
    .flatMap((line) => line.replace(/#.*/, '').split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  const keys = entries.map((entry) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID.test(id)) throw new PayloadKeyError(`${source}: "${entry.slice(0, 20)}…" is not id:base64-key (an id of letters, digits, . _ -)`);
    if (key.length !== 32) throw new PayloadKeyError(`${source}: key "${id}" is ${key.length} bytes; a key is 32 random bytes, in base64 (openssl rand -base64 32)`);
    return { id, key };
  });
  if (keys.length === 0) throw new PayloadKeyError(`${source}: no key`);
  const ids = keys.map((k) => k.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new PayloadKeyError(`${source}: key id "${twice}" is listed twice`);
  return keys;
}

/** A new key file's text: one fresh key, named by the day it was made. */
export function newPayloadKeyText(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll('-', '')}`;
  return `# Encrypts ticket payloads in Temporal. Keep it secret, keep it backed up: histories cannot\n# be read without it. To rotate, add the new key as the first line and keep the old ones below.\n${id}:${randomBytes(32).toString('base64')}\n`;
}

/**
 * The keys named by the settings: PAYLOAD_KEYS, else PAYLOAD_KEYS_FILE, else (where `orMake`
 * names a file, as npm start does with DATA_DIR/payload-keys) that file, made on first use.
 */
export function loadPayloadKeys(settings: { PAYLOAD_KEYS?: string; PAYLOAD_KEYS_FILE?: string }, orMake?: string): PayloadKey[] {
  if (settings.PAYLOAD_KEYS) return parsePayloadKeys(settings.PAYLOAD_KEYS, 'PAYLOAD_KEYS');
  const file = settings.PAYLOAD_KEYS_FILE ? resolve(settings.PAYLOAD_KEYS_FILE) : orMake ? resolve(orMake) : undefined;
  if (!file) throw new PayloadKeyError('PAYLOAD_KEYS or PAYLOAD_KEYS_FILE: required (the keys that encrypt ticket payloads in Temporal)');
  if (!existsSync(file)) {
    if (settings.PAYLOAD_KEYS_FILE) throw new PayloadKeyError(`PAYLOAD_KEYS_FILE: ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, newPayloadKeyText(), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return parsePayloadKeys(readFileSync(file, 'utf8'), file);
}

/** Where npm start keeps its key: beside its data. */
export const embeddedKeyFile = (dataDir: string) => join(resolve(dataDir), 'payload-keys');
