import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters: N (CPU/memory cost, a power of 2), r (block size), p (parallelisation). */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt option N=2^15, r=8, p=3: 32 MiB and roughly 0.1-0.3 s per hash on a server core. */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

export const minPasswordLength = 12;
/** Longer input is refused before hashing, so nobody can make the server hash megabytes. */
export const maxPasswordLength = 1024;

const saltBytes = 16;
const keyBytes = 32;
// Bounds for parameters read back from a stored hash: a tampered record must not make one login eat gigabytes.
const maxMemoryBytes = 256 * 1024 * 1024;

/** Stored form: `scrypt$N$r$p$<salt base64url>$<key base64url>`. */
export interface ParsedPasswordHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function validParams({ N, r, p }: ScryptParams): boolean {
  const int = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;
  // N must be a power of two above 1 (scrypt's own rule).
  return int(N, 2, 2 ** 24) && (N & (N - 1)) === 0 && int(r, 1, 64) && int(p, 1, 64) && 128 * N * r <= maxMemoryBytes;
}

function derive(password: string, salt: Buffer, length: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  // NFC: the same password typed on another keyboard or OS yields the same bytes.
  const bytes = Buffer.from(password.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    // maxmem above Node's 32 MiB default, which the default parameters would just exceed.
    scrypt(bytes, salt, length, { N, r, p, maxmem: 2 * 128 * N * r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The parts of a stored hash, or null when it is not one this module wrote (or has unsafe parameters). */
export function parsePasswordHash(stored: string): ParsedPasswordHash | null {
  const m = /^scrypt\$(\d{1,9})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{16,128})$/.exec(stored);
  if (!m) return null;
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (!validParams(params)) return null;
  return { params, salt: Buffer.from(m[4] ?? '', 'base64url'), key: Buffer.from(m[5] ?? '', 'base64url') };
}

export interface PasswordHasher {
  readonly params: ScryptParams;
  /** A new salted hash of `password` in the stored form. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches `stored`; false (not an error) for a malformed stored hash. Constant-time compare. */
  verify(password: string, stored: string): Promise<boolean>;
  /**
   * Does the work of one verify and returns false: call it for an unknown username, so the answer
   * takes as long as for a known one and timing does not reveal which usernames exist.
   */
  verifyDummy(password: string): Promise<false>;
}

export function createPasswordHasher(params: ScryptParams = defaultScryptParams): PasswordHasher {
  if (!validParams(params)) throw new RangeError('Invalid scrypt parameters.');
  const verifyDummy = async (password: string): Promise<false> => {
    const key = await derive(password.slice(0, maxPasswordLength), randomBytes(saltBytes), keyBytes, params);
    // Compared like a real key, so the dummy path does the same steps as verify.
    timingSafeEqual(key, Buffer.alloc(keyBytes));
    return false;
  };
  return {
    params,
    async hash(password) {
      if (password.length > maxPasswordLength) throw new RangeError(`A password has at most ${maxPasswordLength} characters.`);
      const salt = randomBytes(saltBytes);
      const key = await derive(password, salt, keyBytes, params);
      return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    async verify(password, stored) {
      const parsed = parsePasswordHash(stored);
      if (parsed === null || password.length > maxPasswordLength) return verifyDummy(password);
      const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
      return timingSafeEqual(key, parsed.key);
    },
    verifyDummy,
  };
}

/** The hasher with the default parameters, for the CLI and the server. */
export const passwordHasher: PasswordHasher = createPasswordHasher();

/** Why `password` is not acceptable as a new password, or null when it is. English: for the CLI operator. */
export function newPasswordProblem(password: string): string | null {
  const length = Array.from(password).length;
  if (length < minPasswordLength) return `The password needs at least ${minPasswordLength} characters.`;
  if (password.length > maxPasswordLength) return `The password has at most ${maxPasswordLength} characters.`;
  if (password.trim() !== password) return 'The password must not start or end with a space.';
  return null;
}
