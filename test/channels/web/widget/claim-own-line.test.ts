import { describe, expect, it } from 'vitest';
import { claimOwnLine, compareMessageIds, type OwnLine } from '../../../../src/channels/web/widget/claim-own-line.js';

describe('compareMessageIds', () => {
  it('orders stream ids by time, then sequence, beyond the precision of a JS number', () => {
    expect(compareMessageIds('1700000000000-0', '1700000000000-1')).toBeLessThan(0);
    expect(compareMessageIds('999-5', '1000-0')).toBeLessThan(0);
    expect(compareMessageIds('1000-0', '999-5')).toBeGreaterThan(0);
    expect(compareMessageIds('18446744073709551614-0', '18446744073709551615-0')).toBeLessThan(0);
    expect(compareMessageIds('0-77', '1-0')).toBeLessThan(0);
    expect(compareMessageIds('42-7', '42-7')).toBe(0);
  });
});

describe('claimOwnLine', () => {
  const line = (text: string, after: string | undefined, ref: string): OwnLine<string> => ({ text, after, ref });

  it('claims the first shown line with the same text that was sent before the entry was written', () => {
    const lines = [line('ja', '10-0', 'a'), line('nee', '10-0', 'b'), line('ja', '20-0', 'c')];
    expect(claimOwnLine(lines, { id: '30-0', text: 'ja' })?.ref).toBe('a');
    expect(claimOwnLine(lines, { id: '31-0', text: 'ja' })?.ref).toBe('c');
    expect(claimOwnLine(lines, { id: '32-0', text: 'ja' })).toBeNull();
    expect(lines.map((l) => l.ref)).toEqual(['b']);
  });

  it('does not claim a line for an entry written before the line was sent (the same words said earlier)', () => {
    const lines = [line('ja', '50-0', 'late')];
    expect(claimOwnLine(lines, { id: '40-0', text: 'ja' })).toBeNull();
    expect(claimOwnLine(lines, { id: '50-0', text: 'ja' })).toBeNull();
    expect(claimOwnLine(lines, { id: '50-1', text: 'ja' })?.ref).toBe('late');
  });

  it('ignores bidi isolates and surrounding space; other text is a line to show', () => {
    const lines = [line('\u2068Huurder\u2069 ', undefined, 'button')];
    expect(claimOwnLine(lines, { id: '1-0', text: 'huurder' })).toBeNull();
    expect(claimOwnLine(lines, { id: '1-1', text: 'Huurder' })?.ref).toBe('button');
  });
});
