//! What goes over the wire: precompressed web app files chosen by `Accept-Encoding`, API JSON
//! compressed above a size threshold, and the weight of a first visit.

use std::io::Read as _;

use reqwest::Method;
use reqwest::header::HeaderMap;

use crate::support::TestServer;

/// What Chromium sends over HTTPS; over plain HTTP it leaves out `br`.
const CHROMIUM: &str = "gzip, deflate, br, zstd";
const CHROMIUM_PLAIN_HTTP: &str = "gzip, deflate";
/// The budget of a first visit: the page and everything it names, as transferred.
const FIRST_VISIT_BUDGET: usize = 250_000;

struct Raw {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body with its `Content-Encoding` undone.
    fn decoded(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self.header("content-encoding") {
            None => out.clone_from(&self.body),
            Some("br") => {
                brotli::Decompressor::new(&self.body[..], 4096)
                    .read_to_end(&mut out)
                    .expect("valid brotli");
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.body[..])
                    .read_to_end(&mut out)
                    .expect("valid gzip");
            }
            Some(other) => panic!("unexpected content-encoding {other}"),
        }
        out
    }

    fn content_length(&self) -> usize {
        self.header("content-length")
            .expect("content-length is sent")
            .parse()
            .unwrap()
    }
}

/// A request with no automatic decompression (reqwest is built without it), so sizes and
/// headers are what travels.
async fn fetch(
    s: &TestServer,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    token: Option<&str>,
) -> Raw {
    let http = reqwest::Client::new();
    let mut b = http.request(method, format!("{}{path}", s.url));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    if let Some(t) = token {
        b = b.bearer_auth(t);
    }
    let r = b.send().await.expect("request sent");
    Raw {
        status: r.status().as_u16(),
        headers: r.headers().clone(),
        body: r.bytes().await.unwrap().to_vec(),
    }
}

async fn get(s: &TestServer, path: &str, accept: &str) -> Raw {
    fetch(s, Method::GET, path, &[("accept-encoding", accept)], None).await
}

/// The addresses of the scripts, stylesheets, preloads, icons and manifest a page names.
fn referenced(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for tag in html.split('<').skip(1) {
        let (name, attr) = if tag.starts_with("script") {
            ("script", "src=\"")
        } else if tag.starts_with("link") {
            ("link", "href=\"")
        } else {
            continue;
        };
        let Some(start) = tag.find(attr) else {
            assert_ne!(name, "link", "a link without href: <{tag}");
            continue;
        };
        let rest = &tag[start + attr.len()..];
        let url = &rest[..rest.find('"').unwrap()];
        assert!(url.starts_with('/'), "same-origin, absolute path: {url}");
        urls.push(url.to_owned());
    }
    urls
}

async fn first_visit(s: &TestServer, accept: &str) -> usize {
    let index = get(s, "/", accept).await;
    assert_eq!(index.status, 200);
    assert_eq!(index.body.len(), index.content_length());
    let html = String::from_utf8(index.decoded()).unwrap();
    let urls = referenced(&html);
    assert!(
        urls.iter().any(|u| u.ends_with(".js")) && urls.iter().any(|u| u.ends_with(".css")),
        "the page names its scripts and styles: {urls:?}"
    );
    let mut total = index.content_length();
    for url in &urls {
        let r = get(s, url, accept).await;
        assert_eq!(r.status, 200, "{url}");
        assert_eq!(r.body.len(), r.content_length(), "{url}");
        if accept != "identity" && url.ends_with(".js") && r.body.len() > 10_000 {
            assert!(
                r.header("content-encoding").is_some(),
                "{url} is compressed"
            );
        }
        total += r.content_length();
    }
    eprintln!(
        "first visit with Accept-Encoding `{accept}`: {total} bytes in {} responses",
        urls.len() + 1
    );
    total
}

#[tokio::test]
async fn first_visit_fits_the_transfer_budget() {
    let s = TestServer::start().await;
    let br = first_visit(&s, CHROMIUM).await;
    assert!(br <= FIRST_VISIT_BUDGET, "{br} bytes over https");
    let gz = first_visit(&s, CHROMIUM_PLAIN_HTTP).await;
    assert!(gz <= FIRST_VISIT_BUDGET, "{gz} bytes over plain http");
    let plain = first_visit(&s, "identity").await;
    assert!(
        br < gz && gz < plain / 2,
        "br {br}, gzip {gz}, none {plain}"
    );
}

/// The largest script the page names (the one compression matters most for).
async fn largest_script(s: &TestServer) -> String {
    let html = String::from_utf8(get(s, "/", "identity").await.body).unwrap();
    let mut best = (0, String::new());
    for url in referenced(&html).into_iter().filter(|u| u.ends_with(".js")) {
        let size = get(s, &url, "identity").await.body.len();
        if size > best.0 {
            best = (size, url);
        }
    }
    best.1
}

