import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod/v4';
import { waitFor } from './helpers/wait-for.js';

/** The repository root: `npm start` runs from there. */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const logLineSchema = z.looseObject({ level: z.number(), msg: z.string() });
export type LogLine = z.infer<typeof logLineSchema>;

/** The real entry (`npm start` = `node dist/main.js`, compiled by the tests' global setup) as a child process, with its output kept. */
export interface MainProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** stdout lines that are pino JSON log lines. */
  logs(): LogLine[];
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Waits for the "huurhulp is running" line and returns the URL it names (localhost -> 127.0.0.1). */
  running(timeoutMs?: number): Promise<string>;
  /** SIGTERM, then waits for the exit; SIGKILL if it does not come. */
  stop(): Promise<number | string>;
}

/** Starts `node dist/main.js` with exactly `env` (plus PATH), never this process's environment. */
export function runMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let exitedWith: number | string | null = null;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      resolve(exitedWith);
    });
  });
  const logs = (): LogLine[] =>
    out.split('\n').flatMap((line) => {
      try {
        const parsed = logLineSchema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  return {
    child,
    output: () => out,
    logs,
    exited,
    async running(timeoutMs = 15_000) {
      const find = (): LogLine | undefined => logs().find((l) => l.msg.startsWith('huurhulp is running'));
      await waitFor(() => find() !== undefined || exitedWith !== null, `"huurhulp is running" in:\n${out}`, timeoutMs);
      const line = find();
      if (line === undefined) throw new Error(`huurhulp exited (${String(exitedWith)}) before running:\n${out}`);
      const url = /https?:\/\/\S+/.exec(line.msg)?.[0];
      if (url === undefined) throw new Error(`no URL in "${line.msg}"`);
      return url.replace('//localhost:', '//127.0.0.1:');
    },
    async stop() {
      if (exitedWith !== null) return exitedWith;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
