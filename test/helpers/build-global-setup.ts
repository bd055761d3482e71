import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Vitest globalSetup: compiles src/ to dist/ once (`npm run build`), so the tests that start `npm start` run what it runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'inherit' });
}
