import module from 'node:module';

/**
 * Turns on Node's module compile cache before the server's modules load, and returns the function that writes it
 * to disk once the server is ready (issue #12: start-up). Most of the start is compiling Botkit's and
 * botbuilder's module tree; with the cache, V8 reuses the code it compiled on an earlier start instead. The first
 * start after an install or an update writes it; a stale entry (changed file, other Node) is simply not used.
 * Where (NODE_COMPILE_CACHE, else the system's temporary folder) and whether (NODE_DISABLE_COMPILE_CACHE=1) are
 * Node's own settings. A cache that cannot be written costs nothing but the time saved; it never fails a start.
 */
export function startCompileCache(): () => void {
  module.enableCompileCache();
  // Written after the start, not at exit: a process that is killed (a deploy, a crash) would never write it.
  return () => module.flushCompileCache();
}
