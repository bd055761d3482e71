import Handlebars from 'handlebars';
import type { i18n } from 'i18next';
import type { MessageEffect } from '../engine/effects.js';
import type { ChannelCapabilities } from './channel-capabilities.js';
import { layoutChoices } from './layout-choices.js';
import type { Locale } from '../engine/session-state.js';
import { isRightToLeft, localeInfo, sourceLocale, toLocale } from '../shared/locale-registry.js';
import { ContentError } from '../shared/errors.js';
import { isolateLtr } from './isolate-ltr.js';
import type { ContentBundle } from './load-content.js';
import { relativeKey } from '../engine/relative-key.js';
import { checkTemplate, templateKey, templateOptions } from './checked-templates.js';

export interface RenderedMessage {
  readonly type: 'message';
  readonly text: string;
  /** Choices to show as buttons or a list; absent when they are numbered in `text` (or there are none). */
  readonly quick_replies?: ReadonlyArray<{ readonly title: string; readonly payload: string }>;
  /** How the channel shows `quick_replies`: reply buttons or a pick list. */
  readonly layout?: 'buttons' | 'list';
  readonly input?: string;
}

export interface Renderer {
  /** Renders a message effect for a channel with these capabilities (escaping by `format`, choices as they fit). */
  render(effect: MessageEffect, locale: Locale, channel: ChannelCapabilities): RenderedMessage;
  /** A short label (i18next key with namespace). */
  label(key: string, locale: Locale): string;
  /** Text someone typed (a volunteer's line) made ready for a channel: escaped like template variables. */
  typedText(text: string, channel: ChannelCapabilities): string;
}

type Template = Handlebars.TemplateDelegate<Record<string, unknown>>;

/**
 * Compiles every template once, in strict mode (a missing variable throws instead of rendering empty),
 * with only our own helpers known. Two compiled variants per template: HTML-escaped for the web, raw for plain text.
 */
export function createRenderer(bundle: ContentBundle, translator: i18n, options: { readonly checked?: ReadonlySet<string> } = {}): Renderer {
  const errors: string[] = [];
  const compiled = new Map<string, { web: Template; plain: Template }>();
  const env = Handlebars.create();
  env.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => formatDate(value, localeOf(options)));
  env.registerHelper('euro', (value: unknown, options: Handlebars.HelperOptions) => formatEuro(value, localeOf(options)));
  env.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) =>
    typeof key === 'string' ? translator.t(key, { ...options.hash, lng: localeOf(options) }) : '',
  );
  env.registerHelper('reason_list', (codes: unknown, options: Handlebars.HelperOptions) => reasonList(codes, localeOf(options), translator));
  for (const [lng, namespaces] of Object.entries(bundle.content)) {
    for (const [ns, keys] of Object.entries(namespaces)) {
      for (const [key, source] of Object.entries(keys)) {
        const id = `${lng}/${ns}/${key}`;
        try {
          // Most texts (about 85 %) use no variable at all: their output is fixed, so it is rendered once, on first use
          // (each Handlebars call merges and wraps every helper anew, a large share of a turn's garbage; issue #12).
          const fixed = !source.includes('{{');
          const web = fixedOnce(env.compile(source, templateOptions()), fixed);
          const plain = fixedOnce(env.compile(source, { ...templateOptions(), noEscape: true }), fixed);
          // Surfaces syntax errors now, not at first use; unless the build already checked this very text.
          if (options.checked?.has(templateKey(source)) !== true) checkTemplate(source);
          compiled.set(id, { web, plain });
        } catch (e) {
          errors.push(`content/${lng}/${ns} ${key}: ${e instanceof Error ? e.message.split('\n')[0] : 'invalid template'}`);
        }
      }
    }
  }
  if (errors.length > 0) throw new ContentError(errors);

  // A label has no variables and the resources do not change after loading: looked up once per language and key.
  // By language, then key: no key string is built per lookup.
  const labels = new Map<Locale, Map<string, string>>();
  const label = (key: string, locale: Locale): string => {
    let ofLocale = labels.get(locale);
    if (ofLocale === undefined) labels.set(locale, (ofLocale = new Map()));
    let text = ofLocale.get(key);
    if (text === undefined) {
      text = translator.t(key, { lng: locale });
      ofLocale.set(key, text);
    }
    return text;
  };
  // A relative reads the same facts about the person: relative.<key> where the content has it (issue #10 §4).
  const templateFor = (effect: MessageEffect, locale: Locale) => {
    const relative = effect.vars['is_relative'] === true;
    const find = (lng: Locale) => (relative ? compiled.get(`${lng}/${effect.ns}/${relativeKey(effect.key)}`) : undefined) ?? compiled.get(`${lng}/${effect.ns}/${effect.key}`);
    return find(locale) ?? find(sourceLocale);
  };
  return {
    label,
    typedText: (text, channel) => escapeFor(channel.format, text),
    render(effect, locale, channel) {
      const template = templateFor(effect, locale);
      if (template === undefined) throw new ContentError([`content "${effect.ns}.${effect.key}" is missing in ${locale}`]);
      const rtl = isRightToLeft(locale);
      // A false {{#if}} on its own line leaves two spaces where the folded lines meet ("verwijderd.  Stuur").
      const rendered = renderTemplate(template, channel.format, effect.vars, locale).replace(/ {2,}/g, ' ');
      // Right to left: numbers, codes and addresses in bidi isolation so they keep their order (isolate-ltr.ts).
      const text = rtl ? isolateLtr(rendered) : rendered;
      const choices = effect.quickReplies.map((q) => ({ title: rtl ? isolateLtr(label(q.label, locale)) : label(q.label, locale), payload: q.payload }));
      const laid = layoutChoices(text, choices, effect.input, channel, (key, vars) => translator.t(`channel:${key}`, { ...vars, lng: locale }));
      return { type: 'message', ...laid, ...(effect.input ? { input: effect.input } : {}) };
    },
  };
}

