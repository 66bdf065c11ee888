//! JSON text written by hand, for the one or two bodies read so often that serde's walk of
//! every key (escaping each byte of `"started_at"` on every row) costs more than the rows.
//!
//! The writer produces what `serde_json` would for the same values: strings escaped the same
//! way, integers in the same digits (`itoa`), floats by serde_json itself.
//! Each body written with it has a test that compares it byte for byte with `serde_json`'s.

/// A JSON text being written.
pub struct JsonOut(Vec<u8>);

impl JsonOut {
    pub fn with_capacity(n: usize) -> Self {
        Self(Vec::with_capacity(n))
    }

    /// JSON text as it is: punctuation and keys, which the caller writes already escaped.
    pub fn raw(&mut self, text: &str) -> &mut Self {
        self.0.extend_from_slice(text.as_bytes());
        self
    }

    /// `s` as a JSON string.
    pub fn str(&mut self, s: &str) -> &mut Self {
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.0.push(b'"');
            self.0.extend_from_slice(s.as_bytes());
            self.0.push(b'"');
        } else {
            // Rare (quotes, backslashes, control characters): serde_json's own escaping.
            // Writing a string into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut self.0, s);
        }
        self
    }

    /// Text of letters, digits and punctuation other than `"` and `\\` (an id, a time) as a
    /// JSON string: nothing in it is escaped.
    pub fn plain(&mut self, text: &[u8]) -> &mut Self {
        debug_assert!(
            text.iter()
                .all(|&b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
        );
        self.0.push(b'"');
        self.0.extend_from_slice(text);
        self.0.push(b'"');
        self
    }

    /// `s` as a JSON string, or `null`.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    pub fn int(&mut self, n: impl itoa::Integer) -> &mut Self {
        self.0
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self
    }

    /// As serde_json writes an `f64` (by serde_json itself: its digits are its own choice),
    /// `null` for NaN and the infinities.
    pub fn f64(&mut self, x: f64) -> &mut Self {
        // Writing a number into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.0, &x);
        self
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::JsonOut;

    fn written(f: impl FnOnce(&mut JsonOut)) -> String {
        let mut out = JsonOut::with_capacity(0);
        f(&mut out);
        String::from_utf8(out.into_bytes()).unwrap()
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        for s in [
            "",
            "plain",
            "Верх 1 💪",
            "quote \" and \\ back",
            "\u{0}\u{1f}\n\t\r\u{8}\u{c}\u{7f}",
            "</script>",
        ] {
            assert_eq!(written(|o| _ = o.str(s)), serde_json::to_string(s).unwrap());
        }
        for x in [
            0.0,
            -0.0,
            0.1,
            2082.5,
            1e15,
            1e16,
            1e-9,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(
                written(|o| _ = o.f64(x)),
                serde_json::to_string(&x).unwrap()
            );
        }
        for n in [0, 1, -1, i64::MIN, i64::MAX] {
            assert_eq!(written(|o| _ = o.int(n)), n.to_string());
        }
        assert_eq!(written(|o| _ = o.int(u64::MAX)), u64::MAX.to_string());
        assert_eq!(written(|o| _ = o.opt_str(None)), "null");
        assert_eq!(
            written(|o| _ = o.plain(b"2026-12-07T22:00:00Z")),
            "\"2026-12-07T22:00:00Z\""
        );
    }
}
