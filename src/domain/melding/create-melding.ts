import { z } from 'zod/v4';
import { computeUrgency, nearestDays } from '../urgency/compute-urgency.js';
import { daysUntilDay } from './calendar-days.js';
import {
  childrenAnswers,
  concerns,
  dangerAnswers,
  landlordTypes,
  maxBestTimesLength,
  maxGemeenteLength,
  maxNotesLength,
  meldingSchema,
  meldingVersion,
  meldpuntServices,
  relations,
  tenantAnswers,
  type Melding,
} from './melding.js';
import { cleanText } from './plain-text.js';
import { normalizeEmail, normalizePhone } from './validate-contact.js';

/** Free text as typed: cleaned and capped, never refused for its content or length. */
const draftText = (max: number) => z.string().transform((s) => cleanText(s, max));

const draftPhone = z.string().transform((s, ctx) => {
  const phone = normalizePhone(s);
  if (phone === null) {
    ctx.issues.push({ code: 'custom', message: 'is not a phone number', input: s });
    return z.NEVER;
  }
  return phone;
});

const draftEmail = z.string().transform((s, ctx) => {
  const email = normalizeEmail(s);
  if (email === null) {
    ctx.issues.push({ code: 'custom', message: 'is not an e-mail address', input: s });
    return z.NEVER;
  }
  return email;
});

const draftContact = z
  .strictObject({
    phone: draftPhone.nullish(),
    email: draftEmail.nullish(),
    bestTimes: draftText(maxBestTimesLength).nullish(),
  })
  .refine((c) => (c.phone ?? null) !== null || (c.email ?? null) !== null, { message: 'needs a phone number or an e-mail address' });

/**
 * What the melding dialog collected. Texts are cleaned and capped, phone numbers and e-mail addresses
 * validated and normalized; missing optional answers become null / 'unknown' / 'not_asked'.
 */
export const meldingDraftSchema = z
  .strictObject({
    relation: z.enum(relations),
    concerns: z.array(z.enum(concerns)).max(concerns.length * 2).default([]),
    phase: z.number().int().min(0).max(6).nullish(),
    courtDate: z.iso.date().nullish(),
    evictionDate: z.iso.date().nullish(),
    children: z.enum(childrenAnswers).default('unknown'),
    danger: z.enum(dangerAnswers).default('unknown'),
    gemeente: draftText(maxGemeenteLength).nullish(),
    landlordType: z.enum(landlordTypes).default('unknown'),
    tenantKnows: z.enum(tenantAnswers).default('not_asked'),
    tenantConsents: z.enum(tenantAnswers).default('not_asked'),
    reporterContact: draftContact,
    tenantContact: draftContact.nullish(),
    services: z.array(z.enum(meldpuntServices)).default([]),
    notes: draftText(maxNotesLength).nullish(),
    crisis: z.boolean().default(false),
  })
  .refine((d) => (d.tenantContact ?? null) === null || d.tenantConsents === 'yes', {
    path: ['tenantContact'],
    message: 'only allowed when the tenant agrees to be contacted',
  })
  .refine((d) => d.services.length === 0 || d.tenantConsents === 'yes', {
    path: ['services'],
    message: 'only allowed when the tenant agrees to be contacted',
  });

export type MeldingDraft = z.input<typeof meldingDraftSchema>;

export interface NewMeldingContext {
  /** A fresh reference code (newReferenceCode); the store refuses one that exists. */
  readonly code: string;
  readonly conversationId: string;
  readonly locale: string;
  readonly now: Date;
}

/**
 * A new melding in status `received`, with the days until each date and the urgency computed from
 * the draft. Throws a ZodError (naming fields, not values) when the draft is not valid.
 */
export function createMelding(draft: MeldingDraft, context: NewMeldingContext): Melding {
  const d = meldingDraftSchema.parse(draft);
  const courtDate = d.courtDate ?? null;
  const evictionDate = d.evictionDate ?? null;
  const daysUntilCourt = courtDate === null ? null : daysUntilDay(context.now, courtDate);
  const daysUntilEviction = evictionDate === null ? null : daysUntilDay(context.now, evictionDate);
  const phase = d.phase ?? null;
  const contact = (c: z.output<typeof draftContact>) => ({ phone: c.phone ?? null, email: c.email ?? null, bestTimes: c.bestTimes ?? null });
  const at = context.now.toISOString();
  return meldingSchema.parse({
    version: meldingVersion,
    code: context.code,
    status: 'received',
    outcome: null,
    createdAt: at,
    updatedAt: at,
    conversationId: context.conversationId,
    locale: context.locale,
    relation: d.relation,
    concerns: [...new Set(d.concerns)],
    phase,
    courtDate,
    daysUntilCourt,
    evictionDate,
    daysUntilEviction,
    children: d.children,
    danger: d.danger,
    gemeente: d.gemeente ?? null,
    landlordType: d.landlordType,
    tenantKnows: d.tenantKnows,
    tenantConsents: d.tenantConsents,
    reporterContact: contact(d.reporterContact),
    tenantContact: d.tenantContact ? contact(d.tenantContact) : null,
    services: [...new Set(d.services)],
    notes: d.notes ?? null,
    crisis: d.crisis,
    urgency: computeUrgency({
      phase,
      daysUntilDate: nearestDays(daysUntilCourt, daysUntilEviction),
      children: d.children === 'yes',
      danger: d.danger === 'yes',
      crisis: d.crisis,
      consent: d.tenantConsents,
    }),
  });
}
