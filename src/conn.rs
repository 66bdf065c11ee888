//! What every accepted connection goes through, below HTTP.
//!
//! Connections that go quiet are closed: a client that opens a connection and then sends
//! nothing more (or stops halfway through its headers) is dropped after the idle timeout, so
//! half-open connections cannot pile up. poem's own idle timeout waits for a request that has
//! begun to finish, which a stalled client never does; this one fails the stalled read.
//!
//! Requests hyper cannot read never reach poem: a malformed request line or header (400), a
//! request target over 64 KiB (414), more than 100 header fields or a head over 408 KiB (431).
//! hyper answers those itself, with an empty body. Its answer has one fixed shape and is the
//! last thing written on the connection, so the write side recognises it and sends a
//! problem+json answer in its place; the connection then closes gracefully (FIN, then what the
//! client is still sending is read and dropped, within bounds), so the client reads the answer
//! rather than a reset. Recognising hyper's answer, rather than checking requests before hyper
//! reads them, keeps hyper the one judge of what is malformed: nothing here can refuse a request
//! hyper would accept, and a normal write costs one comparison of its last four bytes.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use poem::http::uri::Scheme;
use poem::listener::Acceptor;
use poem::web::{LocalAddr, RemoteAddr};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use crate::api::problem::{PROBLEM_JSON, Problem};
use crate::error::Code;

/// Wraps an acceptor so each of its connections is closed after `timeout` without traffic and
/// answers the requests hyper refuses with problem+json.
pub struct Guard<A> {
    inner: A,
    timeout: Duration,
}

impl<A> Guard<A> {
    pub fn new(inner: A, timeout: Duration) -> Self {
        Self { inner, timeout }
    }
}

impl<A: Acceptor> Acceptor for Guard<A>
where
    A::Io: Unpin,
{
    type Io = Guarded<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        let (io, local, remote, scheme) = self.inner.accept().await?;
        Ok((Guarded::new(io, self.timeout), local, remote, scheme))
    }
}

/// A connection whose reads fail with `TimedOut` after `timeout` without any traffic, and
/// whose refusals from hyper are rewritten as problem+json.
///
/// It does not implement vectored writes: hyper then hands it each response whole, in one
/// buffer, which is what lets it find hyper's own answer at the end of a write.
pub struct Guarded<T> {
    inner: T,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
    answer: Answer,
}

/// Progress of the problem+json answer sent in place of hyper's empty one.
enum Answer {
    None,
    /// Being written: the bytes and how many are out.
    Writing(Vec<u8>, usize),
    /// Out; shutting down lingers, reading and dropping what the client still sends.
    Sent,
    /// The write side is shut; so many bytes were read and dropped since.
    Lingering(usize),
    /// The connection is finished.
    Closed,
}

/// Longest a refused connection lingers before it closes.
const LINGER: Duration = Duration::from_secs(2);
/// Most bytes read and dropped while lingering (hyper reads heads of up to 408 KiB).
const LINGER_BYTES: usize = 1024 * 1024;

impl<T> Guarded<T> {
    fn new(inner: T, timeout: Duration) -> Self {
        Self {
            inner,
            timeout,
            deadline: Box::pin(tokio::time::sleep(timeout)),
            answer: Answer::None,
        }
    }

