// The page settings (src/env.ts): the channels they configure, and the mistakes refused at start-up
// with the setting named, before any page could go out unsigned or nowhere.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/env.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';

describe('page settings', () => {
  it('configure the channels Critical / SEV tickets page by, none by default', () => {
    expect(readConfig({}).onCallPage).toEqual([]);
    expect(readConfig({ PAGE_EMAIL: 'on-call@ops.example' }).onCallPage).toEqual(['email']);
    expect(readConfig({ PAGE_WEBHOOK_URL: 'https://pager.example/hooks/desk', PAGE_WEBHOOK_SECRET: SECRET, PAGE_EMAIL: 'on-call@ops.example' }).onCallPage).toEqual(['webhook', 'email']);
    expect(readConfig({ PAGE_WEBHOOK_URL: '', PAGE_WEBHOOK_SECRET: '' }).onCallPage).toEqual([]);
  });

  it('refuse a webhook without its secret, a secret without its webhook, a short secret, a URL that is not http and an address that is not one', () => {
    const refusal = (settings: Record<string, string>) => {
      try {
        readConfig(settings);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal({ PAGE_WEBHOOK_URL: 'https://pager.example/hooks/desk' })).toContain('PAGE_WEBHOOK_SECRET: required with PAGE_WEBHOOK_URL');
    expect(refusal({ PAGE_WEBHOOK_SECRET: SECRET })).toContain('PAGE_WEBHOOK_URL: required with PAGE_WEBHOOK_SECRET');
    expect(refusal({ PAGE_WEBHOOK_URL: 'https://pager.example/hooks/desk', PAGE_WEBHOOK_SECRET: 'short' })).toContain('PAGE_WEBHOOK_SECRET: at least 32 characters');
    expect(refusal({ PAGE_WEBHOOK_URL: 'ftp://pager.example/desk', PAGE_WEBHOOK_SECRET: SECRET })).toContain('PAGE_WEBHOOK_URL: an http:// or https:// URL');
    expect(refusal({ PAGE_EMAIL: 'on-call' })).toContain('PAGE_EMAIL: not an e-mail address');
    expect(refusal({ PAGE_LANGUAGE: 'de' })).toContain('PAGE_LANGUAGE');
  });
});
