//! The HTTP side of `serve`: files from memory (rendered up front or when asked for), the reload
//! script and its event stream.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{Live, Signal};

/// The reload script's address; not part of the built site.
pub const LIVE_JS: &str = "/__gongkai/live.js";
pub const EVENTS: &str = "/__gongkai/events";

const SCRIPT: &str = include_str!("live.js");

/// Bind to `port`, or the next free port of the ten after it.
pub async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener, String> {
    let mut last = None;
    for p in port..=port.saturating_add(10) {
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, p)).await {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(format!("cannot listen on {ip}:{p}: {e}")),
        }
    }
    Err(format!(
        "ports {port} to {} are all in use ({}); stop the other program or choose a port with --port",
        port.saturating_add(10),
        last.map(|e| e.to_string()).unwrap_or_default()
    ))
}

pub fn router(live: Arc<Live>) -> Router {
    Router::new().fallback(handle).with_state(live)
}

pub async fn serve(listener: tokio::net::TcpListener, live: Arc<Live>) -> std::io::Result<()> {
    let signals = live.signals.clone();
    axum::serve(listener, router(live))
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            // Open pages hold their reload stream; end them, or shutdown would wait forever.
            let _ = signals.send(Signal::Shutdown);
            // A second Ctrl-C stops at once.
            tokio::spawn(async {
                let _ = tokio::signal::ctrl_c().await;
                std::process::exit(130);
            });
        })
        .await
}

/// Map a request path to a file of the site, or `None` for anything unsafe or odd:
/// `..`, encoded traversal, backslashes, NUL, absolute or empty segments are refused.
pub fn site_path(raw: &str) -> Option<String> {
    if raw.len() > 2048 || !raw.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.contains("//") {
        return None;
    }
    let mut segments = Vec::new();
    for seg in decoded[1..].split('/') {
        match seg {
            "." | ".." => return None,
            s if s.starts_with('.') && !s.is_empty() => return None,
            s => segments.push(s),
        }
    }
    let path = segments.join("/");
    if path.is_empty() || path.ends_with('/') {
        return Some(crate::routes::folder_index(path.trim_end_matches('/')));
    }
    Some(path)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The error overlay shown on every page while the last build failed.
fn overlay(report: &str) -> String {
    format!(
        "<div id=\"gongkai-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.92);color:#fff;overflow:auto;padding:1.5rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"font:700 18px system-ui,sans-serif;color:#ffb4a9\">gongkai: the site could not be rebuilt / 站点未能重新生成</p><p style=\"font:15px system-ui,sans-serif\">Fix the problem below and save; this page reloads by itself. The last good version is still served underneath.</p><pre style=\"white-space:pre-wrap\">{}</pre></div>",
        crate::render::view::escape(report)
    )
}

fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = format!("<script src=\"{LIVE_JS}\"></script>");
    if let Some(e) = error {
        extra.push_str(&overlay(e));
    }
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

async fn handle(State(live): State<Arc<Live>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    match uri.path() {
        LIVE_JS => {
            return (
                [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
                SCRIPT,
            )
                .into_response();
        }
        EVENTS => return events(live).into_response(),
        _ => {}
    }
    let snap = live.current();
    let Some(path) = site_path(uri.path()) else {
        return not_found(live, snap.error.clone()).await;
    };
    match find(live.clone(), path.clone()).await {
        super::Found::File(bytes) => {
            let body = if path.ends_with(".html") || !path.contains('.') {
                inject(&bytes, snap.error.as_deref())
            } else {
                bytes.to_vec()
            };
            let ct = if path.contains('.') { content_type(&path) } else { "text/html; charset=utf-8" };
            let mut r = Response::new(Body::from(body));
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
            r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        super::Found::Failed(report) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            inject(b"<!DOCTYPE html><html><body></body></html>", Some(&report)),
        )
            .into_response(),
        super::Found::Missing => not_found(live, snap.error.clone()).await,
    }
}

/// The file at `path`, or at `path/index.html` for `/regions/x` without the slash. Rendering
/// (on demand) runs off the async threads.
async fn find(live: Arc<Live>, path: String) -> super::Found {
    use super::Found;
    let folder = !path.contains('.');
    match live.find_ready(&path) {
        Some(Found::Missing) if folder => {
            if let Some(found) = live.find_ready(&crate::routes::folder_index(&path)) {
                return found;
            }
        }
        Some(found) => return found,
        None => {}
    }
    tokio::task::spawn_blocking(move || match live.find(&path) {
        Found::Missing if folder => live.find(&crate::routes::folder_index(&path)),
        found => found,
    })
    .await
    .unwrap_or(Found::Missing)
}

async fn not_found(live: Arc<Live>, error: Option<String>) -> Response {
    let page = find(live, crate::routes::NOT_FOUND.to_string()).await;
    let body = match page {
        super::Found::File(b) => inject(&b, error.as_deref()),
        _ => b"404 not found".to_vec(),
    };
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn events(live: Arc<Live>) -> impl IntoResponse {
    let current_error = live.current().error.clone();
    let initial =
        tokio_stream::iter(current_error.map(|e| Ok::<Event, Infallible>(Event::default().event("error").data(e))));
    let updates = BroadcastStream::new(live.signals.subscribe())
        .take_while(|s| !matches!(s, Ok(Signal::Shutdown)))
        .filter_map(|s| match s {
            Ok(Signal::Reload) => Some(Ok(Event::default().event("reload").data("reload"))),
            Ok(Signal::Error(e)) => Some(Ok(Event::default().event("error").data(e))),
            Ok(Signal::Shutdown) | Err(_) => None,
        });
    Sse::new(initial.chain(updates)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_paths_and_refuses_traversal() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/en/regions/").as_deref(), Some("en/regions/index.html"));
        assert_eq!(site_path("/static/style.css").as_deref(), Some("static/style.css"));
        assert_eq!(site_path("/%E4%B8%AD.html").as_deref(), Some("中.html"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/a%2f..%2f..%2fx",
            "/a\\..\\x",
            "/a%5c..%5cx",
            "/a%00b",
            "//etc/passwd",
            "/.git/config",
            "x",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path(&format!("/{}", "a".repeat(5000))), None);
    }

    #[test]
    fn injects_the_script_and_the_overlay() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, Some("error: <bad> thing"))).unwrap();
        assert!(out.contains(LIVE_JS));
        assert!(out.contains("gongkai-error"));
        assert!(out.contains("&lt;bad&gt;"));
        assert!(out.ends_with("</body></html>"));
    }
}
