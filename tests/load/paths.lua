-- wrk script: cycle through existing pages of the bundled site, and count non-2xx answers.
local paths = {
  "/", "/en/", "/regions/", "/regions/yuncheng/", "/en/regions/kaizhou/",
  "/regions/kaizhou/average-length-of-stay/", "/en/indicators/cmi/", "/regions/kaizhou/tasks/",
  "/static/style.css", "/data/all.csv", "/sitemap.xml", "/en/regions/yaan/cmi/",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
