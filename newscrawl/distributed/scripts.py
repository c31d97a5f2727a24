"""Lua scripts: each moves a request or a claim between keys in one atomic step, so a worker
killed at any instant leaves every request either queued, in someone's in-flight list, or done.

Entries of in-flight and claims hashes are '<score> <serialized request>' (score as in the
scrapy-redis priority queue); a claim made before its request was known is ''.
"""

from __future__ import annotations

_REQUEUE = """
local function requeue(entry)
  if entry and entry ~= '' then
    local at = string.find(entry, ' ', 1, true)
    redis.call('ZADD', KEYS_QUEUE, tonumber(string.sub(entry, 1, at - 1)),
               string.sub(entry, at + 1))
    return 1
  end
  return 0
end
"""

POP = """
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 0 then return false end
local items = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #items == 0 then return false end
redis.call('ZREM', KEYS[1], items[1])
local id = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], id, items[2] .. ' ' .. items[1])
return {tostring(id), items[1]}
"""
"""KEYS: queue, in-flight hash, sequence, workers; ARGV: worker → {id, request} taken from the
queue, or nil. A worker no longer registered (reaped: a command it sent before it was declared
dead, run late) takes nothing, so nothing lands in an in-flight hash no one reaps."""

REQUEUE_ONE = "local KEYS_QUEUE = KEYS[2]" + _REQUEUE + """
local n = requeue(redis.call('HGET', KEYS[1], ARGV[1]))
redis.call('HDEL', KEYS[1], ARGV[1])
return n
"""
"""KEYS: in-flight hash, queue; ARGV: id → put that request back on the queue."""

REQUEUE_ALL = "local KEYS_QUEUE = KEYS[2]" + _REQUEUE + """
local n = 0
for _, entry in ipairs(redis.call('HVALS', KEYS[1])) do n = n + requeue(entry) end
redis.call('DEL', KEYS[1])
return n
"""
"""KEYS: in-flight hash, queue → how many requests were put back."""

CLAIM = """
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], 'claimed:' .. ARGV[2]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], '')
  return 1
end
return 0
"""
"""KEYS: articles, claims of this worker, workers; ARGV: canonical URL, worker → 1 when now
ours, 0 when another worker has it, -1 when this worker is no longer registered (reaped)."""

RELEASE = """
if redis.call('HGET', KEYS[1], ARGV[1]) == 'claimed:' .. ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
end
redis.call('HDEL', KEYS[2], ARGV[1])
"""
"""KEYS: articles, claims; ARGV: URL, worker: a claim whose article was not exported."""

ATTACH = """
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry and redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[2], entry)
end
redis.call('HDEL', KEYS[1], ARGV[1])
"""
"""KEYS: in-flight, claims; ARGV: id, URL: the request is done, its article handed to the
exporter; its request stays with the claim until the feed file is closed."""

SETTLE = "local KEYS_QUEUE = KEYS[4]" + _REQUEUE + """
local found = {}
for i = 2, #ARGV do found[ARGV[i]] = true end
local entries = redis.call('HGETALL', KEYS[2])
local confirmed, released = 0, 0
for i = 1, #entries, 2 do
  local url, entry = entries[i], entries[i + 1]
  if redis.call('HGET', KEYS[1], url) == 'claimed:' .. ARGV[1] then
    if found[url] then
      redis.call('HSET', KEYS[1], url, 'exported')
      confirmed = confirmed + 1
    else
      redis.call('HDEL', KEYS[1], url)
      requeue(entry)
      released = released + 1
    end
  end
end
redis.call('DEL', KEYS[2])
redis.call('INCRBY', KEYS[3], confirmed)
return {confirmed, released}
"""
"""KEYS: articles, claims of a worker, exported counter, queue; ARGV: worker, then the claimed
URLs that are in its output (its closed feed, or the file a dead worker left). The others are
released and their requests queued again, so they are fetched and exported again."""

IS_EXPORTED = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
local canonical = redis.call('HGET', KEYS[2], ARGV[1])
if canonical then return redis.call('HEXISTS', KEYS[1], canonical) end
return 0
"""
"""KEYS: articles, fetched; ARGV: URL → 1 when that article was exported (or is claimed)."""

FRONTIER = """
local n = redis.call('ZCARD', KEYS[1])
for _, worker in ipairs(redis.call('HKEYS', KEYS[2])) do
  if worker ~= ARGV[2] then n = n + redis.call('HLEN', ARGV[1] .. worker) end
end
return n
"""
"""KEYS: queue, workers; ARGV: in-flight key prefix, this worker → requests queued or held by
another worker (an idle worker holds none)."""
