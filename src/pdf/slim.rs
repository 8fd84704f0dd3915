//! The font a PDF embeds: only the glyphs a document prints (with glyph 0
//! and the parts of composite glyphs), renumbered from 0 so the glyph,
//! location and metrics tables hold those glyphs alone, without the hinting
//! programs (fpgm, prep, cvt and each glyph's instructions) and without the
//! tables a PDF reader never consults (the character map and names: the PDF
//! maps codes to glyphs itself). Kept outlines and advances are the
//! original ones.
//!
//! Why: subsetting here, from the bundled font bytes, is several times
//! cheaper than printpdf's subsetter, which re-parses every font for every
//! document; Liberation Serif's hinting is a third of a subset while PDF
//! viewers rasterise without it; and tables sized to the font's 2,600 glyphs
//! would cost every document compression time and bytes. Contract: returns
//! None (the caller embeds the whole font) for anything that is not a
//! well-formed TrueType font.

use std::collections::BTreeSet;

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

/// The glyphs in `used` (with glyph 0 and the parts of composite glyphs),
/// renumbered 0, 1, 2 … in the order of their old ids, without hinting,
/// character map or names: the smallest font a PDF can embed with an
/// identity CID-to-glyph map. Also returns the old id of each new one.
pub fn compact(font: &[u8], used: &BTreeSet<u16>) -> Option<(Vec<u8>, Vec<u16>)> {
    let tables = table_directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let (head, maxp, loca, glyf, hhea, hmtx) =
        (find(b"head")?, find(b"maxp")?, find(b"loca")?, find(b"glyf")?, find(b"hhea")?, find(b"hmtx")?);
    let num_glyphs = u16_at(maxp, 4)? as usize;
    let long_loca = u16_at(head, 50)? == 1;
    let offset_of = |i: usize| -> Option<usize> {
        if long_loca { u32_at(loca, 4 * i).map(|v| v as usize) } else { u16_at(loca, 2 * i).map(|v| v as usize * 2) }
    };
    let glyph = |i: usize| -> Option<&[u8]> { glyf.get(offset_of(i)?..offset_of(i + 1)?) };
    if num_glyphs == 0 {
        return None;
    }
    let mut keep = vec![false; num_glyphs];
    let mut todo: Vec<u16> = vec![0];
    todo.extend(used.iter().copied().filter(|&g| (g as usize) < num_glyphs));
    while let Some(g) = todo.pop() {
        if std::mem::replace(&mut keep[g as usize], true) {
            continue;
        }
        todo.extend(components(glyph(g as usize)?)?.into_iter().filter(|&part| (part as usize) < num_glyphs));
    }
    let old_ids: Vec<u16> = (0..num_glyphs).filter(|&i| keep[i]).map(|i| i as u16).collect();
    let mut new_id = vec![0u16; num_glyphs];
    for (new, &old) in old_ids.iter().enumerate() {
        new_id[old as usize] = new as u16;
    }

    let long_metrics = u16_at(hhea, 34)? as usize;
    let metric = |i: usize| -> Option<(u16, i16)> {
        let advance = u16_at(hmtx, 4 * (i.min(long_metrics.max(1) - 1)))?;
        let lsb_at = if i < long_metrics { 4 * i + 2 } else { 4 * long_metrics + 2 * (i - long_metrics) };
        Some((advance, u16_at(hmtx, lsb_at)? as i16))
    };
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (old_ids.len() + 1));
    let mut new_hmtx = Vec::with_capacity(4 * old_ids.len());
    for &old in &old_ids {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let data = glyph(old as usize)?;
        if !data.is_empty() {
            let mut stripped = strip_glyph(data)?;
            renumber_components(&mut stripped, &new_id)?;
            new_glyf.extend_from_slice(&stripped);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
        let (advance, lsb) = metric(old as usize)?;
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let short_loca = new_glyf.len() < 0x20000;
    if short_loca {
        new_loca = new_loca.chunks(4).flat_map(|o| ((u32::from_be_bytes([o[0], o[1], o[2], o[3]]) / 2) as u16).to_be_bytes()).collect();
    }
    let count = (old_ids.len() as u16).to_be_bytes();
    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&u16::from(!short_loca).to_be_bytes());
    new_head[8..12].copy_from_slice(&[0; 4]);
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&count);
    if new_maxp.len() >= 32 {
        new_maxp[26..28].copy_from_slice(&0u16.to_be_bytes());
    }
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&count);
    let out_tables = vec![
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"maxp", new_maxp),
    ];
    Some((assemble(&out_tables), old_ids))
}

