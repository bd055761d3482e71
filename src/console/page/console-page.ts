import { startConsole } from './console-app.js';
import { localeInfo, toLocale } from '../../shared/locale-registry.js';
import type { ConsoleStringTable } from './console-strings.js';

// Replaced at build time by build-console-page.ts with locales/<lng>/console.json (checked there).
declare const HUURHULP_CONSOLE_STRINGS: ConsoleStringTable;

/** Entry of /console/console.js. Dutch unless the page was opened with `?lang=<code>` of a shipped language. */
function boot(): void {
  const locale = toLocale(new URLSearchParams(window.location.search).get('lang'));
  const strings = HUURHULP_CONSOLE_STRINGS[locale];
  const info = localeInfo(locale);
  document.documentElement.lang = info.tag;
  document.documentElement.dir = info.dir;
  document.title = strings.ui.title;
  const root = document.getElementById('console') ?? document.body.appendChild(document.createElement('div'));
  root.id = 'console';
  // The server marks the shell when the Teams channel is on (build-console-page.ts).
  startConsole({ root, strings, locale, teams: root.dataset.teams === 'on' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
