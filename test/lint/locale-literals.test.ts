import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLocaleLiterals, type Allowed } from '../helpers/locale-literals.js';

const srcRoot = fileURLToPath(new URL('../../src', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('../fixtures/locale-literals/src', import.meta.url));

/** Literals in src/ that look like a locale but are not one. Each needs a reason. */
const allowed: readonly Allowed[] = [
  { file: 'src/domain/huurtoeslag/huurtoeslag-input.ts', literal: 'nl', reason: 'residence code (Dutch nationality), not a language' },
  { file: 'src/engine/actions/huurtoeslag-check.ts', literal: 'nl', reason: 'residence code (Dutch nationality), not a language' },
  { file: 'src/domain/opening-hours.ts', literal: 'en-GB', reason: 'a fixed machine format for reading the Amsterdam clock, never shown to anyone' },
];

describe('locale literals: only the registry (src/shared/locale-registry.ts) knows which languages ship', () => {
  it('src/ compares no locale to a literal and names no shipped locale by a literal', async () => {
    expect(await findLocaleLiterals(srcRoot, allowed)).toEqual([]);
  });

  it('the broken fixture is reported at every place, and an allowed literal is not', async () => {
    const found = await findLocaleLiterals(fixtureRoot, [{ file: 'src/compare.js', literal: 'nl', reason: 'residence code in the fixture' }]);
    expect(found).toEqual([
      "src/compare.js:3: compares a locale to the literal 'en' (ask the locale registry)",
      "src/compare.js:3: the locale literal 'en' (ask the locale registry)",
      "src/compare.js:4: compares a locale to the literal 'ar' (ask the locale registry)",
      "src/compare.js:6: compares a locale to the literal 'tr' (ask the locale registry)",
      "src/compare.js:9: the locale literal 'nl-NL' (ask the locale registry)",
    ]);
  });

  it('without the allowance the fixture residence code and the fallback are reported too', async () => {
    const found = await findLocaleLiterals(fixtureRoot);
    expect(found.filter((f) => f.includes("'nl'"))).toEqual([
      "src/compare.js:3: the locale literal 'nl' (ask the locale registry)",
      "src/compare.js:13: the locale literal 'nl' (ask the locale registry)",
    ]);
  });
});
