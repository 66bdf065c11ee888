//! The one value codec: `[format version: u8][record]`.
//!
//! Most records are JSON after their format byte (formats below 128). Adding a field (with a
//! serde default) needs no new format. Changing the meaning of a field bumps the record's
//! `FORMAT` and teaches `upgrade` how to read the older shape, so old values are upgraded when
//! read.
//!
//! The high-volume records (sets, workouts, the analysis rows) are written in a compact binary
//! layout instead, with a format byte of 128 or more (`Record::encode_compact`): varints, ids as
//! 16 bytes, optional fields behind a presence mask, strings length-prefixed, and numbers in
//! thousandths where that is exact (see `Writer::f64`). Their JSON formats still decode, so a
//! value written before the layout existed reads as before.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub trait Record: Serialize + DeserializeOwned {
    /// Current format version written for this record type.
    const FORMAT: u8;

    /// Writes the record's compact binary layout into `out` (after the format byte) and returns
    /// its format byte (128 or more); `None` for records stored as JSON.
    fn encode_compact(&self, out: &mut Writer) -> Option<u8> {
        let _ = out;
        None
    }

    /// Reads a compact binary layout written with format `format` (128 or more).
    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        let _ = r;
        Err(format!("unknown record format {format}"))
    }

    /// Turns a value written with an older `format` into the current shape.
    fn upgrade(format: u8, value: serde_json::Value) -> Result<serde_json::Value, String> {
        let _ = value;
        Err(format!("unknown record format {format}"))
    }
}

/// The first format byte of compact binary layouts; below it, formats are JSON.
pub const COMPACT: u8 = 128;

pub fn encode<T: Record>(record: &T) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64));
    w.0.push(T::FORMAT);
    if let Some(format) = record.encode_compact(&mut w) {
        w.0[0] = format;
        return w.0;
    }
    let mut out = w.0;
    // Serialising our own plain structs to JSON cannot fail.
    serde_json::to_writer(&mut out, record).expect("records serialise to JSON");
    out
}

/// The record in its JSON layout (format `T::FORMAT`), whatever layout `encode` writes: for
/// tests that a database written before the compact layouts still reads.
pub fn encode_json<T: Record>(record: &T) -> Vec<u8> {
    let mut out = vec![T::FORMAT];
    serde_json::to_writer(&mut out, record).expect("records serialise to JSON");
    out
}

pub fn decode<T: Record>(bytes: &[u8]) -> Result<T, AppError> {
    let (&format, body) = bytes
        .split_first()
        .ok_or_else(|| AppError::Internal("empty stored value".into()))?;
    if format >= COMPACT {
        let mut r = Reader(body);
        let record = T::decode_compact(format, &mut r)
            .map_err(|e| AppError::Internal(format!("corrupt stored value: {e}")))?;
        if !r.0.is_empty() {
            return Err(AppError::Internal(format!(
                "corrupt stored value: {} bytes after the record",
                r.0.len()
            )));
        }
        return Ok(record);
    }
    if format == T::FORMAT {
        return serde_json::from_slice(body)
            .map_err(|e| AppError::Internal(format!("corrupt stored value: {e}")));
    }
    if format > T::FORMAT {
        return Err(AppError::Internal(format!(
            "stored value has format {format}, newer than this binary understands ({})",
            T::FORMAT
        )));
    }
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| AppError::Internal(format!("corrupt stored value: {e}")))?;
    let upgraded = T::upgrade(format, value).map_err(AppError::Internal)?;
    serde_json::from_value(upgraded)
        .map_err(|e| AppError::Internal(format!("cannot upgrade stored value: {e}")))
}

