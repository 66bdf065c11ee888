//! Content codings: which one a client accepts (`Accept-Encoding`), and compressing API
//! responses on the fly. The web app's files are compressed once, at build time (`build.rs`);
//! `web.rs` picks among those copies with the same negotiation.

use std::io::Write as _;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use poem::http::{HeaderMap, HeaderValue, StatusCode, header};
use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response, Result};

/// A content coding Gymbox can send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Identity,
    Brotli,
    Gzip,
}

impl Coding {
    /// The `Content-Encoding` token, `None` for identity.
    pub fn token(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Brotli => Some("br"),
            Coding::Gzip => Some("gzip"),
        }
    }
}

/// q-values in thousandths, as listed in `Accept-Encoding` (`None`: not listed).
#[derive(Default)]
struct Accepted {
    br: Option<u16>,
    gzip: Option<u16>,
    identity: Option<u16>,
    any: Option<u16>,
}

/// A q-value (`0` to `1`, at most three decimals) in thousandths; `None` if malformed.
fn qvalue(s: &str) -> Option<u16> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = format!("{frac:0<3}").parse::<u16>().ok()?;
    match int {
        "0" => Some(frac),
        "1" if frac == 0 => Some(1000),
        _ => None,
    }
}

fn accepted(headers: &HeaderMap) -> Accepted {
    let mut acc = Accepted::default();
    let items = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for item in items {
        let mut params = item.split(';');
        let name = params.next().unwrap_or("").trim();
        let mut q = Some(1000);
        for param in params {
            if let Some((k, v)) = param.split_once('=')
                && k.trim().eq_ignore_ascii_case("q")
            {
                q = qvalue(v.trim());
            }
        }
        // A malformed element says nothing we could rely on: skip it.
        let Some(q) = q else { continue };
        let slot = if name.eq_ignore_ascii_case("br") {
            &mut acc.br
        } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            &mut acc.gzip
        } else if name.eq_ignore_ascii_case("identity") {
            &mut acc.identity
        } else if name == "*" {
            &mut acc.any
        } else {
            continue;
        };
        *slot = Some(slot.map_or(q, |old| old.max(q)));
    }
    acc
}

/// The coding to send, from the request's `Accept-Encoding` and the codings `available`
/// besides identity, in the server's order of preference. The highest q-value wins; on a tie
/// the earlier in `available`, and any of them before identity. `q=0` refuses a coding; `*` stands for every
/// coding not named. Identity is the fallback (also when refused: there is nothing else to
/// send), and competes on q-value only when named. Without the header: identity.
pub fn negotiate(headers: &HeaderMap, available: &[Coding]) -> Coding {
    if !headers.contains_key(header::ACCEPT_ENCODING) {
        return Coding::Identity;
    }
    let acc = accepted(headers);
    let q_of = |c: Coding| match c {
        Coding::Brotli => acc.br.or(acc.any).unwrap_or(0),
        Coding::Gzip => acc.gzip.or(acc.any).unwrap_or(0),
        // Identity is always acceptable unless refused, but competes only when named.
        Coding::Identity => acc.identity.or(acc.any).unwrap_or(0),
    };
    let mut best = Coding::Identity;
    let mut best_q = 0;
    for &c in available {
        let q = q_of(c);
        if q > best_q {
            best = c;
            best_q = q;
        }
    }
    if best_q == 0 || q_of(Coding::Identity) > best_q {
        Coding::Identity
    } else {
        best
    }
}

/// Responses smaller than this go out as they are: compressing them saves less than a packet.
pub const MIN_SIZE: usize = 1024;
/// Bodies larger than this are compressed on a blocking thread, off the async workers.
const INLINE_MAX: usize = 128 * 1024;
/// Fast settings: compressing on the fly costs CPU on every request. Gzip at level 1 is
/// preferred: it costs about half of brotli's quickest useful setting (quality 3) for a
/// little less saving, and every browser accepts it. Brotli serves clients that take only it.
const GZIP_LEVEL: u32 = 1;
const BROTLI_QUALITY: i32 = 3;
const BROTLI_WINDOW: i32 = 16;
/// On-the-fly codings in order of preference.
const DYNAMIC: &[Coding] = &[Coding::Gzip, Coding::Brotli];

