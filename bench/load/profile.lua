-- GET /api/v1/accounts/{random account}
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "common.lua")

function request()
  return wrk.format("GET", "/api/v1/accounts/" .. ids[math.random(#ids)])
end
