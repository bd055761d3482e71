import { describe, expect, test } from 'vitest';
import type { AlertChannel, TeamsAddress, TeamsStore } from '../../src/store/teams-store.js';

export interface TeamsStoreUnderTest {
  readonly store: TeamsStore;
  /** Lets `ms` pass for the store (the memory store's clock, real time for Redis). */
  elapse(ms: number): Promise<void>;
}

/** TTLs the contract runs with: long enough for the steps, short enough to watch them expire. */
export const contractTtls = { linkTtlSeconds: 3, ticketTtlSeconds: 2, codeTtlSeconds: 1 };

const address = (conversationId: string): TeamsAddress => ({ serviceUrl: 'https://smba.example/teams/', conversationId, tenantId: 'tenant-1', botId: '28:bot' });

const channel = (conversationId: string): AlertChannel => ({ address: address(conversationId), label: 'Meldpunt / Spoed', setBy: 'Coco', setAt: '2026-12-05T01:00:00.000Z', stale: false });

/** What every TeamsStore must do, whatever it keeps its data in. */
export function teamsStoreContract(name: string, make: () => Promise<TeamsStoreUnderTest>): void {
  describe(`${name} teams store`, () => {
    test('links a Teams user to a volunteer; a new link replaces the old one', async () => {
      const { store } = await make();
      expect(await store.volunteerOf('AAD-1')).toBeNull();
      await store.link('AAD-1', 'anna');
      expect(await store.volunteerOf('aad-1')).toBe('anna');
      await store.link('AAD-1', 'bram');
      expect(await store.volunteerOf('AAD-1')).toBe('bram');
      expect(await store.volunteerOf('AAD-2')).toBeNull();
    });

    test('a link code works once and expires', async () => {
      const { store, elapse } = await make();
      await store.putLinkCode('ABCD-2345', 'anna');
      expect(await store.redeemLinkCode('ABCD-2345')).toBe('anna');
      expect(await store.redeemLinkCode('ABCD-2345')).toBeNull();
      await store.putLinkCode('WXYZ-6789', 'bram');
      await elapse(1200);
      expect(await store.redeemLinkCode('WXYZ-6789')).toBeNull();
    });

    test('two redeems of one code at once: exactly one gets it', async () => {
      const { store } = await make();
      await store.putLinkCode('QRST-2345', 'anna');
      const results = await Promise.all([store.redeemLinkCode('QRST-2345'), store.redeemLinkCode('QRST-2345')]);
      expect(results.filter((r) => r === 'anna')).toHaveLength(1);
    });

    test('keeps a volunteer\'s 1:1 chat until forgotten', async () => {
      const { store } = await make();
      await store.setPersonalChat('anna', address('a:1'));
      expect(await store.personalChat('anna')).toEqual(address('a:1'));
      await store.forgetPersonalChat('anna');
      expect(await store.personalChat('anna')).toBeNull();
    });

    test('the alert channel is replaceable; stale marks only the channel it names', async () => {
      const { store } = await make();
      expect(await store.alertChannel()).toBeNull();
      await store.setAlertChannel(channel('19:one@thread.tacv2'));
      await store.setAlertChannel(channel('19:two@thread.tacv2'));
      await store.markAlertChannelStale('19:one@thread.tacv2');
      expect(await store.alertChannel()).toEqual(channel('19:two@thread.tacv2'));
      await store.markAlertChannelStale('19:two@thread.tacv2');
      expect(await store.alertChannel()).toEqual({ ...channel('19:two@thread.tacv2'), stale: true });
    });

    test('one alert card per ticket: the reservation succeeds once, until forgotten', async () => {
      const { store } = await make();
      const results = await Promise.all([store.reserveAlertCard('t-1', address('c')), store.reserveAlertCard('t-1', address('c'))]);
      expect(results.sort()).toEqual([false, true]);
      expect(await store.alertCard('t-1')).toEqual({ activityId: '', address: address('c') });
      await store.setAlertCard('t-1', { activityId: 'act-9', address: address('c') });
      expect(await store.alertCard('t-1')).toEqual({ activityId: 'act-9', address: address('c') });
      expect(await store.reserveAlertCard('t-1', address('c'))).toBe(false);
      await store.forgetAlertCard('t-1');
      expect(await store.reserveAlertCard('t-1', address('c'))).toBe(true);
    });

    test('alert cards, last cards and focus live the ticket TTL; once() expires after its own', async () => {
      const { store, elapse } = await make();
      await store.setAlertCard('t-2', { activityId: 'act-1', address: address('c') });
      await store.setLastCard('conv-1', { cardId: 'c1', messages: [{ type: 'message', text: 'Vraag?', quick_replies: [{ title: 'Ja', payload: 'yes' }] }] });
      await store.setFocus('anna', 't-2');
      expect(await store.once('relay', '1-0', 1)).toBe(true);
      expect(await store.once('relay', '1-0', 1)).toBe(false);
      expect(await store.once('relay', '2-0', 1)).toBe(true);
      expect(await store.focus('anna')).toBe('t-2');
      expect((await store.lastCard('conv-1'))?.cardId).toBe('c1');
      await elapse(1200);
      expect(await store.once('relay', '1-0', 1)).toBe(true);
      await elapse(1000);
      expect(await store.alertCard('t-2')).toBeNull();
      expect(await store.lastCard('conv-1')).toBeNull();
      expect(await store.focus('anna')).toBeNull();
    });

    test('forgets last cards and focus on request', async () => {
      const { store } = await make();
      await store.setLastCard('conv-2', { cardId: 'c2', messages: [] });
      await store.setFocus('bram', 't-9');
      await store.forgetLastCard('conv-2');
      await store.forgetFocus('bram');
      expect(await store.lastCard('conv-2')).toBeNull();
      expect(await store.focus('bram')).toBeNull();
    });
  });
}
