// .env.example documents every setting src/env.ts reads, and its values are valid as written.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfig, SETTING_NAMES } from '../../src/env.js';

const text = readFileSync(fileURLToPath(new URL('../../.env.example', import.meta.url)), 'utf8');
const entries = Object.fromEntries(
  text
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

describe('.env.example', () => {
  it('names every setting, and only those', () => {
    expect(Object.keys(entries).sort()).toEqual([...SETTING_NAMES].sort());
  });

  it('is a valid configuration as written, equal to the defaults', () => {
    const fromExample = readConfig(entries);
    const defaults = readConfig({});
    expect(fromExample).toEqual(defaults);
  });
});
