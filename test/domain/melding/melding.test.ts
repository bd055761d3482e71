import { describe, expect, test } from 'vitest';
import { z } from 'zod/v4';
import { changeMeldingStatus, canChangeStatus } from '../../../src/domain/melding/change-status.js';
import { createMelding } from '../../../src/domain/melding/create-melding.js';
import { meldingSchema, meldingStatuses, parseStoredMelding, type Melding } from '../../../src/domain/melding/melding.js';
import { HuurhulpError } from '../../../src/shared/errors.js';
import { sampleDraft, sampleMelding } from '../../helpers/melding-fixture.js';

const now = new Date('2026-01-05T09:00:00.000Z'); // 10:00 in Amsterdam, Monday 5 January
const context = { code: 'HH-7K3M9P', conversationId: 'web:abc', locale: 'nl', now };

function zodIssues(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof z.ZodError) return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw error;
  }
  throw new Error('expected a ZodError');
}

describe('createMelding', () => {
  test('keeps danger at home, and it raises the urgency (danger with children: urgent)', () => {
    expect(createMelding({ ...sampleDraft(), children: 'yes', danger: 'yes' }, context)).toMatchObject({ danger: 'yes', urgency: 'urgent' });
    expect(createMelding({ ...sampleDraft(), children: 'no', danger: 'yes' }, context)).toMatchObject({ danger: 'yes', urgency: 'soon' });
  });

  test('keeps what the tenant agreed the meldpunt may do, only with consent', () => {
    const services = ['contact_landlord', 'visit'] as const;
    expect(createMelding({ ...sampleDraft(), services: [...services] }, context).services).toEqual(['contact_landlord', 'visit']);
    expect(() => createMelding({ ...sampleDraft(), tenantConsents: 'no', tenantContact: null, services: ['visit'] }, context)).toThrow(/services/);
  });

  test('builds a received v1 melding with normalized contact details', () => {
    const m = createMelding(sampleDraft(), context);
    expect(m).toEqual({
      version: 1,
      code: 'HH-7K3M9P',
      status: 'received',
      outcome: null,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
      conversationId: 'web:abc',
      locale: 'nl',
      relation: 'family',
      concerns: ['arrears', 'letters_unopened'],
      phase: 2,
      courtDate: null,
      daysUntilCourt: null,
      evictionDate: null,
      daysUntilEviction: null,
      children: 'no',
      danger: 'unknown',
      gemeente: 'Utrecht',
      landlordType: 'corporatie',
      tenantKnows: 'yes',
      tenantConsents: 'yes',
      reporterContact: { phone: '+31612345678', email: 'zus@example.nl', bestTimes: 'na 18 uur' },
      tenantContact: { phone: '+31201234567', email: null, bestTimes: null },
      services: [],
      notes: 'Mijn broer opent zijn post niet meer.',
      crisis: false,
      urgency: 'normal',
    });
    expect(meldingSchema.parse(m)).toEqual(m);
  });

  test('missing optional answers get their neutral value', () => {
    const m = createMelding({ relation: 'neighbour', reporterContact: { email: 'buur@example.nl' } }, context);
    expect(m).toMatchObject({
      concerns: [],
      phase: null,
      children: 'unknown',
      gemeente: null,
      landlordType: 'unknown',
      tenantKnows: 'not_asked',
      tenantConsents: 'not_asked',
      reporterContact: { phone: null, email: 'buur@example.nl', bestTimes: null },
      tenantContact: null,
      notes: null,
      crisis: false,
      urgency: 'normal',
    });
  });

  test('days are counted from the Dutch calendar day of the report', () => {
    const m = createMelding(sampleDraft({ courtDate: '2026-01-19', evictionDate: '2025-12-20' }), context);
    expect(m).toMatchObject({ daysUntilCourt: 14, daysUntilEviction: -16, urgency: 'normal' });
    // 23:30 UTC on 4 January is already 5 January in Amsterdam.
    const late = createMelding(sampleDraft({ courtDate: '2026-01-06' }), { ...context, now: new Date('2026-01-04T23:30:00Z') });
    expect(late.daysUntilCourt).toBe(1);
  });

  test.each([
    [{ courtDate: '2026-01-18' }, 'urgent'], // 13 days
    [{ courtDate: '2026-01-19' }, 'normal'], // 14 days, phase 2
    [{ evictionDate: '2026-01-05', phase: 4 }, 'urgent'], // today
    [{ evictionDate: '2026-03-01', phase: 4 }, 'soon'],
    [{ evictionDate: '2026-03-01', children: 'yes' }, 'urgent'],
    [{ courtDate: '2025-12-01', children: 'yes' }, 'urgent'], // children and a past date
    [{ children: 'yes' }, 'normal'],
    [{ children: 'unknown', courtDate: '2026-03-01' }, 'normal'],
    [{ courtDate: '2026-03-01', evictionDate: '2026-01-10' }, 'urgent'], // the nearest date counts
    [{ crisis: true, phase: 0 }, 'crisis'],
    [{ phase: 5 }, 'urgent'],
    [{ phase: 6, tenantConsents: 'no', tenantContact: null }, 'soon'],
  ] as const)('%j -> %s', (overrides, urgency) => {
    expect(createMelding(sampleDraft(overrides), context).urgency).toBe(urgency);
  });

  test('free text is kept as typed, without control characters, capped', () => {
    const notes = `<script>alert(1)</script>\r\nregel\u0000 twee\u001b[0m ${'x'.repeat(2000)}`;
    const m = createMelding(sampleDraft({ notes, gemeente: `'s-Hertogenbosch\u0007${'y'.repeat(200)}`, reporterContact: { phone: '0612345678', bestTimes: `<b>ochtend</b>\u0000${'z'.repeat(300)}` } }), context);
    expect(m.notes?.startsWith('<script>alert(1)</script>\nregel twee[0m xxx')).toBe(true);
    expect(Array.from(m.notes ?? '')).toHaveLength(1000);
    expect(m.gemeente).toBe(`'s-Hertogenbosch${'y'.repeat(84)}`);
    expect(m.reporterContact.bestTimes).toHaveLength(200);
    expect(m.reporterContact.bestTimes?.startsWith('<b>ochtend</b>zzz')).toBe(true);
  });

  test('repeated concerns are kept once', () => {
    expect(createMelding(sampleDraft({ concerns: ['debts', 'health', 'debts'] }), context).concerns).toEqual(['debts', 'health']);
  });

  test('refuses a tenant contact unless the tenant agrees', () => {
    for (const tenantConsents of ['no', 'not_asked'] as const) {
      expect(zodIssues(() => createMelding(sampleDraft({ tenantConsents }), context))).toEqual([
        { path: 'tenantContact', message: 'only allowed when the tenant agrees to be contacted' },
      ]);
      expect(createMelding(sampleDraft({ tenantConsents, tenantContact: null }), context).tenantContact).toBeNull();
    }
  });

  test('refuses bad contact details, naming the field but not the value', () => {
    const issues = zodIssues(() =>
      createMelding(sampleDraft({ reporterContact: { phone: '06-1234', email: 'geheim-adres@' }, tenantContact: { phone: 'nee' } }), context),
    );
    expect(issues).toEqual([
      { path: 'reporterContact.phone', message: 'is not a phone number' },
      { path: 'reporterContact.email', message: 'is not an e-mail address' },
      { path: 'tenantContact.phone', message: 'is not a phone number' },
    ]);
    const error: unknown = (() => {
      try {
        return createMelding(sampleDraft({ reporterContact: { phone: '06-1234', email: 'geheim-adres@' } }), context);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(z.ZodError);
    expect(error instanceof Error && `${error.message} ${JSON.stringify(error)}`).not.toMatch(/geheim-adres|06-1234/);
  });

  test('a reporter needs a phone number or an e-mail address', () => {
    expect(zodIssues(() => createMelding(sampleDraft({ reporterContact: { bestTimes: 'altijd' } }), context))).toEqual([
      { path: 'reporterContact', message: 'needs a phone number or an e-mail address' },
    ]);
  });

  test('refuses unknown fields and invalid enums, dates and phases', () => {
    const bad = [
      { ...sampleDraft(), surname: 'Jansen' },
      sampleDraft({ relation: 'cousin' as never }),
      sampleDraft({ concerns: ['noise' as never] }),
      sampleDraft({ courtDate: '2026-02-30' }),
      sampleDraft({ courtDate: '19-01-2026' }),
      sampleDraft({ phase: 7 }),
      sampleDraft({ phase: 2.5 }),
    ];
    for (const draft of bad) expect(zodIssues(() => createMelding(draft, context)).length).toBeGreaterThan(0);
  });

  test('refuses a context that would make keys unsafe', () => {
    expect(zodIssues(() => createMelding(sampleDraft(), { ...context, code: 'HH-0000' }))[0]?.path).toBe('code');
    expect(zodIssues(() => createMelding(sampleDraft(), { ...context, conversationId: 'a b' }))[0]?.path).toBe('conversationId');
    expect(zodIssues(() => createMelding(sampleDraft(), { ...context, conversationId: 'x'.repeat(129) }))[0]?.path).toBe('conversationId');
  });
});

describe('meldingSchema (stored form)', () => {
  const valid = sampleMelding();

  test('refuses text that was not cleaned, numbers that were not normalized, and loose outcomes', () => {
    const cases: [Partial<Melding>, string][] = [
      [{ notes: 'a\u0000b' }, 'notes'],
      [{ notes: 'x'.repeat(1001) }, 'notes'],
      [{ gemeente: 'x'.repeat(101) }, 'gemeente'],
      [{ reporterContact: { phone: '06-12345678', email: null, bestTimes: null } }, 'reporterContact.phone'],
      [{ reporterContact: { phone: null, email: 'A@EXAMPLE.NL', bestTimes: null } }, 'reporterContact.email'],
      [{ outcome: 'referred' }, 'outcome'],
      [{ status: 'closed' }, 'outcome'],
      [{ tenantConsents: 'no' }, 'tenantContact'],
      [{ courtDate: '2026-02-01' }, 'daysUntilCourt'],
      [{ daysUntilEviction: 3 }, 'daysUntilEviction'],
      [{ urgency: 'high' as never }, 'urgency'],
      [{ version: 2 as never }, 'version'],
    ];
    for (const [change, path] of cases) {
      expect({ change, paths: zodIssues(() => parseStoredMelding({ ...valid, ...change })).map((i) => i.path) }).toEqual({ change, paths: [path] });
    }
  });

  test('accepts what createMelding made, including 1000 characters of notes', () => {
    const long = sampleMelding({ draft: { notes: 'é'.repeat(1000) } });
    expect(parseStoredMelding(JSON.parse(JSON.stringify(long)))).toEqual(long);
  });
});

describe('changeMeldingStatus', () => {
  const later = new Date('2026-01-06T12:00:00.000Z');

  test('received -> in_progress -> closed with an outcome, updating updatedAt only', () => {
    const m = sampleMelding();
    const taken = changeMeldingStatus(m, 'in_progress', null, later);
    expect(taken).toEqual({ ...m, status: 'in_progress', updatedAt: later.toISOString() });
    const closed = changeMeldingStatus(taken, 'closed', 'help_started', later);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'help_started', createdAt: m.createdAt });
  });

  test('the allowed moves', () => {
    const allowed = meldingStatuses.flatMap((from) => meldingStatuses.filter((to) => canChangeStatus(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual(['received->in_progress', 'received->closed', 'in_progress->received', 'in_progress->closed']);
  });

  test('refuses a closed melding, closing without an outcome and an outcome without closing', () => {
    const closed = changeMeldingStatus(sampleMelding(), 'closed', 'advice_given', later);
    const refusals = [
      () => changeMeldingStatus(closed, 'in_progress', null, later),
      () => changeMeldingStatus(closed, 'closed', 'other', later),
      () => changeMeldingStatus(sampleMelding(), 'closed', null, later),
      () => changeMeldingStatus(sampleMelding(), 'in_progress', 'referred', later),
      () => changeMeldingStatus(sampleMelding(), 'received', null, later),
    ];
    for (const refuse of refusals) {
      let caught: unknown;
      try {
        refuse();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(HuurhulpError);
      expect(caught instanceof HuurhulpError && caught.code).toBe('BAD_REQUEST');
    }
  });
});
