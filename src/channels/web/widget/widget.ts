import { startChat } from './chat-controller.js';
import { isLocale, localeOfTag, sourceLocale, type Locale } from '../../../shared/locale-registry.js';
import type { WidgetStringTable } from './widget-strings.js';

// Replaced at build time by build-widget.ts with locales/<lng>/widget.json (checked there).
declare const HUURHULP_WIDGET_STRINGS: WidgetStringTable;

/**
 * Entry of /widget.js: `<script src="/widget.js" data-locale="nl" defer></script>`.
 * Nothing touches the network or storage until the person sends a first message.
 */
function boot(): void {
  if (document.getElementById('huurhulp')) return;
  // currentScript is only set while this file runs, so read it before waiting for the DOM.
  const current = document.currentScript;
  const script = current instanceof HTMLScriptElement ? current : null;
  const locale = firstLocale(script?.dataset.locale);
  // The API lives where the script came from, so the widget also works when embedded on another site.
  const origin = script?.src ? new URL(script.src, window.location.href).origin : window.location.origin;
  const start = (): void => {
    if (!document.getElementById('huurhulp')) startChat({ origin, locale, strings: HUURHULP_WIDGET_STRINGS });
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

/** The page's data-locale, else the browser's languages (what it sends as Accept-Language), else Dutch. */
function firstLocale(requested: string | undefined): Locale {
  if (isLocale(requested)) return requested;
  for (const tag of navigator.languages ?? []) {
    const shipped = localeOfTag(tag);
    if (shipped !== null) return shipped;
  }
  return sourceLocale;
}

boot();
