import twilio from 'twilio';
import type { DeliveryResult } from '../../runtime/channel-port.js';

/** What one send needs: the Messages API parameters we use. */
export interface OutgoingMessage {
  readonly from: string;
  readonly to: string;
  readonly body?: string;
  /** An approved template (WhatsApp outside the 24-hour window) instead of free text. */
  readonly contentSid?: string;
  readonly contentVariables?: string;
}

export interface TwilioApi {
  /** Sends one message, retrying 429, 5xx and network faults with backoff. Never throws. */
  send(message: OutgoingMessage): Promise<DeliveryResult>;
}

export interface TwilioApiOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Default https://api.twilio.com; tests point it at a local fake Messages API. */
  readonly baseUrl: string;
  /** Waits before each retry (ms); the number of retries is its length. */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onRetry?: (attempt: number, status: number | null, code: number | null) => void;
}

const TWILIO_API = 'https://api.twilio.com';
/** Twilio's error codes we act on: the person has not written in 24 hours (WhatsApp); the person opted out (STOP). */
export const OUTSIDE_WINDOW = 63016;
export const OPTED_OUT = 21610;

/** twilio-node has no base-URL option: its HTTP client rewrites Twilio's API host to the configured one. */
function baseUrlClient(baseUrl: string): twilio.RequestClient {
  const client = new twilio.RequestClient({ timeout: 10_000 });
  const request = client.request.bind(client);
  client.request = (opts) => request({ ...opts, uri: opts.uri.startsWith(TWILIO_API) ? `${baseUrl}${opts.uri.slice(TWILIO_API.length)}` : opts.uri });
  return client;
}

function faultOf(e: unknown): { status: number | null; code: number | null } {
  if (e instanceof twilio.RestException) return { status: e.status, code: e.code ?? null };
  return { status: null, code: null };
}

/** Rate limits, Twilio's own faults and the network are worth another try; a refused message is not. */
function retryable(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

export function createTwilioApi(options: TwilioApiOptions): TwilioApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Every option explicit: the SDK would otherwise read TWILIO_* (edge, region, log level) from the environment.
  const client = twilio(options.accountSid, options.authToken, {
    env: {},
    edge: '',
    region: '',
    logLevel: 'none',
    autoRetry: false,
    ...(baseUrl === TWILIO_API ? {} : { httpClient: baseUrlClient(baseUrl) }),
  });
  const delays = options.retryDelaysMs ?? [300, 1200];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async send(message) {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.messages.create({
            from: message.from,
            to: message.to,
            ...(message.body !== undefined ? { body: message.body } : {}),
            ...(message.contentSid !== undefined ? { contentSid: message.contentSid } : {}),
            ...(message.contentVariables !== undefined ? { contentVariables: message.contentVariables } : {}),
          });
          return { ok: true };
        } catch (e) {
          const { status, code } = faultOf(e);
          if (code === OUTSIDE_WINDOW) return { ok: false, reason: 'window_closed', detail: String(code) };
          const delay = delays[attempt];
          if (!retryable(status) || delay === undefined) {
            return { ok: false, reason: 'provider_error', detail: code !== null ? String(code) : status !== null ? `http ${status}` : 'network' };
          }
          options.onRetry?.(attempt + 1, status, code);
          await sleep(delay);
        }
      }
    },
  };
}
