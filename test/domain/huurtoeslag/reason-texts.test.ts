import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { checkHuurtoeslag } from '../../../src/domain/huurtoeslag/check-huurtoeslag.js';
import { reasonCodes, type ReasonCode } from '../../../src/domain/huurtoeslag/reason-codes.js';
import { input } from './input-builder.js';
import type { HuurtoeslagInput } from '../../../src/domain/huurtoeslag/huurtoeslag-input.js';

// Other keys (the chat's button labels) may sit beside `reason`.
const localeFile = z.object({ reason: z.record(z.string(), z.string().min(1)) });

function reasonTexts(lng: 'nl' | 'en'): Record<string, string> {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../../../locales/${lng}/huurtoeslag.json`, import.meta.url), 'utf8'));
  return localeFile.parse(raw).reason;
}

/** One input per code that makes the module return it: proves the code list is not dead. */
const producers: Record<ReasonCode, HuurtoeslagInput> = {
  not_main_residence: input(2025, { dwelling: { mainResidence: false } }),
  not_self_contained: input(2025, { dwelling: { selfContained: false } }),
  applicant_under_18: input(2025, { applicant: { age: 17 }, rent: { base: 400 } }),
  applicant_no_residence_status: input(2025, { applicant: { residence: 'none' } }),
  partner_no_residence_status: input(2025, { partner: { residence: 'none' } }),
  co_resident_no_residence_status: input(2025, { coResidents: [{ age: 40, residence: 'none', childOfHousehold: false }] }),
  applicant_not_registered: input(2025, { applicant: { registeredAtAddress: false } }),
  co_resident_not_registered: input(2025, { coResidents: [{ registeredAtAddress: false }] }),
  partner_not_registered_not_counted: input(2025, { partner: { registeredAtAddress: false } }),
  subtenant_family_counted: input(2025, { coResidents: [{ age: 25, subtenant: true, childOfHousehold: true }] }),
  assets_above_limit: input(2025, { assets: 50_000 }),
  co_resident_assets_above_limit: input(2025, { coResidents: [{ age: 40, assets: 50_000, childOfHousehold: false }] }),
  service_costs_capped_2025: input(2025, { rent: { base: 700, serviceCosts: { shared: 20 } } }),
  service_costs_not_counted_2026: input(2026, { rent: { base: 700, serviceCosts: { shared: 20 } } }),
  rent_above_limit_2025: input(2025, { rent: { base: 950 } }),
  rent_above_youth_limit_2025: input(2025, { applicant: { age: 20 }, rent: { base: 500 } }),
  rent_limit_exception_2025: input(2025, { rent: { base: 950 }, dwelling: { adaptedForDisability: true } }),
  rent_above_cap_2026: input(2026, { rent: { base: 950 } }),
  rent_above_youth_cap_2026: input(2026, { applicant: { age: 20 }, rent: { base: 600 } }),
  child_income_exemption_applied: input(2025, { coResidents: [{ age: 19, income: 3_000 }] }),
  child_income_exemption_unknown_2026: input(2026, { coResidents: [{ age: 19, income: 3_000 }] }),
  income_lowers_amount: input(2025, { applicant: { income: 30_000 } }),
  rent_below_basishuur: input(2026, { rent: { base: 150 } }),
  income_too_high: input(2026, { applicant: { income: 80_000 } }),
  small_amount_payout_unconfirmed: input(2026, { rent: { base: 202.6 } }),
  indicative_only: input(2025),
  how_to_apply: input(2025),
};

describe('huurtoeslag reason codes and texts', () => {
  it.each(reasonCodes)('%s: the module can return it', (code) => {
    expect(checkHuurtoeslag(producers[code]).reasons.map((r) => r.code)).toContain(code);
  });

  it.each(['nl', 'en'] as const)('%s: every code has a text, and there are no texts for unknown codes', (lng) => {
    const texts = reasonTexts(lng);
    expect(Object.keys(texts).sort()).toEqual([...reasonCodes].sort());
  });

  it('Dutch texts are short: sentences of at most 25 words, at most 6 sentences', () => {
    for (const [code, text] of Object.entries(reasonTexts('nl'))) {
      const sentences = text.split(/(?<=[.?!])\s+/);
      expect(sentences.length, code).toBeLessThanOrEqual(6);
      for (const s of sentences) expect(s.split(/\s+/).length, `${code}: ${s}`).toBeLessThanOrEqual(25);
    }
  });

  it('the English texts are a translation, not a copy of the Dutch', () => {
    const nl = reasonTexts('nl');
    for (const [code, text] of Object.entries(reasonTexts('en'))) expect(text, code).not.toBe(nl[code]);
  });
});
