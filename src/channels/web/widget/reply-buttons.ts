import type { BotMessage, QuickReply } from './bot-message.js';
import { renderQuickReplies } from './render-message.js';
import type { View } from './view.js';
import type { WidgetStrings } from './widget-strings.js';

/** The one live set of answer buttons: only the newest question's buttons exist, so stale ones cannot be pressed. */
export interface ReplyButtons {
  /** Shows the buttons of `message` (or `group` as is), replacing any older ones. */
  show(message: BotMessage | null, group?: HTMLElement): void;
  /** Removes the buttons; when focus was on one, it is parked on the log so it is not lost. */
  remove(): void;
  /** The message whose buttons are on screen (null for none or the local start button). */
  readonly source: BotMessage | null;
  readonly firstButton: HTMLButtonElement | null;
  readonly visible: boolean;
}

export function createReplyButtons(
  view: View,
  strings: () => WidgetStrings,
  append: (node: HTMLElement) => void,
  onPick: (reply: QuickReply) => void,
): ReplyButtons {
  let group: HTMLElement | null = null;
  let source: BotMessage | null = null;

  function remove(): void {
    if (!group) return;
    if (group.contains(document.activeElement)) view.log.focus();
    group.remove();
    group = null;
    source = null;
  }

  return {
    show(message, given) {
      const active = document.activeElement;
      // Move focus only when it sat on a button that is now gone; never pull it out of the text field.
      const focusWasOnOldButton = active === view.log || (group !== null && group.contains(active));
      remove();
      const next = given ?? (message ? renderQuickReplies(strings(), message.quickReplies, onPick) : null);
      if (!next) return;
      group = next;
      source = message;
      append(next);
      const first = next.querySelector('button');
      // preventScroll: the person first reads the answer from its start; Tab brings the button into view.
      if (focusWasOnOldButton && first && !view.panel.hidden) first.focus({ preventScroll: true });
    },
    remove,
    get source() {
      return source;
    },
    get firstButton() {
      return group?.querySelector('button') ?? null;
    },
    get visible() {
      return group !== null;
    },
  };
}
