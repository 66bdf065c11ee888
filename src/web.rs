//! The web app, embedded from `web-dist/` and served with an SPA fallback. Text files come
//! with brotli and gzip copies made at build time (`build.rs`); the client's `Accept-Encoding`
//! picks one.

use std::borrow::Cow;

use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::{Body, IntoResponse, Request, Response, handler};
use rust_embed::RustEmbed;

use crate::api::problem::Problem;
use crate::encoding::{Coding, negotiate};
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

/// The precompressed copies `build.rs` made of `web-dist/`.
mod precompressed {
    include!(concat!(env!("OUT_DIR"), "/precompressed.rs"));
}

/// The brotli and gzip copies of `path`, if it has them.
fn variants(path: &str) -> Option<(&'static [u8], &'static [u8])> {
    let table = precompressed::PRECOMPRESSED;
    let i = table.binary_search_by(|(p, _, _)| (*p).cmp(path)).ok()?;
    Some((table[i].1, table[i].2))
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET).
fn not_modified(req: &Request, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// The file at `path`, in the coding the client prefers among those built for it. Each coding
/// has its own `ETag` (the content hash, with `-br` or `-gz` for the compressed copies).
fn serve_file(req: &Request, path: &str) -> Option<Response> {
    let file = Assets::get(path)?;
    let hash = file
        .metadata
        .sha256_hash()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let variants = variants(path);
    let (coding, data) = match variants {
        Some((br, gz)) => match negotiate(req.headers(), &[Coding::Brotli, Coding::Gzip]) {
            Coding::Brotli => (Coding::Brotli, Cow::Borrowed(br)),
            Coding::Gzip => (Coding::Gzip, Cow::Borrowed(gz)),
            Coding::Identity => (Coding::Identity, file.data),
        },
        None => (Coding::Identity, file.data),
    };
    let etag = match coding {
        Coding::Identity => format!("\"{hash}\""),
        Coding::Brotli => format!("\"{hash}-br\""),
        Coding::Gzip => format!("\"{hash}-gz\""),
    };
    let mut builder = Response::builder()
        .header(header::CACHE_CONTROL, cache_control(path))
        .header(header::ETAG, etag.as_str());
    if variants.is_some() {
        builder = builder.header(header::VARY, "accept-encoding");
    }
    if not_modified(req, &etag) {
        return Some(builder.status(StatusCode::NOT_MODIFIED).finish());
    }
    if let Some(token) = coding.token() {
        builder = builder.header(header::CONTENT_ENCODING, token);
    }
    let builder = builder
        .header(
            header::CONTENT_TYPE,
            HeaderValue::from_static(mime_of(path)),
        )
        .header(header::CONTENT_LENGTH, data.len());
    // HEAD: the headers of GET, Content-Length included, and no body.
    let body = match data {
        _ if req.method() == Method::HEAD => Body::empty(),
        Cow::Borrowed(bytes) => Body::from(bytes),
        Cow::Owned(bytes) => Body::from(bytes),
    };
    Some(builder.body(body))
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

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn precompressed_copies_decompress_to_the_embedded_files() {
        let table = precompressed::PRECOMPRESSED;
        assert!(
            table.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted for binary search"
        );
        for (path, br, gz) in table {
            let original = Assets::get(path).expect("a copy of an embedded file").data;
            let mut out = Vec::new();
            brotli::Decompressor::new(*br, 4096)
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, *original, "{path}.br");
            out.clear();
            flate2::read::GzDecoder::new(*gz)
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, *original, "{path}.gz");
        }
    }

    #[test]
    fn text_files_have_compressed_copies_and_images_do_not() {
        assert!(variants("index.html").is_some());
        assert!(variants("sw.js").is_some());
        let big_js = Assets::iter()
            .filter(|p| p.ends_with(".js") && Assets::get(p).unwrap().data.len() > 10_000)
            .collect::<Vec<_>>();
        assert!(!big_js.is_empty());
        for p in big_js {
            assert!(variants(&p).is_some(), "{p}");
        }
        for p in Assets::iter().filter(|p| p.ends_with(".png")) {
            assert!(variants(&p).is_none(), "{p}");
        }
    }
}
