// The sliding-window log in Redis, for limiters in several processes. Per token (KEYS):
//   1 `<prefix>:answered`  sorted set: one member per request answered in the window, scored by when
//   2 `<prefix>:inflight`  sorted set: one member per request in flight, scored by its lease's end
//   3 `<prefix>:paused`    present while a 429's Retry-After runs
// Time is Redis's own clock (TIME), so hosts with drifting clocks still agree.

// Milliseconds with their microseconds: a whole-millisecond clock would let a new request start up
// to 1 ms before the window of an answer it follows has passed.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000`;

/**
 * ARGV: limit, windowMs, maxConcurrent, leaseMs, member.
 * Returns {0, 0} when the request may go (its lease is taken), else {reason, ms to wait}:
 * 1 paused, 2 concurrency, 3 budget.
 */
export const ACQUIRE = `${NOW}
local limit, window, concurrency, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return {1, paused} end
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, member in ipairs(lapsed) do
  redis.call('ZREM', KEYS[2], member)
  redis.call('ZADD', KEYS[1], now, member)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local running = redis.call('ZCARD', KEYS[2])
if running >= concurrency then
  local next = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {2, math.max(1, math.min(50, math.ceil(tonumber(next[2]) - now)))}
end
local answered = redis.call('ZCARD', KEYS[1])
if running + answered >= limit then
  if answered == 0 then return {3, 50} end
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {3, math.max(1, math.ceil(tonumber(oldest[2]) + window - now))}
end
redis.call('ZADD', KEYS[2], now + lease, ARGV[5])
redis.call('PEXPIRE', KEYS[1], window + lease)
redis.call('PEXPIRE', KEYS[2], window + lease)
return {0, 0}`;

/**
 * ARGV: member, sent (1 or 0), windowMs, leaseMs. Ends a lease; a request that was sent enters
 * the log at the moment its answer arrived, one that never left (aborted) takes nothing.
 */
export const RELEASE = `${NOW}
if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 and ARGV[2] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[4]))
end
return 0`;

/** ARGV: ms. Holds every process's requests with this token for `ms`, unless a longer pause runs. */
export const PAUSE = `if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0`;
