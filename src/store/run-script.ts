import { defineScript } from '@redis/client';
import { isCluster, type RedisClient } from './connect-redis.js';

/** A Lua script with its SHA1, sent as EVALSHA (the text only once per server, after a NOSCRIPT). */
export interface LuaScript {
  readonly SCRIPT: string;
  readonly SHA1: string;
}

export function luaScript(source: string): LuaScript {
  // defineScript wants a command shape for the typed client API; we only use its SHA1 with sendCommand.
  const defined = defineScript({ SCRIPT: source, parseCommand: () => undefined, transformReply: () => null as never });
  return { SCRIPT: source, SHA1: defined.SHA1 };
}

/**
 * EVALSHA, falling back to EVAL when the server does not know the script yet (a new or restarted Redis), as
 * node-redis does for scripts given to createClient. Sent through sendCommand, so calls issued in the same tick are
 * pipelined with the other commands of the turn.
 */
export async function runScript(client: RedisClient, script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
  // One array, built once: the command, the script's SHA1 (or its text after NOSCRIPT), the keys and the arguments.
  const command = new Array<string>(3 + keys.length + args.length);
  command[0] = 'EVALSHA';
  command[1] = script.SHA1;
  command[2] = String(keys.length);
  for (let i = 0; i < keys.length; i++) command[3 + i] = keys[i] ?? '';
  for (let i = 0; i < args.length; i++) command[3 + keys.length + i] = args[i] ?? '';
  // A cluster routes by the first key (every key of a script shares its hash slot).
  const cluster = isCluster(client);
  const send = (): Promise<unknown> => (cluster ? client.sendCommand(keys[0], false, command) : client.sendCommand(command));
  try {
    return await send();
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
    command[0] = 'EVAL';
    command[1] = script.SCRIPT;
    return send();
  }
}