/// Whether whoever made the response chose its coding already (the web app's files).
fn negotiated(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
}

/// Whether a response is of a type worth compressing and not already encoded.
fn compressible(resp: &Response) -> bool {
    let status = resp.status();
    if status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
        || status == StatusCode::PARTIAL_CONTENT
        || resp.headers().contains_key(header::CONTENT_ENCODING)
        || negotiated(resp.headers())
    {
        return false;
    }
    let Some(ct) = resp.headers().get(header::CONTENT_TYPE) else {
        return false;
    };
    let essence = ct
        .to_str()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim();
    ["application/json", "application/problem+json", "text/html"]
        .iter()
        .any(|t| essence.eq_ignore_ascii_case(t))
}

/// Compresses `data` with `coding` (not identity).
pub fn compress(data: &[u8], coding: Coding) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 4 + 64);
    match coding {
        Coding::Identity => out.extend_from_slice(data),
        Coding::Brotli => {
            let params = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY,
                lgwin: BROTLI_WINDOW,
                size_hint: data.len(),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &data[..], &mut out, &params)
                .expect("compressing into memory does not fail");
        }
        Coding::Gzip => {
            let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::new(GZIP_LEVEL));
            enc.write_all(data)
                .expect("compressing into memory does not fail");
            out = enc.finish().expect("compressing into memory does not fail");
        }
    }
    out
}

/// Compresses JSON, problem+json and HTML (the API documentation page) responses of at least
/// `MIN_SIZE` bytes in a coding the client accepts. Bodies of unknown length (streams) and responses that already
/// carry a `Content-Encoding` pass through untouched. Validators stay as they are: API
/// `ETag`s are versions for `If-Match`, and API responses are never stored (`no-store`).
pub struct CompressResponses;

impl<E: Endpoint> Middleware<E> for CompressResponses {
    type Output = CompressEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        CompressEndpoint { inner: ep }
    }
}

pub struct CompressEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for CompressEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let coding = negotiate(req.headers(), DYNAMIC);
        let resp = self.inner.call(req).await?.into_response();
        Ok(encode_response(resp, coding).await)
    }
}