    fn touch(&mut self) {
        let next = Instant::now() + self.timeout;
        self.deadline.as_mut().reset(next);
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Guarded<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                self.touch();
                Poll::Ready(r)
            }
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the connection was idle for too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> AsyncWrite for Guarded<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if matches!(this.answer, Answer::None)
            && let Some(refusal) = Refusal::at_end_of(buf)
        {
            if refusal.start > 0 {
                // What comes before it first, so hyper's answer is never split between writes.
                return this.write(cx, &buf[..refusal.start]);
            }
            tracing::debug!(status = %refusal.code.status(), "refused a request hyper could not read");
            this.answer = Answer::Writing(refusal.answer(buf), 0);
        }
        if let Answer::Writing(bytes, out) = &mut this.answer {
            while *out < bytes.len() {
                let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*out..]))?;
                if n == 0 {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                *out += n;
            }
            this.answer = Answer::Sent;
            this.touch();
            // hyper's own bytes count as written: they were answered.
            return Poll::Ready(Ok(buf.len()));
        }
        this.write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.answer {
            Answer::Sent | Answer::Lingering(_) => self.linger(cx),
            Answer::Closed => Poll::Ready(Ok(())),
            Answer::None | Answer::Writing(..) => Pin::new(&mut self.inner).poll_shutdown(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> Guarded<T> {
    fn write(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if r.is_ready() {
            self.touch();
        }
        r
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> Guarded<T> {
    /// Closes after an answer to a refused request: the write side first, then reads what the
    /// client is still sending (a head hyper stopped reading, a body) until it closes too or a
    /// bound is reached. Closing with unread data would reset the connection, and a client can
    /// lose an answer it has not read yet to a reset.
    fn linger(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if matches!(self.answer, Answer::Sent) {
            if let Err(e) = ready!(Pin::new(&mut self.inner).poll_shutdown(cx)) {
                self.answer = Answer::Closed;
                return Poll::Ready(Err(e));
            }
            self.answer = Answer::Lingering(0);
            let until = Instant::now() + LINGER.min(self.timeout);
            self.deadline.as_mut().reset(until);
        }
        let mut scratch = [0u8; 8192];
        while let Answer::Lingering(dropped) = &mut self.answer {
            let mut buf = ReadBuf::new(&mut scratch);
            match Pin::new(&mut self.inner).poll_read(cx, &mut buf) {
                Poll::Ready(Ok(())) if !buf.filled().is_empty() => {
                    *dropped += buf.filled().len();
                    if *dropped > LINGER_BYTES {
                        self.answer = Answer::Closed;
                    }
                }
                Poll::Ready(_) => self.answer = Answer::Closed,
                Poll::Pending => {
                    ready!(self.deadline.as_mut().poll(cx));
                    self.answer = Answer::Closed;
                }
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// hyper's answer to a request it could not read, found at the end of a write:
/// `HTTP/1.x <status> <reason>\r\n[connection: close\r\n]content-length: 0\r\ndate: <date>\r\n\r\n`
/// with status 400, 414 or 431. Responses made by the application never look like this: they
/// all carry the security headers, and their errors carry a body.
struct Refusal {
    /// Where hyper's answer begins in the write.
    start: usize,
    code: Code,
    /// `HTTP/1.0` or `HTTP/1.1`, as hyper chose.
    version: std::ops::Range<usize>,
    /// hyper's `date` value (IMF-fixdate, always 29 bytes).
    date: std::ops::Range<usize>,
}

const DATE_LEN: usize = "Sun, 06 Nov 1994 08:49:37 GMT".len();

impl Refusal {
    fn at_end_of(buf: &[u8]) -> Option<Self> {
        let rest = buf.strip_suffix(b"\r\n\r\n")?;
        let date_at = rest.len().checked_sub(DATE_LEN)?;
        let date = date_at..rest.len();
        if !rest.ends_with(b" GMT") {
            return None;
        }
        let rest = rest[..date_at].strip_suffix(b"content-length: 0\r\ndate: ")?;
        let rest = rest.strip_suffix(b"connection: close\r\n").unwrap_or(rest);
        let rest = rest.strip_suffix(b"\r\n")?;
        let (code, rest) = [Code::BadRequest, Code::UriTooLong, Code::HeadersTooLarge]
            .into_iter()
            .find_map(|code| {
                let status = code.status();
                let rest = rest
                    .strip_suffix(status.canonical_reason()?.as_bytes())?
                    .strip_suffix(b" ")?
                    .strip_suffix(status.as_str().as_bytes())?
                    .strip_suffix(b" ")?;
                Some((code, rest))
            })?;
        let version = rest.len().checked_sub(b"HTTP/1.1".len())?;
        if !matches!(&rest[version..], b"HTTP/1.1" | b"HTTP/1.0") {
            return None;
        }
        Some(Self {
            start: version,
            code,
            version: version..rest.len(),
            date,
        })
    }

    /// The problem+json answer sent instead, with hyper's version and date.
    fn answer(&self, buf: &[u8]) -> Vec<u8> {
        let status = self.code.status();
        let body = Problem::new(self.code, detail(self.code)).to_bytes();
        let mut out = Vec::with_capacity(256 + body.len());
        out.extend_from_slice(&buf[self.version.clone()]);
        out.extend_from_slice(
            format!(
                " {} {}\r\ncontent-type: {PROBLEM_JSON}\r\ncontent-length: {}\r\n\
                 connection: close\r\ncache-control: no-store\r\n\
                 x-content-type-options: nosniff\r\ndate: ",
                status.as_str(),
                status.canonical_reason().unwrap_or(""),
                body.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&buf[self.date.clone()]);
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(&body);
        out
    }
}

fn detail(code: Code) -> String {
    match code {
        Code::UriTooLong => crate::app::uri_too_long_detail(),
        Code::HeadersTooLarge => "The request headers are too large: send at most 100 header \
                                  fields, well under 400 KiB in all."
            .to_owned(),
        _ => "The request could not be read: its request line or a header is malformed. \
              Send a valid HTTP/1.1 request, with anything in the address that is not ASCII \
              percent-encoded."
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Sun, 06 Dec 2026 10:11:15 GMT";

    fn refusal(s: &str) -> Option<(usize, Code)> {
        Refusal::at_end_of(s.as_bytes()).map(|r| (r.start, r.code))
    }

    #[test]
    fn hyper_refusals_are_recognised_where_they_begin() {
        let close = format!(
            "HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
        );
        assert_eq!(refusal(&close), Some((0, Code::UriTooLong)));
        let after = format!("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{{}}{close}");
        assert_eq!(
            refusal(&after),
            Some((after.len() - close.len(), Code::UriTooLong))
        );
        let http10 =
            format!("HTTP/1.0 400 Bad Request\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n");
        assert_eq!(refusal(&http10), Some((0, Code::BadRequest)));
        let headers = format!(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
        );
        assert_eq!(refusal(&headers), Some((0, Code::HeadersTooLarge)));
    }

    #[test]
    fn other_responses_are_left_alone() {
        for s in [
            String::new(),
            "\r\n\r\n".to_owned(),
            format!("HTTP/1.1 204 No Content\r\ndate: {DATE}\r\n\r\n"),
            format!(
                "HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
            ),
            format!(
                "HTTP/1.1 400 Bad Request\r\nx-content-type-options: nosniff\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
            ),
            format!("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\nx"),
            format!("HTTP/2.0 400 Bad Request\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"),
        ] {
            assert_eq!(refusal(&s), None, "{s:?}");
        }
    }

    #[tokio::test]
    async fn after_an_answer_closing_reads_what_the_client_still_sends() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (server, mut client) = tokio::io::duplex(1024);
        let mut conn = Guarded::new(server, Duration::from_secs(30));
        let hyper = format!(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
        );
        conn.write_all(hyper.as_bytes()).await.unwrap();
        // The client is still sending (more than the pipe holds) when the server closes; it
        // can finish, and then reads the answer and the end of the connection.
        let client = tokio::spawn(async move {
            client.write_all(&[b'a'; 100_000]).await?;
            client.shutdown().await?;
            let mut answer = String::new();
            client.read_to_string(&mut answer).await?;
            Ok::<_, io::Error>(answer)
        });
        conn.shutdown().await.unwrap();
        drop(conn);
        let answer = client
            .await
            .unwrap()
            .expect("the client sends all and reads the answer");
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
        assert!(answer.ends_with('}'), "{answer}");
    }

    #[test]
    fn the_answer_is_problem_json_with_a_matching_length() {
        let hyper = format!(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: {DATE}\r\n\r\n"
        );
        let r = Refusal::at_end_of(hyper.as_bytes()).unwrap();
        let answer = String::from_utf8(r.answer(hyper.as_bytes())).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(
            head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{head}"
        );
        assert!(
            head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())),
            "{head}"
        );
        assert!(head.contains("\r\nconnection: close\r\n"), "{head}");
        assert!(head.ends_with(&format!("\r\ndate: {DATE}")), "{head}");
        let p: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(p["type"], "headers_too_large");
        assert_eq!(p["status"], 431);
    }
}
