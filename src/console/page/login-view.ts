import type { ConsoleStrings, ConsoleStringKey } from './console-strings.js';
import { el, text } from './dom.js';

export interface LoginView {
  readonly root: HTMLElement;
  show(message: ConsoleStringKey | null): void;
  setBusy(busy: boolean): void;
}

/** The sign-in form. The password never leaves this form except in the login request. */
export function createLoginView(strings: ConsoleStrings, onSubmit: (username: string, password: string) => void): LoginView {
  const ui = strings.ui;
  const root = el('main', 'c-login', { 'aria-labelledby': 'c-login-h' });
  const form = el('form', 'c-login-form', { novalidate: '' });
  const user = el('input', 'c-input', { id: 'c-username', name: 'username', type: 'text', autocomplete: 'username', required: '', maxlength: '100' });
  const pass = el('input', 'c-input', { id: 'c-password', name: 'password', type: 'password', autocomplete: 'current-password', required: '', maxlength: '200' });
  const submit = el('button', 'c-btn c-primary', { type: 'submit' });
  submit.textContent = ui.login;
  const message = el('p', 'c-status', { role: 'alert' });
  form.append(
    text(el('label', '', { for: 'c-username' }), ui.username),
    user,
    text(el('label', '', { for: 'c-password' }), ui.password),
    pass,
    submit,
  );
  root.append(text(el('h1', 'c-h1', { id: 'c-login-h' }), `${ui.title} — ${ui.loginHeading}`), text(el('p'), ui.loginIntro), message, form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const username = user.value.trim();
    if (username === '') return user.focus();
    if (pass.value === '') return pass.focus();
    onSubmit(username, pass.value);
  });

  return {
    root,
    show(key) {
      message.textContent = key === null ? '' : ui[key];
      pass.value = '';
      (user.value === '' ? user : pass).focus();
    },
    setBusy(busy) {
      submit.disabled = busy;
    },
  };
}
