import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from '@redis/client';
import { StoreError } from '../shared/errors.js';

const queueFull = 'The queue is full';

/** Redis replies that mean "not now" rather than "wrong command": loading, out of memory, a failover. */
const unavailableReply = /^(LOADING|OOM|MASTERDOWN|READONLY|BUSY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;

/**
 * Whether an error means the store cannot be reached right now (issue #11 finding 2): a StoreError
 * STORE_UNAVAILABLE, or a node-redis connection error or "not now" reply, also when wrapped as a cause.
 * The HTTP and websocket edges answer those with 503 STORE_UNAVAILABLE instead of 500.
 */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || !(error instanceof Error)) return false;
  if (error instanceof StoreError) return error.code === 'STORE_UNAVAILABLE';
  if (
    error instanceof ClientOfflineError ||
    error instanceof ClientClosedError ||
    error instanceof ConnectionTimeoutError ||
    error instanceof SocketClosedUnexpectedlyError ||
    error instanceof SocketTimeoutError ||
    error instanceof TimeoutError ||
    error instanceof ReconnectStrategyError
  ) {
    return true;
  }
  if (error instanceof ErrorReply && unavailableReply.test(error.message)) return true;
  // node-redis's plain Error when commandsQueueMaxLength is reached (a hung Redis): not now, rather than a fault.
  if (error.message === queueFull) return true;
  return isStoreUnavailable(error.cause, depth + 1);
}
