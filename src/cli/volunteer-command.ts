import { parseArgs } from 'node:util';
import { newPasswordProblem, type PasswordHasher } from '../console/auth/password-hash.js';
import { normalizeUsername, volunteerRoles, type VolunteerRole, type VolunteerStore, type VolunteerSummary } from '../console/auth/volunteer-store.js';
import { HuurhulpError } from '../shared/errors.js';
import type { TeamsStore } from '../store/teams-store.js';

export const volunteerUsage = `Usage: npm run volunteer -- <command>

  add <username> [--role volunteer|coordinator] [--replace]
                        create a console account; the password is read from stdin
                        (typed at a prompt, or the first line of piped input), at least 12 characters.
                        --replace sets a new password and role for an existing account.
  list                  the accounts with role, creation date and last login
  remove <username>     delete an account; its open console sessions end at their next request
  link-teams <username> <aadObjectId>
                        let this Teams user (their Entra object id, a GUID) claim chats from Teams as <username>;
                        replaces an earlier link of that Teams user. Volunteers can also link themselves with a
                        one-time code from the console.

Usernames: 3 to 40 characters a-z, 0-9, dot, underscore or hyphen (capitals are folded to small letters).
Reads REDIS_URL, REDIS_PREFIX and ACCOUNT_TTL_DAYS like the server: an account expires after
ACCOUNT_TTL_DAYS (default 365) without a login. Exit codes: 0 done, 1 failed, 2 usage.
`;

export type VolunteerCommand =
  | { readonly name: 'help' }
  | { readonly name: 'add'; readonly username: string; readonly role: VolunteerRole; readonly replace: boolean }
  | { readonly name: 'list' }
  | { readonly name: 'remove'; readonly username: string }
  | { readonly name: 'link-teams'; readonly username: string; readonly aadObjectId: string };

/** An Entra object id: a GUID. */
const aadObjectIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function isRole(value: string): value is VolunteerRole {
  return volunteerRoles.some((r) => r === value);
}

function usernameArg(name: string, rest: readonly string[]): string {
  const [raw, ...extra] = rest;
  if (raw === undefined || extra.length > 0) throw new UsageError(`${name} needs exactly one username.`);
  const username = normalizeUsername(raw);
  if (username === null) throw new UsageError('A username has 3 to 40 characters a-z, 0-9, dot, underscore or hyphen.');
  return username;
}

/** The command in `argv` (without node and the script), or a UsageError saying what is wrong. */
export function parseVolunteerArgs(argv: readonly string[]): VolunteerCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { role: { type: 'string' }, replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('Name a command: add, list, remove or link-teams.');
  if (name !== 'add' && (values.role !== undefined || values.replace)) throw new UsageError('--role and --replace only go with add.');
  if (name === 'add') {
    const role = values.role ?? 'volunteer';
    if (!isRole(role)) throw new UsageError(`--role must be one of: ${volunteerRoles.join(', ')}.`);
    return { name, username: usernameArg(name, rest), role, replace: values.replace === true };
  }
  if (name === 'remove') return { name, username: usernameArg(name, rest) };
  if (name === 'link-teams') {
    const [user, aadObjectId, ...extra] = rest;
    if (user === undefined || aadObjectId === undefined || extra.length > 0) throw new UsageError('link-teams needs a username and an Entra object id.');
    if (!aadObjectIdPattern.test(aadObjectId)) throw new UsageError('The Entra object id is a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e.');
    return { name, username: usernameArg(name, [user]), aadObjectId: aadObjectId.toLowerCase() };
  }
  if (name === 'list') {
    if (rest.length > 0) throw new UsageError('list takes no arguments.');
    return { name };
  }
  throw new UsageError(`Unknown command "${name}": use add, list, remove or link-teams.`);
}

export interface VolunteerIo {
  readonly store: VolunteerStore;
  /** Links Teams users to accounts (link-teams). */
  readonly teams: Pick<TeamsStore, 'link'>;
  readonly hasher: PasswordHasher;
  /** For the message after `add`. */
  readonly accountTtlDays: number;
  /** The new password: typed at a prompt, or the first line of stdin. */
  readPassword(prompt: string): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

/** Runs a parsed command; returns the exit code (0 done, 1 failed). */
export async function runVolunteerCommand(command: VolunteerCommand, io: VolunteerIo): Promise<number> {
  switch (command.name) {
    case 'help':
      io.out(volunteerUsage);
      return 0;
    case 'add':
      return add(command, io);
    case 'list': {
      const accounts = await io.store.list();
      io.out(accounts.length === 0 ? 'No accounts.\n' : formatVolunteerTable(accounts));
      return 0;
    }
    case 'link-teams': {
      if ((await io.store.get(command.username)) === null) {
        io.err(`No account ${command.username}: add it first with "add ${command.username}".\n`);
        return 1;
      }
      await io.teams.link(command.aadObjectId, command.username);
      io.out(`Linked the Teams user to ${command.username}: they can now take chats from Teams alert cards.\n`);
      return 0;
    }
    case 'remove': {
      if (!(await io.store.remove(command.username))) {
        io.err(`No account ${command.username}: it may have expired or been removed.\n`);
        return 1;
      }
      io.out(`Removed account ${command.username}. Its open console sessions end at their next request.\n`);
      return 0;
    }
  }
}

async function add(command: Extract<VolunteerCommand, { name: 'add' }>, io: VolunteerIo): Promise<number> {
  // Checked before asking, so nobody types a password for nothing (the store checks again atomically).
  if (!command.replace && (await io.store.get(command.username)) !== null) return exists(command.username, io);
  const password = await io.readPassword(`Password for ${command.username} (at least 12 characters): `);
  const problem = newPasswordProblem(password);
  if (problem !== null) {
    io.err(`${problem} No account was changed.\n`);
    return 1;
  }
  try {
    await io.store.add({ username: command.username, role: command.role, passwordHash: await io.hasher.hash(password), replace: command.replace });
  } catch (error) {
    if (error instanceof HuurhulpError && error.code === 'ACCOUNT_EXISTS') return exists(command.username, io);
    throw error;
  }
  io.out(
    `${command.replace ? 'Saved' : 'Added'} account ${command.username} (role ${command.role}). ` +
      `It expires after ${io.accountTtlDays} days without a login.\n`,
  );
  return 0;
}

function exists(username: string, io: VolunteerIo): number {
  io.err(`An account ${username} already exists. Use --replace to give it a new password or role.\n`);
  return 1;
}

export function formatVolunteerTable(accounts: readonly VolunteerSummary[]): string {
  const rows = [['USERNAME', 'ROLE', 'CREATED', 'LAST LOGIN'], ...accounts.map((a) => [a.username, a.role, a.createdAt.slice(0, 10), a.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? 'never'])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) => row.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd()).join('\n') + '\n';
}
