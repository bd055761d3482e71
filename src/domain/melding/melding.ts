import { z } from 'zod/v4';
import { urgencies } from '../urgency/compute-urgency.js';
import { cleanText } from './plain-text.js';
import { referenceCodePattern } from './reference-code.js';
import { normalizeEmail, normalizePhone } from './validate-contact.js';

/**
 * A relative's concern report (zorgmelding), as stored. This schema checks the canonical stored form
 * (texts already cleaned, phone in E.164, ...); `meldingDraftSchema` in create-melding.ts turns what
 * the dialog collected into it. Stored documents carry `version` and are read through
 * `parseStoredMelding`, which is where a v2 would migrate v1.
 */
export const meldingVersion = 1;

export const meldingStatuses = ['received', 'in_progress', 'closed'] as const;
/** How a closed melding ended, for the coordinator's figures. */
export const meldingOutcomes = [
  'help_started', // the tenant accepted help
  'referred', // handed to the gemeente, schuldhulp or another organisation
  'advice_given', // the reporter was advised; no contact with the tenant
  'tenant_declined', // the tenant did not want contact or help
  'not_reached', // nobody could be reached
  'no_action_needed',
  'other',
] as const;
export const relations = ['family', 'friend', 'neighbour', 'professional', 'other'] as const;
export const concerns = [
  'arrears',
  'letters_unopened',
  'bailiff', // a deurwaarder
  'court_date',
  'eviction_date',
  'nuisance',
  'debts',
  'health',
  'addiction',
  'loneliness',
  'other',
] as const;
export const childrenAnswers = ['yes', 'no', 'unknown'] as const;
export const landlordTypes = ['corporatie', 'particulier', 'unknown'] as const;
/** "Is er thuis gevaar?" (yes / no / don't know). */
export const dangerAnswers = ['yes', 'no', 'unknown'] as const;
/** What the meldpunt itself may do, only with the tenant's consent: contact the landlord or the wijkteam, or visit ("erop af"). */
export const meldpuntServices = ['contact_landlord', 'contact_wijkteam', 'visit'] as const;
/** Whether the tenant knows of / agrees to contact: yes, no, or the reporter has not asked yet. */
export const tenantAnswers = ['yes', 'no', 'not_asked'] as const;

export const maxNotesLength = 1000;
export const maxGemeenteLength = 100;
export const maxBestTimesLength = 200;

export type MeldingStatus = (typeof meldingStatuses)[number];
export type MeldingOutcome = (typeof meldingOutcomes)[number];

/** Text as typed, already through `cleanText`: no control characters, at most `max` characters. */
const storedText = (max: number) =>
  z.string().refine((s) => cleanText(s, max) === s, `must be plain text of at most ${max} characters`);

const storedPhone = z.string().refine((s) => normalizePhone(s) === s, 'must be a phone number in E.164 form');
const storedEmail = z.string().refine((s) => normalizeEmail(s) === s, 'must be a normalized e-mail address');

export const storedContactSchema = z
  .strictObject({
    phone: storedPhone.nullable(),
    email: storedEmail.nullable(),
    bestTimes: storedText(maxBestTimesLength).nullable(),
  })
  .refine((c) => c.phone !== null || c.email !== null, { message: 'needs a phone number or an e-mail address' });

/** Same rule as the store's key ids (src/store/store-keys.ts): 1..128 characters, no whitespace. */
export const conversationIdSchema = z.string().regex(/^[^\s\p{Cc}]{1,128}$/u, 'must be 1..128 characters without whitespace');

const isoDay = z.iso.date();
const isoTime = z.iso.datetime();
const days = z.number().int().min(-100_000).max(100_000);

export const meldingSchema = z
  .strictObject({
    version: z.literal(meldingVersion),
    /** `HH-XXXXXX`, see reference-code.ts. */
    code: z.string().regex(referenceCodePattern, 'must be a reference code like HH-7K3M9P'),
    status: z.enum(meldingStatuses),
    /** Set exactly when the status is `closed`. */
    outcome: z.enum(meldingOutcomes).nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    /** The reporter's conversation: only it may see or delete the melding through the chat. */
    conversationId: conversationIdSchema,
    /** The reporter's language, so the volunteer knows how to answer. */
    locale: z.string().regex(/^[a-z]{2}$/),
    relation: z.enum(relations),
    concerns: z
      .array(z.enum(concerns))
      .max(concerns.length)
      .refine((list) => new Set(list).size === list.length, 'must not repeat a concern'),
    /** Phase 0..6 of the eviction road (research/domain.md §1), null when unknown. */
    phase: z.number().int().min(0).max(6).nullable(),
    courtDate: isoDay.nullable(),
    /** Days from the report to `courtDate` (negative: already past), as seen when the report was made. */
    daysUntilCourt: days.nullable(),
    evictionDate: isoDay.nullable(),
    daysUntilEviction: days.nullable(),
    children: z.enum(childrenAnswers),
    /** Danger at home, as the reporter sees it (older reports: unknown). */
    danger: z.enum(dangerAnswers).default('unknown'),
    gemeente: storedText(maxGemeenteLength).nullable(),
    landlordType: z.enum(landlordTypes),
    tenantKnows: z.enum(tenantAnswers),
    tenantConsents: z.enum(tenantAnswers),
    reporterContact: storedContactSchema,
    /** Only when the tenant agrees to be contacted (`tenantConsents === 'yes'`). */
    tenantContact: storedContactSchema.nullable(),
    /** What the tenant agreed the meldpunt may do (only with consent). */
    services: z.array(z.enum(meldpuntServices)).max(meldpuntServices.length).default([]),
    notes: storedText(maxNotesLength).nullable(),
    /** Crisis words came up while reporting. */
    crisis: z.boolean(),
    urgency: z.enum(urgencies),
  })
  .superRefine((m, ctx) => {
    if (m.tenantContact !== null && m.tenantConsents !== 'yes') {
      ctx.addIssue({ code: 'custom', path: ['tenantContact'], message: 'only allowed when the tenant agrees to be contacted' });
    }
    if (m.services.length > 0 && m.tenantConsents !== 'yes') {
      ctx.addIssue({ code: 'custom', path: ['services'], message: 'only allowed when the tenant agrees to be contacted' });
    }
    if ((m.outcome !== null) !== (m.status === 'closed')) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'must be set exactly when the status is closed' });
    }
    if ((m.courtDate === null) !== (m.daysUntilCourt === null)) {
      ctx.addIssue({ code: 'custom', path: ['daysUntilCourt'], message: 'must be set exactly when courtDate is set' });
    }
    if ((m.evictionDate === null) !== (m.daysUntilEviction === null)) {
      ctx.addIssue({ code: 'custom', path: ['daysUntilEviction'], message: 'must be set exactly when evictionDate is set' });
    }
  });

export type Melding = z.infer<typeof meldingSchema>;
export type MeldingContact = z.infer<typeof storedContactSchema>;
export type Relation = (typeof relations)[number];
export type Concern = (typeof concerns)[number];
export type ChildrenAnswer = (typeof childrenAnswers)[number];
export type LandlordType = (typeof landlordTypes)[number];
export type DangerAnswer = (typeof dangerAnswers)[number];
export type MeldpuntService = (typeof meldpuntServices)[number];
export type TenantAnswer = (typeof tenantAnswers)[number];

/**
 * A stored document as a Melding, migrating older versions (there are none yet). Throws a ZodError
 * whose issues name fields, never values.
 */
export function parseStoredMelding(doc: unknown): Melding {
  return meldingSchema.parse(doc);
}
