import type { AnswerValue, AskNode, Choice } from './dialog-schema.js';
import { foldNumerals } from './fold-text.js';
import { normalize } from './lexicon.js';
import { parseAmount, parseNumber, parsePostcode, parseYesNo } from './parse-amount.js';
import { parseDate } from './parse-date.js';
import { normalizeEmail, normalizePhone } from '../domain/melding/validate-contact.js';
import { splitLabel } from './split-label.js';
import type { StepContext } from './step-types.js';

export interface Interpreted {
  readonly value: AnswerValue;
  readonly choice?: Choice;
}

const DONT_KNOW_VALUES = new Set(['dont_know', 'unknown']);

// Dialogs and labels are immutable after loading: each choice's comparison keys (its label in every language and
// its value) are normalised once per label source, not on every typed answer.
const keyCache = new WeakMap<StepContext['labelTexts'], Map<string, ReadonlySet<string>>>();

function choiceKeys(choice: Choice, dialogId: string, labelTexts: StepContext['labelTexts']): ReadonlySet<string> {
  let byChoice = keyCache.get(labelTexts);
  if (byChoice === undefined) {
    byChoice = new Map();
    keyCache.set(labelTexts, byChoice);
  }
  const id = `${dialogId}\u0000${choice.label}\u0000${choice.value}`;
  const hit = byChoice.get(id);
  if (hit !== undefined) return hit;
  const { ns, key } = splitLabel(choice.label, dialogId);
  const keys = new Set([...labelTexts(ns, key).map((w) => normalize(w)), normalize(choice.value.replace(/_/g, ' '))]);
  byChoice.set(id, keys);
  return keys;
}

/**
 * Understands a typed answer to a question: first as one of the buttons (by its label in any language, or by
 * "ik weet het niet" words), then as the question's typed input kind. Null when not understood.
 */
export function interpretAnswer(ask: AskNode, dialogId: string, text: string, ctx: Pick<StepContext, 'lexicon' | 'now' | 'labelTexts'>): Interpreted | null {
  const t = normalize(text);
  if (t.length === 0) return null;
  for (const choice of ask.choices ?? []) {
    if (choiceKeys(choice, dialogId, ctx.labelTexts).has(t)) return { value: choice.value, choice };
    if (DONT_KNOW_VALUES.has(choice.value) && ctx.lexicon.parse.dont_know.some((w) => normalize(w) === t)) return { value: choice.value, choice };
  }
  const yesNoChoice = (wanted: boolean): Choice | undefined => ask.choices?.find((c) => c.value === (wanted ? 'yes' : 'no'));
  switch (ask.input) {
    case undefined:
      break;
    case 'yes_no': {
      const yes = parseYesNo(text, ctx.lexicon);
      return yes === null ? null : withChoice(yes, yesNoChoice(yes));
    }
    case 'amount': {
      const amount = parseAmount(text, ctx.lexicon);
      return amount === null ? null : { value: amount };
    }
    case 'number': {
      const n = parseNumber(text, ctx.lexicon);
      return n === null ? null : { value: n };
    }
    case 'date': {
      const day = parseDate(text, ctx.now, ctx.lexicon);
      return day === null ? null : { value: day };
    }
    case 'postcode': {
      const pc = parsePostcode(text);
      return pc === null ? null : { value: pc };
    }
    case 'phone': {
      const phone = normalizePhone(foldNumerals(text));
      return phone === null ? null : { value: phone };
    }
    case 'email': {
      const email = normalizeEmail(text);
      return email === null ? null : { value: email };
    }
    case 'text':
      return { value: text.trim().slice(0, 1000) };
  }
  // A question with yes/no buttons also understands a typed "ja" or "nee".
  const yes = parseYesNo(text, ctx.lexicon);
  if (yes !== null) {
    const choice = yesNoChoice(yes);
    if (choice) return { value: choice.value, choice };
  }
  return null;
}

/** With a yes/no button, a typed "ja" stores the button's value, so typing and clicking leave the same answer. */
function withChoice(value: boolean, choice: Choice | undefined): Interpreted {
  return choice ? { value: choice.value, choice } : { value };
}
