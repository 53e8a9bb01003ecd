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
use crate::messages::{Lang, Message, serve as m, ui_lang};
use crate::msg;

/// The reload script's address; not part of the built site.
pub const LIVE_JS: &str = "/__gongkai/live.js";
pub const EVENTS: &str = "/__gongkai/events";

/// The reload script as written; [`script`] puts in the words it shows.
const SCRIPT: &str = include_str!("live.js");

/// Where the script takes the words of its overlay, in the user's language.
const SCRIPT_TEXT: &str = "GONGKAI_TEXT";

/// Bind to `port`, or the next free port of the ten after it.
pub async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener, Message> {
    let mut last = None;
    for p in port..=port.saturating_add(10) {
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, p)).await {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(msg!(m::SERVE_CANNOT_LISTEN, address = SocketAddr::new(ip, p), error = e)),
        }
    }
    let last_error = last.map(|e| e.to_string()).unwrap_or_default();
    Err(msg!(m::SERVE_PORTS_IN_USE, first = port, last = port.saturating_add(10), error = last_error))
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

/// The `lang` attribute of the overlay: its words are in the user's language, whatever the
/// page's.
fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// The error overlay shown on every page while the last build failed, in `lang`. The reload
/// script (`live.js`) builds the same when an error arrives on an open page.
fn overlay(report: &str, lang: Lang) -> String {
    let escape = crate::render::view::escape;
    format!(
        "<div id=\"gongkai-error\" lang=\"{}\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.92);color:#fff;overflow:auto;padding:1.5rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"font:700 18px system-ui,sans-serif;color:#ffb4a9\">{}</p><p style=\"font:15px system-ui,sans-serif\">{}</p><pre style=\"white-space:pre-wrap\">{}</pre></div>",
        html_lang(lang),
        escape(m::SERVE_OVERLAY_TITLE.text(lang)),
        escape(m::SERVE_OVERLAY_EXPLAIN.text(lang)),
        escape(report)
    )
}

/// The reload script with the words of its overlay in `lang`.
fn script(lang: Lang) -> String {
    let text = serde_json::json!({
        "lang": html_lang(lang),
        "title": m::SERVE_OVERLAY_TITLE.text(lang),
        "explain": m::SERVE_OVERLAY_EXPLAIN.text(lang),
    });
    SCRIPT.replacen(SCRIPT_TEXT, &text.to_string(), 1)
}

fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = format!("<script src=\"{LIVE_JS}\"></script>");
    if let Some(e) = error {
        extra.push_str(&overlay(e, ui_lang()));
    }
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

async fn handle(State(live): State<Arc<Live>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, msg!(m::SERVE_METHOD_NOT_ALLOWED).to_string()).into_response();
    }
    match uri.path() {
        LIVE_JS => {
            return (
                [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
                script(ui_lang()),
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
        _ => msg!(m::SERVE_NOT_FOUND).to_string().into_bytes(),
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

    #[test]
    fn the_overlay_speaks_the_users_language() {
        let zh = overlay("错误：x", Lang::Zh);
        assert!(zh.contains("lang=\"zh-CN\""), "{zh}");
        assert!(zh.contains(">gongkai：站点未能重新生成</p>"), "{zh}");
        assert!(zh.contains("本页会自动刷新"), "{zh}");
        assert!(!zh.contains("rebuilt") && !zh.contains("Fix the problem"), "{zh}");
        let en = overlay("error: x", Lang::En);
        assert!(en.contains(">gongkai: the site could not be rebuilt</p>"), "{en}");
        assert!(!en.contains("站点"), "{en}");
    }

    #[test]
    fn the_reload_script_gets_its_words_in_the_users_language() {
        let zh = script(Lang::Zh);
        assert!(!zh.contains(SCRIPT_TEXT), "{zh}");
        assert!(zh.contains("\"title\":\"gongkai：站点未能重新生成\""), "{zh}");
        assert!(script(Lang::En).contains("\"title\":\"gongkai: the site could not be rebuilt\""));
    }
}
