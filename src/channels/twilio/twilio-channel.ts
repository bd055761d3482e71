import express, { type Router } from 'express';
import twilio from 'twilio';
import type { ChannelId } from '../../content/channel-capabilities.js';
import type { RenderedMessage, Renderer } from '../../content/create-renderer.js';
import type { ChannelAdapter, ConversationReference, DeliveryResult } from '../../runtime/channel-port.js';
import { conversationIdFor } from '../../runtime/conversation-id-for.js';
import type { Runtime } from '../../runtime/handle-turn.js';
import type { ConversationReferenceStore } from '../../store/conversation-reference-store.js';
import type { FirstSeen } from '../../store/first-seen.js';
import type { Clock } from '../../shared/clock.js';
import { sourceLocale } from '../../shared/locale-registry.js';
import { RequestError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { createBotkitHub, type BotkitHub, type HubInput } from '../botkit/create-botkit-hub.js';
import { composeBodies } from './compose-bodies.js';
import { createTwilioApi, OPTED_OUT, type TwilioApi } from './twilio-api.js';
import { smsCapabilities, whatsappCapabilities } from './twilio-capabilities.js';
import { EMPTY_TWIML, inboundSchema, isOptOut, type Inbound } from './twilio-inbound.js';
import { TWILIO_WEBHOOK_PATH } from './twilio-webhook-path.js';


export interface TwilioChannelOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The public base URL Twilio calls (PUBLIC_URL); signatures are made over it plus the path. */
  readonly publicUrl: string;
  readonly smsFrom?: string;
  readonly whatsappFrom?: string;
  readonly apiBaseUrl: string;
  readonly whatsappTemplateSid?: string;
  /** Waits before each send retry (ms). */
  readonly retryDelaysMs?: readonly number[];
}

