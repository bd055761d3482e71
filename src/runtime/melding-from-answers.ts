import { concerns, meldpuntServices, type Melding } from '../domain/melding/melding.js';
import { createMelding, type MeldingDraft } from '../domain/melding/create-melding.js';
import type { Answers } from '../engine/session-state.js';

const str = (a: Readonly<Answers>, k: string): string | null => {
  const v = a[k];
  return typeof v === 'string' && v.trim().length > 0 ? v : null;
};

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((x) => x === value) ?? fallback;
}

/** The melding dialog's answers (names `m_…`, see dialogs/melding.yaml) as a draft report. */
export function meldingDraftFromAnswers(a: Readonly<Answers>): MeldingDraft {
  const phase = a['m_phase'];
  const reporterPhone = str(a, 'm_reporter_phone');
  const reporterEmail = str(a, 'm_reporter_email');
  const consents = pick(str(a, 'm_tenant_consents'), ['yes', 'no', 'not_asked'] as const, 'not_asked');
  const tenantPhone = str(a, 'm_tenant_phone');
  const tenantEmail = str(a, 'm_tenant_email');
  return {
    relation: pick(str(a, 'm_relation'), ['family', 'friend', 'neighbour', 'professional', 'other'] as const, 'other'),
    concerns: concerns.filter((c) => a[`m_c_${c}`] === true),
    phase: typeof phase === 'number' && Number.isInteger(phase) && phase >= 0 && phase <= 6 ? phase : null,
    courtDate: str(a, 'm_court_date'),
    evictionDate: str(a, 'm_eviction_date'),
    children: pick(str(a, 'm_children'), ['yes', 'no', 'unknown'] as const, 'unknown'),
    // "Ik weet het niet" about danger is kept as unknown; the dialog saves dont_know.
    danger: pick(str(a, 'm_danger'), ['yes', 'no'] as const, 'unknown'),
    gemeente: str(a, 'm_gemeente'),
    landlordType: pick(str(a, 'm_landlord'), ['corporatie', 'particulier', 'unknown'] as const, 'unknown'),
    tenantKnows: pick(str(a, 'm_tenant_knows'), ['yes', 'no', 'not_asked'] as const, 'not_asked'),
    tenantConsents: consents,
    reporterContact: { phone: reporterPhone, email: reporterEmail, bestTimes: str(a, 'm_reporter_times') },
    // Only with the tenant's agreement (the schema refuses it otherwise).
    tenantContact: consents === 'yes' && (tenantPhone !== null || tenantEmail !== null) ? { phone: tenantPhone, email: tenantEmail } : null,
    services: consents === 'yes' ? meldpuntServices.filter((s) => a[`m_s_${s}`] === true) : [],
    notes: str(a, 'm_notes'),
    crisis: a['risk_crisis'] === true,
  };
}

export function meldingFromAnswers(a: Readonly<Answers>, ctx: { code: string; conversationId: string; locale: string; now: Date }): Melding {
  return createMelding(meldingDraftFromAnswers(a), ctx);
}

/** What the volunteer sees on the ticket before opening the report: the facts to act on, ordered by need. */
export function meldingSummary(m: Melding): Answers {
  return {
    melding: m.code,
    relation: m.relation,
    concerns: m.concerns.join(', '),
    phase: m.phase,
    court_date: m.courtDate,
    eviction_date: m.evictionDate,
    days_left: m.daysUntilEviction ?? m.daysUntilCourt,
    children: m.children,
    danger: m.danger,
    gemeente: m.gemeente,
    landlord: m.landlordType,
    tenant_knows: m.tenantKnows,
    tenant_consents: m.tenantConsents,
    // What the tenant agreed the meldpunt may do: shown to the volunteer before any contact.
    agreed_contact_landlord: m.services.includes('contact_landlord'),
    agreed_contact_wijkteam: m.services.includes('contact_wijkteam'),
    agreed_visit: m.services.includes('visit'),
    reporter_phone: m.reporterContact.phone,
    reporter_email: m.reporterContact.email,
    reporter_times: m.reporterContact.bestTimes,
    tenant_phone: m.tenantContact?.phone ?? null,
    tenant_email: m.tenantContact?.email ?? null,
    notes: m.notes,
    crisis: m.crisis,
  };
}
