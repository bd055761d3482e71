import { luaQueueOrder } from './queue-order.js';

/**
 * The Lua scripts behind RedisHandoffQueue: each state change is one script, so it is atomic on the server.
 * Every key a script touches is passed in KEYS (built by storeKeys in TypeScript). Scripts answer
 * `{status, HGETALL of the ticket after the change, ...}`; times are milliseconds, TTLs seconds.
 * Fields a state does not use are deleted (HDEL), so a missing field means null.
 */
const common = `${luaQueueOrder}
local function touch(ttl, keys)
  for _, key in ipairs(keys) do redis.call('EXPIRE', key, ttl) end
end
`;

/**
 * KEYS: open, ticket (the open one when ARGV[1] is set, else the new one), waiting.
 * ARGV: expected open ticket id ('' for none), conversation id, new id, doc JSON, urgency, now, ttl, open slot.
 * `retry` when the slot's open ticket changed since the caller read it (or was stale and is now dropped).
 */
export const enqueueScript = `${common}
local current = redis.call('HGET', KEYS[1], ARGV[8]) or ''
if current ~= ARGV[1] then return {'retry'} end
local urgency, now, ttl = ARGV[5], ARGV[6], ARGV[7]
if current ~= '' then
  local f = redis.call('HMGET', KEYS[2], 'state', 'urgency')
  if f[1] == 'waiting' or f[1] == 'claimed' then
    local status = 'existing'
    if ranks[urgency] < ranks[f[2]] then
      redis.call('HSET', KEYS[2], 'urgency', urgency, 'updatedAt', now)
      if f[1] == 'waiting' then
        local score = redis.call('ZSCORE', KEYS[3], current)
        if score then
          redis.call('ZADD', KEYS[3], fmt(tonumber(score) + (ranks[urgency] - ranks[f[2]]) * band), current)
        end
      end
      status = 'raised'
    end
    touch(ttl, KEYS)
    return {status, redis.call('HGETALL', KEYS[2])}
  end
  -- The pointer outlived its ticket: drop it, and the caller starts afresh.
  redis.call('HDEL', KEYS[1], ARGV[8])
  return {'retry'}
end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'retry'} end
redis.call('HSET', KEYS[2], 'v', '1', 'id', ARGV[3], 'conversationId', ARGV[2], 'doc', ARGV[4], 'state', 'waiting',
  'urgency', urgency, 'waitingSince', now, 'updatedAt', now, 'claims', '0', 'returns', '0', 'slot', ARGV[8])
redis.call('HSET', KEYS[1], ARGV[8], ARGV[3])
redis.call('ZADD', KEYS[3], waiting_score(urgency, now, false), ARGV[3])
touch(ttl, KEYS)
return {'created', redis.call('HGETALL', KEYS[2])}
`;

/**
 * KEYS: ticket, waiting, claimed, waits. ARGV: id, volunteer, now, lease deadline, ttl, keep samples from, max samples,
 * take over ('1': a coordinator moves someone else's claim to the volunteer).
 * `ok` claimed now; `held` the volunteer already held it (lease extended); `claimed` someone else holds it;
 * `taken` moved from the holder named third.
 */
