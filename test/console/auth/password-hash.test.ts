import { describe, expect, test } from 'vitest';
import {
  createPasswordHasher,
  defaultScryptParams,
  newPasswordProblem,
  parsePasswordHash,
  passwordHasher,
} from '../../../src/console/auth/password-hash.js';

// Cheap parameters keep the suite fast; one test below uses the real defaults.
const hasher = createPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });
const password = 'correct horse battery staple';

describe('password hashing (scrypt)', () => {
  test('verify accepts the password and refuses any other', async () => {
    const stored = await hasher.hash(password);
    expect(await hasher.verify(password, stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', stored)).toBe(false);
    expect(await hasher.verify(`${password} `, stored)).toBe(false);
    expect(await hasher.verify('Correct horse battery staple', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  test('stores scrypt$N$r$p$salt$key with a fresh random salt each time', async () => {
    const a = await hasher.hash(password);
    const b = await hasher.hash(password);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(password);
    expect(parsePasswordHash(a)?.salt).not.toEqual(parsePasswordHash(b)?.salt);
    expect(parsePasswordHash(a)).toMatchObject({ params: { N: 1024, r: 8, p: 1 } });
    expect(parsePasswordHash(a)?.key).toHaveLength(32);
  });

  test('verify uses the parameters stored with the hash, not the hasher’s own', async () => {
    const stored = await createPasswordHasher({ N: 2 ** 11, r: 4, p: 2 }).hash(password);
    expect(await hasher.verify(password, stored)).toBe(true);
    expect(await hasher.verify('something else entirely', stored)).toBe(false);
  });

  test('a tampered or foreign hash never verifies and never throws', async () => {
    const stored = await hasher.hash(password);
    const [, n, r, p, salt, key] = stored.split('$');
    const flipped = `${key?.slice(0, -2)}${key?.endsWith('AA') ? 'AB' : 'AA'}`;
    for (const bad of [
      '',
      password,
      `scrypt$${n}$${r}$${p}$${salt}$${flipped}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`, // would need gigabytes
      `scrypt$${n}$${r}$${p}$${salt}`,
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
    ]) {
      expect(await hasher.verify(password, bad), bad).toBe(false);
    }
  });

  test('NFC and NFD spellings of one password are the same password', async () => {
    const nfc = 'één geheim wachtwoord';
    const stored = await hasher.hash(nfc);
    expect(await hasher.verify(nfc.normalize('NFD'), stored)).toBe(true);
  });

  test('the dummy verify returns false and costs about as much as a real one', async () => {
    expect(await hasher.verifyDummy(password)).toBe(false);
    // Timing is noisy, so compare generous medians: the dummy must do real scrypt work, not return at once.
    const median = async (run: () => Promise<unknown>): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - start));
      }
      return times.sort((a, b) => a - b)[3] ?? 0;
    };
    const slow = createPasswordHasher({ N: 2 ** 14, r: 8, p: 1 });
    const slowStored = await slow.hash(password);
    const real = await median(() => slow.verify('wrong password here', slowStored));
    const dummy = await median(() => slow.verifyDummy('wrong password here'));
    // Wide bounds (other tests may load the CPU); returning at once would be far below a quarter.
    expect(dummy).toBeGreaterThan(real * 0.25);
    expect(dummy).toBeLessThan(real * 4);
  });

  test('the default hasher uses OWASP-level parameters and works', async () => {
    expect(defaultScryptParams).toEqual({ N: 2 ** 15, r: 8, p: 3 });
    const stored = await passwordHasher.hash(password);
    expect(stored.startsWith('scrypt$32768$8$3$')).toBe(true);
    expect(await passwordHasher.verify(password, stored)).toBe(true);
  });

  test('refuses unsafe parameters and over-long passwords', async () => {
    expect(() => createPasswordHasher({ N: 1000, r: 8, p: 1 })).toThrow(RangeError);
    await expect(hasher.hash('x'.repeat(1025))).rejects.toThrow(RangeError);
    expect(await hasher.verify('x'.repeat(5000), await hasher.hash(password))).toBe(false);
  });
});

describe('newPasswordProblem', () => {
  test.each([
    ['short', /at least 12/],
    ['elf tekens!', /at least 12/],
    [' twelve chars ok', /space/],
    ['x'.repeat(1025), /at most 1024/],
  ])('%j is refused', (candidate, reason) => {
    expect(newPasswordProblem(candidate)).toMatch(reason);
  });

  test('twelve characters (also counted as characters, not UTF-16 units) is enough', () => {
    expect(newPasswordProblem('twaalf tekst')).toBeNull();
    expect(newPasswordProblem('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toMatch(/at least 12/);
    expect(newPasswordProblem('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBeNull();
  });
});
