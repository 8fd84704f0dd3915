//! Slims an embedded TrueType font: keeps only the glyphs a document uses
//! (glyph ids unchanged, so the content streams and widths stay valid), drops
//! the hinting programs (fpgm, prep, cvt and each glyph's instructions) and
//! the tables a PDF reader never consults. Kept outlines, metrics and the
//! character map are byte for byte the original ones.
//!
//! Why: subsetting here, from the font bytes parsed once, is several times
//! cheaper than printpdf's subsetter, which re-parses every font for every
//! document; and Liberation Serif's hinting is a third of each subset while
//! PDF viewers rasterise without it. Contract: returns None (caller keeps the
//! original) for anything that is not a well-formed TrueType font.

use std::collections::BTreeSet;

/// Tables kept in the slim font; everything else is dropped.
const KEEP: [&[u8; 4]; 8] = [b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"name"];

// Composite glyph flags (OpenType `glyf`).
const ARGS_ARE_WORDS: u16 = 0x0001;
const HAVE_SCALE: u16 = 0x0008;
const MORE: u16 = 0x0020;
const X_AND_Y_SCALE: u16 = 0x0040;
const TWO_BY_TWO: u16 = 0x0080;
const HAVE_INSTRUCTIONS: u16 = 0x0100;

/// Size of one component record of a composite glyph with these flags.
fn component_size(flags: u16) -> usize {
    let args = if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
    let transform = if flags & HAVE_SCALE != 0 {
        2
    } else if flags & X_AND_Y_SCALE != 0 {
        4
    } else if flags & TWO_BY_TWO != 0 {
        8
    } else {
        0
    };
    4 + args + transform
}

/// Glyph ids a glyph is built from (empty for simple and empty glyphs).
fn components(g: &[u8]) -> Option<Vec<u16>> {
    if g.is_empty() || i16::from_be_bytes(g.get(0..2)?.try_into().ok()?) >= 0 {
        return Some(Vec::new());
    }
    let mut parts = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(g, at)?;
        parts.push(u16_at(g, at + 2)?);
        at += component_size(flags);
        if flags & MORE == 0 {
            return Some(parts);
        }
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The font without hinting, or None when it cannot be parsed.
#[cfg(test)]
pub fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    slim(font, None, false)
}

/// The font without hinting and with only the glyphs in `used` (plus the
/// components of composite glyphs, and glyph 0); other glyph ids stay valid
/// but empty, with zero advance.
pub fn subset(font: &[u8], used: &BTreeSet<u16>) -> Option<Vec<u8>> {
    slim(font, Some(used), true)
}

