-- wrk script: the QF consultation through the gateway, rotating over a pool of demo users so that no single
-- user's limits decide the result (the benchmark also raises the limits: see run.sh).
local users = {
  {"niort.agent1", "RESTAURATION_SCOLAIRE"},
  {"niort.agent2", "RESTAURATION_SCOLAIRE"},
  {"cherbourg.agent1", "RESTAURATION_SCOLAIRE"},
  {"dep79.social", "ACTION_SOCIALE"},
}
local password = "Demo-Cdap-2026!"
local requests = {}
local counter = 0

local function b64(data)
  local chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  return ((data:gsub('.', function(x)
    local r, b = '', x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d?%d?%d?%d?%d?', function(x)
    if (#x < 6) then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end

init = function(args)
  for i, user in ipairs(users) do
    requests[i] = wrk.format("GET", "/api/v1/dossiers/1000042/quotient-familial", {
      ["Authorization"] = "Basic " .. b64(user[1] .. ":" .. password),
      ["X-Motif"] = user[2],
    })
  end
end

request = function()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end
