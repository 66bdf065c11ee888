//! A small ZIP writer (deflate, no encryption, no ZIP64: exports stay far below 4 GiB).

use std::io::Write;

fn dos_time(unix: i64) -> (u16, u16) {
    let Ok(t) = jiff::Timestamp::from_second(unix) else {
        return (0, 0x21);
    };
    let dt = t.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let year = (dt.year().clamp(1980, 2107) - 1980) as u16;
    let date = (year << 9) | ((dt.month() as u16) << 5) | dt.day() as u16;
    let time = ((dt.hour() as u16) << 11) | ((dt.minute() as u16) << 5) | (dt.second() as u16 / 2);
    (time, date)
}

/// The archive of `files` (name, content), stamped with `now`.
pub fn write(files: &[(String, Vec<u8>)], now: i64) -> Vec<u8> {
    let (time, date) = dos_time(now);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let mut enc =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(data);
        let packed = enc.finish().unwrap_or_default();
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&8u16.to_le_bytes()); // deflate
            h.extend_from_slice(&time.to_le_bytes());
            h.extend_from_slice(&date.to_le_bytes());
            h.extend_from_slice(&crc.sum().to_le_bytes());
            h.extend_from_slice(&(packed.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
                h.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // a regular file
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&packed);
        central.extend(header(0x0201_4b50, true));
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Reads back the files of an archive this module wrote (tests and the import of exports).
pub fn read(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    read_some(bytes, |_| true, usize::MAX).ok()
}

/// Why an archive could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// Not a ZIP archive, or a damaged one.
    Damaged,
    /// The files asked for unpack to more than the limit.
    TooLarge,
}

/// The files of an archive (stored or deflated) whose names `wanted` accepts, refusing to
/// unpack more than `max_total` bytes in all (a small archive may unpack to gigabytes).
pub fn read_some(
    bytes: &[u8],
    wanted: impl Fn(&str) -> bool,
    max_total: usize,
) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    use std::io::Read;
    let u16_at = |i: usize| {
        Some(u16::from_le_bytes(
            bytes.get(i..i.checked_add(2)?)?.try_into().ok()?,
        ))
    };
    let u32_at = |i: usize| {
        Some(u32::from_le_bytes(
            bytes.get(i..i.checked_add(4)?)?.try_into().ok()?,
        ))
    };
    let damaged = |_| ZipError::Damaged;
    let eocd = (0..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(i) == Some(0x0605_4b50))
        .ok_or(ZipError::Damaged)?;
    let count = u16_at(eocd + 10).ok_or(ZipError::Damaged)? as usize;
    let mut p = u32_at(eocd + 16).ok_or(ZipError::Damaged)? as usize;
    let mut out = Vec::new();
    let mut total = 0usize;
    for _ in 0..count {
        let entry = (|| {
            if u32_at(p)? != 0x0201_4b50 {
                return None;
            }
            let method = u16_at(p + 10)?;
            let crc = u32_at(p + 16)?;
            let packed = u32_at(p + 20)? as usize;
            let name_len = u16_at(p + 28)? as usize;
            let extra = u16_at(p + 30)? as usize;
            let comment = u16_at(p + 32)? as usize;
            let local = u32_at(p + 42)? as usize;
            let name = String::from_utf8(bytes.get(p + 46..p + 46 + name_len)?.to_vec()).ok()?;
            let start = local + 30 + u16_at(local + 26)? as usize + u16_at(local + 28)? as usize;
            let data = bytes.get(start..start.checked_add(packed)?)?;
            p += 46 + name_len + extra + comment;
            Some((name, method, crc, data))
        })()
        .ok_or(ZipError::Damaged)?;
        let (name, method, crc, packed) = entry;
        if name.ends_with('/') || !wanted(&name) {
            continue;
        }
        let room = max_total.saturating_sub(total);
        let mut data = Vec::new();
        let limit = u64::try_from(room).unwrap_or(u64::MAX).saturating_add(1);
        match method {
            0 => data.extend_from_slice(&packed[..packed.len().min(room.saturating_add(1))]),
            8 => {
                flate2::read::DeflateDecoder::new(packed)
                    .take(limit)
                    .read_to_end(&mut data)
                    .map_err(damaged)?;
            }
            _ => return Err(ZipError::Damaged),
        }
        if data.len() > room {
            return Err(ZipError::TooLarge);
        }
        total += data.len();
        let mut check = flate2::Crc::new();
        check.update(&data);
        if check.sum() != crc {
            return Err(ZipError::Damaged);
        }
        out.push((name, data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn archives_read_back() {
        let files = vec![
            ("a.txt".to_owned(), b"hello hello hello".to_vec()),
            ("тренировки.json".to_owned(), vec![b'x'; 10_000]),
            ("empty".to_owned(), Vec::new()),
        ];
        let zip = super::write(&files, 1_780_000_000);
        assert_eq!(super::read(&zip).unwrap(), files);
        let mut broken = zip.clone();
        let i = broken.len() / 3;
        broken[i] ^= 0xff;
        assert_ne!(super::read(&broken), Some(files.clone()));
        assert_eq!(
            super::read_some(&zip, |n| n == "a.txt", 100).unwrap(),
            files[..1].to_vec()
        );
        assert_eq!(
            super::read_some(&zip, |_| true, 5_000),
            Err(super::ZipError::TooLarge)
        );
        assert_eq!(
            super::read_some(b"not a zip at all, just some text", |_| true, 100),
            Err(super::ZipError::Damaged)
        );
    }
}
