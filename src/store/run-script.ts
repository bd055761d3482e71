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
  const tail = [String(keys.length), ...keys, ...args];
  // A cluster routes by the first key (every key of a script shares its hash slot).
  const send = (command: string[]): Promise<unknown> => (isCluster(client) ? client.sendCommand(keys[0], false, command) : client.sendCommand(command));
  try {
    return await send(['EVALSHA', script.SHA1, ...tail]);
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
    return send(['EVAL', script.SCRIPT, ...tail]);
  }
}
