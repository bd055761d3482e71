import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** A tiny src/ tree of plain .js files (tsc ignores them), one file per broken rule; it has its own tsconfig.json. */
const fixtureRoot = fileURLToPath(new URL('../fixtures/deps/', import.meta.url));
const run = promisify(execFile);

const report = z.object({
  summary: z.object({
    error: z.number(),
    violations: z.array(z.object({ from: z.string(), to: z.string(), rule: z.object({ name: z.string(), severity: z.string() }) })),
  }),
});

/** Runs `depcruise src --config <config> [...extra]` in `cwd`; the default (err) output exits with the number of errors. */
async function depcruise(cwd: string, configPath: string, extra: readonly string[] = []): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('npx', ['depcruise', 'src', '--config', configPath, ...extra], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout };
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'code' in e && 'stdout' in e && typeof e.code === 'number' && typeof e.stdout === 'string') return { code: e.code, stdout: e.stdout };
    throw e;
  }
}

const realConfig = `${repoRoot}.dependency-cruiser.cjs`;

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('fail on each broken fixture with the rule it breaks, and only there', async () => {
    const { stdout } = await depcruise(fixtureRoot, realConfig, ['--output-type', 'json']);
    const { summary } = report.parse(JSON.parse(stdout));
    const found = summary.violations.map((v) => `${v.rule.name}: ${v.from}`).sort();
    expect(found).toEqual(
      [
        'pure-core: src/engine/bad-import.js',
        'pure-core: src/domain/read-file.js',
        'layer-store: src/store/z.js',
        'channels-independent: src/channels/a/x.js',
        'botkit-sdk-in-its-folder: src/handoff/sdk.js',
        'botkit-sdk-in-its-folder: src/channels/web/botkit.js',
        'twilio-sdk-in-its-folder: src/channels/web/twilio.js',
        'teams-sdk-in-its-folder: src/runtime/teams.js',
        'no-circular: src/shared/c1.js',
      ].sort(),
    );
    expect(summary.violations.every((v) => v.rule.severity === 'error')).toBe(true);
    expect(summary.error).toBe(9);
  });

  it('make the check exit non-zero on the fixtures (as `npm run lint:deps` would)', async () => {
    const { code, stdout } = await depcruise(fixtureRoot, realConfig);
    expect(code).toBe(9);
    expect(stdout).toContain('error pure-core: src/engine/bad-import.js');
    expect(stdout).toContain('9 dependency violations (9 errors, 0 warnings)');
  });

  it('pass on the real src/ (exit 0)', async () => {
    const { code, stdout } = await depcruise(repoRoot, '.dependency-cruiser.cjs');
    expect(stdout).toContain('no dependency violations found');
    expect(code).toBe(0);
  });
});
