import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/shared/errors.js';

const generated = 'g'.repeat(43);
const randomSecret = (): string => generated;
const noRandom = (): string => {
  throw new Error('no secret should be generated when SESSION_SECRET is set');
};

/** Runs loadConfig and returns the ConfigError it must throw. */
function refused(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, randomSecret);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig', () => {
  // toMatchObject: other variables may be added; these must keep their meaning.
  it('has safe defaults for everything, and generates a session secret when none is set', () => {
    const config = loadConfig({}, randomSecret);
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      STORE: 'auto',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'hh',
      SESSION_TTL_DAYS: 30,
      SESSION_SECRET: generated,
      sessionSecretGenerated: true,
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
  });

  it('reads and converts every variable', () => {
    const secret = 's'.repeat(32);
    const config = loadConfig(
      {
        PORT: '8080', HOST: '127.0.0.1', PUBLIC_URL: 'https://huurhulp.example.nl', STORE: 'redis', REDIS_URL: 'rediss://cache.example:6380',
        REDIS_PREFIX: 'hh_prod-1', SESSION_TTL_DAYS: '7', SESSION_SECRET: secret, LOG_LEVEL: 'warn', TRUST_PROXY: 'true',
      },
      noRandom,
    );
    expect(config).toMatchObject({
      PORT: 8080, HOST: '127.0.0.1', PUBLIC_URL: 'https://huurhulp.example.nl', STORE: 'redis', REDIS_URL: 'rediss://cache.example:6380',
      REDIS_PREFIX: 'hh_prod-1', SESSION_TTL_DAYS: 7, SESSION_SECRET: secret, sessionSecretGenerated: false, LOG_LEVEL: 'warn', TRUST_PROXY: true,
    });
  });

  it('treats an empty variable as unset and ignores variables it does not know', () => {
    const config = loadConfig({ PORT: '', STORE: '', SESSION_SECRET: '', HOME: '/somewhere', AWS_SECRET: 'x' }, randomSecret);
    expect(config.PORT).toBe(3000);
    expect(config.STORE).toBe('auto');
    expect(config.sessionSecretGenerated).toBe(true);
    expect(Object.keys(config)).not.toContain('HOME');
    expect(Object.keys(config)).not.toContain('AWS_SECRET');
  });

  it('lists every invalid variable at once', () => {
    const error = refused({
      PORT: 'eighty', HOST: '', PUBLIC_URL: 'not a url', STORE: 'disk', REDIS_URL: 'http://redis:6379', REDIS_PREFIX: 'has space',
      SESSION_TTL_DAYS: '0', SESSION_SECRET: 'short', LOG_LEVEL: 'loud', TRUST_PROXY: 'yes',
    });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.status).toBe(500);
    const named = error.details.map((d) => d.slice(0, d.indexOf(':')));
    // HOST='' counts as unset, so it falls back to its default; all the others are wrong.
    expect(named.sort()).toEqual(['LOG_LEVEL', 'PORT', 'PUBLIC_URL', 'REDIS_PREFIX', 'REDIS_URL', 'SESSION_SECRET', 'SESSION_TTL_DAYS', 'STORE', 'TRUST_PROXY']);
    for (const name of named) expect(error.message).toContain(`${name}: `);
  });

  it('never echoes a value, not even a secret-looking one', () => {
    const values = {
      PORT: 'pw-Hunter2-PORT',
      PUBLIC_URL: 'pw-Hunter2-URL',
      STORE: 'pw-Hunter2-STORE',
      REDIS_URL: 'pw-Hunter2://user:pass@host',
      REDIS_PREFIX: 'pw Hunter2 PREFIX',
      SESSION_TTL_DAYS: 'pw-Hunter2-TTL',
      SESSION_SECRET: 'pw-Hunter2-SECRET',
      LOG_LEVEL: 'pw-Hunter2-LEVEL',
      TRUST_PROXY: 'pw-Hunter2-PROXY',
    };
    const error = refused(values);
    expect(error.details).toHaveLength(Object.keys(values).length);
    const everything = `${error.message}\n${error.details.join('\n')}\n${JSON.stringify(error)}\n${String(error.stack)}`;
    expect(everything).not.toMatch(/Hunter2/);
    expect(everything).not.toContain('user:pass');
  });

  it('refuses a SESSION_SECRET shorter than 32 characters, and accepts exactly 32', () => {
    const error = refused({ SESSION_SECRET: 'x'.repeat(31) });
    expect(error.details).toEqual(['SESSION_SECRET: must be at least 32 characters']);
    expect(loadConfig({ SESSION_SECRET: 'x'.repeat(32) }, noRandom).sessionSecretGenerated).toBe(false);
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['SESSION_TTL_DAYS', '366'],
    ['REDIS_PREFIX', 'a'.repeat(33)],
    ['REDIS_PREFIX', 'hh:*'],
    ['REDIS_CLUSTER_NODES', 'redis://a:7000'],
    ['REDIS_CLUSTER_NODES', 'a:7000,b'],
    ['REDIS_CLUSTER_NODES', 'a:70000'],
    ['REDIS_CLUSTER_NODES', ' , '],
    ['WIDGET_ORIGINS', 'https://www.gemeente.nl/'],
    ['WIDGET_ORIGINS', 'https://www.gemeente.nl/chat'],
    ['WIDGET_ORIGINS', '*'],
    ['WIDGET_ORIGINS', 'ftp://files.example'],
    ['METRICS_TOKEN', 'short'],
  ])('refuses %s=%s', (name, value) => {
    expect(refused({ [name]: value }).details.map((d) => d.split(':')[0])).toEqual([name]);
  });

  it('reads the operations settings: cluster nodes, widget origins, metrics token', () => {
    const config = loadConfig(
      { REDIS_CLUSTER_NODES: 'redis-1:7000, 10.0.0.2:7001,', WIDGET_ORIGINS: 'https://www.gemeente.nl,http://127.0.0.2:8080', METRICS_TOKEN: 'm'.repeat(16) },
      randomSecret,
    );
    expect(config.REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(config.WIDGET_ORIGINS).toEqual(['https://www.gemeente.nl', 'http://127.0.0.2:8080']);
    expect(config.METRICS_TOKEN).toBe('m'.repeat(16));
    // Unset: no cluster, the widget on its own origin only, no /metrics.
    const plain = loadConfig({}, randomSecret);
    expect([plain.REDIS_CLUSTER_NODES, plain.WIDGET_ORIGINS, plain.METRICS_TOKEN]).toEqual([undefined, [], undefined]);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({}, randomSecret);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => Reflect.set(config, 'PORT', 1)).not.toThrow();
    expect(Reflect.set(config, 'PORT', 1)).toBe(false);
    expect(config.PORT).toBe(3000);
  });
});

