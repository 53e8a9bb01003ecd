//! `gongkai serve` against a temporary copy of the bundled content: pages are served, edits show
//! up, mistakes show an overlay while the last good site stays up, editors' save patterns work,
//! the reload channel fires, and nothing outside the site is served.

mod common;
use common::copy_dir;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    root: tempfile::TempDir,
    /// What serve printed, line by line.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    start_with(&[])
}

/// Serve a fresh copy of the bundled content with extra arguments.
fn start_with(args: &[&str]) -> Server {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &root.path().join("content"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["serve", "--port", "0"])
        .args(args)
        .arg("--root")
        .arg(root.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let lines = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("serving at http://") {
                let _ = tx.send(url.split('/').next().unwrap_or("").to_string());
            }
            lines.lock().unwrap().push(line);
        }
    });
    let addr = rx.recv_timeout(Duration::from_secs(60)).expect("serve printed its address");
    Server { child, addr, root, log }
}

/// A plain HTTP/1.1 GET; returns (status, headers, body).
fn get(addr: &str, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Poll until `pred` holds for the page, or fail after a generous time.
fn wait_for(addr: &str, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, _, body) = get(addr, path);
        if pred(&body) {
            return body;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "timed out waiting for {what} on {path}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

const REGION: &str = "/regions/yuncheng/";

#[test]
fn serves_pages_and_follows_edits_mistakes_and_fixes() {
    let srv = start();
    let (status, head, body) = get(&srv.addr, REGION);
    assert_eq!(status, 200);
    assert!(head.to_lowercase().contains("content-type: text/html; charset=utf-8"));
    assert!(body.contains("运城市"));
    assert!(body.contains("/__gongkai/live.js"), "the reload script is injected");

    // A commentary edit is served.
    let md = srv.root.path().join("content/regions/yuncheng/index.zh.md");
    let original = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, format!("{original}\n\n新增的说明文字 MARKER-ONE\n")).unwrap();
    wait_for(&srv.addr, REGION, "the edited commentary", |b| b.contains("MARKER-ONE"));
    // Only the pages showing that commentary were rendered again, not the whole site.
    let start = Instant::now();
    while !srv.log.lock().unwrap().iter().any(|l| l.contains("content/regions/yuncheng/index.zh.md: re-rendered")) {
        let log = srv.log.lock().unwrap().join("\n");
        assert!(start.elapsed() < Duration::from_secs(10), "no incremental rebuild line:\n{log}");
        std::thread::sleep(Duration::from_millis(50));
    }

    // Broken YAML: the overlay names the file; the last good site is still served under it.
    let region = srv.root.path().join("content/regions/yuncheng/region.yaml");
    let good = std::fs::read_to_string(&region).unwrap();
    std::fs::write(&region, good.replacen("name:", "name: [unclosed", 1)).unwrap();
    let body = wait_for(&srv.addr, REGION, "the error overlay", |b| b.contains("gongkai-error"));
    assert!(body.contains("content/regions/yuncheng/region.yaml"), "the overlay names the file");
    assert!(body.contains("MARKER-ONE"), "the last good page is still served");
    let (_, _, other) = get(&srv.addr, "/en/indicators/cmi/");
    assert!(other.contains("gongkai-error"), "every page shows the overlay");

    // Fixing it clears the overlay.
    std::fs::write(&region, &good).unwrap();
    wait_for(&srv.addr, REGION, "the overlay to go", |b| {
        !b.contains("id=\"gongkai-error\"") && b.contains("MARKER-ONE")
    });

    // Delete a file, then create it again.
    std::fs::remove_file(&md).unwrap();
    wait_for(&srv.addr, REGION, "the deleted commentary to go", |b| !b.contains("MARKER-ONE") && b.contains("运城市"));
    std::fs::write(&md, "重新创建 MARKER-TWO\n").unwrap();
    wait_for(&srv.addr, REGION, "the re-created file", |b| b.contains("MARKER-TWO"));

    // Save as many editors do: write a temporary file, then rename it over the original.
    let tmp = md.with_file_name(".index.zh.md.tmp");
    std::fs::write(&tmp, "改名保存 MARKER-THREE\n").unwrap();
    std::fs::rename(&tmp, &md).unwrap();
    wait_for(&srv.addr, REGION, "the renamed save", |b| b.contains("MARKER-THREE"));
}

#[test]
fn the_reload_channel_sends_a_reload_after_a_rebuild() {
    let srv = start();
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET /__gongkai/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n", srv.addr).unwrap();
    // Let the subscription start before the change.
    std::thread::sleep(Duration::from_millis(300));
    let md = srv.root.path().join("content/regions/yaan/index.en.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, format!("{text}\nReload me.\n")).unwrap();
    let mut got = String::new();
    let mut buf = [0u8; 4096];
    let start = Instant::now();
    while !got.contains("event: reload") {
        assert!(start.elapsed() < Duration::from_secs(30), "no reload event; got {got:?}");
        match s.read(&mut buf) {
            Ok(0) => panic!("stream closed: {got:?}"),
            Ok(n) => got.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(e) => panic!("{e}: {got:?}"),
        }
    }
    assert!(got.contains("text/event-stream"));
}

#[test]
fn serves_only_files_inside_the_site_with_right_types() {
    let srv = start();
    for (path, ty) in [
        ("/static/style.css", "text/css"),
        ("/data/all.csv", "text/csv; charset=utf-8"),
        ("/data/all.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let (status, head, _) = get(&srv.addr, path);
        assert_eq!(status, 200, "{path}");
        assert!(head.to_lowercase().contains(&format!("content-type: {ty}")), "{path}: {head}");
    }
    for bad in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/static/..%2f..%2fcontent%2fsite.yaml",
        "/static\\..\\..\\content",
        "/a%00b",
        "/content/site.yaml",
        "/.git/config",
    ] {
        let (status, _, body) = get(&srv.addr, bad);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("title:"), "{bad} leaked a content file");
    }
    let (status, _, _) = get(&srv.addr, &format!("/{}", "x".repeat(10_000)));
    assert!((400..500).contains(&status), "a very long URL gets a 4xx, got {status}");
}

#[test]
fn ctrl_c_stops_the_server_even_with_pages_open() {
    let mut srv = start();
    // An open page holds its reload stream.
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    write!(s, "GET /__gongkai/events HTTP/1.1\r\nHost: {}\r\n\r\n", srv.addr).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = srv.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let start = Instant::now();
    loop {
        if let Some(status) = srv.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "serve did not stop after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_theme_folder_created_while_serving_is_watched() {
    let srv = start();
    let css = srv.root.path().join("themes/default/static");
    std::fs::create_dir_all(&css).unwrap();
    std::fs::write(css.join("style.css"), "/* THEME-MARKER-ONE */").unwrap();
    wait_for(&srv.addr, "/static/style.css", "the new theme's stylesheet", |b| b.contains("THEME-MARKER-ONE"));
    // And edits inside it are seen from then on.
    std::fs::write(css.join("style.css"), "/* THEME-MARKER-TWO */").unwrap();
    wait_for(&srv.addr, "/static/style.css", "the edited stylesheet", |b| b.contains("THEME-MARKER-TWO"));
}

/// Wait until serve printed a line containing `what`; return it.
fn wait_for_log(srv: &Server, what: &str) -> String {
    let start = Instant::now();
    loop {
        if let Some(line) = srv.log.lock().unwrap().iter().find(|l| l.contains(what)) {
            return line.clone();
        }
        let log = srv.log.lock().unwrap().join("\n");
        assert!(start.elapsed() < Duration::from_secs(30), "no line with {what:?}:\n{log}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The page as built, without the reload script serve adds.
fn without_reload_script(body: &str) -> String {
    body.replace("<script src=\"/__gongkai/live.js\"></script>", "")
}

const SAMPLE_PATHS: [&str; 12] = [
    "/",
    "/en/",
    "/regions/",
    "/regions/yuncheng/",
    "/en/regions/yuncheng/drg-fund-share/",
    "/regions/kaizhou/tasks/",
    "/indicators/cmi/",
    "/en/indicators/",
    "/data/regions/yuncheng.csv",
    "/data/all.csv",
    "/sitemap.xml",
    "/static/style.css",
];

#[test]
fn pages_rendered_on_demand_are_the_pages_a_build_writes() {
    let srv = start_with(&["--render", "on-demand"]);
    assert!(wait_for_log(&srv, "initial build").contains("rendered when opened"));
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--output"])
        .arg(out.path())
        .arg("--root")
        .arg(srv.root.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for path in SAMPLE_PATHS {
        let (status, _, body) = get(&srv.addr, path);
        assert_eq!(status, 200, "{path}");
        let mut file = path.trim_start_matches('/').to_string();
        if file.is_empty() || file.ends_with('/') {
            file.push_str("index.html");
        }
        let built = std::fs::read_to_string(out.path().join(&file)).unwrap();
        assert!(without_reload_script(&body) == built, "{path} differs from the built {file}");
    }
    let (status, _, body) = get(&srv.addr, "/regions/no-such-region/");
    assert_eq!(status, 404);
    assert!(body.contains("/__gongkai/live.js"), "the site's 404 page, rendered on demand");
}

/// Change Yuncheng's 2024 DRG value in its data file.
fn edit_drg_value(root: &std::path::Path, new: &str) {
    let data = root.join("content/regions/yuncheng/data.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(text.contains("2024: 61.5}"));
    std::fs::write(&data, text.replace("2024: 61.5}", &format!("2024: {new}}}"))).unwrap();
}

#[test]
fn a_data_edit_on_demand_is_applied_in_place_and_errors_show() {
    let srv = start_with(&["--render", "on-demand"]);
    let page = "/regions/yuncheng/drg-fund-share/";
    let (_, _, before) = get(&srv.addr, page);
    assert!(before.contains("61.5"));
    edit_drg_value(srv.root.path(), "63.25");
    wait_for(&srv.addr, page, "the new value", |b| b.contains("63.25") && !b.contains("61.5%"));
    let line = wait_for_log(&srv, "data.yaml: updated in");
    assert!(line.contains("rendered when opened"), "{line}");
    wait_for(&srv.addr, "/data/all.csv", "the new value in all.csv", |b| b.contains("63.25"));

    // A mistake shows over every page; the last good values stay underneath.
    let data = srv.root.path().join("content/regions/yuncheng/data.yaml");
    let good = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, good.replace("2024: 63.25}", "2024: lots}")).unwrap();
    let body = wait_for(&srv.addr, "/indicators/cmi/", "the error overlay", |b| b.contains("gongkai-error"));
    assert!(body.contains("content/regions/yuncheng/data.yaml"), "the overlay names the file");
    std::fs::write(&data, good.replace("2024: 63.25}", "2024: 64.5}")).unwrap();
    wait_for(&srv.addr, page, "the fixed value", |b| b.contains("64.5") && !b.contains("id=\"gongkai-error\""));
}

#[test]
fn a_data_edit_rendering_everything_updates_pages_and_downloads_in_place() {
    let srv = start_with(&["--render", "all"]);
    wait_for_log(&srv, "initial build: built");
    edit_drg_value(srv.root.path(), "62.75");
    let line = wait_for_log(&srv, "data.yaml: re-rendered");
    assert!(line.contains("pages in"), "{line}");
    let (_, _, page) = get(&srv.addr, "/en/regions/yuncheng/drg-fund-share/");
    assert!(page.contains("62.75"));
    for download in ["/data/all.csv", "/data/regions/yuncheng.csv", "/data/indicators/drg-fund-share.csv"] {
        let (_, _, body) = get(&srv.addr, download);
        assert!(body.contains("62.75"), "{download} has the new value");
    }
}
