//! The zip container of a DOCX package, written here so that a thread's
//! compressors (`crate::deflate`) serve every part of every document it
//! writes: the zip crate
//! sets up a fresh deflate stream per entry, and clearing its tables cost
//! more than compressing the small parts.
//!
//! Contract: `zip(parts)` returns a zip archive (no zip64: a report's parts
//! are far below 4 GB) holding the parts in the given order, each one raw
//! deflate at a fast level, or stored when deflate does not make it smaller
//! or the part is one of `STORED` (see there);
//! timestamps fixed at 1980-01-01 00:00, unix permissions 0644, no directory
//! entries, no data descriptors, no extra fields. Deterministic: a part's
//! compressed bytes depend only on its bytes (a reset stream compresses
//! exactly as a new one), so the per-thread memo that reuses the previous
//! document's compressed part when the bytes are the same (settings,
//! relationships, headers, usually styles in a batch) changes only the time.

use std::cell::RefCell;

use flate2::Crc;

use crate::deflate::{Compressors, LARGEST_WINDOW, Wrapper};

/// A fast level: the default costs a tenth of the render time for ~3 % of size.
const LEVEL: u32 = 3;

/// Parts stored as they are: the core properties differ in every report (title,
/// date), so the memo never spares their deflate, and setting up a deflate
/// stream (clearing its tables) costs more than the ~500 bytes it would save.
const STORED: [&str; 1] = ["docProps/core.xml"];

/// Zip methods.
const STORED_METHOD: u16 = 0;
const DEFLATED: u16 = 8;

/// 1980-01-01 00:00 in MS-DOS form (the zip epoch, what `zip::DateTime::default()` gives).
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// One part as stored in the archive.
#[derive(Clone)]
struct Entry {
    method: u16,
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

struct Packer {
    compressors: Compressors,
    /// Per part name: the last bytes packed and their entry.
    memo: Vec<(String, Vec<u8>, Entry)>,
}

thread_local! {
    static PACKER: RefCell<Packer> = RefCell::new(Packer {
        compressors: Compressors::default(),
        memo: Vec::new(),
    });
}

impl Packer {
    fn entry(&mut self, name: &str, bytes: &[u8]) -> Entry {
        if let Some((_, last, entry)) = self.memo.iter().find(|(n, _, _)| n == name)
            && last.as_slice() == bytes
        {
            return entry.clone();
        }
        let entry = if STORED.contains(&name) { stored(bytes) } else { self.pack(bytes) };
        match self.memo.iter_mut().find(|(n, _, _)| n == name) {
            Some(slot) => {
                slot.1.clear();
                slot.1.extend_from_slice(bytes);
                slot.2 = entry.clone();
            }
            None => self.memo.push((name.to_string(), bytes.to_vec(), entry.clone())),
        }
        entry
    }

    fn pack(&mut self, bytes: &[u8]) -> Entry {
        let (crc, size) = crc_and_size(bytes);
        match self.compressors.deflate(bytes, Wrapper::Raw, LEVEL, LARGEST_WINDOW) {
            Some(packed) if packed.len() < bytes.len() => Entry { method: DEFLATED, crc, size, data: packed },
            _ => stored(bytes),
        }
    }
}

fn crc_and_size(bytes: &[u8]) -> (u32, u32) {
    let mut crc = Crc::new();
    crc.update(bytes);
    (crc.sum(), u32::try_from(bytes.len()).expect("a part below 4 GB"))
}

fn stored(bytes: &[u8]) -> Entry {
    let (crc, size) = crc_and_size(bytes);
    Entry { method: STORED_METHOD, crc, size, data: bytes.to_vec() }
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The fields local and central headers share, from "version needed" to the
/// extra field's length.
fn common(out: &mut Vec<u8>, e: &Entry, name: &str) {
    u16le(out, if e.method == DEFLATED { 20 } else { 10 }); // version needed: 2.0 for deflate
    u16le(out, 0); // flags: names are ASCII, sizes known up front
    u16le(out, e.method);
    u16le(out, DOS_TIME);
    u16le(out, DOS_DATE);
    u32le(out, e.crc);
    u32le(out, e.data.len() as u32);
    u32le(out, e.size);
    u16le(out, name.len() as u16);
    u16le(out, 0); // no extra field
}

/// The archive of `parts` (name, bytes), in that order.
pub(super) fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<Entry> = PACKER.with_borrow_mut(|p| parts.iter().map(|(name, bytes)| p.entry(name, bytes)).collect());
    let total: usize = parts.iter().zip(&entries).map(|((n, _), e)| 30 + 46 + 2 * n.len() + e.data.len()).sum::<usize>() + 22;
    let mut out = Vec::with_capacity(total);
    let mut offsets = Vec::with_capacity(parts.len());
    for ((name, _), e) in parts.iter().zip(&entries) {
        offsets.push(out.len() as u32);
        u32le(&mut out, 0x0403_4b50);
        common(&mut out, e, name);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&e.data);
    }
    let directory = out.len() as u32;
    for (((name, _), e), offset) in parts.iter().zip(&entries).zip(offsets) {
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, (3 << 8) | 20); // made by: Unix (so the permissions are read), 2.0
        common(&mut out, e, name);
        u16le(&mut out, 0); // comment length
        u16le(&mut out, 0); // disk number
        u16le(&mut out, 0); // internal attributes
        u32le(&mut out, 0o100_644 << 16); // external: a regular file, rw-r--r--
        u32le(&mut out, offset);
        out.extend_from_slice(name.as_bytes());
    }
    let directory_size = out.len() as u32 - directory;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // the directory's disk
    u16le(&mut out, parts.len() as u16);
    u16le(&mut out, parts.len() as u16);
    u32le(&mut out, directory_size);
    u32le(&mut out, directory);
    u16le(&mut out, 0); // comment length
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn sample() -> Vec<(String, Vec<u8>)> {
        let long = "<w:p><w:r><w:t>Nội dung lặp lại</w:t></w:r></w:p>".repeat(200);
        vec![("a.xml".into(), long.into_bytes()), ("b/c.rels".into(), b"<x/>".to_vec()), ("e.xml".into(), Vec::new())]
    }

    /// The zip crate reads back every part, with its method, date and mode.
    #[test]
    fn the_zip_reader_reads_every_part_back() {
        let parts = sample();
        let bytes = zip(&parts);
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(z.len(), parts.len());
        for (i, (name, want)) in parts.iter().enumerate() {
            let mut f = z.by_index(i).unwrap();
            assert_eq!(f.name(), name);
            let method = if want.len() > 100 { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
            assert_eq!(f.compression(), method, "{name}: deflated only when it pays");
            assert_eq!(f.last_modified(), Some(zip::DateTime::default()));
            assert_eq!(f.unix_mode(), Some(0o100_644));
            let mut got = Vec::new();
            f.read_to_end(&mut got).unwrap(); // checks the CRC too
            assert_eq!(&got, want, "{name}");
        }
    }

    /// The memo and the reused stream change nothing: a fresh thread (new
    /// stream, empty memo) writes the same bytes, and a part written after
    /// a different one compresses as when written first.
    #[test]
    fn same_bytes_with_a_fresh_or_reused_stream() {
        let parts = sample();
        let first = zip(&parts);
        let mut other = parts.clone();
        other[0].1.extend_from_slice(b"<w:p/>");
        let _ = zip(&other);
        assert!(zip(&parts) == first);
        let fresh = std::thread::spawn(move || zip(&sample())).join().unwrap();
        assert!(fresh == first);
    }
}
