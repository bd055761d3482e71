import { createAttention } from './attention.js';
import { ConsoleApiError, createConsoleApi } from './console-api.js';
import type { ConsoleStrings, ConsoleStringKey } from './console-strings.js';
import type { Me } from './console-data.js';
import { parseMe } from './console-data.js';
import { clear } from './dom.js';
import { createLoginView } from './login-view.js';
import { openWorkspace } from './workspace.js';
import type { Workspace } from './workspace.js';

export interface ConsoleOptions {
  readonly root: HTMLElement;
  readonly strings: ConsoleStrings;
  readonly locale: string;
  /** The Teams channel is on: the workspace shows the Teams corner. */
  readonly teams: boolean;
}

/** Signs in (or finds the open session), then runs the workspace until sign-out or an expired session. */
export function startConsole(options: ConsoleOptions): void {
  const { root, strings, locale, teams } = options;
  const api = createConsoleApi();
  const attention = createAttention(strings.ui.title);
  const login = createLoginView(strings, (username, password) => void signIn(username, password));
  let workspace: Workspace | null = null;

  function showLogin(message: ConsoleStringKey | null): void {
    workspace?.close();
    workspace = null;
    api.setCsrfToken(null);
    attention.setWaitingCount(0);
    clear(root);
    root.append(login.root);
    login.setBusy(false);
    login.show(message);
  }

  /** A 401 anywhere means the session is gone; a 403 CSRF_FAILED gets a fresh token and one retry. */
  async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error;
      if (error.status === 401) {
        if (workspace !== null) showLogin('signedOut');
        throw error;
      }
      if (error.status === 403 && error.code === 'CSRF_FAILED') {
        const me = parseMe(await api.get('/me'));
        if (me === null) throw error;
        api.setCsrfToken(me.csrfToken);
        return run();
      }
      throw error;
    }
  }

  function enter(me: Me): void {
    api.setCsrfToken(me.csrfToken);
    clear(root);
    workspace = openWorkspace({ api, strings, locale, attention, teams, call, logout: () => void signOut() }, me);
    root.append(workspace.root);
    workspace.root.querySelector<HTMLElement>('h1')?.setAttribute('tabindex', '-1');
    workspace.root.querySelector<HTMLElement>('h1')?.focus();
  }

  async function signIn(username: string, password: string): Promise<void> {
    login.setBusy(true);
    try {
      const data = await api.post('/login', { username, password });
      const me = parseMe(data);
      if (me === null) throw new ConsoleApiError(500, 'BAD_RESPONSE');
      enter(me);
    } catch (error) {
      login.setBusy(false);
      const status = error instanceof ConsoleApiError ? error.status : 0;
      login.show(status === 401 ? 'loginFailed' : status === 429 ? 'loginLimited' : 'failed');
    }
  }

  async function signOut(): Promise<void> {
    try {
      await api.post('/logout');
    } catch {
      // Signed out locally either way; the server ends an idle session by itself.
    }
    showLogin('signedOut');
  }

  void api.get('/me').then(
    (data) => {
      const me = parseMe(data);
      if (me === null) showLogin(null);
      else enter(me);
    },
    () => showLogin(null),
  );
}
