//! A small FIT encoder for building test files (definition and data messages, compressed
//! timestamp headers, developer fields, either byte order, header and file checksums). Used by
//! the unit tests of `fit` and, through `#[path]`, by the integration tests.

use std::collections::HashMap;

/// A field value: a number (written in the field's size and byte order) or a string.
#[derive(Debug, Clone, Copy)]
pub enum V<'a> {
    N(i64),
    S(&'a str),
}

/// One field of a definition: (field number, size in bytes, base type).
pub type FieldDef = (u8, u8, u8);

pub const ENUM: u8 = 0x00;
pub const UINT8: u8 = 0x02;
pub const UINT16: u8 = 0x84;
pub const SINT32: u8 = 0x85;
pub const UINT32: u8 = 0x86;
pub const STRING: u8 = 0x07;

pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    const T: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    for &b in bytes {
        let mut tmp = T[usize::from(crc & 0xF)];
        crc = (crc >> 4) & 0x0FFF;
        crc = crc ^ tmp ^ T[usize::from(b & 0xF)];
        tmp = T[usize::from(crc & 0xF)];
        crc = (crc >> 4) & 0x0FFF;
        crc = crc ^ tmp ^ T[usize::from((b >> 4) & 0xF)];
    }
    crc
}

#[derive(Default)]
pub struct FitWriter {
    data: Vec<u8>,
    defs: HashMap<u8, (bool, Vec<FieldDef>, usize)>,
}

impl FitWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Defines local message type `local` as global message `global` (big-endian when `big`),
    /// with developer fields of `dev_sizes` bytes.
    pub fn define(
        &mut self,
        local: u8,
        global: u16,
        big: bool,
        fields: &[FieldDef],
        dev_sizes: &[u8],
    ) {
        let dev = !dev_sizes.is_empty();
        self.data
            .push(0x40 | if dev { 0x20 } else { 0 } | (local & 0x0F));
        self.data.push(0);
        self.data.push(u8::from(big));
        if big {
            self.data.extend_from_slice(&global.to_be_bytes());
        } else {
            self.data.extend_from_slice(&global.to_le_bytes());
        }
        self.data.push(fields.len() as u8);
        for (n, s, t) in fields {
            self.data.extend_from_slice(&[*n, *s, *t]);
        }
        if dev {
            self.data.push(dev_sizes.len() as u8);
            for (i, s) in dev_sizes.iter().enumerate() {
                self.data.extend_from_slice(&[i as u8, *s, 0]);
            }
        }
        let dev_total = dev_sizes.iter().map(|s| usize::from(*s)).sum();
        self.defs.insert(local, (big, fields.to_vec(), dev_total));
    }

    fn values(&mut self, local: u8, values: &[V<'_>]) {
        let (big, fields, dev) = self.defs[&local].clone();
        assert_eq!(fields.len(), values.len(), "one value per field");
        for ((_, size, _), v) in fields.iter().zip(values) {
            let size = usize::from(*size);
            match v {
                V::N(n) => {
                    let le = n.to_le_bytes();
                    let mut b: Vec<u8> = le[..size.min(8)].to_vec();
                    b.resize(size, 0);
                    if big {
                        b.reverse();
                    }
                    self.data.extend_from_slice(&b);
                }
                V::S(s) => {
                    let mut b = s.as_bytes().to_vec();
                    b.resize(size, 0);
                    self.data.extend_from_slice(&b);
                }
            }
        }
        self.data.extend(std::iter::repeat_n(0xAB, dev));
    }

    /// A data message with a normal header.
    pub fn data(&mut self, local: u8, values: &[V<'_>]) {
        self.data.push(local & 0x0F);
        self.values(local, values);
    }

    /// A data message with a compressed timestamp header (local types 0–3): its time is the
    /// last full timestamp with the low five bits replaced by `offset`.
    pub fn compressed(&mut self, local: u8, offset: u8, values: &[V<'_>]) {
        self.data
            .push(0x80 | ((local & 0x03) << 5) | (offset & 0x1F));
        self.values(local, values);
    }

    /// The whole file: 14-byte header (with its checksum), messages, file checksum.
    pub fn finish(self) -> Vec<u8> {
        let mut out = vec![14, 0x20];
        out.extend_from_slice(&2_132u16.to_le_bytes());
        out.extend_from_slice(&(self.data.len() as u32).to_le_bytes());
        out.extend_from_slice(b".FIT");
        let hcrc = crc16(0, &out);
        out.extend_from_slice(&hcrc.to_le_bytes());
        out.extend_from_slice(&self.data);
        let crc = crc16(0, &out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }
}

/// Unix seconds as FIT time (seconds since 1989-12-31 00:00 UTC).
pub fn fit_time(unix: i64) -> i64 {
    unix - 631_065_600
}

/// Degrees as FIT semicircles.
pub fn semicircles(deg: f64) -> i64 {
    (deg * 2f64.powi(31) / 180.0).round() as i64
}
