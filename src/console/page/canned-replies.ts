import type { ConsoleStrings } from './console-strings.js';
import type { CannedReply } from './console-data.js';
import { button, clear, el, text } from './dom.js';

export interface CannedPicker {
  readonly root: HTMLElement;
  render(replies: readonly CannedReply[]): void;
}

/** Buttons that put a ready text into the message field (never send it): the volunteer reads and adapts it first. */
export function createCannedPicker(strings: ConsoleStrings, onPick: (reply: CannedReply) => void): CannedPicker {
  const root = el('details', 'c-canned');
  const list = el('div', 'c-canned-list');
  root.append(text(el('summary'), strings.ui.cannedLabel), list);
  return {
    root,
    render(replies) {
      clear(list);
      root.hidden = replies.length === 0;
      for (const reply of replies) {
        const b = button(reply.title, 'c-btn c-small', { 'data-canned-id': reply.id, title: reply.text });
        b.addEventListener('click', () => {
          root.open = false;
          onPick(reply);
        });
        list.append(b);
      }
    },
  };
}

export interface CannedEditor {
  readonly root: HTMLDialogElement;
  open(replies: readonly CannedReply[], returnFocus: HTMLElement): void;
}

const maxTitle = 80;
const maxText = 1000;

/** The coordinator's editor: a modal dialog (focus stays inside, Escape closes) that saves the whole list at once. */
export function createCannedEditor(strings: ConsoleStrings, save: (replies: CannedReply[]) => Promise<boolean>): CannedEditor {
  const ui = strings.ui;
  const root = el('dialog', 'c-dialog', { 'aria-labelledby': 'c-canned-h' });
  const form = el('form', 'c-canned-form', { novalidate: '' });
  const rows = el('ol', 'c-canned-rows');
  const add = button(ui.cannedAdd);
  const saveButton = el('button', 'c-btn c-primary', { type: 'submit' });
  saveButton.textContent = ui.cannedSave;
  const cancel = button(ui.cannedCancel);
  const status = el('p', 'c-status', { role: 'status' });
  const actions = el('div', 'c-actions');
  actions.append(add, saveButton, cancel);
  form.append(text(el('h2', 'c-h2', { id: 'c-canned-h' }), ui.cannedEditHeading), rows, actions, status);
  root.append(form);
  let counter = 0;
  let returnTo: HTMLElement | null = null;

  function addRow(reply: CannedReply | null): HTMLLIElement {
    counter += 1;
    const li = el('li', 'c-canned-row', { 'data-id': reply?.id ?? `r${Date.now().toString(36)}${counter}` });
    const titleId = `c-canned-title-${counter}`;
    const textId = `c-canned-text-${counter}`;
    const title = el('input', 'c-input', { id: titleId, type: 'text', maxlength: String(maxTitle), required: '' });
    title.value = reply?.title ?? '';
    const body = el('textarea', 'c-input', { id: textId, rows: '2', maxlength: String(maxText), required: '' });
    body.value = reply?.text ?? '';
    const remove = button(ui.cannedRemove, 'c-btn c-small');
    remove.addEventListener('click', () => {
      li.remove();
      add.focus();
    });
    li.append(text(el('label', '', { for: titleId }), ui.cannedTitle), title, text(el('label', '', { for: textId }), ui.cannedText), body, remove);
    rows.append(li);
    return li;
  }

  add.addEventListener('click', () => addRow(null).querySelector('input')?.focus());
  cancel.addEventListener('click', () => root.close());
  root.addEventListener('close', () => returnTo?.focus());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const replies: CannedReply[] = [];
    for (const li of rows.querySelectorAll<HTMLLIElement>('li')) {
      const title = li.querySelector('input')?.value.trim() ?? '';
      const body = li.querySelector('textarea')?.value.trim() ?? '';
      if (title !== '' && body !== '') replies.push({ id: li.dataset.id ?? '', title, text: body });
    }
    status.textContent = '';
    void save(replies).then((ok) => {
      if (ok) root.close();
      else status.textContent = ui.failed;
    });
  });

  return {
    root,
    open(replies, focusAfter) {
      returnTo = focusAfter;
      clear(rows);
      status.textContent = '';
      for (const reply of replies) addRow(reply);
      if (replies.length === 0) addRow(null);
      root.showModal();
      root.querySelector<HTMLInputElement>('input')?.focus();
    },
  };
}
