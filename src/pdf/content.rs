//! A laid-out page -> its PDF content stream (the operators that draw it).
//!
//! Contract: the bytes are exactly those printpdf writes (through lopdf) for
//! the same drawing, operator for operator and digit for digit, so a document
//! is the same whichever of the two encodes it; the test below holds
//! printpdf's own translation as the oracle. Consecutive lines of text share
//! one text object, each line placed relative to the one before (`Td`); the
//! font and the rule thickness are set only when they change (both are
//! graphics state, which outlives a text object). Rules end the text object:
//! paths may not be drawn inside one. Text is shown in glyph ids of the
//! document's fonts (Identity-H, two bytes each, in hex).
//!
//! Why not printpdf's operators: its encoder formats every glyph byte through
//! `write!` and collects every character into maps, which was two fifths of a
//! PDF's time; this writes the same bytes in a single pass.

use std::collections::BTreeMap;
use std::io::Write;

use crate::fonts::Face;
use crate::layout::{Item, Page};

/// Glyph ids of the characters each face prints, in the document's fonts
/// (indexed by `Face as usize`).
pub(super) type GlyphIds = [FaceGlyphs; 4];

/// One face's glyph ids by character; a character missing there prints
/// glyph 0, as in printpdf.
#[derive(Default)]
pub(super) struct FaceGlyphs {
    /// Indexed by code point below `DIRECT`: every Vietnamese letter and the
    /// common punctuation, looked up without a search.
    direct: Vec<u16>,
    others: BTreeMap<u32, u16>,
}

impl FaceGlyphs {
    const DIRECT: u32 = 0x2100;

    pub(super) fn new(ids: &BTreeMap<u32, u16>) -> Self {
        let mut direct = vec![0; Self::DIRECT as usize];
        let mut others = BTreeMap::new();
        for (&c, &id) in ids {
            match direct.get_mut(c as usize) {
                Some(slot) => *slot = id,
                None => _ = others.insert(c, id),
            }
        }
        FaceGlyphs { direct, others }
    }

    fn get(&self, c: char) -> u16 {
        match self.direct.get(c as usize) {
            Some(&id) => id,
            None => self.others.get(&(c as u32)).copied().unwrap_or(0),
        }
    }
}

/// The page's content stream.
pub(super) fn encode(page: &Page, glyphs: &GlyphIds) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096 + 64 * page.items.len());
    out.extend_from_slice(b"0 0 0 rg\n0 0 0 RG");
    let flip = |y: f32| page.height - y;
    let mut in_text = false;
    let mut line_start = (0.0, 0.0);
    let mut font: Option<(Face, f32)> = None;
    let mut thickness: Option<f32> = None;
    for item in &page.items {
        match item {
            Item::Text(t) => {
                if !in_text {
                    out.extend_from_slice(b"\nBT");
                    (in_text, line_start) = (true, (0.0, 0.0));
                }
                if font != Some((t.face, t.size)) {
                    write!(out, "\n/F{} {} Tf", t.face as usize + 1, t.size).expect("writing to memory");
                    font = Some((t.face, t.size));
                }
                let (x, y) = (t.x, flip(t.baseline));
                write!(out, "\n{} {} Td", x - line_start.0, y - line_start.1).expect("writing to memory");
                line_start = (x, y);
                show_text(&mut out, &t.text, t.extra_per_space, t.size, &glyphs[t.face as usize]);
            }
            Item::Line { x1, y1, x2, y2, thickness: width } => {
                if std::mem::take(&mut in_text) {
                    out.extend_from_slice(b"\nET");
                }
                if thickness != Some(*width) {
                    write!(out, "\n{width} w").expect("writing to memory");
                    thickness = Some(*width);
                }
                write!(out, "\n{x1} {} m\n{x2} {} l\nS", flip(*y1), flip(*y2)).expect("writing to memory");
            }
        }
    }
    if in_text {
        out.extend_from_slice(b"\nET");
    }
    out
}

