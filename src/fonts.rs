//! The bundled fonts (Liberation Serif 2.x, metric-compatible with Times New
//! Roman) and their metrics. Fonts are parsed once per process on first use.
//!
//! Contract: `FontSet::get()` is cheap after the first call; widths are in
//! points for a given size, from the fonts' horizontal advances (no kerning,
//! because the PDF writer does not apply kerning either).

use std::sync::OnceLock;

use crate::units::Pt;

/// Character style of a line or run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: Pt,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Style {
    pub fn regular(size: f32) -> Style {
        Style { size: Pt(size), bold: false, italic: false, underline: false }
    }
    pub fn bold(size: f32) -> Style {
        Style { bold: true, ..Style::regular(size) }
    }
    pub fn italic(size: f32) -> Style {
        Style { italic: true, ..Style::regular(size) }
    }
    pub fn bold_italic(size: f32) -> Style {
        Style { bold: true, italic: true, ..Style::regular(size) }
    }
}

pub const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// One of the four bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn of_style(style: &Style) -> Face {
        Face::of(style.bold, style.italic)
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Italic => ITALIC,
            Face::BoldItalic => BOLD_ITALIC,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Characters below this code point have their advances in a dense table;
/// it covers Latin, Vietnamese (U+1EA0..U+1EF9) and general punctuation.
const DENSE_LIMIT: usize = 0x2100;
const MISSING: u16 = u16::MAX;

/// Horizontal metrics of one face.
pub struct FaceMetrics {
    units_per_em: f32,
    /// Advance in font units per code point below `DENSE_LIMIT`, `MISSING` when absent.
    dense: Vec<u16>,
    /// Advances for the few characters above `DENSE_LIMIT` that the font has.
    sparse: std::collections::HashMap<char, u16>,
    pub ascender: f32,
    pub descender: f32,
    pub line_gap: f32,
}

impl FaceMetrics {
    fn parse(bytes: &[u8]) -> FaceMetrics {
        let face = ttf_parser::Face::parse(bytes, 0).expect("bundled font parses");
        let mut dense = vec![MISSING; DENSE_LIMIT];
        let mut sparse = std::collections::HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|cp| {
                    let Some(c) = char::from_u32(cp) else { return };
                    // Fonts carry the same characters in several Unicode subtables.
                    let known = if (cp as usize) < DENSE_LIMIT { dense[cp as usize] != MISSING } else { sparse.contains_key(&c) };
                    if known {
                        return;
                    }
                    let Some(glyph) = subtable.glyph_index(cp) else { return };
                    if glyph.0 == 0 {
                        return;
                    }
                    let advance = face.glyph_hor_advance(glyph).unwrap_or(0);
                    if (cp as usize) < DENSE_LIMIT {
                        dense[cp as usize] = advance;
                    } else {
                        sparse.insert(c, advance);
                    }
                });
            }
        }
        let upem = face.units_per_em() as f32;
        FaceMetrics {
            units_per_em: upem,
            dense,
            sparse,
            ascender: face.ascender() as f32 / upem,
            descender: -(face.descender() as f32) / upem,
            line_gap: face.line_gap() as f32 / upem,
        }
    }

    /// Advance of `c` in ems, or None when the face has no glyph for it.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        let units = if (c as usize) < DENSE_LIMIT {
            let a = self.dense[c as usize];
            (a != MISSING).then_some(a)
        } else {
            self.sparse.get(&c).copied()
        }?;
        Some(units as f32 / self.units_per_em)
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.advance_em(c).is_some()
    }

    /// Width of `text` in points at `size`; characters without a glyph count as 0
    /// (input validation rejects them before layout).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance_em(c).unwrap_or(0.0)).sum::<f32>() * size
    }

    /// Height of a single-spaced line in ems (ascender + descender + line gap),
    /// about 1.15 for Times New Roman metrics.
    pub fn single_line_em(&self) -> f32 {
        self.ascender + self.descender + self.line_gap
    }
}

/// The four faces' metrics, parsed once.
pub struct FontSet {
    faces: [FaceMetrics; 4],
}

impl FontSet {
    pub fn get() -> &'static FontSet {
        static FONTS: OnceLock<FontSet> = OnceLock::new();
        FONTS.get_or_init(|| FontSet { faces: Face::ALL.map(|f| FaceMetrics::parse(f.bytes())) })
    }

    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// Width in points of `text` set in `style`.
    pub fn width(&self, text: &str, style: &Style) -> f32 {
        self.face(Face::of_style(style)).width(text, style.size.0)
    }
}

/// True when every bundled face can print `c`. Line breaks and tabs are not
/// printable characters and return false.
pub fn covers(c: char) -> bool {
    let set = FontSet::get();
    Face::ALL.iter().all(|&f| set.face(f).has_glyph(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_all_vietnamese_letters() {
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY\
                       àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\
                       ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";
        for c in letters.chars() {
            assert!(covers(c), "font lacks {c:?}");
        }
        assert!(!covers('\u{4E2D}'), "no CJK in Liberation Serif");
    }

    #[test]
    fn widths_match_format_spec_measurements() {
        // format-spec §2: "Độc lập - Tự do - Hạnh phúc" bold 14 = 60.5 mm.
        let w = FontSet::get().width("Độc lập - Tự do - Hạnh phúc", &Style::bold(14.0));
        let mm = w / crate::units::PT_PER_MM;
        assert!((mm - 60.5).abs() < 0.2, "{mm}");
        let q = FontSet::get().width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &Style::bold(13.0));
        assert!((q / crate::units::PT_PER_MM - 95.7).abs() < 0.2);
    }
}
