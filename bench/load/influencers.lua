-- GET /api/v1/communities/{random community}/influencers?k=20
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "common.lua")

function request()
  local c = communities[math.random(#communities)]
  return wrk.format("GET", "/api/v1/communities/" .. c .. "/influencers?k=20")
end