/// One line of text: `Tj` when it has no justification, else `TJ` with an
/// offset after each space (word spacing `Tw` has no effect on two-byte
/// fonts). Offsets are in thousandths of an em, positive moving left. A
/// justified line without any text shows nothing.
fn show_text(out: &mut Vec<u8>, text: &str, extra_per_space: f32, size: f32, glyphs: &FaceGlyphs) {
    if extra_per_space.abs() < 0.001 {
        out.push(b'\n');
        hex_string(out, text.chars(), glyphs);
        out.extend_from_slice(b" Tj");
        return;
    }
    let offset = format!(" {}", -extra_per_space * 1000.0 / size);
    let pieces: Vec<&str> = text.split(' ').collect();
    let (last, spaced) = pieces.split_last().expect("split yields at least one piece");
    match (spaced.is_empty(), last.is_empty()) {
        (true, true) => return,
        (true, false) => {
            out.push(b'\n');
            hex_string(out, last.chars(), glyphs);
            out.extend_from_slice(b" Tj");
            return;
        }
        _ => {}
    }
    out.extend_from_slice(b"\n[");
    for piece in spaced {
        hex_string(out, piece.chars().chain([' ']), glyphs);
        out.extend_from_slice(offset.as_bytes());
    }
    if !last.is_empty() {
        hex_string(out, last.chars(), glyphs);
    }
    out.extend_from_slice(b"] TJ");
}

