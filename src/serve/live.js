// gongkai preview: reload the page after each successful rebuild; show build errors.
// The server writes the overlay's words, in the user's language, in place of the placeholder below.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var text = GONGKAI_TEXT;
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
    box.lang = text.lang;
    box.textContent = "";
    var h = document.createElement("p");
    h.style.cssText = "font:700 18px system-ui,sans-serif;color:#ffb4a9";
    h.textContent = text.title;
    var p = document.createElement("p");
    p.style.cssText = "font:15px system-ui,sans-serif";
    p.textContent = text.explain;
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = e.data;
    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(pre);
  });
})();
