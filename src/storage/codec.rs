//! The one value codec: `[format version: u8][JSON record]`.
//!
//! Adding a field (with a serde default) needs no new format. Changing the meaning of a field
//! bumps the record's `FORMAT` and teaches `upgrade` how to read the older shape, so old values
//! are upgraded when read.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub trait Record: Serialize + DeserializeOwned {
    /// Current format version written for this record type.
    const FORMAT: u8;

    /// Turns a value written with an older `format` into the current shape.
    fn upgrade(format: u8, value: serde_json::Value) -> Result<serde_json::Value, String> {
        let _ = value;
        Err(format!("unknown record format {format}"))
    }
}

pub fn encode<T: Record>(record: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    out.push(T::FORMAT);
    // Serialising our own plain structs to JSON cannot fail.
    serde_json::to_writer(&mut out, record).expect("records serialise to JSON");
    out
}

pub fn decode<T: Record>(bytes: &[u8]) -> Result<T, AppError> {
    let (&format, body) = bytes
        .split_first()
        .ok_or_else(|| AppError::Internal("empty stored value".into()))?;
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
}
