import { describe, expect, it } from 'vitest';
import { webCapabilities } from '../../src/channels/web/web-channel.js';
import type { ChannelCapabilities } from '../../src/content/channel-capabilities.js';
import { createRenderer } from '../../src/content/create-renderer.js';
import { createTranslator } from '../../src/content/create-translator.js';
import { loadContent, type ContentBundle } from '../../src/content/load-content.js';
import type { MessageEffect } from '../../src/engine/effects.js';
import type { Locale } from '../../src/engine/session-state.js';
import { rootDir } from '../../src/server.js';
import { ContentError } from '../../src/shared/errors.js';
import { testLexicon } from '../helpers/test-lexicon.js';
import { plainWithButtons } from '../helpers/capabilities.js';

const channels = { web: webCapabilities, plain: plainWithButtons, markdown: { ...plainWithButtons, format: 'markdown' } } satisfies Record<string, ChannelCapabilities>;
type Channel = keyof typeof channels;

/** A small bundle with our own templates and reason texts, so each test says exactly what goes in. */
function bundle(content: Record<string, string>, reasons: { nl: Record<string, string>; en: Record<string, string> }): ContentBundle {
  const labels = (texts: Record<string, string>) => ({ huurtoeslag: Object.fromEntries(Object.entries(texts).map(([code, text]) => [`reason.${code}`, text])) });
  return {
    languages: ['nl', 'en'],
    content: { nl: { t: content }, en: { t: content } },
    labels: { nl: labels(reasons.nl), en: labels(reasons.en) },
    glossary: {},
    lexicon: testLexicon(),
  };
}

const reasons = {
  nl: { a: 'Eerste reden.', b: 'Tweede reden: huur < grens & meer.' },
  en: { a: 'First reason.' },
};

function render(b: ContentBundle, key: string, vars: MessageEffect['vars'], locale: Locale = 'nl', channel: Channel = 'plain'): string {
  const renderer = createRenderer(b, createTranslator(b));
  return renderer.render({ type: 'message', ns: 't', key, vars, quickReplies: [] }, locale, channels[channel]).text;
}

describe('reason_list helper', () => {
  const b = bundle({ list: 'Waarom:\n{{reason_list codes}}', greet: 'Hoi {{name}}', amount: '{{euro x}}' }, reasons);

  it('renders the text of each code, one per line, in the order given', () => {
    expect(render(b, 'list', { codes: 'b,a' })).toBe('Waarom:\nTweede reden: huur < grens & meer.\nEerste reden.');
  });

  it('uses the conversation language, with Dutch where a text is not translated', () => {
    expect(render(b, 'list', { codes: 'a,b' }, 'en')).toBe('Waarom:\nFirst reason.\nTweede reden: huur < grens & meer.');
  });

  it('leaves out unknown codes, junk and blanks; no codes render nothing', () => {
    expect(render(b, 'list', { codes: ' a , nope,,A-B,../x' })).toBe('Waarom:\nEerste reden.');
    expect(render(b, 'list', { codes: null })).toBe('Waarom:');
    expect(render(b, 'list', { codes: '' })).toBe('Waarom:');
    expect(render(b, 'list', { codes: 42 })).toBe('Waarom:');
  });

  it('strict mode: a missing variable throws, also as a helper argument', () => {
    expect(() => render(b, 'greet', {})).toThrow(/name/);
    expect(() => render(b, 'list', {})).toThrow(ContentError);
  });

  it('web output escapes < in variables and in reason texts; plain text does not', () => {
    expect(render(b, 'greet', { name: '<b>Jan</b>' }, 'nl', 'web')).toBe('Hoi &lt;b&gt;Jan&lt;/b&gt;');
    expect(render(b, 'greet', { name: '<b>Jan</b>' }, 'nl', 'plain')).toBe('Hoi <b>Jan</b>');
    expect(render(b, 'list', { codes: 'b' }, 'nl', 'web')).toBe('Waarom:\nTweede reden: huur &lt; grens &amp; meer.');
  });

  it('is a known helper: a template with an unknown one refuses to compile', () => {
    const broken = bundle({ x: '{{shout codes}}' }, reasons);
    expect(() => createRenderer(broken, createTranslator(broken))).toThrow(ContentError);
  });

  it('euro: whole amounts without cents, others with', () => {
    expect(render(b, 'amount', { x: 426 })).toBe('€\u00a0426');
    expect(render(b, 'amount', { x: 38_479 })).toBe('€\u00a038.479');
    expect(render(b, 'amount', { x: 0.48 })).toBe('€\u00a00,48');
    expect(render(b, 'amount', { x: 426 }, 'en')).toBe('€426');
    expect(render(b, 'amount', { x: 1250.5 }, 'en')).toBe('€1,250.50');
  });

  it('euro: the € sign also where the language would write the code ("38 479 EUR" in Ukrainian)', () => {
    const uk = { ...b, languages: [...b.languages, 'uk'], content: { ...b.content, uk: { t: { amount: '{{euro x}}' } } }, labels: { ...b.labels, uk: {} } };
    expect(render(uk, 'amount', { x: 38_479 }, 'uk')).toMatch(/^38\s479\s€$/u);
    expect(render(uk, 'amount', { x: 650.5 }, 'uk')).toMatch(/^650,50\s€$/u);
  });
});