fn slim(font: &[u8], used: Option<&BTreeSet<u16>>, for_embedding: bool) -> Option<Vec<u8>> {
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

    let glyph = |i: usize| -> Option<&[u8]> { glyf.get(offset_of(i)?..offset_of(i + 1)?) };
    if num_glyphs == 0 {
        return None;
    }
    // One flag per glyph id: the loops below visit every glyph of the font.
    let keep: Option<Vec<bool>> = match used {
        None => None,
        Some(used) => {
            let mut keep = vec![false; num_glyphs];
            let mut todo: Vec<u16> = vec![0];
            todo.extend(used.iter().copied().filter(|&g| (g as usize) < num_glyphs));
            // Composite glyphs (most accented Vietnamese letters) need their parts.
            while let Some(g) = todo.pop() {
                if std::mem::replace(&mut keep[g as usize], true) {
                    continue;
                }
                todo.extend(components(glyph(g as usize)?)?.into_iter().filter(|&part| (part as usize) < num_glyphs));
            }
            Some(keep)
        }
    };
    let kept = |i: usize| keep.as_ref().is_none_or(|k| k[i]);

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (num_glyphs + 1));
    for i in 0..num_glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (start, end) = (offset_of(i)?, offset_of(i + 1)?);
        if end > start && kept(i) {
            new_glyf.extend_from_slice(&strip_glyph(glyf.get(start..end)?)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    // Short offsets (half the loca table) whenever they can address the glyphs;
    // glyphs are padded to 4 bytes, so every offset is even.
    let short_loca = new_glyf.len() < 0x20000;
    if short_loca {
        new_loca = new_loca.chunks(4).flat_map(|o| ((u32::from_be_bytes([o[0], o[1], o[2], o[3]]) / 2) as u16).to_be_bytes()).collect();
    }

    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&u16::from(!short_loca).to_be_bytes()); // indexToLocFormat
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
    let mut new_maxp = maxp.to_vec();
    if new_maxp.len() >= 32 {
        // No instructions remain: zero maxSizeOfInstructions so validators agree.
        new_maxp[26..28].copy_from_slice(&0u16.to_be_bytes());
    }

    // Unused glyphs get zero metrics: PDF readers take widths from /W, and
    // runs of zeros compress to nothing.
    let mut new_hmtx = find(b"hmtx")?.to_vec();
    if keep.is_some() {
        let long_metrics = u16_at(find(b"hhea")?, 34)? as usize;
        for i in (0..num_glyphs).filter(|&i| !kept(i)) {
            let (at, len) = if i < long_metrics { (4 * i, 4) } else { (4 * long_metrics + 2 * (i - long_metrics), 2) };
            if let Some(entry) = new_hmtx.get_mut(at..at + len) {
                entry.fill(0);
            }
        }
    }

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in &tables {
        // A subset is embedded as a CID font with an identity CID-to-glyph
        // map: readers never look characters up in its cmap or read its names.
        let unread = for_embedding && keep.is_some() && matches!(tag, b"cmap" | b"name");
        if !KEEP.contains(&tag) || unread {
            continue;
        }
        let data = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"head" => std::mem::take(&mut new_head),
            b"maxp" => std::mem::take(&mut new_maxp),
            b"hmtx" => std::mem::take(&mut new_hmtx),
            _ => data.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by_key(|a| a.0);
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
    let mut out = g.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(g, at)?;
        let size = component_size(flags);
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
                assert!(c == ' ' || !outline(&a, ga).is_empty(), "{c} has an outline");
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
        record.0
    }

    #[test]
    fn subset_keeps_used_glyphs_and_their_parts_only() {
        let original = Face::Regular.bytes();
        let face = ttf_parser::Face::parse(original, 0).unwrap();
        let text = "Hội nghị";
        let used: BTreeSet<u16> = text.chars().map(|c| face.glyph_index(c).unwrap().0).collect();
        let small = subset(original, &used).unwrap();
        assert!(small.len() < original.len() / 3, "{} bytes", small.len());
        let b = ttf_parser::Face::parse(&small, 0).expect("subset parses");
        assert_eq!(b.number_of_glyphs(), face.number_of_glyphs(), "glyph ids unchanged");
        for c in text.chars() {
            let g = face.glyph_index(c).unwrap();
            assert!(c == ' ' || !outline(&face, g).is_empty());
            assert_eq!(outline(&face, g), outline(&b, g), "{c}");
            assert_eq!(face.glyph_hor_advance(g), b.glyph_hor_advance(g));
        }
        let unused = face.glyph_index('Z').unwrap();
        assert_eq!(b.glyph_hor_advance(unused), Some(0));
        let mut probe = Vec::new();
        struct Count<'a>(&'a mut Vec<()>);
        impl ttf_parser::OutlineBuilder for Count<'_> {
            fn move_to(&mut self, _: f32, _: f32) {
                self.0.push(())
            }
            fn line_to(&mut self, _: f32, _: f32) {
                self.0.push(())
            }
            fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
                self.0.push(())
            }
            fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
                self.0.push(())
            }
            fn close(&mut self) {}
        }
        b.outline_glyph(unused, &mut Count(&mut probe));
        assert!(probe.is_empty(), "unused glyphs are empty");
    }

    #[test]
    fn not_a_font_is_left_alone() {
        assert!(strip_hinting(b"not a font").is_none());
        assert!(strip_hinting(&[]).is_none());
    }
}
