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

/// Characters below this code point have their advances cached in a dense
/// table; it covers Latin, Vietnamese (U+1EA0..U+1EF9) and general punctuation.
const DENSE_LIMIT: usize = 0x2100;
/// Not looked up yet.
const UNKNOWN: u32 = u32::MAX;
/// Looked up: the face has no glyph for it.
const MISSING: u32 = u32::MAX - 1;

/// Horizontal metrics of one face. A character's advance is read from the
/// font the first time it is asked for: a report prints a hundred or so
/// distinct characters of the 2,600 the font has, and reading them all up
/// front cost a millisecond per process.
pub struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advance in font units per code point below `DENSE_LIMIT`, or
    /// `UNKNOWN` / `MISSING`. Threads may fill a slot at the same time: they
    /// write the same value.
    dense: Vec<std::sync::atomic::AtomicU32>,
    pub ascender: f32,
    pub descender: f32,
    pub line_gap: f32,
}

impl FaceMetrics {
    fn parse(bytes: &'static [u8]) -> FaceMetrics {
        let face = ttf_parser::Face::parse(bytes, 0).expect("bundled font parses");
        let upem = face.units_per_em() as f32;
        FaceMetrics {
            units_per_em: upem,
            dense: (0..DENSE_LIMIT).map(|_| std::sync::atomic::AtomicU32::new(UNKNOWN)).collect(),
            ascender: face.ascender() as f32 / upem,
            descender: -(face.descender() as f32) / upem,
            line_gap: face.line_gap() as f32 / upem,
            face,
        }
    }

    /// The parsed font, for what else needs its tables (glyph ids, advances).
    pub(crate) fn font(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    /// The advance in font units from the font's Unicode character maps
    /// (the first that has a glyph other than 0), or None.
    fn read_advance(&self, c: char) -> Option<u16> {
        let cmap = self.face.tables().cmap?;
        let glyph = cmap.subtables.into_iter().filter(|s| s.is_unicode()).find_map(|s| s.glyph_index(c as u32).filter(|g| g.0 != 0))?;
        Some(self.face.glyph_hor_advance(glyph).unwrap_or(0))
    }

    /// Advance of `c` in ems, or None when the face has no glyph for it.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        use std::sync::atomic::Ordering::Relaxed;
        let units = match self.dense.get(c as usize) {
            Some(slot) => match slot.load(Relaxed) {
                MISSING => None,
                UNKNOWN => {
                    let advance = self.read_advance(c);
                    slot.store(advance.map_or(MISSING, u32::from), Relaxed);
                    advance
                }
                known => Some(known as u16),
            },
            None => self.read_advance(c),
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
    fn advances_read_on_demand_are_the_fonts_own() {
        for face in Face::ALL {
            let font = ttf_parser::Face::parse(face.bytes(), 0).unwrap();
            let metrics = FontSet::get().face(face);
            let upem = font.units_per_em() as f32;
            // Twice: the first reads the font, the second the cache.
            for _ in 0..2 {
                for c in (0..0x2200u32).chain(0xFB00..0xFB10).filter_map(char::from_u32) {
                    let theirs = font.glyph_index(c).filter(|g| g.0 != 0).map(|g| font.glyph_hor_advance(g).unwrap() as f32 / upem);
                    assert_eq!(metrics.advance_em(c), theirs, "{face:?} {c:?}");
                }
            }
        }
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
