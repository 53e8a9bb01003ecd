//! What the preview says: its console lines, the error overlay, the HTTP server's own answers;
//! and the problems of watching files (the preview's and `build --watch`'s).

crate::messages::catalogue! {
    // ------------------------------------------------------------------------ console lines
    /// The reason given for the first build (where a change names its file).
    SERVE_INITIAL_BUILD: "initial build" => "首次生成";
    SERVE_BUILT: "{reason}: built {pages} pages in {ms} ms{warnings}"
        => "{reason}：已生成 {pages} 个页面，用时 {ms} 毫秒{warnings}";
    SERVE_LOADED: "{reason}: loaded the site (pages are rendered when opened) in {ms} ms{warnings}"
        => "{reason}：已载入站点（页面在打开时生成），用时 {ms} 毫秒{warnings}";
    /// After a build's line, when it found warnings.
    SERVE_WARNINGS: ", {n} warnings (run `gongkai check`)" => "；有 {n} 个警告（运行 `gongkai check` 查看）";
    SERVE_RERENDERED: "{reason}: re-rendered {n} pages in {ms} ms" => "{reason}：已重新生成 {n} 个页面，用时 {ms} 毫秒";
    SERVE_UPDATED_ON_DEMAND: "{reason}: updated in {ms} ms (pages are rendered when opened)"
        => "{reason}：已更新，用时 {ms} 毫秒（页面在打开时生成）";
    SERVE_REBUILDING: "{reason}: {why}: rebuilding the whole site" => "{reason}：{why}，重新生成整个站点";
    SERVE_BUILD_FAILED: "{reason}: build failed, still serving the last good site\n{report}"
        => "{reason}：生成失败，预览仍显示上一次成功生成的站点\n{report}";
    SERVE_CANNOT_BUILD: "the site could not be built; fix the errors above and run `gongkai serve` again"
        => "站点未能生成；请修正上面的错误，再运行 `gongkai serve`";
    /// A warning on the console.
    SERVE_WARNING_LINE: "warning: {warning}" => "警告：{warning}";
    SERVE_EXPOSED: "serving on {address} — the preview can be reached by other computers on the network"
        => "正在 {address} 上提供预览，网络中的其他计算机也能访问";
    SERVE_CANNOT_START: "cannot start the server: {error}" => "无法启动预览服务器：{error}";
    SERVE_CANNOT_LISTEN: "cannot listen on {address}: {error}" => "无法在 {address} 上监听：{error}";
    SERVE_PORTS_IN_USE: "ports {first} to {last} are all in use ({error}); stop the other program or choose a port with --port"
        => "端口 {first} 至 {last} 都已被占用（{error}）；请关闭占用端口的程序，或用 --port 另选端口";
    SERVE_PORT_IN_USE: "port {port} is in use; using {other} instead" => "端口 {port} 已被占用，改用 {other}";
    SERVE_SERVING: "serving at {url} (Ctrl-C to stop)" => "预览地址：{url}（按 Ctrl-C 停止）";
    SERVE_STOPPED: "stopped" => "已停止";
    SERVE_SERVER_STOPPED: "the server stopped: {error}" => "预览服务器意外停止：{error}";
    SERVE_NO_BROWSER: "note: could not open a browser; open {url} yourself" => "注意：无法打开浏览器，请自行打开 {url}";

    // ---------------------------------------------------------------------- in the browser
    /// The error overlay's title, over every page while the last build failed.
    SERVE_OVERLAY_TITLE: "gongkai: the site could not be rebuilt" => "gongkai：站点未能重新生成";
    SERVE_OVERLAY_EXPLAIN: "Fix the problem below and save; this page reloads by itself. The last good version is still served underneath."
        => "请修正下面的问题并保存，本页会自动刷新。提示框下面仍是上一次成功生成的版本。";
    /// The body of a missing page when the site has no 404 page.
    SERVE_NOT_FOUND: "404 not found" => "404 找不到该页面";
    SERVE_METHOD_NOT_ALLOWED: "method not allowed" => "不支持该请求方法";

    // ---------------------------------------------------------------------- watching files
    WATCH_LIMIT: "the system's limit on watched files (inotify) is reached; run again with --poll, or raise fs.inotify.max_user_watches"
        => "已达到系统可监视文件数的上限（inotify）；请加上 --poll 重新运行，或调高 fs.inotify.max_user_watches";
    WATCH_CANNOT: "cannot watch the site's folders: {error}; try --poll" => "无法监视站点的文件夹：{error}；请试试加上 --poll";
}