async fn encode_response(resp: Response, coding: Coding) -> Response {
    if !compressible(&resp) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let body = BoxBody::<Bytes, std::io::Error>::from(body);
    let len = http_body::Body::size_hint(&body).exact();
    let body = Body::from(body);
    if len.is_none_or(|n| n < MIN_SIZE as u64) {
        return Response::from_parts(parts, body);
    }
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let Some(token) = coding.token() else {
        return Response::from_parts(parts, body);
    };
    let Ok(data) = body.into_bytes().await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let packed = if data.len() > INLINE_MAX {
        let data = data.clone();
        tokio::task::spawn_blocking(move || compress(&data, coding))
            .await
            .unwrap_or_default()
    } else {
        compress(&data, coding)
    };
    if packed.is_empty() || packed.len() >= data.len() {
        return Response::from_parts(parts, Body::from(data));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static(token));
    Response::from_parts(parts, Body::from(packed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: Option<&str>) -> Coding {
        let mut h = HeaderMap::new();
        if let Some(a) = accept {
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(a).unwrap());
        }
        negotiate(&h, &[Coding::Brotli, Coding::Gzip])
    }

    #[test]
    fn negotiation_follows_q_values() {
        use Coding::{Brotli, Gzip, Identity};
        let cases = [
            (None, Identity),
            (Some(""), Identity),
            (Some("gzip, deflate, br, zstd"), Brotli),
            (Some("gzip, deflate"), Gzip),
            (Some("GZIP"), Gzip),
            (Some("x-gzip"), Gzip),
            (Some("br;q=0, gzip"), Gzip),
            (Some("br; q=0.000, gzip;q=0.1"), Gzip),
            (Some("br;q=0.5, gzip;q=0.8"), Gzip),
            (Some("br;q=1.0, gzip;q=1"), Brotli),
            (Some("gzip;q=0.5, identity"), Identity),
            (Some("gzip;q=0.5"), Gzip),
            (Some("gzip;q=0.5, *;q=0.6"), Brotli),
            (Some("br;q=0.5, identity;q=0.5"), Brotli),
            (Some("identity"), Identity),
            (Some("*"), Brotli),
            (Some("*;q=0"), Identity),
            (Some("br;q=0, *"), Gzip),
            (Some("br;q=0, gzip;q=0"), Identity),
            (Some("deflate, zstd"), Identity),
            // Malformed q-values are ignored, not taken as 1.
            (Some("br;q=2, gzip"), Gzip),
            (Some("br;q=abc"), Identity),
            (Some("br;q=0.1234"), Identity),
        ];
        for (accept, want) in cases {
            assert_eq!(pick(accept), want, "Accept-Encoding: {accept:?}");
        }
    }

    #[test]
    fn several_header_lines_count_together() {
        let mut h = HeaderMap::new();
        h.append(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        h.append(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
        assert_eq!(
            negotiate(&h, &[Coding::Brotli, Coding::Gzip]),
            Coding::Brotli
        );
        assert_eq!(negotiate(&h, &[Coding::Gzip]), Coding::Gzip);
        assert_eq!(
            negotiate(&h, DYNAMIC),
            Coding::Gzip,
            "on a tie, the server's order"
        );
        assert_eq!(negotiate(&h, &[]), Coding::Identity);
    }

    fn response(content_type: &str, body: Body) -> Response {
        Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .body(body)
    }

    async fn encoded(resp: Response, coding: Coding) -> (Option<String>, Vec<u8>) {
        let resp = encode_response(resp, coding).await;
        let ce = resp
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap().to_owned());
        (ce, resp.into_body().into_vec().await.unwrap())
    }

    #[tokio::test]
    async fn only_whole_bodies_of_text_types_are_compressed() {
        let json = format!("[{}0]", "1,".repeat(2000)).into_bytes();
        let (ce, _) = encoded(
            response("application/problem+json", json.clone().into()),
            Coding::Gzip,
        )
        .await;
        assert_eq!(ce.as_deref(), Some("gzip"));
        let (ce, body) = encoded(
            response("application/json", json.clone().into()),
            Coding::Identity,
        )
        .await;
        assert_eq!((ce, body), (None, json.clone()));
        // A stream (server-sent events, a download) is passed through as it comes.
        let stream = Body::from_async_read(std::io::Cursor::new(json.clone()));
        let (ce, body) = encoded(response("application/json", stream), Coding::Brotli).await;
        assert_eq!((ce, body), (None, json.clone()));
        for ct in ["text/event-stream", "image/png", "text/csv"] {
            let (ce, _) = encoded(response(ct, json.clone().into()), Coding::Brotli).await;
            assert_eq!(ce, None, "{ct}");
        }
        // Already encoded: not encoded twice.
        let mut pre = response("application/json", json.clone().into());
        pre.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        let (ce, body) = encoded(pre, Coding::Brotli).await;
        assert_eq!((ce.as_deref(), body), (Some("gzip"), json.clone()));
        // Negotiated already (a web app file sent as it is): left alone, Vary not doubled.
        let mut pre = response("text/html", json.clone().into());
        pre.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let resp = encode_response(pre, Coding::Gzip).await;
        assert_eq!(resp.headers().get_all(header::VARY).iter().count(), 1);
        assert!(!resp.headers().contains_key(header::CONTENT_ENCODING));
    }

    #[test]
    fn qvalues_parse_to_thousandths() {
        assert_eq!(qvalue("1"), Some(1000));
        assert_eq!(qvalue("1.000"), Some(1000));
        assert_eq!(qvalue("0"), Some(0));
        assert_eq!(qvalue("0.5"), Some(500));
        assert_eq!(qvalue("0.125"), Some(125));
        assert_eq!(qvalue("1.5"), None);
        assert_eq!(qvalue("-0"), None);
        assert_eq!(qvalue(".5"), None);
    }
}
