-- wrk script: every request logs one set into one of the prepared workouts (targets.lua,
-- written by prepare.py: token, workout, that workout's exercise), spreading the load over
-- members and workouts.
dofile(os.getenv("TARGETS") or "targets.lua")
local n = 0
request = function()
  n = n + 1
  local t = targets[(n * 7919 + math.random(#targets)) % #targets + 1]
  return wrk.format("POST", "/api/v1/workouts/" .. t[2] .. "/sets",
    {["Authorization"] = "Bearer " .. t[1], ["Content-Type"] = "application/json"},
    '{"exercise_id":"' .. t[3] .. '","reps":5,"weight_kg":80.0}')
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status))
end
