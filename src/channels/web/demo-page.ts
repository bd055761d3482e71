import { readFile } from 'node:fs/promises';
import { ContentError } from '../../shared/errors.js';
import { isWidgetLocale } from './widget/widget-strings.js';
import type { WidgetLocale } from './widget/widget-strings.js';

const contentDir = new URL('../../../content/', import.meta.url);
const pages = new Map<WidgetLocale, Promise<string>>();

/** The demo page (content/<locale>/demo-page.html) that embeds /widget.js; read once per locale. */
export function demoPage(locale: WidgetLocale): Promise<string> {
  // Checked at run time too: the locale becomes part of a file path.
  if (!isWidgetLocale(locale)) return Promise.reject(new ContentError([`no demo page for locale "${String(locale)}"`]));
  let page = pages.get(locale);
  if (!page) {
    page = readFile(new URL(`${locale}/demo-page.html`, contentDir), 'utf8').catch((error: unknown) => {
      pages.delete(locale);
      throw new ContentError([`content/${locale}/demo-page.html: ${error instanceof Error ? error.message : String(error)}`]);
    });
    pages.set(locale, page);
  }
  return page;
}
