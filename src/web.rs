//! The web app, embedded from `web-dist/` and served with an SPA fallback.

use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::{IntoResponse, Request, Response, handler};
use rust_embed::RustEmbed;

use crate::api::problem::Problem;
use crate::error::Code;

#[derive(RustEmbed)]
#[folder = "web-dist/"]
struct Assets;

fn mime_of(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "map" => "application/json",
        _ => "application/octet-stream",
    }
}

fn cache_control(path: &str) -> &'static str {
    if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else if path.ends_with(".html")
        || path == "sw.js"
        || path.starts_with("workbox-")
        || path == "registerSW.js"
        || path.ends_with(".webmanifest")
    {
        "no-cache"
    } else {
        "public, max-age=3600"
    }
}

fn serve_file(req: &Request, path: &str) -> Option<Response> {
    let file = Assets::get(path)?;
    let etag = format!(
        "\"{}\"",
        file.metadata
            .sha256_hash()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let builder = Response::builder()
        .header(header::CACHE_CONTROL, cache_control(path))
        .header(header::ETAG, etag.as_str());
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if not_modified {
        return Some(builder.status(StatusCode::NOT_MODIFIED).finish());
    }
    let body = if req.method() == Method::HEAD {
        Vec::new()
    } else {
        file.data.into_owned()
    };
    Some(
        builder
            .header(
                header::CONTENT_TYPE,
                HeaderValue::from_static(mime_of(path)),
            )
            .body(body),
    )
}

/// GET/HEAD of any non-API path: the file if it exists, else the app shell (`index.html`) so
/// client-side routes work on reload. Missing files with an extension are 404.
#[handler]
pub fn spa(req: &Request) -> Response {
    let path = req.uri().path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return Problem::new(Code::NotFound, "There is no such API endpoint.").into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Problem::new(
            Code::MethodNotAllowed,
            "Only GET and HEAD are allowed here.",
        )
        .into_response();
    }
    let path = if path.is_empty() { "index.html" } else { path };
    if let Some(resp) = serve_file(req, path) {
        return resp;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    serve_file(req, "index.html").unwrap_or_else(|| StatusCode::NOT_FOUND.into_response())
}
