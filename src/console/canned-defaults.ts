import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod/v4';
import { locales, perLocale, type Locale } from '../shared/locale-registry.js';
import { ContentError } from '../shared/errors.js';
import { parseYamlText } from '../content/parsed-yaml.js';
import { cannedRepliesSchema, cannedReplySchema, type CannedDefaults, type CannedReply } from './canned-reply-store.js';

// In the file the id is the key, so the file is also a plain content tree (loadContent reads every content file).
const fileSchema = z.record(z.string(), cannedReplySchema.omit({ id: true }));

/**
 * Reads content/<lng>/canned-replies.yaml for every shipped language below `root`: `<id>: { title, text }`, in file
 * order. Throws ContentError naming each file and fault.
 */
export async function loadCannedDefaults(root: string): Promise<CannedDefaults> {
  const errors: string[] = [];
  const result: Partial<Record<Locale, CannedReply[]>> = {};
  for (const lng of locales) {
    const rel = `content/${lng}/canned-replies.yaml`;
    let raw: unknown;
    try {
      raw = await parseYamlText(await readFile(path.join(root, rel), 'utf8'));
    } catch (e) {
      errors.push(`${rel}: ${e instanceof Error ? (e.message.split('\n')[0] ?? 'unreadable') : 'unreadable'}`);
      continue;
    }
    const file = fileSchema.safeParse(raw);
    const list = file.success ? cannedRepliesSchema.safeParse(Object.entries(file.data).map(([id, r]) => ({ id, ...r }))) : file;
    if (!list.success) {
      for (const issue of list.error.issues) errors.push(`${rel} ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    result[lng] = list.data;
  }
  // Every shipped language has its own set: a volunteer answers in the chat's language.
  const missing = locales.filter((l) => result[l] === undefined);
  if (errors.length > 0 || missing.length > 0) throw new ContentError(errors.length > 0 ? errors : missing.map((l) => `content/${l}/canned-replies.yaml: missing`));
  return perLocale((l) => result[l] ?? []);
}
