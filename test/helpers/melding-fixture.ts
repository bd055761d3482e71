import { createMelding, type MeldingDraft } from '../../src/domain/melding/create-melding.js';
import type { Melding } from '../../src/domain/melding/melding.js';

/** A complete, valid draft as the melding dialog would collect it; override what a test is about. */
export function sampleDraft(overrides: Partial<MeldingDraft> = {}): MeldingDraft {
  return {
    relation: 'family',
    concerns: ['arrears', 'letters_unopened'],
    phase: 2,
    courtDate: null,
    evictionDate: null,
    children: 'no',
    gemeente: 'Utrecht',
    landlordType: 'corporatie',
    tenantKnows: 'yes',
    tenantConsents: 'yes',
    reporterContact: { phone: '06-12345678', email: 'zus@example.nl', bestTimes: 'na 18 uur' },
    tenantContact: { phone: '020-1234567' },
    notes: 'Mijn broer opent zijn post niet meer.',
    crisis: false,
    ...overrides,
  };
}

export interface SampleMeldingOptions {
  readonly code?: string;
  readonly conversationId?: string;
  readonly now?: Date;
  readonly locale?: string;
  readonly draft?: Partial<MeldingDraft>;
}

export function sampleMelding(options: SampleMeldingOptions = {}): Melding {
  return createMelding(sampleDraft(options.draft), {
    code: options.code ?? 'HH-7K3M9P',
    conversationId: options.conversationId ?? 'web:reporter-1',
    locale: options.locale ?? 'nl',
    now: options.now ?? new Date('2026-01-05T09:00:00.000Z'),
  });
}