#[tokio::test]
async fn static_files_are_negotiated_by_accept_encoding() {
    let s = TestServer::start().await;
    let url = largest_script(&s).await;
    let plain = get(&s, &url, "identity").await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body.len(), plain.content_length());
    let cases = [
        (CHROMIUM, Some("br")),
        ("br", Some("br")),
        ("gzip", Some("gzip")),
        ("br;q=0, gzip", Some("gzip")),
        ("br;q=0.5, gzip;q=0.9", Some("gzip")),
        ("gzip;q=0.5, br;q=0.6", Some("br")),
        ("br;q=0, gzip;q=0", None),
        ("gzip;q=0.5, identity", None),
        ("deflate, zstd", None),
        ("", None),
    ];
    let mut etags = Vec::new();
    for (accept, want) in cases {
        let r = get(&s, &url, accept).await;
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(
            r.header("content-encoding"),
            want,
            "Accept-Encoding: {accept}"
        );
        assert_eq!(r.header("vary"), Some("accept-encoding"), "{accept}");
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("text/javascript")
        );
        assert_eq!(r.body.len(), r.content_length(), "{accept}");
        assert_eq!(r.decoded(), plain.body, "{accept}: same file once decoded");
        if want.is_some() {
            assert!(r.body.len() * 2 < plain.body.len(), "{accept}: it pays off");
        }
        etags.push((want, r.header("etag").unwrap().to_owned()));
    }
    // One ETag per coding, and different codings have different ones.
    for (a, ea) in &etags {
        for (b, eb) in &etags {
            assert_eq!(a == b, ea == eb, "{a:?} {ea} / {b:?} {eb}");
        }
    }
    // A request without Accept-Encoding gets the file as it is.
    let bare = fetch(&s, Method::GET, &url, &[], None).await;
    assert_eq!(bare.header("content-encoding"), None);
    assert_eq!(bare.body, plain.body);
    // The shell, sent as it is, is not compressed again on the way out.
    let shell = get(&s, "/", "deflate").await;
    assert_eq!(shell.header("content-encoding"), None);
    assert_eq!(shell.headers.get_all("vary").iter().count(), 1);
    assert!(String::from_utf8(shell.body).unwrap().contains("<script"));
}

#[tokio::test]
async fn conditional_requests_and_head_respect_the_coding() {
    let s = TestServer::start().await;
    let url = largest_script(&s).await;
    let br = get(&s, &url, "br").await;
    let br_tag = br.header("etag").unwrap().to_owned();
    let revalidate = |accept: &'static str, tag: String| {
        let s = &s;
        let url = url.clone();
        async move {
            fetch(
                s,
                Method::GET,
                &url,
                &[("accept-encoding", accept), ("if-none-match", &tag)],
                None,
            )
            .await
        }
    };
    let same = revalidate("br", br_tag.clone()).await;
    assert_eq!(same.status, 304);
    assert!(same.body.is_empty());
    assert_eq!(same.header("etag"), Some(br_tag.as_str()));
    assert_eq!(same.header("vary"), Some("accept-encoding"));
    // A weak form of the tag (as some proxies rewrite it) still matches.
    let weak = revalidate("br", format!("W/{br_tag}")).await;
    assert_eq!(weak.status, 304);
    // The client's copy is brotli; asking for gzip now needs the gzip copy.
    let other = revalidate("gzip", br_tag.clone()).await;
    assert_eq!(other.status, 200);
    assert_eq!(other.header("content-encoding"), Some("gzip"));
    let gz_tag = other.header("etag").unwrap().to_owned();
    assert_eq!(revalidate("gzip", gz_tag).await.status, 304);
    let plain_tag = get(&s, &url, "identity")
        .await
        .header("etag")
        .unwrap()
        .to_owned();
    assert_eq!(revalidate("identity", plain_tag).await.status, 304);
    assert_eq!(revalidate("br", "\"other\", *".into()).await.status, 304);

    // HEAD: the same headers as GET, Content-Length of the chosen coding, no body.
    for accept in ["br", "gzip", "identity"] {
        let got = get(&s, &url, accept).await;
        let head = fetch(&s, Method::HEAD, &url, &[("accept-encoding", accept)], None).await;
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty());
        for h in [
            "content-encoding",
            "content-length",
            "etag",
            "vary",
            "content-type",
        ] {
            assert_eq!(head.header(h), got.header(h), "HEAD {accept}: {h}");
        }
    }
}