export const claimScript = `${common}
local id, volunteer, now, lease, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {'not_found'}
end
local f = redis.call('HMGET', KEYS[1], 'state', 'claimedBy', 'waitingSince')
if f[1] == 'closed' then return {'closed', redis.call('HGETALL', KEYS[1])} end
if f[1] == 'claimed' then
  if f[2] ~= volunteer and ARGV[8] == '1' then
    redis.call('HSET', KEYS[1], 'claimedBy', volunteer, 'claimedAt', now, 'leaseUntil', lease, 'updatedAt', now)
    redis.call('HINCRBY', KEYS[1], 'claims', 1)
    redis.call('ZADD', KEYS[3], lease, id)
    touch(ttl, {KEYS[1], KEYS[3]})
    return {'taken', redis.call('HGETALL', KEYS[1]), f[2] or ''}
  end
  if f[2] ~= volunteer then return {'claimed', redis.call('HGETALL', KEYS[1])} end
  redis.call('HSET', KEYS[1], 'leaseUntil', lease)
  redis.call('ZADD', KEYS[3], lease, id)
  touch(ttl, {KEYS[1], KEYS[3]})
  return {'held', redis.call('HGETALL', KEYS[1])}
end
redis.call('ZREM', KEYS[2], id)
redis.call('HSET', KEYS[1], 'state', 'claimed', 'claimedBy', volunteer, 'claimedAt', now, 'leaseUntil', lease, 'updatedAt', now)
if redis.call('HINCRBY', KEYS[1], 'claims', 1) == 1 then
  -- Only a first claim is a sample of how long a new person waits.
  local wait = math.max(0, tonumber(now) - tonumber(f[3]))
  redis.call('ZADD', KEYS[4], now, id .. ':' .. fmt(wait))
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[6])
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(tonumber(ARGV[7]) + 1))
end
redis.call('ZADD', KEYS[3], lease, id)
touch(ttl, KEYS)
return {'ok', redis.call('HGETALL', KEYS[1])}
`;

/** KEYS: claimed, then the tickets to check. ARGV: volunteer, lease deadline, ttl, then their ids. Returns the extended ids. */
export const heartbeatScript = `
local extended = {}
for i = 2, #KEYS do
  local id = ARGV[i + 2]
  local f = redis.call('HMGET', KEYS[i], 'state', 'claimedBy')
  if f[1] == 'claimed' and f[2] == ARGV[1] and redis.call('ZSCORE', KEYS[1], id) then
    redis.call('HSET', KEYS[i], 'leaseUntil', ARGV[2])
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    redis.call('EXPIRE', KEYS[i], ARGV[3])
    extended[#extended + 1] = id
  end
end
if #extended > 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return extended
`;

/**
 * KEYS: ticket, waiting, claimed. ARGV: id, volunteer, now, ttl, force ('1': whoever holds it, for a coordinator).
 * Back to its place by waiting time. Answers {status, HGETALL, former holder}.
 */
export const releaseScript = `${common}
local id, now = ARGV[1], ARGV[3]
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {'not_found'}
end
local f = redis.call('HMGET', KEYS[1], 'state', 'claimedBy', 'urgency', 'waitingSince')
if f[1] == 'closed' then return {'closed', redis.call('HGETALL', KEYS[1])} end
if f[1] ~= 'claimed' or (f[2] ~= ARGV[2] and ARGV[5] ~= '1') then return {'not_held', redis.call('HGETALL', KEYS[1])} end
redis.call('ZREM', KEYS[3], id)
redis.call('ZADD', KEYS[2], waiting_score(f[3], f[4], false), id)
redis.call('HSET', KEYS[1], 'state', 'waiting', 'lastReturn', 'released', 'updatedAt', now)
redis.call('HINCRBY', KEYS[1], 'returns', 1)
redis.call('HDEL', KEYS[1], 'claimedBy', 'claimedAt', 'leaseUntil')
touch(ARGV[4], KEYS)
return {'ok', redis.call('HGETALL', KEYS[1]), f[2] or ''}
`;

/**
 * KEYS: waiting, claimed, then candidate tickets. ARGV: now, ttl, then ids (ARGV[i] is the id of KEYS[i], i >= 3).
 * Re-checks each lease, so candidates read a moment earlier are safe. Returns {former holder, HGETALL} per expired claim.
 */
