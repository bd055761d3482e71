import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/runtime/conversation-id-for.js';
import { assertStoreId } from '../../src/store/store-keys.js';

const secret = 'a-server-secret-of-at-least-32-characters';

describe('conversationIdFor (identities hashed at the edge)', () => {
  it('is stable for one number and channel, and a valid store id without the number in it', () => {
    const id = conversationIdFor(secret, 'sms', '+31612345678');
    expect(conversationIdFor(secret, 'sms', '+31612345678')).toBe(id);
    expect(assertStoreId(id)).toBe(id);
    expect(id).toMatch(/^sms-[A-Za-z0-9_-]{32}$/);
    expect(id).not.toContain('612345678');
  });

  it('differs per number, per channel and per secret', () => {
    const base = conversationIdFor(secret, 'sms', '+31612345678');
    expect(conversationIdFor(secret, 'sms', '+31612345679')).not.toBe(base);
    expect(conversationIdFor(secret, 'whatsapp', '+31612345678')).not.toBe(base.replace('sms-', 'whatsapp-'));
    expect(conversationIdFor(`${secret}!`, 'sms', '+31612345678')).not.toBe(base);
  });
});
