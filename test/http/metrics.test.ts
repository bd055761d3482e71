import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHandoff } from '../../src/handoff/create-handoff.js';
import { withQueueMetrics } from '../../src/handoff/queue-metrics.js';
import { createPrometheusMetrics } from '../../src/http/prometheus-metrics.js';
import { withTurnMetrics } from '../../src/runtime/turn-metrics.js';
import type { Runtime } from '../../src/runtime/handle-turn.js';
import { StoreError } from '../../src/shared/errors.js';
import { chatInput } from '../handoff/handoff-queue.contract.js';
import { manualClock } from '../helpers/manual-clock.js';
import { startApp, type StartedApp } from '../helpers/start-app.js';
import { newSession, turn } from '../channels/web/web-client.js';

const token = 'metrics-token-0123456789';

async function scrape(url: string, authorization?: string): Promise<Response> {
  return fetch(`${url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
}

/** The value of one sample line, e.g. `huurhulp_turns_total{channel="web",outcome="ok"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let app: StartedApp;
  let off: StartedApp;
  beforeAll(async () => {
    app = await startApp({ env: { METRICS_TOKEN: token } });
    off = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await off?.close();
  });

  test('is off without METRICS_TOKEN, and needs the bearer token when on', async () => {
    expect((await scrape(off.url, `Bearer ${token}`)).status).toBe(404);
    const missing = await scrape(app.url);
    expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([401, 'TOKEN_MISSING']);
    for (const wrong of [`Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, 'Basic abc']) {
      expect((await scrape(app.url, wrong)).status).toBe(401);
    }
    const ok = await scrape(app.url, `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  test('counts turns by channel and outcome with their latency, open websockets and the waiting queue by urgency', async () => {
    const session = await newSession(app.url);
    await turn(app.url, session.token, { text: 'hoi' });
    await turn(app.url, session.token, { payload: 'choice:tenant' });
    const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve) => ws.once('open', resolve));
    await app.handoff.queue.enqueue(chatInput('metrics-1', { urgency: 'urgent' }));
    await app.handoff.queue.enqueue(chatInput('metrics-2', { urgency: 'urgent' }));
    await app.handoff.queue.enqueue(chatInput('metrics-3', { urgency: 'crisis' }));

    const text = await (await scrape(app.url, `Bearer ${token}`)).text();
    expect(sample(text, 'huurhulp_turns_total{channel="web",outcome="ok"}')).toBe(2);
    expect(sample(text, 'huurhulp_turn_duration_seconds_count{channel="web"}')).toBe(2);
    expect(sample(text, 'huurhulp_turn_duration_seconds_bucket{le="+Inf",channel="web"}')).toBe(2);
    expect(sample(text, 'huurhulp_websocket_connections')).toBe(1);
    expect(sample(text, 'huurhulp_queue_waiting{urgency="urgent"}')).toBe(2);
    expect(sample(text, 'huurhulp_queue_waiting{urgency="crisis"}')).toBe(1);
    expect(sample(text, 'huurhulp_queue_waiting{urgency="normal"}')).toBe(0);
    for (const name of ['huurhulp_claims_total', 'huurhulp_claim_expiries_total', 'huurhulp_store_errors_total', 'huurhulp_claim_wait_seconds_count']) {
      expect(sample(text, name), name).toBe(0);
    }
    // Nothing personal: no conversation id, token or text in the output.
    expect(text).not.toContain(session.conversationId);
    expect(text).not.toContain('hoi');

    ws.close();
    await expect.poll(async () => sample(await (await scrape(app.url, `Bearer ${token}`)).text(), 'huurhulp_websocket_connections')).toBe(0);
  });
});

describe('metrics hooks', () => {
  test('claims with their wait and expiries are counted where they happen; holding a claim again is no new claim', async () => {
    const clock = manualClock();
    const metrics = createPrometheusMetrics({ queueDepth: async () => ({}) });
    const queue = withQueueMetrics(createHandoff({ kind: 'memory', clock, claimTimeoutSeconds: 60 }).queue, metrics, clock);
    const { ticket } = await queue.enqueue(chatInput('wait'));
    clock.advance(90_000);
    await queue.claim(ticket.id, 'vol-a');
    clock.advance(1_000);
    await queue.claim(ticket.id, 'vol-a');
    clock.advance(61_000);
    expect(await queue.expireStale()).toHaveLength(1);
    // Other methods still reach the queue (bound to it).
    expect((await queue.get(ticket.id))?.state).toBe('waiting');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'huurhulp_claims_total')).toBe(1);
    expect(sample(text, 'huurhulp_claim_wait_seconds_sum')).toBe(90);
    expect(sample(text, 'huurhulp_claim_wait_seconds_bucket{le="120"}')).toBe(1);
    expect(sample(text, 'huurhulp_claim_wait_seconds_bucket{le="60"}')).toBe(0);
    expect(sample(text, 'huurhulp_claim_expiries_total')).toBe(1);
  });

  test('a turn that fails on the store counts as its error code and as one store error, however often it is reported', async () => {
    const metrics = createPrometheusMetrics({ queueDepth: async () => ({}) });
    const failure = new StoreError('STORE_UNAVAILABLE');
    const failing: Runtime = { handleTurn: () => Promise.reject(failure) };
    let t = 0;
    const runtime = withTurnMetrics(failing, metrics, () => (t += 250));
    await expect(runtime.handleTurn({ conversationId: 'web:x', input: { kind: 'text', text: 'hoi' }, channel: 'web' })).rejects.toBe(failure);
    // The HTTP error hook sees the same error object again.
    metrics.storeError(failure);
    metrics.storeError(new StoreError('STORE_UNAVAILABLE'));
    const text = await metrics.registry.metrics();
    expect(sample(text, 'huurhulp_turns_total{channel="web",outcome="store_unavailable"}')).toBe(1);
    expect(sample(text, 'huurhulp_turn_duration_seconds_sum{channel="web"}')).toBe(0.25);
    expect(sample(text, 'huurhulp_store_errors_total')).toBe(2);
  });
});
