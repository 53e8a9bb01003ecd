// gongkai preview: reload the page after each successful rebuild; show build errors.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var source = new EventSource("/__gongkai/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("error", function (e) {
    if (!e.data) return;
    var box = document.getElementById("gongkai-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "gongkai-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.92);color:#fff;overflow:auto;padding:1.5rem;font:14px/1.5 ui-monospace,monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("p");
    h.style.cssText = "font:700 18px system-ui,sans-serif;color:#ffb4a9";
    h.textContent = "gongkai: the site could not be rebuilt / 站点未能重新生成";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = e.data;
    box.appendChild(h);
    box.appendChild(pre);
  });
})();