/// Builds a compact layout.
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    /// LEB128: 7 bits a byte, low bits first.
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    /// A signed number, zigzagged so small negatives stay short.
    pub fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }

    pub fn id(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }

    /// A number as written: thousandths as a zigzagged varint (even) when that gives back
    /// exactly the same `f64` (weights, distances, RPE and their sums usually), otherwise a
    /// 1 followed by its 8 bytes.
    pub fn f64(&mut self, v: f64) {
        let milli = (v * 1000.0).round();
        // `as` saturates (and reads NaN as 0); the comparison of bits refuses both, and -0.0.
        let n = milli as i64;
        if milli.abs() < 9.0e15 && (n as f64 / 1000.0).to_bits() == v.to_bits() {
            self.varint(((n << 1) ^ (n >> 63)) as u64 * 2);
        } else {
            self.0.push(1);
            self.0.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn str(&mut self, v: &str) {
        self.varint(v.len() as u64);
        self.0.extend_from_slice(v.as_bytes());
    }
}

/// Reads a compact layout; every read fails on a value cut short.
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err("value cut short".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        u32::try_from(self.varint()?).map_err(|_| "number out of range".to_owned())
    }

    pub fn zigzag(&mut self) -> Result<i64, String> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// `N` bytes as they are.
    pub fn bytes<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }

    pub fn id(&mut self) -> Result<u128, String> {
        let b: [u8; 16] = self.take(16)?.try_into().expect("16 bytes");
        Ok(u128::from_be_bytes(b))
    }

    pub fn f64(&mut self) -> Result<f64, String> {
        if self.0.first() == Some(&1) {
            self.take(1)?;
            let b: [u8; 8] = self.take(8)?.try_into().expect("8 bytes");
            return Ok(f64::from_le_bytes(b));
        }
        let v = self.varint()?;
        if v & 1 != 0 {
            return Err("bad number".into());
        }
        let z = v >> 1;
        let n = ((z >> 1) as i64) ^ -((z & 1) as i64);
        Ok(n as f64 / 1000.0)
    }

    pub fn str(&mut self) -> Result<String, String> {
        self.str_ref().map(str::to_owned)
    }

    /// A string, borrowed from the value.
    pub fn str_ref(&mut self) -> Result<&'a str, String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "string too long".to_owned())?;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| "string is not UTF-8".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct V2 {
        name: String,
        #[serde(default)]
        age: u32,
    }
    impl Record for V2 {
        const FORMAT: u8 = 2;
        fn upgrade(format: u8, mut value: serde_json::Value) -> Result<serde_json::Value, String> {
            if format == 1 {
                let n = value["nick"].take();
                return Ok(serde_json::json!({ "name": n }));
            }
            Err(format!("unknown format {format}"))
        }
    }

    #[test]
    fn round_trip_and_upgrade() {
        let v = V2 {
            name: "a".into(),
            age: 3,
        };
        assert_eq!(decode::<V2>(&encode(&v)).unwrap(), v);
        let mut old = vec![1u8];
        old.extend_from_slice(br#"{"nick":"b"}"#);
        assert_eq!(
            decode::<V2>(&old).unwrap(),
            V2 {
                name: "b".into(),
                age: 0
            }
        );
        let mut newer = vec![3u8];
        newer.extend_from_slice(b"{}");
        assert!(decode::<V2>(&newer).is_err());
        assert!(decode::<V2>(&[]).is_err());
    }

    #[test]
    fn numbers_read_back_exactly_and_short_when_they_can() {
        let cases = [
            0.0,
            -0.0,
            1.0,
            62.5,
            60.1,
            0.001,
            -17.25,
            2.2046226218,
            0.1 + 0.2,
            1e300,
            -1e-300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            8.9e12,
        ];
        for v in cases {
            let mut w = Writer(Vec::new());
            w.f64(v);
            let mut r = Reader(&w.0);
            assert_eq!(r.f64().unwrap().to_bits(), v.to_bits(), "{v}");
            assert!(r.0.is_empty());
        }
        let nan = {
            let mut w = Writer(Vec::new());
            w.f64(f64::NAN);
            Reader(&w.0).f64().unwrap()
        };
        assert!(nan.is_nan());
        // A typed weight takes 2-3 bytes; a value that is not a whole number of thousandths
        // takes 9.
        let len = |v: f64| {
            let mut w = Writer(Vec::new());
            w.f64(v);
            w.0.len()
        };
        assert_eq!(len(62.5), 3);
        assert_eq!(len(0.5), 2);
        assert_eq!(len(0.1 + 0.2), 9);
        assert_eq!(len(-0.0), 9);
    }

    #[test]
    fn integers_strings_and_ids_round_trip() {
        let mut w = Writer(Vec::new());
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.varint(v);
        }
        for v in [0i64, -1, 1, i64::MIN, i64::MAX, 1_700_000_000] {
            w.zigzag(v);
        }
        w.id(u128::MAX - 5);
        w.str("жим лёжа");
        w.str("");
        let mut r = Reader(&w.0);
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.varint().unwrap(), v);
        }
        for v in [0i64, -1, 1, i64::MIN, i64::MAX, 1_700_000_000] {
            assert_eq!(r.zigzag().unwrap(), v);
        }
        assert_eq!(r.id().unwrap(), u128::MAX - 5);
        assert_eq!(r.str().unwrap(), "жим лёжа");
        assert_eq!(r.str().unwrap(), "");
        assert!(r.0.is_empty());
        assert!(r.u8().is_err());
        // Cut short, too long, not UTF-8.
        assert!(Reader(&[0x80]).varint().is_err());
        assert!(Reader(&[0xff; 11]).varint().is_err());
        assert!(Reader(&[5, b'a']).str().is_err());
        assert!(Reader(&[1, 0xff]).str().is_err());
        assert!(Reader(&[0; 15]).id().is_err());
        assert!(Reader(&[3]).f64().is_err());
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Small {
        n: u32,
        s: String,
    }
    impl Record for Small {
        const FORMAT: u8 = 1;
        fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
            w.varint(self.n.into());
            w.str(&self.s);
            Some(COMPACT)
        }
        fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
            if format != COMPACT {
                return Err(format!("unknown record format {format}"));
            }
            Ok(Small {
                n: r.u32()?,
                s: r.str()?,
            })
        }
    }

    #[test]
    fn compact_records_still_read_their_json_format() {
        let v = Small {
            n: 300,
            s: "a".into(),
        };
        let bytes = encode(&v);
        assert_eq!(bytes, [COMPACT, 0xac, 0x02, 1, b'a']);
        assert_eq!(decode::<Small>(&bytes).unwrap(), v);
        assert_eq!(decode::<Small>(&encode_json(&v)).unwrap(), v);
        // Trailing bytes, a value cut short and an unknown compact format are all refused.
        assert!(decode::<Small>(&[COMPACT, 1, 1, b'a', 0]).is_err());
        assert!(decode::<Small>(&[COMPACT, 1, 2, b'a']).is_err());
        assert!(decode::<Small>(&[COMPACT + 1, 1, 1, b'a']).is_err());
        // A JSON format newer than the binary still is.
        assert!(decode::<Small>(&[2, b'{', b'}']).is_err());
    }
}
