import Handlebars from 'handlebars';
import { z } from 'zod/v4';
import { prebuiltFile, readPrebuiltJson, sha256, writePrebuiltJson } from '../shared/prebuilt-file.js';
import type { ContentBundle } from './load-content.js';

/**
 * Templates checked by the build (issue #12): compiling all of them at start only to surface syntax errors took
 * about 170 ms of every start. `npm run build` checks each template once and keeps the hash of every one that
 * passed, in dist/prebuilt/; the renderer skips the check for a template whose hash is there, so an edited
 * template (or one the build did not see, or a build with other options or another Handlebars) is checked at start
 * as before, and a broken template is never taken for checked.
 */

/** The helpers every template may use: unknown helpers are a compile error (knownHelpersOnly). */
const knownHelpers = Object.freeze({ date: true, euro: true, t: true, reason_list: true });

/** How every template is compiled and checked. Handlebars writes into the options it gets: pass it a copy. */
export function templateOptions(): { strict: true; knownHelpers: Record<string, boolean>; knownHelpersOnly: true } {
  return { strict: true, knownHelpers: { ...knownHelpers }, knownHelpersOnly: true };
}

/** Part of every key: a list made with other options or another Handlebars does not count. */
const checkedWith = `${Handlebars.VERSION}\u0000${JSON.stringify(templateOptions())}`;

export const checkedTemplatesFile = prebuiltFile('checked-templates.json');

const fileSchema = z.object({ format: z.literal(1), checked: z.array(z.string()) });

/** The key of one template: its text with the options and the Handlebars version it was checked with. */
export function templateKey(source: string): string {
  return sha256(`${checkedWith}\u0000${source}`);
}

/** Throws on a template Handlebars cannot compile with `templateOptions` (a syntax error, an unknown helper). */
export function checkTemplate(source: string): void {
  Handlebars.precompile(source, templateOptions());
}

/** The keys of the templates the build checked; empty when there is no (readable) list. */
export async function readCheckedTemplates(file: URL = checkedTemplatesFile): Promise<ReadonlySet<string>> {
  return new Set((await readPrebuiltJson(file, fileSchema))?.checked ?? []);
}

/** `npm run build`: checks every template of `bundle` and writes the keys of those that passed. */
export async function writeCheckedTemplates(bundle: ContentBundle, file: URL = checkedTemplatesFile): Promise<number> {
  const checked: string[] = [];
  for (const namespaces of Object.values(bundle.content)) {
    for (const keys of Object.values(namespaces)) {
      for (const source of Object.values(keys)) {
        try {
          checkTemplate(source);
          checked.push(templateKey(source));
        } catch {
          // Left out: the server checks it at start and reports the fault as before.
        }
      }
    }
  }
  await writePrebuiltJson(file, { format: 1, checked: [...new Set(checked)].sort() });
  return checked.length;
}
