import { beforeAll, describe, expect, it } from 'vitest';
import { composeBodies } from '../../../src/channels/twilio/compose-bodies.js';
import { isGsm7, smsSegments, toGsm7 } from '../../../src/channels/twilio/gsm7.js';
import { smsCapabilities } from '../../../src/channels/twilio/twilio-capabilities.js';
import { createRenderer, type Renderer } from '../../../src/content/create-renderer.js';
import { createTranslator } from '../../../src/content/create-translator.js';
import { loadContent } from '../../../src/content/load-content.js';
import { rootDir } from '../../../src/server.js';

let renderer: Renderer;
beforeAll(async () => {
  const bundle = await loadContent(rootDir);
  renderer = createRenderer(bundle, createTranslator(bundle));
});

describe('SMS text: GSM-7 where a plain character exists, counted in segments', () => {
  it('replaces the no-break space of euro amounts, curly quotes, dashes and the ellipsis; drops accents GSM-7 lacks', () => {
    const amount = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(212.5);
    expect(isGsm7(amount)).toBe(false);
    expect(toGsm7(`${amount} – “ja” ‘nee’ … officiële ruïne`)).toBe("€ 212,50 - \"ja\" 'nee' ... officiele ruine");
    expect(toGsm7('é è ü ñ ß Ä € [x]')).toBe('é è ü ñ ß Ä € [x]');
    expect(toGsm7('emoji 🙂 blijft')).toBe('emoji 🙂 blijft');
  });

  it('counts 160/153 GSM-7 and 70/67 UCS-2 characters a segment; € counts double', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments('ë'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(smsSegments('ë'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2 });
  });

  it('a typical turn with an amount (the huurtoeslag result with its choices) is GSM-7 and at most 3 segments', () => {
    const message = renderer.render(
      {
        type: 'message',
        ns: 'huurtoeslag',
        key: 'result.amount',
        vars: { ht_amount_whole: 212, ht_amount: 212.48, ht_year: 2026 },
        quickReplies: [
          { payload: 'choice:how', label: 'common:what_can_i_do' },
          { payload: 'choice:human', label: 'common:talk_to_human' },
        ],
      },
      'nl',
      smsCapabilities,
    );
    expect(message.text).toContain('\u00a0212');
    const [body, ...more] = composeBodies([message.text], smsCapabilities.maxMessageLength, true);
    expect(more).toEqual([]);
    expect(body).toContain('€ 212');
    expect(smsSegments(body ?? '')).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments(body ?? '').segments).toBeLessThanOrEqual(3);
  });

  it('one body per turn up to 1,600 characters; longer turns split between paragraphs', () => {
    expect(composeBodies(['Eerste.', 'Tweede.'], 1600, true)).toEqual(['Eerste.\n\nTweede.']);
    const long = 'woord '.repeat(300).trim();
    const bodies = composeBodies([long, 'Slot.'], 1600, true);
    expect(bodies.every((b) => b.length <= 1600)).toBe(true);
    expect(bodies.join(' ').replace(/\s+/g, ' ')).toBe(`${long} Slot.`);
  });
});
