//! Content codings: which one a client accepts (`Accept-Encoding`). The web app's files are
//! compressed once, at build time (`build.rs`); `web.rs` picks among those copies.

use poem::http::{HeaderMap, header};

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

#[cfg(test)]
mod tests {
    use poem::http::HeaderValue;

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
            negotiate(&h, &[Coding::Gzip, Coding::Brotli]),
            Coding::Gzip,
            "on a tie, the server's order"
        );
        assert_eq!(negotiate(&h, &[]), Coding::Identity);
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
