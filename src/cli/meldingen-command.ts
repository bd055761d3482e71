import { parseArgs } from 'node:util';
import { meldingStatuses, type Melding, type MeldingStatus } from '../domain/melding/melding.js';
import { normalizeReferenceCode } from '../domain/melding/reference-code.js';
import type { MeldingStore } from '../store/melding-store.js';

export const meldingenUsage = `Usage: npm run meldingen -- <command>

  list [--status received|in_progress|closed] [--limit N]
                        stored meldingen, most urgent first (no contact details)
  export HH-XXXXXX      the full melding as JSON (for a person's right of access)
  delete HH-XXXXXX [--yes]
                        erase the melding (asks to confirm unless --yes)

Reads REDIS_URL and REDIS_PREFIX like the server. Exit codes: 0 done, 1 failed or not found, 2 usage.
`;

export type MeldingenCommand =
  | { readonly name: 'help' }
  | { readonly name: 'list'; readonly status?: MeldingStatus; readonly limit: number }
  | { readonly name: 'export'; readonly code: string }
  | { readonly name: 'delete'; readonly code: string; readonly yes: boolean };

export const defaultCliListLimit = 100;
const maxCliListLimit = 10_000;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function isStatus(value: string): value is MeldingStatus {
  return meldingStatuses.some((s) => s === value);
}

/** The command in `argv` (without node and the script), or a UsageError saying what is wrong. */
export function parseMeldingenArgs(argv: readonly string[]): MeldingenCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        status: { type: 'string' },
        limit: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('Name a command: list, export or delete.');
  if (name !== 'list' && values.status !== undefined) throw new UsageError('--status only goes with list.');
  if (name !== 'list' && values.limit !== undefined) throw new UsageError('--limit only goes with list.');
  if (name !== 'delete' && values.yes) throw new UsageError('--yes only goes with delete.');

  if (name === 'list') {
    if (rest.length > 0) throw new UsageError('list takes no code.');
    const status = values.status;
    if (status !== undefined && !isStatus(status)) throw new UsageError(`--status must be one of: ${meldingStatuses.join(', ')}.`);
    const limit = values.limit === undefined ? defaultCliListLimit : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxCliListLimit) throw new UsageError(`--limit must be a whole number from 1 to ${maxCliListLimit}.`);
    return status === undefined ? { name, limit } : { name, status, limit };
  }
  if (name === 'export' || name === 'delete') {
    // "HH 7K3M9P" typed without quotes arrives as two arguments.
    const code = normalizeReferenceCode(rest.join(' '));
    if (code === null) throw new UsageError(`${name} needs one reference code like HH-7K3M9P.`);
    return name === 'delete' ? { name, code, yes: values.yes === true } : { name, code };
  }
  throw new UsageError(`Unknown command "${name}": use list, export or delete.`);
}

export interface MeldingenIo {
  readonly store: MeldingStore;
  readonly now: Date;
  out(text: string): void;
  err(text: string): void;
  /** Asks the question and resolves true only for a clear yes. */
  confirm(question: string): Promise<boolean>;
}

/** Runs a parsed command; returns the exit code (0 done, 1 not found / not confirmed). */
export async function runMeldingenCommand(command: MeldingenCommand, io: MeldingenIo): Promise<number> {
  switch (command.name) {
    case 'help':
      io.out(meldingenUsage);
      return 0;
    case 'list': {
      const meldingen = await io.store.list(command.status === undefined ? { limit: command.limit } : { status: command.status, limit: command.limit });
      io.out(meldingen.length === 0 ? 'No meldingen.\n' : formatMeldingTable(meldingen, io.now));
      return 0;
    }
    case 'export': {
      const melding = await io.store.get(command.code);
      if (!melding) return notFound(command.code, io);
      io.out(`${JSON.stringify(melding, null, 2)}\n`);
      return 0;
    }
    case 'delete': {
      const melding = await io.store.get(command.code);
      if (!melding) return notFound(command.code, io);
      const question = `Delete melding ${melding.code} (${melding.status}, made ${melding.createdAt.slice(0, 10)})? This cannot be undone. Type yes to confirm: `;
      if (!command.yes && !(await io.confirm(question))) {
        io.err(`Not deleted: ${melding.code} is unchanged.\n`);
        return 1;
      }
      if (!(await io.store.delete(melding.code))) return notFound(melding.code, io);
      io.out(`Deleted melding ${melding.code} and its place in the lists.\n`);
      return 0;
    }
  }
}

function notFound(code: string, io: MeldingenIo): number {
  io.err(`No melding ${code}: it may have expired or been deleted.\n`);
  return 1;
}

/** Code, status, urgency, age and gemeente: enough to pick one, without contact details or notes. */
export function formatMeldingTable(meldingen: readonly Melding[], now: Date): string {
  const rows = [
    ['CODE', 'STATUS', 'URGENCY', 'AGE', 'GEMEENTE'],
    ...meldingen.map((m) => [m.code, m.status, m.urgency, formatAge(now.getTime() - Date.parse(m.createdAt)), oneLine(m.gemeente ?? '-', 40)]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) => row.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd()).join('\n') + '\n';
}

/** "3d 4h", "5h 10m", "12m". */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes % 60}m`;
  return `${minutes}m`;
}

// Stored text may hold newlines and tabs; a table row must not.
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}
