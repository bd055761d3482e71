import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { z } from 'zod/v4';

/**
 * A file in dist/prebuilt/: what `npm run build` makes so the server need not make it at every start (issue #12).
 * It lies next to the compiled server; running from src/ (the tests, `npm run dev`) there is none, and everything
 * is made at start. Every such file says what it was made from, so the server never uses a stale one.
 */
export function prebuiltFile(name: string): URL {
  return new URL(`../prebuilt/${name}`, import.meta.url);
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The file's value when it exists, is JSON and fits `schema`; otherwise null (the caller makes it anew). */
export async function readPrebuiltJson<S extends z.ZodType>(file: URL, schema: S): Promise<z.infer<S> | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** `npm run build`: writes `value` as JSON, making the folder when needed. */
export async function writePrebuiltJson(file: URL, value: unknown): Promise<void> {
  await mkdir(new URL('.', file), { recursive: true });
  await writeFile(file, JSON.stringify(value));
}
