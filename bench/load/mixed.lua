-- Half GET /api/v1/accounts/{random account}, half GET /api/v1/communities/{random community}/influencers?k=20
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "common.lua")

local n = 0

function request()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("GET", "/api/v1/accounts/" .. ids[math.random(#ids)])
  end
  return wrk.format("GET", "/api/v1/communities/" .. communities[math.random(#communities)] .. "/influencers?k=20")
end