describe('the shipped huurtoeslag result texts', () => {
  it('name every reason of a "no" with the domain texts', async () => {
    const real = await loadContent(rootDir);
    const renderer = createRenderer(real, createTranslator(real));
    const text = renderer.render({ type: 'message', ns: 'huurtoeslag', key: 'result.none', vars: { ht_exclusions: 'not_main_residence,assets_above_limit' }, quickReplies: [] }, 'nl', plainWithButtons).text;
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^Huurtoeslag is alleen voor de huurwoning waar je echt woont/);
    expect(lines[2]).toMatch(/^Je vermogen op 1 januari is hoger dan de grens/);
  });
});

describe('texts for a relative (issue #10 §4)', () => {
  const b = bundle({ today: 'Bel je verhuurder.', 'relative.today': 'Bel samen zijn of haar verhuurder.', help: 'Geldfit helpt.' }, { nl: {}, en: {} });

  it('a relative reads relative.<key> where the content has it', () => {
    expect(render(b, 'today', { is_relative: true })).toBe('Bel samen zijn of haar verhuurder.');
  });

  it('the tenant, or a conversation that never said who it is for, reads the text addressed to them', () => {
    expect(render(b, 'today', { is_relative: false })).toBe('Bel je verhuurder.');
    expect(render(b, 'today', {})).toBe('Bel je verhuurder.');
  });

  it('a relative reads the shared text where no variant exists', () => {
    expect(render(b, 'help', { is_relative: true })).toBe('Geldfit helpt.');
  });

  it('every shipped phase text a relative reads speaks about the person, not to them as the tenant', async () => {
    const real = await loadContent(rootDir);
    const renderer = createRenderer(real, createTranslator(real));
    const texts = real.content.nl ?? {};
    const variants = Object.entries(texts).flatMap(([ns, keys]) => Object.keys(keys).filter((k) => k.startsWith('relative.')).map((k) => ({ ns, key: k.slice('relative.'.length) })));
    expect(variants.length).toBeGreaterThan(40);
    for (const { ns, key } of variants) {
      const vars = { is_relative: true, court_date: '2026-12-01', eviction_date: '2026-12-01', days_left: 2, volunteers_online: false, landlord_private: false, landlord_corporatie: false };
      const text = renderer.render({ type: 'message', ns, key, vars, quickReplies: [] }, 'nl', plainWithButtons).text;
      // "je huis", "je verhuurder", "ben je", "kun je naar de rechter": the tenant's own things and deeds.
      expect(text, `${ns}.relative.${key}`).not.toMatch(/\bje (huis|verhuurder|gemeente|spullen|medicijnen|schuld|brieven|post)\b|\b(ben|heb|moet) je\b/i);
    }
  });
});

describe('spacing', () => {
  it('a false {{#if}} between two folded lines leaves one space, not two', () => {
    const b = bundle({ deleted: 'Klaar. {{#if reports}}Ook je melding is gewist.{{/if}} Stuur een bericht.' }, { nl: {}, en: {} });
    expect(render(b, 'deleted', { reports: false })).toBe('Klaar. Stuur een bericht.');
    expect(render(b, 'deleted', { reports: true })).toBe('Klaar. Ook je melding is gewist. Stuur een bericht.');
  });
});
