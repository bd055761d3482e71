import { z } from 'zod/v4';

/** Helpers to talk to a running huurhulp over its web API, as the widget does. Responses are parsed, never cast. */

export const quickReplySchema = z.strictObject({ title: z.string().min(1), payload: z.string().min(1) });

/** A bot message as POST /api/messages answers it. */
export const botMessageSchema = z.strictObject({
  id: z.string().regex(/^\d+-\d+$/),
  type: z.literal('message'),
  text: z.string().min(1),
  quick_replies: z.array(quickReplySchema).min(1).optional(),
  input: z.string().optional(),
});
export type BotMessage = z.infer<typeof botMessageSchema>;

export const sessionSchema = z.strictObject({ token: z.string(), conversationId: z.string() });
export type WebSession = z.infer<typeof sessionSchema>;

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string().min(1),
    fields: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The person's own line as the message log keeps it (GET /api/messages shows the whole thread). */
export const personLineSchema = z.strictObject({ id: z.string().regex(/^\d+-\d+$/), type: z.literal('person'), text: z.string().min(1) });
export type PersonLine = z.infer<typeof personLineSchema>;

export const historySchema = z.strictObject({ messages: z.array(z.union([botMessageSchema, personLineSchema])) });

export async function newSession(url: string, body: unknown = {}): Promise<WebSession> {
  const res = await fetch(`${url}/api/web/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/web/session answered ${res.status}: ${await res.text()}`);
  return sessionSchema.parse(await res.json());
}

export interface RawOptions {
  readonly token?: string;
  readonly authorization?: string;
  readonly contentType?: string;
}

/** POST /api/messages with a raw body string; returns the status and parsed JSON. */
export async function postRaw(url: string, body: string, options: RawOptions = {}): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const auth = options.authorization ?? (options.token !== undefined ? `Bearer ${options.token}` : undefined);
  if (auth !== undefined) headers['authorization'] = auth;
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body });
  return { status: res.status, json: await res.json() };
}

/** One turn that must succeed; returns the bot messages of the turn. */
export async function turn(url: string, token: string, input: { text?: string; payload?: string }): Promise<BotMessage[]> {
  const { status, json } = await postRaw(url, JSON.stringify({ type: 'message', ...input }), { token });
  if (status !== 200) throw new Error(`POST /api/messages answered ${status}: ${JSON.stringify(json)}`);
  return z.array(botMessageSchema).parse(json);
}

/** The whole thread: the person's lines and the bot's, oldest first. */
export async function thread(url: string, token: string, after?: string): Promise<(BotMessage | PersonLine)[]> {
  const res = await fetch(`${url}/api/messages${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /api/messages answered ${res.status}: ${await res.text()}`);
  return historySchema.parse(await res.json()).messages;
}

/** The bot's side of the thread. */
export async function history(url: string, token: string, after?: string): Promise<BotMessage[]> {
  return (await thread(url, token, after)).filter((m): m is BotMessage => m.type === 'message');
}

/** The payloads of a message's buttons, in order. */
export function payloads(message: BotMessage | undefined): string[] {
  return (message?.quick_replies ?? []).map((q) => q.payload);
}

export function lastOf<T>(items: readonly T[]): T {
  const last = items[items.length - 1];
  if (last === undefined) throw new Error('expected at least one item');
  return last;
}