/** A template without variables renders the same text for every context: the first rendering is kept. */
function fixedOnce(template: Template, fixed: boolean): Template {
  if (!fixed) return template;
  let text: string | undefined;
  return (context, options) => (text ??= template(context, options));
}

/** `html`: Handlebars escapes variables; `markdown`: variables are markdown-escaped first; `plain`: as they are. */
function renderTemplate(template: { web: Template; plain: Template }, format: ChannelCapabilities['format'], vars: MessageEffect['vars'], locale: Locale): string {
  if (format === 'html') return template.web({ ...vars, _locale: locale }).trim();
  if (format === 'plain') return template.plain({ ...vars, _locale: locale }).trim();
  const escaped = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? escapeMarkdown(v) : v]));
  return template.plain({ ...escaped, _locale: locale }).trim();
}

function escapeFor(format: ChannelCapabilities['format'], text: string): string {
  if (format === 'html') return Handlebars.Utils.escapeExpression(text);
  return format === 'markdown' ? escapeMarkdown(text) : text;
}

/** Typed text shown as itself in markdown: every character markdown could read as markup gets a backslash. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#|<>~]/g, (c) => `\\${c}`);
}

function localeOf(options: Handlebars.HelperOptions): Locale {
  const root: unknown = options.data?.root;
  return toLocale(typeof root === 'object' && root !== null && '_locale' in root ? root._locale : undefined);
}

interface Formats {
  readonly date: Intl.DateTimeFormat;
  readonly euro: Intl.NumberFormat;
  readonly wholeEuro: Intl.NumberFormat;
}

// Intl formatters are costly to create; one set per language is enough. Latin digits in every language: the
// letters people hold show them, and a translation keeps every number identical to the Dutch (DESIGN.md §9).
// The € sign in every language (narrowSymbol): Ukrainian would otherwise print "38 479 EUR".
const formats = new Map<Locale, Formats>();
function formatsOf(locale: Locale): Formats {
  const hit = formats.get(locale);
  if (hit) return hit;
  const tag = localeInfo(locale).tag;
  const made: Formats = {
    date: new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC', numberingSystem: 'latn' }),
    euro: new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol', numberingSystem: 'latn' }),
    wholeEuro: new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, numberingSystem: 'latn' }),
  };
  formats.set(locale, made);
  return made;
}

function formatDate(value: unknown, locale: Locale): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return String(value ?? '');
  return formatsOf(locale).date.format(new Date(`${value}T00:00:00Z`));
}

/** Whole amounts without cents ("€ 212"), others with them ("€ 0,48"). */
function formatEuro(value: unknown, locale: Locale): string {
  if (typeof value !== 'number') return String(value ?? '');
  const f = formatsOf(locale);
  return (Number.isInteger(value) ? f.wholeEuro : f.euro).format(value);
}

/**
 * `{{reason_list ht_reasons}}`: "code_a,code_b" -> the texts of huurtoeslag:reason.<code>, one per line.
 * A code without a text is left out (stored state may predate a text change); null renders as nothing.
 * Handlebars' strict mode does not check helper arguments, so a missing one throws here.
 */
function reasonList(codes: unknown, locale: Locale, translator: i18n): string {
  if (codes === undefined) throw new ContentError(['reason_list: the variable with the reason codes is missing']);
  if (typeof codes !== 'string') return '';
  return codes
    .split(',')
    .map((code) => code.trim())
    .filter((code) => /^[a-z][a-z0-9_]*$/.test(code))
    .map((code) => `huurtoeslag:reason.${code}`)
    .filter((key) => translator.exists(key, { lng: locale }))
    .map((key) => translator.t(key, { lng: locale }))
    .join('\n');
}
