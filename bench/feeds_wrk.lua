-- wrk scenarios for bench/feeds_load.py (one scenario per run, picked by BENCH_SCENARIO); the same
-- requests as bench/feeds_locust.py, from a load generator written in C that leaves the server
-- most of the CPU. Readers are world people with a session made by feeds_load.py (BENCH_SESSIONS:
-- a file of "sessionid csrftoken" lines). Closed loop without think time: each connection sends
-- its next request as soon as the last one answers. `done` prints one line starting with
-- "RESULT " that feeds_load.py reads: requests/s, latency percentiles in ms, error counts.

local scenario = os.getenv("BENCH_SCENARIO") or "hello"
local sessions = {}
local notes = {}
local image = ""

local function load()
  local path = os.getenv("BENCH_SESSIONS")
  for line in io.lines(path) do
    local session, csrf = line:match("^(%S+)%s+(%S+)$")
    if session then
      sessions[#sessions + 1] = { session, csrf }
    end
  end
  for id in (os.getenv("BENCH_NOTE_IDS") or "1"):gmatch("%d+") do
    notes[#notes + 1] = id
  end
  local file = os.getenv("BENCH_IMAGE")
  if file and file ~= "" then
    local handle = io.open(file, "rb")
    image = handle:read("*a")
    handle:close()
  end
end

function init(args)
  load()
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

-- wrk does not say which connection a request goes out on; requests take the first BENCH_USERS
-- sessions in turn, so N connections read as N people (each person's feed is cached for them
-- as on a real server, where one person's requests come one after another).
local people = tonumber(os.getenv("BENCH_USERS") or "0")
local turn = 0

local function signed_in()
  turn = turn + 1
  local count = math.min(#sessions, people > 0 and people or #sessions)
  local pair = sessions[(turn % count) + 1]
  return pair, {
    ["Cookie"] = "sessionid=" .. pair[1] .. "; csrftoken=" .. pair[2],
  }
end

local function unsafe()
  local pair, headers = signed_in()
  headers["X-CSRFToken"] = pair[2]
  headers["Referer"] = "http://" .. wrk.host .. ":" .. wrk.port .. "/"
  return headers
end

local function note_body()
  local boundary = "XBOUNDARY"
  return table.concat({
    "--", boundary, '\r\nContent-Disposition: form-data; name="title"\r\n\r\nBenchmark note\r\n',
    "--", boundary, '\r\nContent-Disposition: form-data; name="body"\r\n\r\n',
    "周末去了一家新开的咖啡店，拿铁很香。 #coffee\r\n",
    "--", boundary, '\r\nContent-Disposition: form-data; name="images"; filename="p.jpg"\r\n',
    "Content-Type: image/jpeg\r\n\r\n", image, "\r\n--", boundary, "--\r\n",
  })
end

function request()
  local note = notes[math.random(#notes)]
  if scenario == "hello" then
    return wrk.format("GET", "/bench/hello")
  elseif scenario == "explore_api" then
    local _, headers = signed_in()
    return wrk.format("GET", "/api/v1/feeds/explore?limit=20", headers)
  elseif scenario == "explore_api_visitor" then
    return wrk.format("GET", "/api/v1/feeds/explore?limit=20")
  elseif scenario == "explore_page" then
    local _, headers = signed_in()
    return wrk.format("GET", "/", headers)
  elseif scenario == "note_page" then
    return wrk.format("GET", "/notes/" .. note .. "/")
  elseif scenario == "following_api" then
    local _, headers = signed_in()
    return wrk.format("GET", "/api/v1/feeds/following?limit=20", headers)
  elseif scenario == "like" then
    return wrk.format("POST", "/api/v1/notes/" .. note .. "/like", unsafe(), "")
  elseif scenario == "post_note" then
    local headers = unsafe()
    headers["Content-Type"] = "multipart/form-data; boundary=XBOUNDARY"
    return wrk.format("POST", "/api/v1/notes", headers, note_body())
  end
  error("unknown BENCH_SCENARIO " .. scenario)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.2f p50=%.2f p95=%.2f p99=%.2f requests=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout
  ))
end
