/**
 * A Lua helper for scripts that keep index keys: an index only ever gets a longer TTL, never a shorter one,
 * so it outlives every entry it lists (expired entries are pruned when read).
 */
export const luaExtendTtl = `
local function extend(key, ttl)
  if redis.call('TTL', key) < ttl then redis.call('EXPIRE', key, ttl) end
end
`;
