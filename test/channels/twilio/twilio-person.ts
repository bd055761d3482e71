import { createHmac, randomBytes } from 'node:crypto';

/** The settings the Twilio tests start the app with (fake account; the API is the local fake). */
export const twilioEnv = (apiUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PUBLIC_URL: 'https://huurhulp.example',
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
  TWILIO_SMS_FROM: '+3197010000001',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+31850000001',
  TWILIO_API_BASE_URL: apiUrl,
  ...extra,
});

export const WEBHOOK = '/api/twilio/messages';

/**
 * Twilio's request signature, computed here independently of the twilio package: base64 HMAC-SHA1 with the auth
 * token over the full public URL followed by every POST field name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, fields: Readonly<Record<string, string>>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export interface InboundOptions {
  readonly sid?: string;
  readonly fields?: Record<string, string>;
  /** Sign for this URL instead of the real one, or with this token, or send this signature. */
  readonly signUrl?: string;
  readonly signToken?: string;
  readonly signature?: string | null;
  /** Change the body after signing (a tampered request). */
  readonly tamper?: (fields: Record<string, string>) => Record<string, string>;
}

/** A person's phone, as Twilio delivers its messages to our webhook (form-encoded, signed). */
export function twilioPerson(appUrl: string, env: Record<string, string>, from: string) {
  const publicUrl = `${env['PUBLIC_URL'] ?? ''}${WEBHOOK}`;
  const to = from.startsWith('whatsapp:') ? (env['TWILIO_WHATSAPP_FROM'] ?? '') : (env['TWILIO_SMS_FROM'] ?? '');
  return {
    from,
    async send(body: string, options: InboundOptions = {}): Promise<{ status: number; text: string; sid: string }> {
      const sid = options.sid ?? newMessageSid();
      const fields: Record<string, string> = {
        MessageSid: sid,
        SmsMessageSid: sid,
        AccountSid: env['TWILIO_ACCOUNT_SID'] ?? '',
        From: from,
        To: to,
        Body: body,
        NumMedia: '0',
        NumSegments: '1',
        ApiVersion: '2010-04-01',
        ...options.fields,
      };
      const signature = options.signature === undefined ? twilioSignature(options.signToken ?? env['TWILIO_AUTH_TOKEN'] ?? '', options.signUrl ?? publicUrl, fields) : options.signature;
      const sentFields = options.tamper ? options.tamper(fields) : fields;
      const res = await fetch(`${appUrl}${WEBHOOK}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== null ? { 'x-twilio-signature': signature } : {}) },
        body: new URLSearchParams(sentFields).toString(),
      });
      return { status: res.status, text: await res.text(), sid };
    },
  };
}
