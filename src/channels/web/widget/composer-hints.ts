import type { InputHint } from './bot-message.js';
import type { View } from './view.js';

/** Fits the text field to the question: a phone keypad for numbers, a date picker helper for dates. */
export function applyInputHint(view: View, hint: InputHint | undefined): void {
  view.dateRow.hidden = hint !== 'date';
  const mode = hint === 'amount' ? 'decimal' : hint === 'number' ? 'numeric' : '';
  if (mode) view.textField.setAttribute('inputmode', mode);
  else view.textField.removeAttribute('inputmode');
  view.textField.setAttribute('autocomplete', hint === 'postcode' ? 'postal-code' : 'off');
}

/** A picked date goes into the text field as dd-mm-jjjj, the way people here write it; they can still edit it. */
export function bindDateHelper(view: View): void {
  view.dateField.addEventListener('change', () => {
    const [year, month, day] = view.dateField.value.split('-');
    if (!year || !month || !day) return;
    view.textField.value = `${day}-${month}-${year}`;
    view.textField.focus();
  });
}