#[tokio::test]
async fn app_shell_fallback_and_small_files() {
    let s = TestServer::start().await;
    let index = get(&s, "/", CHROMIUM).await;
    assert_eq!(index.header("content-encoding"), Some("br"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert!(
        index
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    // A client route gets the same compressed shell.
    let deep = get(&s, "/settings/profile", CHROMIUM).await;
    assert_eq!(deep.status, 200);
    assert_eq!(deep.header("content-encoding"), Some("br"));
    assert_eq!(deep.header("etag"), index.header("etag"));
    assert_eq!(deep.body, index.body);
    let head = fetch(
        &s,
        Method::HEAD,
        "/workouts/123",
        &[("accept-encoding", CHROMIUM)],
        None,
    )
    .await;
    assert_eq!(head.status, 200);
    assert_eq!(head.content_length(), index.body.len());
    // The service worker and manifest keep their types and freshness rules.
    let sw = get(&s, "/sw.js", CHROMIUM).await;
    assert_eq!(sw.status, 200);
    assert_eq!(sw.header("cache-control"), Some("no-cache"));
    assert!(
        sw.header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        String::from_utf8(sw.decoded())
            .unwrap()
            .contains("precache")
    );
    let manifest = get(&s, "/manifest.webmanifest", CHROMIUM).await;
    assert_eq!(
        manifest.header("content-type"),
        Some("application/manifest+json")
    );
    let manifest: serde_json::Value = serde_json::from_slice(&manifest.decoded()).unwrap();
    assert_eq!(manifest["start_url"], "/");
    // Images are compressed already and tiny files are not worth it: sent as they are.
    for path in ["/icons/icon-512.png", "/favicon.svg"] {
        let r = get(&s, path, CHROMIUM).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-encoding"), None, "{path}");
        assert_eq!(r.header("vary"), None, "{path}");
        assert_eq!(r.body.len(), r.content_length(), "{path}");
    }
}

#[tokio::test]
async fn api_json_is_compressed_above_a_threshold() {
    let s = TestServer::start().await;
    let owner = s.owner().await;
    let token = Some(owner.token());
    let api = |path: &'static str, accept: &'static str| {
        let s = &s;
        async move { fetch(s, Method::GET, path, &[("accept-encoding", accept)], token).await }
    };
    // Large: the catalogue page and the OpenAPI document.
    for path in ["/api/v1/exercises?limit=100", "/api/v1/openapi.json"] {
        let plain = api(path, "identity").await;
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("content-encoding"), None);
        assert_eq!(plain.header("vary"), Some("accept-encoding"), "{path}");
        assert!(plain.body.len() > 10_000, "{path}: {}", plain.body.len());
        serde_json::from_slice::<serde_json::Value>(&plain.body).unwrap();
        // Gzip first on the fly (cheaper on the CPU); brotli for a client that takes only it.
        for (accept, want) in [(CHROMIUM, "gzip"), ("br", "br"), ("gzip;q=0.5, br", "br")] {
            let r = api(path, accept).await;
            assert_eq!(r.status, 200);
            assert_eq!(r.header("content-encoding"), Some(want), "{path} {accept}");
            assert_eq!(r.header("vary"), Some("accept-encoding"));
            assert!(
                r.header("content-type")
                    .unwrap()
                    .starts_with("application/json")
            );
            assert_eq!(r.body.len(), r.content_length(), "{path} {accept}");
            // At least halved (prose in Russian, the exercises' how-to steps, compresses less
            // than field names do).
            assert!(
                r.body.len() * 2 < plain.body.len(),
                "{path} {accept}: {} of {}",
                r.body.len(),
                plain.body.len()
            );
            assert_eq!(r.decoded(), plain.body, "{path} {accept}");
        }
        let refused = api(path, "br;q=0, gzip;q=0").await;
        assert_eq!(refused.header("content-encoding"), None);
        assert_eq!(refused.body, plain.body);
    }
    // Small: under 1 KiB goes out as it is, without Vary.
    let one = api("/api/v1/me", CHROMIUM).await;
    assert_eq!(one.status, 200);
    assert!(one.body.len() < 1024, "{}", one.body.len());
    assert_eq!(one.header("content-encoding"), None);
    assert_eq!(one.header("vary"), None);
    // Signed out, as a monitor asks.
    let get = |path: &'static str| {
        let s = &s;
        async move { fetch(s, Method::GET, path, &[("accept-encoding", CHROMIUM)], None).await }
    };
    let health = get("/healthz").await;
    assert_eq!(health.header("content-encoding"), None);
    let problem = get("/api/v1/me").await;
    assert_eq!(problem.status, 401);
    assert_eq!(problem.header("content-encoding"), None);
    // The Prometheus text is not JSON: left alone.
    let metrics = get("/metrics").await;
    assert_eq!(metrics.header("content-encoding"), None);
}
