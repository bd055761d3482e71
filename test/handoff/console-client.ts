import { z } from 'zod/v4';

/** Helpers to use the volunteer console API over real HTTP, as the console page does: a cookie jar kept by hand. */

export interface Volunteer {
  readonly username: string;
  /** `hh_console=<session id>`, sent back as the Cookie header. */
  readonly cookie: string;
  readonly csrf: string;
}

export interface ApiAnswer {
  readonly status: number;
  /** The parsed JSON body, or null for an empty one (204). */
  readonly json: unknown;
}

const loginAnswerSchema = z.object({ csrfToken: z.string().min(1), username: z.string() });

export const ticketViewSchema = z.looseObject({
  id: z.string(),
  conversationId: z.string(),
  state: z.enum(['waiting', 'claimed', 'closed']),
  kind: z.string(),
  reason: z.string(),
  urgency: z.string(),
  summary: z.record(z.string(), z.unknown()),
  claimedBy: z.string().optional(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

export const ticketListSchema = z.object({ tickets: z.array(ticketViewSchema) });

export const ticketDetailSchema = z.object({
  ticket: ticketViewSchema,
  transcript: z.array(z.looseObject({ id: z.string(), from: z.string(), text: z.string(), volunteer: z.string().optional() })),
});

export const errorCodeSchema = z.object({ error: z.object({ code: z.string() }) });

/** One raw call; `cookie`/`csrf` are left out when not given. */
export async function consoleCall(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  options: { cookie?: string; csrf?: string; body?: unknown } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.cookie !== undefined) headers['cookie'] = options.cookie;
  if (options.csrf !== undefined) headers['x-csrf-token'] = options.csrf;
  if (options.body !== undefined || method === 'POST') headers['content-type'] = 'application/json';
  const res = await fetch(`${url}/api/console${path}`, {
    method,
    headers,
    ...(method === 'POST' ? { body: JSON.stringify(options.body ?? {}) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text.length === 0 ? null : JSON.parse(text) };
}

/** POST /api/console/login; returns the raw answer and, when it worked, the session cookie from Set-Cookie. */
export async function tryLogin(url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; cookie: string | null }> {
  const res = await fetch(`${url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('hh_console='));
  return { status: res.status, json: await res.json(), cookie: cookie ?? null };
}

export async function login(url: string, username: string, password: string): Promise<Volunteer> {
  const answer = await tryLogin(url, username, password);
  if (answer.status !== 200 || answer.cookie === null) throw new Error(`login of ${username} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return { username, cookie: answer.cookie, csrf: loginAnswerSchema.parse(answer.json).csrfToken };
}

/** A signed-in call with cookie and CSRF token, as the console page makes it. */
export function asVolunteer(url: string, who: Volunteer) {
  const call = (method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> =>
    consoleCall(url, method, path, { cookie: who.cookie, csrf: who.csrf, ...(body !== undefined ? { body } : {}) });
  const ok = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const answer = await call(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  return {
    call,
    async waiting(): Promise<TicketView[]> {
      return ticketListSchema.parse(await ok('GET', '/tickets?state=waiting')).tickets;
    },
    async ticket(id: string): Promise<z.infer<typeof ticketDetailSchema>> {
      return ticketDetailSchema.parse(await ok('GET', `/tickets/${id}`));
    },
    async claim(id: string): Promise<TicketView> {
      return z.object({ ticket: ticketViewSchema }).parse(await ok('POST', `/tickets/${id}/claim`)).ticket;
    },
    async send(id: string, text: string): Promise<void> {
      await ok('POST', `/tickets/${id}/messages`, { text });
    },
    async close(id: string, outcome: string): Promise<TicketView> {
      return z.object({ ticket: ticketViewSchema }).parse(await ok('POST', `/tickets/${id}/close`, { outcome })).ticket;
    },
  };
}

/** The waiting ticket of a conversation, from the console's list. */
export function ticketOf(tickets: readonly TicketView[], conversationId: string): TicketView {
  const ticket = tickets.find((t) => t.conversationId === conversationId);
  if (ticket === undefined) throw new Error(`no ticket for conversation ${conversationId} in ${JSON.stringify(tickets.map((t) => t.conversationId))}`);
  return ticket;
}
