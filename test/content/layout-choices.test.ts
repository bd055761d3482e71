import { beforeAll, describe, expect, it } from 'vitest';
import { webCapabilities } from '../../src/channels/web/web-channel.js';
import type { ChannelCapabilities } from '../../src/content/channel-capabilities.js';
import { createRenderer, type Renderer } from '../../src/content/create-renderer.js';
import { createTranslator } from '../../src/content/create-translator.js';
import { loadContent } from '../../src/content/load-content.js';
import type { MessageEffect, QuickReply } from '../../src/engine/effects.js';
import { rootDir } from '../../src/server.js';
import { smsCapabilities as numberedText } from '../../src/channels/twilio/twilio-capabilities.js';

/** WhatsApp with Twilio's Content API: 3 quick replies of up to 20 characters, lists of up to 10 rows of 24. */
const whatsappInteractive: ChannelCapabilities = {
  buttons: { max: 3, maxTitleLength: 20 },
  list: { max: 10, maxTitleLength: 24 },
  format: 'plain',
  typing: false,
  maxMessageLength: 1600,
  replyWindowHours: 24,
};

let renderer: Renderer;
beforeAll(async () => {
  const bundle = await loadContent(rootDir);
  renderer = createRenderer(bundle, createTranslator(bundle));
});

const yesNoDontKnow: QuickReply[] = [
  { payload: 'choice:yes', label: 'common:yes' },
  { payload: 'choice:no', label: 'common:no' },
  { payload: 'choice:dont_know', label: 'common:dont_know' },
];
const long: QuickReply[] = [...yesNoDontKnow, { payload: 'choice:human', label: 'common:talk_to_human' }];
const eleven: QuickReply[] = Array.from({ length: 11 }, (_, i) => ({ payload: `choice:c${i}`, label: 'common:yes' }));

function ask(quickReplies: QuickReply[], input?: MessageEffect['input']): MessageEffect {
  return { type: 'message', ns: 'common', key: 'reprompt', vars: {}, quickReplies, ...(input ? { input } : {}) };
}

describe('choices rendered per channel capability', () => {
  it('web: every choice a button, the text as it is', () => {
    const m = renderer.render(ask(long), 'nl', webCapabilities);
    expect(m.layout).toBe('buttons');
    expect(m.quick_replies?.map((q) => q.title)).toEqual(['Ja', 'Nee', 'Ik weet het niet', 'Praten met een mens']);
    expect(m.text).not.toMatch(/^1 /m);
  });

  it('sms: numbered text to answer with a digit, no buttons', () => {
    const m = renderer.render(ask(yesNoDontKnow), 'nl', numberedText);
    expect(m.quick_replies).toBeUndefined();
    expect(m.text.endsWith('\n\n1 Ja\n2 Nee\n3 Ik weet het niet\nStuur het nummer.')).toBe(true);
    expect(renderer.render(ask(yesNoDontKnow), 'en', numberedText).text).toMatch(/\n1 Yes\n2 No\n3 .+\nSend the number\.$/);
  });

  it('sms: a question answered in digits (an amount) names its options instead of numbering them', () => {
    const m = renderer.render(ask([{ payload: 'choice:dont_know', label: 'common:dont_know' }], 'amount'), 'nl', numberedText);
    expect(m.text.endsWith('\n\nOf stuur: Ik weet het niet')).toBe(true);
    expect(m.text).not.toMatch(/^1 /m);
  });

  it('whatsapp: up to 3 short choices as quick-reply buttons', () => {
    const m = renderer.render(ask(yesNoDontKnow), 'nl', whatsappInteractive);
    expect(m).toMatchObject({ layout: 'buttons', quick_replies: [{ title: 'Ja', payload: 'choice:yes' }, { title: 'Nee' }, { title: 'Ik weet het niet' }] });
  });

  it('whatsapp: more than 3 (or longer titles) as a list, up to 10 rows', () => {
    expect(renderer.render(ask(long), 'nl', whatsappInteractive)).toMatchObject({ layout: 'list' });
    expect(renderer.render(ask(long), 'nl', whatsappInteractive).quick_replies).toHaveLength(4);
  });

  it('whatsapp: more than 10 choices fall back to text; WhatsApp without the Content API is numbered text', () => {
    const many = renderer.render(ask(eleven), 'nl', whatsappInteractive);
    expect(many.quick_replies).toBeUndefined();
    const plainWhatsapp = renderer.render(ask(yesNoDontKnow), 'nl', { ...whatsappInteractive, buttons: null, list: null });
    expect(plainWhatsapp.text).toContain('\n1 Ja\n2 Nee\n3 Ik weet het niet\n');
  });

  it('a message without choices is the same on every channel apart from escaping', () => {
    const plain = ask([]);
    expect(renderer.render(plain, 'nl', numberedText).text).toBe(renderer.render(plain, 'nl', whatsappInteractive).text);
    expect(renderer.render(plain, 'nl', numberedText).quick_replies).toBeUndefined();
  });
});

describe('typed text per format', () => {
  it('html escapes, markdown backslashes markup, plain is left alone', () => {
    expect(renderer.typedText('<b>*hoi*</b>', webCapabilities)).toBe('&lt;b&gt;*hoi*&lt;/b&gt;');
    expect(renderer.typedText('<b>*hoi*</b>', { ...numberedText, format: 'markdown' })).toBe('\\<b\\>\\*hoi\\*\\</b\\>');
    expect(renderer.typedText('<b>*hoi*</b>', numberedText)).toBe('<b>*hoi*</b>');
  });
});
