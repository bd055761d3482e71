import express from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { preferredLocale } from '../../src/http/accept-language.js';
import { huurtoeslagRouter } from '../../src/http/huurtoeslag-router.js';
import { huurtoeslagTranslate } from '../helpers/huurtoeslag-i18n.js';

const valid = {
  year: 2025,
  applicant: { age: 27, residence: 'nl', registeredAtAddress: true, income: 20_000 },
  assets: 10_000,
  dwelling: { mainResidence: true, selfContained: true, adaptedForDisability: false },
  rent: { base: 900 },
};

let app: express.Express;

beforeAll(async () => {
  app = express();
  // As in the app: one small JSON parser for everything, the router adds none.
  app.use(express.json({ limit: '4kb' }));
  app.use('/api/huurtoeslag', huurtoeslagRouter({ translate: await huurtoeslagTranslate() }));
});

describe('POST /api/huurtoeslag/check', () => {
  it('returns the check: 2025 single, rent 900, income ≤ MIP → 278.15 + 133.744 + 86.816 = 498.71, in Dutch by default', async () => {
    const res = await request(app).post('/api/huurtoeslag/check').send(valid).expect(200);
    expect(res.headers['content-language']).toBe('nl');
    expect(res.body).toMatchObject({ eligible: true, monthlyAmount: 498.71, monthlyAmountWholeEuros: 498 });
    expect(Object.keys(res.body).sort()).toEqual(['eligible', 'figures', 'monthlyAmount', 'monthlyAmountWholeEuros', 'reasons']);
    expect(res.body.figures).toMatchObject({ rekenhuur: 900, basishuur: 199.05, formulaAmount: 498.71 });
    expect(res.body.reasons).toEqual([
      { code: 'indicative_only', text: 'Dit is een schatting. Dienst Toeslagen berekent het echte bedrag. Dat kan iets anders zijn.' },
      { code: 'how_to_apply', text: expect.stringContaining('Mijn toeslagen') },
    ]);
  });

  it('answers in English when Accept-Language prefers English', async () => {
    const res = await request(app)
      .post('/api/huurtoeslag/check')
      .set('Accept-Language', 'en-GB,en;q=0.9,nl;q=0.5')
      .send({ ...valid, dwelling: { ...valid.dwelling, mainResidence: false } })
      .expect(200);
    expect(res.headers['content-language']).toBe('en');
    expect(res.body.eligible).toBe(false);
    expect(res.body.monthlyAmount).toBe(0);
    expect(res.body.reasons[0]).toEqual({
      code: 'not_main_residence',
      text: expect.stringContaining('Rent benefit is only for the rented home you really live in.'),
    });
  });

  it('every reason text is a real translation, never the raw key', async () => {
    const body = {
      ...valid,
      year: 2026,
      applicant: { ...valid.applicant, age: 20 },
      coResidents: [{ age: 19, residence: 'nl', registeredAtAddress: true, income: 4_000, assets: 0, childOfHousehold: true, subtenant: false }],
      rent: { base: 1_000, serviceCosts: { shared: 30 } },
    };
    for (const lang of ['nl', 'en']) {
      const res = await request(app).post('/api/huurtoeslag/check').set('Accept-Language', lang).send(body).expect(200);
      const codes: unknown[] = res.body.reasons.map((r: { code: unknown }) => r.code);
      expect(codes).toContain('child_income_exemption_unknown_2026');
      expect(codes).toContain('service_costs_not_counted_2026');
      for (const r of res.body.reasons) {
        expect(r.text).not.toMatch(/reason\./);
        expect(r.text.length).toBeGreaterThan(20);
      }
    }
  });

  it('names every invalid field, unknown fields included, and echoes no values', async () => {
    const res = await request(app)
      .post('/api/huurtoeslag/check')
      .send({
        ...valid,
        year: 2024,
        applicant: { ...valid.applicant, age: -1, residence: 'mars', nickname: 'Kees' },
        coResidents: [{ age: 5 }],
        rent: { base: 'veel' },
        iban: 'NL00BANK0123456789',
      })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('The request body has invalid fields.');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths.sort()).toEqual(
      [
        'year',
        'applicant.age',
        'applicant.residence',
        'applicant.nickname',
        'coResidents.0.residence',
        'coResidents.0.registeredAtAddress',
        'coResidents.0.income',
        'coResidents.0.assets',
        'coResidents.0.childOfHousehold',
        'coResidents.0.subtenant',
        'rent.base',
        'iban',
      ].sort(),
    );
    for (const f of res.body.error.fields) expect(typeof f.message).toBe('string');
    expect(JSON.stringify(res.body)).not.toContain('NL00BANK');
    expect(JSON.stringify(res.body)).not.toContain('Kees');
  });

  it('rejects missing required fields one by one', async () => {
    const res = await request(app).post('/api/huurtoeslag/check').send({ year: 2026 }).expect(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['applicant', 'assets', 'dwelling', 'rent']);
  });

  it.each([
    ['a JSON array', '[1,2]', 'application/json'],
    ['a form body', 'year=2025', 'application/x-www-form-urlencoded'],
    ['a text body', 'year 2025', 'text/plain'],
  ])('rejects %s with 400 naming the body', async (_name, body, type) => {
    const res = await request(app).post('/api/huurtoeslag/check').set('Content-Type', type).send(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual([{ path: '(body)', message: expect.any(String) }]);
  });

  it('an empty JSON body names each required field', async () => {
    const res = await request(app).post('/api/huurtoeslag/check').set('Content-Type', 'application/json').send('').expect(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['applicant', 'assets', 'dwelling', 'rent', 'year']);
  });

  it('numbers beyond the bounds are rejected (rent 10,000.01, 21 co-residents)', async () => {
    const co = { age: 30, residence: 'nl', registeredAtAddress: true, income: 0, assets: 0, childOfHousehold: false, subtenant: false };
    const res = await request(app)
      .post('/api/huurtoeslag/check')
      .send({ ...valid, rent: { base: 10_000.01 }, coResidents: Array.from({ length: 21 }, () => co) })
      .expect(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['coResidents', 'rent.base']);
  });

  it('only POST /check exists', async () => {
    await request(app).get('/api/huurtoeslag/check').expect(404);
  });
});

describe('preferredLocale', () => {
  it.each([
    [undefined, 'nl'],
    ['', 'nl'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en;q=0.5,nl', 'nl'],
    ['de-DE,de;q=0.9,en;q=0.8', 'en'],
    ['fr', 'nl'],
    ['*', 'nl'],
    ['en;q=0', 'nl'],
    ['nl, en', 'nl'],
    ['en, nl', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(preferredLocale(header)).toBe(locale);
  });
});
