//! Connections, below the API: requests hyper refuses before the application sees them get a
//! problem+json answer like every other error, and kept-alive connections still carry pipelined
//! requests.

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::TestServer;

/// One HTTP/1.1 response read off the wire.
#[derive(Debug)]
struct Raw {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    /// Asserts a problem+json answer with this status and `type`, on a connection that closes.
    fn problem(&self, status: u16, kind: &str) {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{self:?}"
        );
        assert_eq!(self.header("connection"), Some("close"), "{self:?}");
        let p: Value = serde_json::from_slice(&self.body).expect("a JSON body");
        assert_eq!(p["type"], kind, "{p}");
        assert_eq!(p["status"], status, "{p}");
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()), "{p}");
        assert!(p["detail"].as_str().is_some_and(|d| !d.is_empty()), "{p}");
        let code = gymbox::error::Code::ALL
            .iter()
            .find(|c| c.as_str() == kind)
            .unwrap_or_else(|| panic!("{kind} is not in the problem-code table"));
        assert_eq!(code.status().as_u16(), status, "{kind}");
    }
}

/// Reads one response off the front of `bytes` (its body by `Content-Length`); returns the
/// rest, or `None` while it is incomplete.
fn try_response(bytes: &[u8]) -> Option<(Raw, &[u8])> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8(bytes[..end].to_vec()).expect("an ASCII head");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    let mut r = Raw {
        status,
        head,
        body: Vec::new(),
    };
    let len: usize = r
        .header("content-length")
        .unwrap_or_else(|| panic!("no Content-Length: {r:?}"))
        .parse()
        .unwrap();
    let rest = bytes.get(end + 4..)?;
    r.body = rest.get(..len)?.to_vec();
    Some((r, &rest[len..]))
}

fn response(bytes: &[u8]) -> (Raw, &[u8]) {
    try_response(bytes)
        .unwrap_or_else(|| panic!("no whole response in {:?}", String::from_utf8_lossy(bytes)))
}

async fn connect(s: &TestServer) -> TcpStream {
    TcpStream::connect(s.url.trim_start_matches("http://"))
        .await
        .unwrap()
}

/// Sends `request` on `conn` and reads until the server closes the connection.
async fn exchange(mut conn: TcpStream, request: &[u8]) -> Vec<u8> {
    let talk = async {
        conn.write_all(request).await.expect("the request is sent");
        let mut out = Vec::new();
        conn.read_to_end(&mut out)
            .await
            .expect("the answer is read");
        out
    };
    tokio::time::timeout(Duration::from_secs(20), talk)
        .await
        .expect("the server closes the connection")
}

/// The only answer on a connection that `request` was sent on.
async fn only_answer(s: &TestServer, request: &[u8]) -> Raw {
    let out = exchange(connect(s).await, request).await;
    let (r, rest) = response(&out);
    assert!(rest.is_empty(), "more after the answer: {r:?}");
    r
}

#[tokio::test]
async fn an_address_over_64_kib_gets_414_problem_json() {
    let s = TestServer::start().await;
    let long = format!(
        "GET /api/v1/users/{} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(70 * 1024)
    );
    only_answer(&s, long.as_bytes())
        .await
        .problem(414, "uri_too_long");
}

#[tokio::test]
async fn raw_bytes_hyper_cannot_read_get_400_problem_json() {
    let s = TestServer::start().await;
    let cases: [&[u8]; 6] = [
        b"GET /api/v1/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /\xff HTTP/1.0\r\n\r\n",
        b"G\xffT / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Bad: \x01\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"GET / HTTP/7.1\r\nHost: x\r\n\r\n",
    ];
    for request in cases {
        let r = only_answer(&s, request).await;
        r.problem(400, "bad_request");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}

#[tokio::test]
async fn a_huge_header_section_gets_431_problem_json() {
    let s = TestServer::start().await;
    let many: String = (0..101).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n");
    only_answer(&s, many.as_bytes())
        .await
        .problem(431, "headers_too_large");
    // Longer than hyper reads: the answer still arrives whole, not as a reset.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(600 * 1024)
    );
    only_answer(&s, big.as_bytes())
        .await
        .problem(431, "headers_too_large");
}

#[tokio::test]
async fn pipelined_requests_on_a_kept_alive_connection_are_all_answered() {
    let s = TestServer::start().await;
    let mut conn = connect(&s).await;
    let get = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    conn.write_all(&[&get[..], &get[..]].concat())
        .await
        .unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0; 64 * 1024];
    let two = async {
        loop {
            let n = conn.read(&mut buf).await.unwrap();
            assert!(n > 0, "closed after {:?}", String::from_utf8_lossy(&got));
            got.extend_from_slice(&buf[..n]);
            if try_response(&got).is_some_and(|(_, rest)| try_response(rest).is_some()) {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(20), two)
        .await
        .expect("both answers arrive");
    let (first, rest) = response(&got);
    let (second, rest) = response(rest);
    assert!(rest.is_empty());
    for r in [&first, &second] {
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.header("connection"), None, "{r:?}");
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["status"], "ok");
    }
    // Still open: a good request, then one hyper refuses, pipelined. The first answer is
    // intact and the refusal follows it.
    let out = exchange(
        conn,
        &[&get[..], b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n"].concat(),
    )
    .await;
    let (third, rest) = response(&out);
    assert_eq!(third.status, 200, "{third:?}");
    let (refused, rest) = response(rest);
    refused.problem(400, "bad_request");
    assert!(rest.is_empty());
}
