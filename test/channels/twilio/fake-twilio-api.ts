import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** One message the app asked Twilio to send (the form fields of POST .../Messages.json). */
export interface SentMessage {
  readonly accountSid: string;
  readonly From: string;
  readonly To: string;
  readonly Body?: string;
  readonly ContentSid?: string;
  readonly ContentVariables?: string;
}

/** A canned failure for the next send attempt: an HTTP status and, optionally, a Twilio error code. */
export interface Failure {
  readonly status: number;
  readonly code?: number;
}

export interface FakeTwilioApi {
  readonly url: string;
  /** Messages accepted (answered 201), in order. */
  readonly sent: SentMessage[];
  /** Every attempt, accepted or not. */
  attempts: number;
  /** Failures to answer, one per coming attempt. */
  failNext(...failures: Failure[]): void;
  close(): Promise<void>;
}

/** A local stand-in for Twilio's Messages API (no internet): POST /2010-04-01/Accounts/:sid/Messages.json. */
export async function startFakeTwilioApi(): Promise<FakeTwilioApi> {
  const failures: Failure[] = [];
  const fake = {
    url: '',
    sent: [] as SentMessage[],
    attempts: 0,
    failNext: (...f: Failure[]) => void failures.push(...f),
    close: async (): Promise<void> => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || m === null || !req.headers.authorization?.startsWith('Basic ')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
        return;
      }
      fake.attempts++;
      const failure = failures.shift();
      if (failure !== undefined) {
        res.writeHead(failure.status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: failure.code ?? failure.status, message: 'fake failure', status: failure.status }));
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const message: SentMessage = { accountSid: m[1] ?? '', From: form['From'] ?? '', To: form['To'] ?? '', ...pick(form, ['Body', 'ContentSid', 'ContentVariables']) };
      fake.sent.push(message);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid, account_sid: m[1], status: 'queued', to: message.To, from: message.From, body: message.Body ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

function pick(form: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (form[k] !== undefined ? [[k, form[k]]] : [])));
}
