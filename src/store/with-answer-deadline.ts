import type { AnswerDeadline } from './answer-deadline.js';

/** Methods whose result is a command builder (its `exec` answers later): the builder gets the deadline too. */
const builders = new Set<PropertyKey>(['multi', 'MULTI']);
/**
 * Methods whose result is not one command's answer: a second connection for subscriptions (it waits for
 * messages by design) and the calls that open or end the connection (they have their own timeouts).
 */
const passThrough = new Set<PropertyKey>(['duplicate', 'connect', 'close', 'destroy', 'disconnect', 'quit', 'QUIT']);

/**
 * The client as the stores see it: every call that returns a promise (a command, a script, a MULTI's `exec`)
 * answers within the deadline or fails as STORE_UNAVAILABLE. One place, so no store can forget it. The client's
 * own methods run on the client itself (`this` is never the proxy), so node-redis's internals see no difference.
 */
export function withAnswerDeadline<C extends object>(client: C, deadline: AnswerDeadline): C {
  const methods = new Map<PropertyKey, unknown>();
  const proxy: C = new Proxy(client, {
    get(target, prop) {
      // A method wrapped once is the answer from then on (node-redis never replaces its methods): the turn's calls
      // pass the proxy with one lookup (issue #12).
      const known = methods.get(prop);
      if (known !== undefined) return known;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || passThrough.has(prop)) return value;
      const method = (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args);
        if (result instanceof Promise) return deadline.within(result);
        if (result === target) return proxy;
        if (builders.has(prop) && typeof result === 'object' && result !== null) return withAnswerDeadline(result, deadline);
        return result;
      };
      methods.set(prop, method);
      return method;
    },
  });
  return proxy;
}
