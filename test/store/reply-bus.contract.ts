import { describe, expect, test } from 'vitest';
import type { LoggedMessage, ReplyBus } from '../../src/store/session-store.js';
import { waitFor } from '../helpers/wait-for.js';

export interface ReplyBusFixture {
  /** Publishes (for Redis: on one connection, as one bot process). */
  readonly publisher: ReplyBus;
  /** Subscribes (for Redis: a separate client, as a second bot process holding the socket). */
  readonly subscriber: ReplyBus;
}

export type OpenReplyBus = () => Promise<ReplyBusFixture>;

function collector(): { readonly received: LoggedMessage[]; readonly onMessage: (m: LoggedMessage) => void } {
  const received: LoggedMessage[] = [];
  return { received, onMessage: (m) => received.push(m) };
}

/** One suite, run against every ReplyBus implementation. */
export function replyBusContract(name: string, open: OpenReplyBus): void {
  describe(`ReplyBus contract (${name})`, () => {
    test('delivers a reply to a subscriber of that conversation only', async () => {
      const { publisher, subscriber } = await open();
      const mine = collector();
      const other = collector();
      await subscriber.subscribe('conv-a', mine.onMessage);
      await subscriber.subscribe('conv-b', other.onMessage);
      const message = { id: '1-0', body: { text: 'Een vrijwilliger is er nu.', buttons: ['ok'] } };
      await publisher.publish('conv-a', message);
      await waitFor(() => mine.received.length === 1, 'the reply');
      expect(mine.received).toEqual([message]);
      // conv-b got nothing, even after a later message to conv-b arrived.
      await publisher.publish('conv-b', { id: '2-0', body: 'for b' });
      await waitFor(() => other.received.length === 1, 'the reply for b');
      expect(other.received).toEqual([{ id: '2-0', body: 'for b' }]);
      expect(mine.received).toHaveLength(1);
    });

    test('every subscriber of a conversation gets each reply, in publish order', async () => {
      const { publisher, subscriber } = await open();
      const first = collector();
      const second = collector();
      await subscriber.subscribe('fan', first.onMessage);
      await subscriber.subscribe('fan', second.onMessage);
      const sent = Array.from({ length: 10 }, (_, i) => ({ id: `${i + 1}-0`, body: i }));
      for (const message of sent) await publisher.publish('fan', message);
      await waitFor(() => first.received.length === 10 && second.received.length === 10, 'ten replies each');
      expect(first.received).toEqual(sent);
      expect(second.received).toEqual(sent);
    });

    test('after unsubscribe no more replies arrive, while other subscribers keep theirs', async () => {
      const { publisher, subscriber } = await open();
      const leaving = collector();
      const staying = collector();
      const unsubscribe = await subscriber.subscribe('unsub', leaving.onMessage);
      await subscriber.subscribe('unsub', staying.onMessage);
      await publisher.publish('unsub', { id: '1-0', body: 'before' });
      await waitFor(() => leaving.received.length === 1 && staying.received.length === 1, 'the first reply');

      await unsubscribe();
      await publisher.publish('unsub', { id: '2-0', body: 'after' });
      await publisher.publish('unsub', { id: '3-0', body: 'marker' });
      // Replies on one channel arrive in order, so once the marker is in, "after" was delivered or dropped.
      await waitFor(() => staying.received.length === 3, 'the marker');
      expect(leaving.received.map((m) => m.body)).toEqual(['before']);
      expect(staying.received.map((m) => m.body)).toEqual(['before', 'after', 'marker']);
    });

    test('publishing without subscribers is fine', async () => {
      const { publisher } = await open();
      await expect(publisher.publish('nobody-listens', { id: '1-0', body: 'x' })).resolves.toBeUndefined();
    });
  });
}
