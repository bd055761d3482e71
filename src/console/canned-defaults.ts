import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import { locales, type Locale } from '../engine/session-state.js';
import { ContentError } from '../shared/errors.js';
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
      raw = parseYaml(await readFile(path.join(root, rel), 'utf8'), { uniqueKeys: true, maxAliasCount: 0 });
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
  const nl = result.nl;
  const en = result.en;
  if (errors.length > 0 || nl === undefined || en === undefined) throw new ContentError(errors.length > 0 ? errors : ['canned replies: nl and en are both needed']);
  return { nl, en };
}