export const expireScript = `${common}
local out = {}
for i = 3, #KEYS do
  local id = ARGV[i]
  local lease = redis.call('ZSCORE', KEYS[2], id)
  if lease and tonumber(lease) <= tonumber(ARGV[1]) then
    redis.call('ZREM', KEYS[2], id)
    local f = redis.call('HMGET', KEYS[i], 'state', 'claimedBy', 'urgency', 'waitingSince')
    if f[1] == 'claimed' then
      redis.call('ZADD', KEYS[1], waiting_score(f[3], f[4], true), id)
      redis.call('HSET', KEYS[i], 'state', 'waiting', 'lastReturn', 'expired', 'updatedAt', ARGV[1])
      redis.call('HINCRBY', KEYS[i], 'returns', 1)
      redis.call('HDEL', KEYS[i], 'claimedBy', 'claimedAt', 'leaseUntil')
      redis.call('EXPIRE', KEYS[i], ARGV[2])
      out[#out + 1] = {f[2] or '', redis.call('HGETALL', KEYS[i])}
    end
  end
end
if #out > 0 then touch(ARGV[2], {KEYS[1], KEYS[2]}) end
return out
`;

/** KEYS: ticket, claimed, closed, open. ARGV: id, volunteer, outcome, now, ttl, keep closed from. */
export const closeScript = `${common}
local id, now = ARGV[1], ARGV[4]
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], id)
  return {'not_found'}
end
local f = redis.call('HMGET', KEYS[1], 'state', 'claimedBy', 'conversationId', 'slot')
if f[1] == 'closed' then return {'closed', redis.call('HGETALL', KEYS[1])} end
if f[1] ~= 'claimed' or f[2] ~= ARGV[2] then return {'not_held', redis.call('HGETALL', KEYS[1])} end
redis.call('ZREM', KEYS[2], id)
redis.call('HSET', KEYS[1], 'state', 'closed', 'closedAt', now, 'closedBy', ARGV[2], 'outcome', ARGV[3],
  'closeReason', 'handled', 'updatedAt', now)
redis.call('HDEL', KEYS[1], 'claimedBy', 'leaseUntil')
redis.call('ZADD', KEYS[3], now, id)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[6])
local slot = f[4] or f[3]
if redis.call('HGET', KEYS[4], slot) == id then redis.call('HDEL', KEYS[4], slot) end
touch(ARGV[5], KEYS)
return {'ok', redis.call('HGETALL', KEYS[1])}
`;

/** KEYS: ticket, waiting, claimed, closed, open. ARGV: id, now, ttl, keep closed from. Answers {status, HGETALL, former holder}. */
export const cancelScript = `${common}
local id, now = ARGV[1], ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {'not_found'}
end
local f = redis.call('HMGET', KEYS[1], 'state', 'claimedBy', 'conversationId', 'slot')
if f[1] == 'closed' then return {'closed', redis.call('HGETALL', KEYS[1])} end
redis.call('ZREM', KEYS[2], id)
redis.call('ZREM', KEYS[3], id)
redis.call('HSET', KEYS[1], 'state', 'closed', 'closedAt', now, 'closeReason', 'cancelled', 'updatedAt', now)
redis.call('HDEL', KEYS[1], 'claimedBy', 'leaseUntil')
redis.call('ZADD', KEYS[4], now, id)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[4])
local slot = f[4] or f[3]
if redis.call('HGET', KEYS[5], slot) == id then redis.call('HDEL', KEYS[5], slot) end
touch(ARGV[3], KEYS)
return {'ok', redis.call('HGETALL', KEYS[1]), f[2] or ''}
`;

/** KEYS: ticket, waiting, claimed, closed, open. ARGV: id. Answers {status, HGETALL before the erase}. */
export const eraseScript = `
local id = ARGV[1]
local before = redis.call('HGETALL', KEYS[1])
-- Tickets from before the slots were keyed by their conversation id.
local conversation = redis.call('HGET', KEYS[1], 'slot') or redis.call('HGET', KEYS[1], 'conversationId')
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], id)
redis.call('ZREM', KEYS[3], id)
redis.call('ZREM', KEYS[4], id)
if conversation and redis.call('HGET', KEYS[5], conversation) == id then redis.call('HDEL', KEYS[5], conversation) end
if #before == 0 then return {'not_found'} end
return {'ok', before}
`;
