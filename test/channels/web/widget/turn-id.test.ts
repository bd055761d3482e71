import { describe, expect, it } from 'vitest';
import { isTurnId, newTurnId } from '../../../../src/channels/web/widget/turn-id.js';
import { webTurnSchema } from '../../../../src/channels/web/web-input.js';
import { clientTurnIdPattern } from '../../../../src/store/turn-store.js';

describe('the widget turn id', () => {
  it('is 22 URL-safe characters that the server accepts on HTTP and websocket turns', () => {
    for (let i = 0; i < 500; i++) {
      const id = newTurnId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(clientTurnIdPattern.test(id)).toBe(true);
      expect(encodeURIComponent(id)).toBe(id);
      expect(webTurnSchema.safeParse({ type: 'message', text: 'hoi', turnId: id }).success).toBe(true);
      expect(isTurnId(id)).toBe(true);
    }
  });

  it('comes from crypto.getRandomValues: every one of the 64 characters can appear, and ids do not repeat', () => {
    const ids = Array.from({ length: 5_000 }, () => newTurnId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('')).size).toBe(64);
  });

  it('maps the random bytes to the URL-safe alphabet, six bits each', () => {
    const pinned = newTurnId((bytes) => bytes.map((_, i) => [0, 25, 26, 51, 52, 61, 62, 63, 64, 255][i % 10] ?? 0));
    expect(pinned).toBe('AZaz09-_A_AZaz09-_A_AZ');
  });

  it('tells kept ids from anything else (read back from storage)', () => {
    for (const bad of [undefined, 42, '', 'short', 'a'.repeat(65), 'with space12', 'slash/slash', 'plus+plus+', 'ünïcode1234']) {
      expect(isTurnId(bad)).toBe(false);
      expect(typeof bad === 'string' && clientTurnIdPattern.test(bad)).toBe(false);
    }
    expect(isTurnId('a'.repeat(8))).toBe(true);
    expect(isTurnId('a'.repeat(64))).toBe(true);
  });
});
