import { readFile } from 'node:fs/promises';
import { z } from 'zod/v4';
import { readPrebuiltJson, sha256, writePrebuiltJson } from './prebuilt-file.js';

/**
 * A browser bundle made by `npm run build` (issue #12): bundling with esbuild when the server starts costs start
 * time, so the build writes the result to dist/ with what it was made from. The server uses it only when every
 * input still reads the same: the source files (hashed) and the text embedded at bundle time (the UI strings, which
 * translators may change without rebuilding). Anything else, or no file, and the server bundles at start as before.
 */
export interface BundleInputs {
  /** Every file the bundle was made from, relative to `root` (as esbuild's metafile names them). */
  readonly files: readonly string[];
  /** What was embedded besides the files (e.g. the strings as JSON). */
  readonly embedded: string;
}

const manifestSchema = z.object({
  format: z.literal(1),
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
  embeddedSha256: z.string(),
  outputs: z.record(z.string(), z.string()),
});

/** The real files among esbuild's metafile inputs: a `define` shows up as `<define:NAME>`, which `embedded` covers. */
export function bundledFiles(metafileInputs: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(metafileInputs).filter((name) => !name.startsWith('<'));
}

/** Writes `outputs` with the hashes of `inputs` to `file` (the build step). */
export async function writePrebuilt(file: URL, root: URL, inputs: BundleInputs, outputs: Readonly<Record<string, string>>): Promise<void> {
  const files = await Promise.all([...inputs.files].sort().map(async (path) => ({ path, sha256: sha256(await readFile(new URL(path, root))) })));
  const manifest: z.infer<typeof manifestSchema> = { format: 1, files, embeddedSha256: sha256(inputs.embedded), outputs: { ...outputs } };
  await writePrebuiltJson(file, manifest);
}

/** The outputs in `file` when it exists and every input still reads the same; otherwise null (bundle anew). */
export async function readPrebuilt(file: URL, root: URL, embedded: string): Promise<Readonly<Record<string, string>> | null> {
  const manifest = await readPrebuiltJson(file, manifestSchema);
  if (manifest === null || manifest.embeddedSha256 !== sha256(embedded)) return null;
  const same = await Promise.all(
    manifest.files.map(async ({ path, sha256: expected }) => {
      try {
        return sha256(await readFile(new URL(path, root))) === expected;
      } catch {
        return false;
      }
    }),
  );
  return same.every(Boolean) ? manifest.outputs : null;
}