describe('loadConfig: the Twilio channel', () => {
  const sid = `AC${'0123456789abcdef'.repeat(2)}`;
  const token = 'a-twilio-auth-token-of-32-chars!';
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env, () => 'x'.repeat(43));
      return [];
    } catch (e) {
      return e instanceof ConfigError ? [...e.details] : ['not a ConfigError'];
    }
  };

  it('is off by default, and on with the account, the token, PUBLIC_URL and a sender', () => {
    expect(loadConfig({}, () => 'x'.repeat(43)).TWILIO_ACCOUNT_SID).toBeUndefined();
    const on = loadConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, PUBLIC_URL: 'https://hulp.example', TWILIO_SMS_FROM: '+3197010000000' }, () => 'x'.repeat(43));
    expect(on).toMatchObject({ TWILIO_SMS_FROM: '+3197010000000', TWILIO_API_BASE_URL: 'https://api.twilio.com' });
  });

  it('names what is missing: the other half of the credentials, PUBLIC_URL, a sender; never the values', () => {
    const found = problems({ TWILIO_ACCOUNT_SID: sid });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['PUBLIC_URL', 'TWILIO_AUTH_TOKEN', 'TWILIO_SMS_FROM']);
    expect(found.join('\n')).not.toContain(sid);
    expect(problems({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: token, PUBLIC_URL: 'https://hulp.example', TWILIO_WHATSAPP_FROM: '+31850000000' }).map((p) => p.split(':')[0]).sort()).toEqual([
      'TWILIO_ACCOUNT_SID',
      'TWILIO_WHATSAPP_FROM',
    ]);
  });
});
