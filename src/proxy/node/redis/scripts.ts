/**
 * The Lua scripts that keep the shared limits in Redis. Each runs whole or not at all, so
 * instances never race between reading a window and writing it, and each reads Redis's own
 * clock (`TIME`), so instances whose clocks disagree still keep one window. They mirror the
 * in-memory `SlidingWindow`, `FairBudget` and token bucket rule for rule.
 *
 * A budget's keys share one hash tag (`earful:{name}:…`), so the scripts also run on a
 * Redis Cluster. Its log holds one member per slot, `<seq>:<owner>`, scored by when the slot
 * was taken; its active set one member per delivery under way, `<token>:<client>`, scored by
 * when that lease ends; its waiting set the clients told to come back, scored by until when.
 */

/** Milliseconds on Redis's clock. */
const NOW = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;

/**
 * Takes `n` slots for `owner`, or first moves the reserved `slot` to now when one is given and
 * still in the window. Answers `{ wait }`: 0 and the names of the slots taken, or the
 * milliseconds until the window, and `owner`'s fair share of it, have room.
 * KEYS: log, blocked, active, waiting, seq. ARGV: owner, n, limit, windowMs, slot ('' for none).
 */
export const TAKE = `${NOW}
local log, blocked, active, waiting, seq = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local owner, n, limit, windowMs, slot = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]

redis.call('ZREMRANGEBYSCORE', log, '-inf', now - windowMs)
local blockedUntil = tonumber(redis.call('GET', blocked) or '0')
if blockedUntil > now then return { blockedUntil - now } end

if slot ~= '' and redis.call('ZSCORE', log, slot) then
  redis.call('ZADD', log, now, slot)
  redis.call('PEXPIRE', log, windowMs)
  return { 0 }
end

-- The others that want slots: clients with a delivery under way, and clients told to come back.
redis.call('ZREMRANGEBYSCORE', active, '-inf', now)
redis.call('ZREMRANGEBYSCORE', waiting, '-inf', now)
local others = redis.call('ZCARD', waiting)
if redis.call('ZSCORE', waiting, owner) then others = others - 1 end
local seen = {}
for _, lease in ipairs(redis.call('ZRANGE', active, 0, -1)) do
  local client = string.sub(lease, string.find(lease, ':', 1, true) + 1)
  if client ~= owner and not seen[client] then
    seen[client] = true
    if not redis.call('ZSCORE', waiting, client) then others = others + 1 end
  end
end
local share = math.max(1, math.floor(limit / (others + 1)))

-- The window's stamps, oldest first, and those of owner.
local stamps = redis.call('ZRANGE', log, 0, -1, 'WITHSCORES')
local all, held = {}, {}
for i = 1, #stamps, 2 do
  local at = tonumber(stamps[i + 1])
  table.insert(all, at)
  local member = stamps[i]
  if string.sub(member, string.find(member, ':', 1, true) + 1) == owner then table.insert(held, at) end
end
local function freedAfter(ats, count) return ats[math.min(count, #ats)] + windowMs - now end

local windowWait = 0
if #all + n > limit then windowWait = freedAfter(all, #all + n - limit) end
-- A client that holds nothing may take more than its share for one item.
if #held > 0 and #held + n > share then
  return { math.max(freedAfter(held, #held + n - share), windowWait) }
end
if windowWait > 0 then return { windowWait } end

local last = redis.call('INCRBY', seq, n)
local taken = { 0 }
for i = 1, n do
  local member = (last - n + i) .. ':' .. owner
  redis.call('ZADD', log, now, member)
  table.insert(taken, member)
end
redis.call('PEXPIRE', log, windowMs)
return taken
`;

/**
 * A delivery of `client` starts: its lease, which ends by itself should the instance die.
 * KEYS: active. ARGV: token, client, leaseMs.
 */
export const BEGIN = `${NOW}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1] .. ':' .. ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 0
`;

/**
 * A delivery of `client` ends; told to come back in `comeBackInMs` (-1: not), it counts as
 * waiting until `slackMs` past that. At most `maxWaiting` are kept, the soonest-ending dropped.
 * KEYS: active, waiting. ARGV: token, client, comeBackInMs, slackMs, maxWaiting.
 */
export const END = `${NOW}
local active, waiting = KEYS[1], KEYS[2]
local client, comeBack = ARGV[2], tonumber(ARGV[3])
redis.call('ZREM', active, ARGV[1] .. ':' .. client)
redis.call('ZREM', waiting, client)
if comeBack >= 0 then
  local ttl = comeBack + tonumber(ARGV[4])
  redis.call('ZADD', waiting, now + ttl, client)
  local excess = redis.call('ZCARD', waiting) - tonumber(ARGV[5])
  if excess > 0 then redis.call('ZPOPMIN', waiting, excess) end
  if redis.call('PTTL', waiting) < ttl then redis.call('PEXPIRE', waiting, ttl) end
end
return 0
`;

/** Nothing may be taken for `ms` (an upstream's Retry-After). KEYS: blocked. ARGV: ms. */
export const BLOCK = `${NOW}
local ms = tonumber(ARGV[1])
local blockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > blockedUntil then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 0
`;

/** Keeps ARGV[1] under KEYS[1] for ARGV[2] ms unless a value is there; answers the value there now. */
export const SET_FIRST = `
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return ARGV[1]
`;

/**
 * Takes one token of a client's bucket (`burst` at once, refilled at `perMinute`): answers 0,
 * or the milliseconds until a token is free. KEYS: bucket. ARGV: perMinute, burst.
 */
export const TAKE_TOKEN = `${NOW}
local perMs, burst = tonumber(ARGV[1]) / 60000, tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if state[1] then tokens = math.min(burst, tonumber(state[1]) + (now - tonumber(state[2])) * perMs) end
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) / perMs) else tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMs))
return wait
`;
