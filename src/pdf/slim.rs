//! Slims an embedded TrueType subset: drops the hinting programs (fpgm, prep,
//! cvt and each glyph's instructions) and tables a PDF reader never consults.
//! Outlines, metrics and the character map are kept byte for byte.
//!
//! Why: Liberation Serif is heavily hinted; in a three-page report the hinting
//! is about a third of every embedded subset, and PDF viewers rasterise
//! without it. Contract: returns None (caller keeps the original) for anything
//! that is not a well-formed TrueType font.

/// Tables kept in the slim font; everything else is dropped.
const KEEP: [&[u8; 4]; 8] = [b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"name"];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The font without hinting, or None when it cannot be parsed.
pub fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    let num_tables = u16_at(font, 4)? as usize;
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::new();
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let length = u32_at(font, rec + 12)? as usize;
        tables.push((tag, font.get(offset..offset.checked_add(length)?)?));
    }
    let find = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = find(b"head")?;
    let maxp = find(b"maxp")?;
    let loca = find(b"loca")?;
    let glyf = find(b"glyf")?;
    let num_glyphs = u16_at(maxp, 4)? as usize;
    let long_loca = u16_at(head, 50)? == 1;
    let offset_of = |i: usize| -> Option<usize> {
        if long_loca { u32_at(loca, 4 * i).map(|v| v as usize) } else { u16_at(loca, 2 * i).map(|v| v as usize * 2) }
    };

    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (num_glyphs + 1));
    for i in 0..num_glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (start, end) = (offset_of(i)?, offset_of(i + 1)?);
        if end > start {
            new_glyf.extend_from_slice(&strip_glyph(glyf.get(start..end)?)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca offsets
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
    let mut new_maxp = maxp.to_vec();
    if new_maxp.len() >= 32 {
        // No instructions remain: zero maxSizeOfInstructions so validators agree.
        new_maxp[26..28].copy_from_slice(&0u16.to_be_bytes());
    }

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in &tables {
        if !KEEP.contains(&tag) {
            continue;
        }
        let data = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"maxp" => new_maxp.clone(),
            _ => data.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by(|a, b| a.0.cmp(&b.0));
    Some(assemble(&out_tables))
}

/// One glyph without its instructions.
fn strip_glyph(g: &[u8]) -> Option<Vec<u8>> {
    let contours = i16::from_be_bytes(g.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        let n = contours as usize;
        let len_at = 10 + 2 * n;
        let ins_len = u16_at(g, len_at)? as usize;
        let rest = len_at + 2 + ins_len;
        let mut out = g.get(..len_at)?.to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(g.get(rest..)?);
        return Some(out);
    }
    // Composite glyph: walk the components, drop trailing instructions.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = g.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(g, at)?;
        let mut size = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        if flags & HAVE_SCALE != 0 {
            size += 2;
        } else if flags & X_AND_Y_SCALE != 0 {
            size += 4;
        } else if flags & TWO_BY_TWO != 0 {
            size += 8;
        }
        let start = out.len();
        out.extend_from_slice(g.get(at..at + size)?);
        out[start..start + 2].copy_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        at += size;
        if flags & MORE == 0 {
            break;
        }
    }
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Writes an sfnt with the given tables (sorted by tag), fixing checksums.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16; // floor(log2 n)
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    out.extend_from_slice(&body);
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    #[test]
    fn slim_font_keeps_every_outline_and_advance() {
        for face in Face::ALL {
            let original = face.bytes();
            let slim = strip_hinting(original).expect("bundled font is TrueType");
            assert!(slim.len() < original.len() * 8 / 10, "{face:?}: {} -> {}", original.len(), slim.len());
            let a = ttf_parser::Face::parse(original, 0).unwrap();
            let b = ttf_parser::Face::parse(&slim, 0).expect("slim font parses");
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            let raw = ttf_parser::RawFace::parse(&slim, 0).unwrap();
            for hinting in [b"fpgm", b"prep", b"cvt "] {
                assert!(raw.table(ttf_parser::Tag::from_bytes(hinting)).is_none());
            }
            for c in "Độc lập - Tự do - Hạnh phúc ỦY BAN NHÂN DÂN Ỹỹ".chars() {
                let (ga, gb) = (a.glyph_index(c).unwrap(), b.glyph_index(c).unwrap());
                assert_eq!(ga, gb);
                assert_eq!(a.glyph_hor_advance(ga), b.glyph_hor_advance(gb));
                assert_eq!(outline(&a, ga), outline(&b, gb), "{c}");
            }
        }
    }

    /// Every drawing command of a glyph's outline, as text.
    fn outline(face: &ttf_parser::Face, glyph: ttf_parser::GlyphId) -> Vec<String> {
        struct Record(Vec<String>);
        impl ttf_parser::OutlineBuilder for Record {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("M{x},{y}"));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("L{x},{y}"));
            }
            fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                self.0.push(format!("Q{x1},{y1},{x},{y}"));
            }
            fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
            }
            fn close(&mut self) {
                self.0.push("Z".into());
            }
        }
        let mut record = Record(Vec::new());
        face.outline_glyph(glyph, &mut record);
        assert!(!record.0.is_empty() || face.glyph_index(' ') == Some(glyph));
        record.0
    }

    #[test]
    fn not_a_font_is_left_alone() {
        assert!(strip_hinting(b"not a font").is_none());
        assert!(strip_hinting(&[]).is_none());
    }
}
