-- The load bench/pages.py drives with wrk: one page, as fast as the server answers.
--
--   wrk -t2 -c16 -d15s -s bench/wrk.lua http://127.0.0.1:PORT -- PATH [COOKIE] [IDS] [POST BODY]
--
-- PATH may hold "{id}": each request then opens one of IDS (comma-separated peer ids) at random.
-- COOKIE is sent as the Cookie header ("-" or empty for none). With POST and a BODY, each request
-- sends that form, and only a redirect (the save worked) counts as ok. Redirects are not followed: a
-- session that stopped working answers 302, which is counted as not 2xx and fails the run.
-- At the end one line "BENCH {json}" gives requests, seconds, latency percentiles (ms) and the
-- statuses seen, summed over wrk's threads.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path = args[1] or "/"
  cookie = args[2]
  if cookie == "-" then cookie = nil end
  ids = {}
  for id in string.gmatch(args[3] or "", "[^,]+") do
    table.insert(ids, id)
  end
  method, body = args[4] or "GET", args[5]
  headers = {}
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  if method == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  ok, redirects, other = 0, 0, 0
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

function request()
  local p = path
  if #ids > 0 then
    p = string.gsub(path, "{id}", ids[math.random(#ids)])
  end
  return wrk.format(method, p, headers, body)
end

function response(status, headers, body)
  -- A save that worked redirects to the page after it; one sent back with its form (200) did not.
  local saved = method == "POST" and (status == 302 or status == 303)
  if saved or (method ~= "POST" and status >= 200 and status < 300) then
    ok = ok + 1
  elseif status >= 300 and status < 400 then
    redirects = redirects + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local ok_, redirects_, other_ = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok_ = ok_ + thread:get("ok")
    redirects_ = redirects_ + thread:get("redirects")
    other_ = other_ + thread:get("other")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "p50": %.2f, "p95": %.2f, "p99": %.2f, ' ..
    '"ok": %d, "redirects": %d, "other": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    ok_, redirects_, other_, errors))
end
