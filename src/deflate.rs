//! Deflate for both writers: the PDF's streams and the DOCX's zip entries.
//!
//! Contract:
//! - [`Compressors::deflate`] gives `bytes` deflated at `level` with a window
//!   of 2^`window_bits` bytes, wrapped as asked, or None if the compressor
//!   fails.
//! - A thread keeps one compressor per (wrapper, level, window), set up on
//!   first use and reset between streams: setting one up (clearing its
//!   tables) costs more than compressing a small part. A reset compressor
//!   gives exactly the bytes a fresh one gives, so nothing compressed before
//!   changes an output; [`Compressors::free`] drops them all.

use std::collections::BTreeMap;

use flate2::{Compress, Compression, FlushCompress, Status};

/// How the deflated bytes are wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Wrapper {
    /// A zlib header and checksum (a PDF's FlateDecode stream).
    Zlib,
    /// Raw deflate (a zip entry: the zip holds its CRC-32).
    Raw,
}

/// The largest window deflate has (32 KB).
pub(crate) const LARGEST_WINDOW: u8 = 15;

/// The smallest window that spans `len` bytes, between 512 bytes and 32 KB:
/// a small stream then sets up and clears small tables.
pub(crate) fn window_bits_for(len: usize) -> u8 {
    (usize::BITS - len.max(1).leading_zeros()).clamp(9, u32::from(LARGEST_WINDOW)) as u8
}

/// A thread's compressors, one per setting.
#[derive(Default)]
pub(crate) struct Compressors {
    by_setting: BTreeMap<(Wrapper, u32, u8), Compress>,
}

impl Compressors {
    pub(crate) fn deflate(&mut self, bytes: &[u8], wrapper: Wrapper, level: u32, window_bits: u8) -> Option<Vec<u8>> {
        let compressor = self
            .by_setting
            .entry((wrapper, level, window_bits))
            .or_insert_with(|| Compress::new_with_window_bits(Compression::new(level), wrapper == Wrapper::Zlib, window_bits));
        compressor.reset();
        let mut packed = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let consumed = compressor.total_in() as usize;
            if packed.len() == packed.capacity() {
                packed.reserve(bytes.len() / 4 + 64);
            }
            match compressor.compress_vec(&bytes[consumed..], &mut packed, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Some(packed),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    }

    /// Drops every compressor (their memory goes back to the allocator).
    pub(crate) fn free(&mut self) {
        self.by_setting.clear();
    }

    /// How many compressors are set up.
    #[cfg(test)]
    pub(crate) fn held(&self) -> usize {
        self.by_setting.len()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn inflate(packed: &[u8], wrapper: Wrapper) -> Vec<u8> {
        let mut out = Vec::new();
        match wrapper {
            Wrapper::Zlib => flate2::read::ZlibDecoder::new(packed).read_to_end(&mut out),
            Wrapper::Raw => flate2::read::DeflateDecoder::new(packed).read_to_end(&mut out),
        }
        .expect("our deflate inflates");
        out
    }

    #[test]
    fn a_reset_compressor_gives_the_bytes_of_a_fresh_one_in_either_wrapper() {
        let text = "Báo cáo kết quả thực hiện Chương trình phối hợp năm 2021. ".repeat(300).into_bytes();
        let other = "Ủy ban nhân dân xã Đồng Văn, huyện Bình Liêu. ".repeat(50).into_bytes();
        for wrapper in [Wrapper::Zlib, Wrapper::Raw] {
            let bits = window_bits_for(text.len());
            let fresh = Compressors::default().deflate(&text, wrapper, 3, bits).unwrap();
            let mut used = Compressors::default();
            used.deflate(&other, wrapper, 3, bits).unwrap();
            assert_eq!(used.deflate(&text, wrapper, 3, bits).unwrap(), fresh, "{wrapper:?}");
            assert_eq!(inflate(&fresh, wrapper), text, "{wrapper:?}");
            assert!(fresh.len() < text.len() / 10, "{wrapper:?}: repeated text compresses");
            assert_eq!(used.held(), 1);
            used.free();
            assert_eq!(used.held(), 0);
        }
    }

    #[test]
    fn the_window_spans_the_stream_within_deflate_limits() {
        assert_eq!(window_bits_for(0), 9);
        assert_eq!(window_bits_for(511), 9);
        assert_eq!(window_bits_for(512), 10);
        assert_eq!(window_bits_for(5_000), 13);
        assert_eq!(window_bits_for(1 << 20), LARGEST_WINDOW);
    }
}
