import type { InputKind } from '../engine/dialog-schema.js';
import { MAX_NUMBERED_OPTIONS, optionsByDigit } from '../engine/option-digits.js';
import type { ChannelCapabilities } from './channel-capabilities.js';

interface Choice {
  readonly title: string;
  readonly payload: string;
}

export interface LaidOut {
  readonly text: string;
  readonly quick_replies?: readonly Choice[];
  readonly layout?: 'buttons' | 'list';
}

/** Texts of the `channel` namespace (locales/<lng>/channel.json), with i18next interpolation. */
type ChannelText = (key: string, vars?: Record<string, string>) => string;

function fits(limit: ChannelCapabilities['buttons'], choices: readonly Choice[]): boolean {
  return limit !== null && choices.length <= limit.max && choices.every((c) => c.title.length <= limit.maxTitleLength);
}

/**
 * Choices as the channel can show them (DESIGN.md §2): buttons where they fit, else a list where that fits, else
 * numbered text the person answers with a digit ("1 Ja / 2 Nee / Stuur het nummer."). Where the question's own answer
 * is typed in digits (an amount, a date), options are named, not numbered, so "2" stays an answer.
 */
export function layoutChoices(text: string, choices: readonly Choice[], input: InputKind | undefined, channel: ChannelCapabilities, t: ChannelText): LaidOut {
  if (choices.length === 0) return { text };
  if (fits(channel.buttons, choices)) return { text, quick_replies: choices, layout: 'buttons' };
  if (fits(channel.list, choices)) return { text, quick_replies: choices, layout: 'list' };
  if (!optionsByDigit(input) || choices.length > MAX_NUMBERED_OPTIONS) {
    return { text: `${text}\n\n${t('or_send', { options: choices.map((c) => c.title).join(' / ') })}` };
  }
  const lines = choices.map((c, i) => `${i + 1} ${c.title}`);
  return { text: `${text}\n\n${lines.join('\n')}\n${t('send_number')}` };
}