export interface TwilioChannelDeps {
  readonly runtime: Runtime;
  readonly renderer: Renderer;
  readonly references: ConversationReferenceStore;
  readonly inboundSeen: FirstSeen;
  /** The server secret identities are hashed with. */
  readonly secret: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface TwilioChannel {
  /** The webhook; mount before the app's JSON-only body rules (Twilio posts forms). */
  readonly router: Router;
  /** One adapter per configured sender (sms, whatsapp). */
  readonly adapters: readonly ChannelAdapter[];
  /** Waits for replies still being sent (shutdown, tests). */
  drain(): Promise<void>;
}

interface Address {
  readonly to: string;
  readonly from: string;
}

function addressOf(reference: ConversationReference): Address | null {
  const { to, from } = reference.address;
  return typeof to === 'string' && typeof from === 'string' ? { to, from } : null;
}

/**
 * SMS and WhatsApp over Twilio (DESIGN.md §2): a signed form webhook in, the Messages REST API out. The webhook
 * checks the signature before anything else, handles a redelivered MessageSid once, runs the turn through the Botkit
 * hub and answers an empty TwiML at once; the turn's replies then go out through the API, retried on faults.
 */
export function createTwilioChannel(options: TwilioChannelOptions, deps: TwilioChannelDeps): TwilioChannel {
  const log = deps.logger.child({ module: 'twilio' });
  const api: TwilioApi = createTwilioApi({
    accountSid: options.accountSid,
    authToken: options.authToken,
    baseUrl: options.apiBaseUrl,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    onRetry: (attempt, status, code) => log.warn({ attempt, status, code }, 'Twilio send failed; retrying'),
  });
  const webhookUrl = `${options.publicUrl.replace(/\/+$/, '')}${TWILIO_WEBHOOK_PATH}`;
  const inFlight = new Set<Promise<void>>();

  /** Sends a turn's (or a proactive) messages as one body where it fits; stops at the first failure. */
  async function sendBodies(channel: ChannelId, address: Address, conversationId: string, messages: readonly RenderedMessage[]): Promise<DeliveryResult> {
    for (const body of composeBodies(messages.map((m) => m.text), smsCapabilities.maxMessageLength, channel === 'sms')) {
      const result = await api.send({ from: address.from, to: address.to, body });
      if (!result.ok) {
        const optedOut = result.detail === String(OPTED_OUT);
        log.warn({ conversationId, channel, reason: result.reason, detail: result.detail }, optedOut ? 'the person opted out (STOP); not sent' : 'message not sent');
        return result;
      }
    }
    return { ok: true };
  }

  /** Outside WhatsApp's 24-hour window free text is refused: an approved template carries the text, if configured. */
  async function deliverOutsideWindow(address: Address, conversationId: string, messages: readonly RenderedMessage[]): Promise<DeliveryResult> {
    if (options.whatsappTemplateSid === undefined) return { ok: false, reason: 'window_closed' };
    // Template variables may not hold line breaks or long runs of spaces (Meta's rule).
    const text = messages.map((m) => m.text).join(' ').replace(/\s+/g, ' ').trim().slice(0, 1000);
    const result = await api.send({ from: address.from, to: address.to, contentSid: options.whatsappTemplateSid, contentVariables: JSON.stringify({ '1': text }) });
    if (!result.ok) log.warn({ conversationId, reason: result.reason, detail: result.detail }, 'WhatsApp template not sent');
    return result;
  }

  function windowOpen(reference: ConversationReference, hours: number | null): boolean {
    if (hours === null) return true;
    if (reference.lastInboundAt === undefined) return false;
    return deps.clock.now().getTime() - Date.parse(reference.lastInboundAt) < hours * 3_600_000;
  }

  function adapter(channel: 'sms' | 'whatsapp'): ChannelAdapter {
    const capabilities = channel === 'sms' ? smsCapabilities : whatsappCapabilities;
    return {
      id: channel,
      capabilities,
      async deliver(reference, messages) {
        const address = addressOf(reference);
        if (address === null) return { ok: false, reason: 'stale', detail: 'no address' };
        if (!windowOpen(reference, capabilities.replyWindowHours)) return deliverOutsideWindow(address, reference.conversationId, messages);
        return sendBodies(channel, address, reference.conversationId, messages);
      },
    };
  }

  // Botkit hub per channel: the runtime sees the channel id; messages are collected and sent after the answer.
  const hubs = new Map<ChannelId, BotkitHub>();
  const hubFor = (channel: 'sms' | 'whatsapp'): BotkitHub => {
    const existing = hubs.get(channel);
    if (existing !== undefined) return existing;
    let n = 0;
    const hub = createBotkitHub({ runtime: deps.runtime, channel, deliver: async (_conversationId, _message, turn) => `${turn.id ?? 'proactive'}-${n++}` });
    hubs.set(channel, hub);
    return hub;
  };

  function sendLater(channel: ChannelId, reference: ConversationReference, messages: readonly RenderedMessage[]): void {
    const address = addressOf(reference);
    if (address === null || messages.length === 0) return;
    const sending = sendBodies(channel, address, reference.conversationId, messages)
      .then(() => undefined)
      .catch((err: unknown) => log.error({ conversationId: reference.conversationId, err }, 'sending the reply failed'));
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }

  async function handle(inbound: Inbound): Promise<void> {
    const channel = inbound.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const from = channel === 'sms' ? options.smsFrom : options.whatsappFrom;
    if (from === undefined) {
      log.warn({ channel }, 'message for a channel that is not configured; ignored');
      return;
    }
    const conversationId = conversationIdFor(deps.secret, channel, inbound.From.replace(/^whatsapp:/, ''));
    if (!(await deps.inboundSeen.claim(inbound.MessageSid))) {
      log.info({ conversationId, messageSid: inbound.MessageSid }, 'redelivered message ignored');
      return;
    }
    try {
      // The reference (with the number, only here) is renewed on every message: it also marks the reply window.
      const reference: ConversationReference = { conversationId, channel, address: { to: inbound.From, from: inbound.To }, lastInboundAt: deps.clock.now().toISOString() };
      await deps.references.put(reference);
      const capabilities = channel === 'sms' ? smsCapabilities : whatsappCapabilities;
      const notices: RenderedMessage[] = [];
      if (inbound.NumMedia > 0) {
        // Photos, voice notes and files are neither stored nor forwarded.
        log.info({ conversationId, media: inbound.NumMedia }, 'inbound media refused');
        notices.push(deps.renderer.render({ type: 'message', ns: 'channel', key: 'media_refused', vars: {}, quickReplies: [] }, sourceLocale, capabilities));
      }
      const hub = hubFor(channel);
      if (channel === 'sms' && isOptOut(inbound.Body)) {
        // Twilio has opted the person out and confirms it itself; our answer would be refused (21610). End quietly.
        await hub.receive(conversationId, { payload: 'intent:stop' }, sourceLocale);
        log.info({ conversationId }, 'opt-out keyword: chat ended, no reply');
        return;
      }
      const input: HubInput | null =
        inbound.ButtonPayload !== undefined ? { payload: inbound.ButtonPayload } : inbound.Body.trim().length > 0 ? { text: inbound.Body } : null;
      const replies = input === null ? [] : await receive(hub, conversationId, input, inbound.Body);
      sendLater(channel, reference, [...notices, ...replies]);
    } catch (e) {
      // Not handled: let a redelivery try again.
      await deps.inboundSeen.release(inbound.MessageSid).catch(() => undefined);
      throw e;
    }
  }

  /** A stale button (a payload not on screen any more) is taken as the text the person sees on it. */
  async function receive(hub: BotkitHub, conversationId: string, input: HubInput, body: string): Promise<RenderedMessage[]> {
    try {
      return (await hub.receive(conversationId, input, sourceLocale)).messages;
    } catch (e) {
      if (e instanceof RequestError && e.code === 'UNKNOWN_PAYLOAD' && input.payload !== undefined && body.trim().length > 0) return (await hub.receive(conversationId, { text: body }, sourceLocale)).messages;
      throw e;
    }
  }

  const router = express.Router();
  router.post(TWILIO_WEBHOOK_PATH, express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 200 }), async (req, res) => {
    // The signature first: nothing of a forged or altered request is read, stored or answered.
    const signature = req.get('x-twilio-signature');
    const params: unknown = req.body;
    const fields = typeof params === 'object' && params !== null ? Object.fromEntries(Object.entries(params)) : {};
    const url = `${options.publicUrl.replace(/\/+$/, '')}${req.originalUrl}`;
    if (signature === undefined || !twilio.validateRequest(options.authToken, signature, url, fields)) throw new RequestError('SIGNATURE_INVALID');
    const parsed = inboundSchema.safeParse(fields);
    if (!parsed.success) throw new RequestError('VALIDATION_FAILED', undefined, parsed.error.issues.map((i) => i.path.join('.')));
    await handle(parsed.data);
    res.status(200).type('text/xml').send(EMPTY_TWIML);
  });

  const adapters: ChannelAdapter[] = [];
  if (options.smsFrom !== undefined) adapters.push(adapter('sms'));
  if (options.whatsappFrom !== undefined) adapters.push(adapter('whatsapp'));
  log.info({ sms: options.smsFrom !== undefined, whatsapp: options.whatsappFrom !== undefined, webhook: webhookUrl }, 'Twilio channel on');
  return {
    router,
    adapters,
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