/// Points the components of a composite glyph at their new ids.
fn renumber_components(g: &mut [u8], new_id: &[u16]) -> Option<()> {
    if i16::from_be_bytes(g.get(0..2)?.try_into().ok()?) >= 0 {
        return Some(());
    }
    let mut at = 10;
    loop {
        let flags = u16_at(g, at)?;
        let old = u16_at(g, at + 2)? as usize;
        g.get_mut(at + 2..at + 4)?.copy_from_slice(&new_id.get(old)?.to_be_bytes());
        at += component_size(flags);
        if flags & MORE == 0 {
            return Some(());
        }
    }
}

/// (tag, data) of every table of an sfnt.
fn table_directory(font: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let num_tables = u16_at(font, 4)? as usize;
    let mut tables = Vec::with_capacity(num_tables);
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let length = u32_at(font, rec + 12)? as usize;
        tables.push((tag, font.get(offset..offset.checked_add(length)?)?));
    }
    Some(tables)
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
pub(super) mod tests {
    use super::*;
    use crate::fonts::Face;

    /// Every drawing command of a glyph's outline, as text.
    pub(in crate::pdf) fn outline(face: &ttf_parser::Face, glyph: ttf_parser::GlyphId) -> Vec<String> {
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
    fn compact_font_holds_the_used_glyphs_and_their_parts_renumbered() {
        for face in Face::ALL {
            let original = face.bytes();
            let font = ttf_parser::Face::parse(original, 0).unwrap();
            let text = "Hội nghị ỦY BAN NHÂN DÂN Ỹỹ";
            let used: BTreeSet<u16> = text.chars().map(|c| font.glyph_index(c).unwrap().0).collect();
            let (small, old_ids) = compact(original, &used).unwrap();
            assert!(small.len() < original.len() / 10, "{face:?}: {} bytes", small.len());
            let raw = ttf_parser::RawFace::parse(&small, 0).unwrap();
            for dropped in [b"fpgm", b"prep", b"cvt ", b"cmap", b"name"] {
                assert!(raw.table(ttf_parser::Tag::from_bytes(dropped)).is_none());
            }
            let b = ttf_parser::Face::parse(&small, 0).expect("compact font parses");
            assert_eq!(b.number_of_glyphs() as usize, old_ids.len());
            assert!(old_ids.len() > used.len(), "accented letters bring their parts along");
            assert!(old_ids.windows(2).all(|w| w[0] < w[1]) && old_ids[0] == 0, "glyph 0 first, old order kept");
            for c in text.chars() {
                let old = font.glyph_index(c).unwrap();
                let new = ttf_parser::GlyphId(old_ids.iter().position(|&g| g == old.0).unwrap() as u16);
                assert!(c == ' ' || !outline(&font, old).is_empty());
                assert_eq!(outline(&font, old), outline(&b, new), "{face:?} {c}");
                assert_eq!(font.glyph_hor_advance(old), b.glyph_hor_advance(new), "{face:?} {c}");
            }
        }
    }

    #[test]
    fn not_a_font_is_left_alone() {
        assert!(compact(b"not a font", &BTreeSet::new()).is_none());
        assert!(compact(&[], &BTreeSet::new()).is_none());
    }
}
