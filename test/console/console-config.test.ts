import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/shared/errors.js';

const secret = (): string => 's'.repeat(43);

describe('console configuration', () => {
  test('CLAIM_TIMEOUT_S defaults to 120 and OPENING_HOURS to weekdays 09:00-17:00', () => {
    expect(loadConfig({}, secret)).toMatchObject({ CLAIM_TIMEOUT_S: 120, OPENING_HOURS: 'ma-vr 09:00-17:00' });
    expect(loadConfig({ CLAIM_TIMEOUT_S: '300', OPENING_HOURS: 'always' }, secret)).toMatchObject({ CLAIM_TIMEOUT_S: 300, OPENING_HOURS: 'always' });
  });

  test('refuses a timeout outside 5..3600 and opening hours it cannot read, naming both', () => {
    for (const CLAIM_TIMEOUT_S of ['4', '3601', '12.5', 'soon']) {
      expect(() => loadConfig({ CLAIM_TIMEOUT_S }, secret)).toThrow(ConfigError);
    }
    try {
      loadConfig({ CLAIM_TIMEOUT_S: '1', OPENING_HOURS: 'ma-vr 17:00-09:00' }, secret);
      expect.unreachable('loadConfig accepted invalid values');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const details = e instanceof ConfigError ? e.details : [];
      expect(details.map((d) => d.split(':')[0])).toEqual(['CLAIM_TIMEOUT_S', 'OPENING_HOURS']);
      // The value itself is never echoed.
      expect(details.join(' ')).not.toContain('17:00-09:00');
    }
  });
});
