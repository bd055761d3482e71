import { startConsole } from './console-app.js';
import type { ConsoleStringTable } from './console-strings.js';

// Replaced at build time by build-console-page.ts with locales/<lng>/console.json (checked there).
declare const HUURHULP_CONSOLE_STRINGS: ConsoleStringTable;

/** Entry of /console/console.js. Dutch unless the page was opened with `?lang=en`. */
function boot(): void {
  const locale = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'nl';
  const strings = HUURHULP_CONSOLE_STRINGS[locale];
  document.documentElement.lang = locale;
  document.title = strings.ui.title;
  const root = document.getElementById('console') ?? document.body.appendChild(document.createElement('div'));
  root.id = 'console';
  startConsole({ root, strings, locale });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
