import { describe, expect, it } from 'vitest';
import { meldingFromAnswers, meldingSummary } from '../../src/runtime/melding-from-answers.js';

const base = {
  m_relation: 'family',
  m_c_arrears: true,
  m_children: 'yes',
  m_reporter_phone: '+31612345678',
  m_tenant_knows: 'yes',
};
const ctx = { code: 'HH-7K3M9P', conversationId: 'c1', locale: 'nl', now: new Date('2026-11-22T09:00:00Z') };

describe('meldingFromAnswers (issue #10)', () => {
  it('stores "gevaar thuis", shows it to the volunteer, and danger with children makes the report urgent', () => {
    const m = meldingFromAnswers({ ...base, m_danger: 'yes' }, ctx);
    expect(m.danger).toBe('yes');
    expect(m.urgency).toBe('urgent');
    expect(meldingSummary(m)['danger']).toBe('yes');
    expect(meldingFromAnswers({ ...base, m_danger: 'dont_know' }, ctx).danger).toBe('unknown');
    expect(meldingFromAnswers({ ...base, m_danger: 'no' }, ctx).urgency).toBe('normal');
  });

  it('records what the tenant agreed the meldpunt may do, and the volunteer summary says which', () => {
    const m = meldingFromAnswers({ ...base, m_tenant_consents: 'yes', m_s_contact_landlord: true, m_s_visit: true }, ctx);
    expect(m.services).toEqual(['contact_landlord', 'visit']);
    expect(meldingSummary(m)).toMatchObject({ agreed_contact_landlord: true, agreed_contact_wijkteam: false, agreed_visit: true });
  });

  it('drops agreed services when the tenant did not consent', () => {
    const m = meldingFromAnswers({ ...base, m_tenant_consents: 'no', m_s_visit: true }, ctx);
    expect(m.services).toEqual([]);
  });
});