/// `<…>`: each character's glyph id as four upper-case hex digits.
fn hex_string(out: &mut Vec<u8>, chars: impl Iterator<Item = char>, glyphs: &FaceGlyphs) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'<');
    for c in chars {
        let id = glyphs.get(c);
        out.extend_from_slice(&[
            HEX[(id >> 12) as usize],
            HEX[(id >> 8 & 15) as usize],
            HEX[(id >> 4 & 15) as usize],
            HEX[(id & 15) as usize],
        ]);
    }
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::fixture::sample_document;
    use crate::layout::TextItem;
    use printpdf::{Color, FontId, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb};

    /// The page as printpdf operators, the way the writer drew pages before
    /// it encoded them itself.
    fn printpdf_ops(page: &Page) -> Vec<Op> {
        let black = || Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None });
        let mut ops = vec![Op::SetFillColor { col: black() }, Op::SetOutlineColor { col: black() }];
        let flip = |y: f32| page.height - y;
        let (mut in_text, mut line_start, mut font, mut thickness) = (false, (0.0, 0.0), None, None);
        for item in &page.items {
            match item {
                Item::Text(t) => {
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        (in_text, line_start) = (true, (0.0, 0.0));
                    }
                    if font != Some((t.face, t.size)) {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(FontId(format!("F{}", t.face as usize + 1))),
                            size: Pt(t.size),
                        });
                        font = Some((t.face, t.size));
                    }
                    let (x, y) = (t.x, flip(t.baseline));
                    ops.push(Op::SetTextCursor { pos: Point { x: Pt(x - line_start.0), y: Pt(y - line_start.1) } });
                    line_start = (x, y);
                    ops.push(Op::ShowText { items: printpdf_items(&t.text, t.extra_per_space, t.size) });
                }
                Item::Line { x1, y1, x2, y2, thickness: width } => {
                    if std::mem::take(&mut in_text) {
                        ops.push(Op::EndTextSection);
                    }
                    if thickness != Some(*width) {
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        thickness = Some(*width);
                    }
                    let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(flip(y)) }, bezier: false };
                    ops.push(Op::DrawLine { line: Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false } });
                }
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        ops
    }

    fn printpdf_items(text: &str, extra_per_space: f32, size: f32) -> Vec<printpdf::TextItem> {
        use printpdf::TextItem::{Offset, Text};
        if extra_per_space.abs() < 0.001 {
            return vec![Text(text.to_string())];
        }
        let mut items = Vec::new();
        let mut pieces = text.split(' ').peekable();
        while let Some(piece) = pieces.next() {
            if pieces.peek().is_some() {
                items.extend([Text(format!("{piece} ")), Offset(-extra_per_space * 1000.0 / size)]);
            } else if !piece.is_empty() {
                items.push(Text(piece.to_string()));
            }
        }
        items
    }

    /// What printpdf writes as the content stream of each page.
    fn printpdf_streams(pages: &[Page], glyphs: &[BTreeMap<u32, u16>; 4]) -> Vec<Vec<u8>> {
        let mut doc = PdfDocument::new("t");
        for face in Face::ALL {
            let mut font = super::super::empty_fonts()[face as usize].clone();
            font.codepoint_to_glyph = glyphs[face as usize].clone();
            font.glyph_widths = font.codepoint_to_glyph.values().map(|&g| (g, 500)).collect();
            font.original_bytes = face.bytes().to_vec();
            doc.resources.fonts.map.insert(FontId(format!("F{}", face as usize + 1)), printpdf::PdfFont::new(font));
        }
        let pdf_pages = pages.iter().map(|p| PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), printpdf_ops(p))).collect();
        let options = PdfSaveOptions { optimize: false, subset_fonts: false, secure: true, image_optimization: None };
        let lo = doc.with_pages(pdf_pages).to_lopdf_document(&options, &mut Vec::new());
        lo.get_pages()
            .values()
            .map(|id| {
                let page = lo.get_dictionary(*id).expect("page");
                let contents = page.get(b"Contents").and_then(|c| c.as_reference()).expect("contents");
                lo.get_object(contents).and_then(|o| o.as_stream()).expect("stream").content.clone()
            })
            .collect()
    }

    /// Glyph ids for every character on the pages, in an arbitrary but
    /// fixed numbering (the encoder only copies them).
    fn numbered(pages: &[Page]) -> [BTreeMap<u32, u16>; 4] {
        let mut glyphs: [BTreeMap<u32, u16>; 4] = Default::default();
        for item in pages.iter().flat_map(|p| &p.items) {
            if let Item::Text(t) = item {
                let ids = &mut glyphs[t.face as usize];
                for c in t.text.chars().filter(|c| *c != 'Ω') {
                    let next = ids.len() as u16 + 1;
                    ids.entry(c as u32).or_insert(next * 37 % 4099);
                }
            }
        }
        glyphs
    }

    fn assert_same_as_printpdf(pages: &[Page]) {
        let glyphs = numbered(pages);
        let theirs = printpdf_streams(pages, &glyphs);
        let glyphs = glyphs.each_ref().map(FaceGlyphs::new);
        assert_eq!(theirs.len(), pages.len());
        for (n, (page, theirs)) in pages.iter().zip(theirs).enumerate() {
            let ours = encode(page, &glyphs);
            assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs), "page {}", n + 1);
        }
    }

    #[test]
    fn pages_encode_as_printpdf_encodes_them() {
        let pages = crate::layout::layout(&sample_document());
        assert!(pages.len() >= 3);
        assert_same_as_printpdf(&pages);
    }

    #[test]
    fn edge_lines_encode_as_printpdf_encodes_them() {
        let text = |text: &str, extra: f32, face: Face| {
            Item::Text(TextItem { x: 85.0, baseline: 100.5, text: text.into(), face, size: 13.0, extra_per_space: extra, width: 0.0 })
        };
        let items = vec![
            text("", 0.0, Face::Regular),
            text("", 1.5, Face::Regular),
            text("bảy", 0.0, Face::Regular),
            text("một", 1.5, Face::Bold),
            text("hai ", 1.5, Face::Bold),
            text(" ba  bốn", -0.25, Face::Italic),
            text("Ω (chưa có) \\ năm “—” ₫ ﬁ", 0.0, Face::BoldItalic),
            Item::Line { x1: 10.0, y1: 20.0, x2: 30.25, y2: 20.0, thickness: 0.6 },
            Item::Line { x1: 10.0, y1: 40.0, x2: 30.25, y2: 40.0, thickness: 0.6 },
            text("sáu", 0.0, Face::BoldItalic),
            Item::Line { x1: 1.0, y1: 2.0, x2: 3.0, y2: 4.0, thickness: 1.0 },
        ];
        assert_same_as_printpdf(&[Page { width: 595.276, height: 841.89, items }]);
    }
}
