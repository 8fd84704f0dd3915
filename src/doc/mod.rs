//! The document model: plain data that says what the report contains and how
//! it is meant to look (sizes, alignment, keep-with-next, repeated header rows,
//! page numbers from page 2), with every format-profile decision already made.
//!
//! Contract: no IO, no backend types. The PDF path lays this out itself
//! (`layout` + `pdf`); the DOCX path writes it with Word's own means (`docx`).
//! All sizes are in points unless the field says otherwise; all text is NFC and
//! printed exactly as stored (upper-casing happens before, never in a backend).
//!
//! The fixed parts (header, title, "Kính gửi", signatures, "Nơi nhận") and the
//! table grids arrive *resolved*: every line break, rule length, column width
//! and cell padding is decided by `compose`, and both writers only express it.
//! A writer that measures text to decide a break or a length is a bug.

use crate::units::{Mm, Pt};

/// A hand-made document for the writers' and the layout's unit tests.
#[cfg(test)]
pub(crate) mod fixture;

#[derive(Debug, Clone)]
pub struct Document {
    pub(crate) meta: Meta,
    pub page: PageSetup,
    pub body_style: BodyStyle,
    pub header: Header,
    pub title: Title,
    /// "Kính gửi:" addressees; `None` when the report names none.
    pub(crate) to: Option<Addressees>,
    pub body: Vec<Block>,
    pub closing: Closing,
}

#[derive(Debug, Clone)]
pub(crate) struct Meta {
    pub(crate) title: String,
    pub(crate) author: String,
    pub(crate) subject: String,
    /// BCP 47 tag, "vi-VN".
    pub(crate) lang: String,
    /// The document's date: the files' creation and modification dates, so
    /// they never depend on the clock.
    pub(crate) date: chrono::NaiveDate,
}

#[derive(Debug, Clone)]
pub struct PageSetup {
    pub width: Mm,
    pub height: Mm,
    pub margin_top: Mm,
    pub margin_bottom: Mm,
    pub margin_left: Mm,
    pub margin_right: Mm,
    /// Page numbers are printed centred in the top margin from page 2 on (G-06).
    pub(crate) page_number_size: Pt,
    /// Distance from the top edge of the page to the page number's baseline.
    pub(crate) page_number_baseline: Mm,
}

impl PageSetup {
    pub fn text_width(&self) -> Mm {
        Mm(self.width.0 - self.margin_left.0 - self.margin_right.0)
    }
}

#[derive(Debug, Clone)]
pub struct BodyStyle {
    /// Body and heading size (B-01).
    pub size: Pt,
    /// Line spacing as a multiple of single spacing (B-04: 1.0 ..= 1.5).
    pub line_spacing: f32,
    /// First-line indent (B-02: 1 cm or 1,27 cm).
    pub(crate) first_line_indent: Mm,
    /// Space after each paragraph (B-03: the gap is at least 6 pt).
    pub(crate) space_after: Pt,
    /// Size of text in data tables (C-04).
    pub table_size: Pt,
}

/// Character style of a line or run (a font concern, defined with the faces).
pub(crate) use crate::fonts::Style;

/// One centred line of fixed text (header, title, signature, recipients).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub style: Style,
}

impl Line {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> Line {
        Line { text: text.into(), style }
    }
}

/// The first-page header (ô 1–4): issuer columns on the left, the motto column
/// on the right. Every column is centred on its own axis.
#[derive(Debug, Clone)]
pub struct Header {
    /// One column per issuing body (two or three for joint documents, §11).
    pub issuers: Vec<HeaderColumn>,
    /// Quốc hiệu + Tiêu ngữ (state, front) or "ĐẢNG CỘNG SẢN VIỆT NAM" (party),
    /// with the place and date as its `bottom` line (H-15: level with "Số").
    pub motto: HeaderColumn,
    /// Width of each issuer column then of the motto column; they add up to
    /// the text width. Every line of a column fits its width. When `stacked`,
    /// there are two widths: the left column holding every issuer, and the motto.
    pub widths: Vec<Pt>,
    /// Joint bodies one above the other in the left column (§11 "stacked"),
    /// each with its own mark; their number lines stacked at the bottom, the
    /// first level with the date (H-15).
    pub stacked: bool,
}

#[derive(Debug, Clone)]
pub struct HeaderColumn {
    /// Stacked centred lines, single-spaced (H-04).
    pub lines: Vec<Line>,
    /// What is drawn under the last line.
    pub mark: Mark,
    /// The number line ("Số: 45/BC-UBND") or the place-date line. The bottom
    /// lines of all columns share one baseline (H-15).
    pub bottom: Option<Line>,
}

/// What is drawn under a header column's last line, centred on the column.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    None,
    /// A solid rule of this length (H-03: as long as the Tiêu ngữ; H-07: 1/3..1/2
    /// of the agency name's last line).
    Rule(Pt),
    /// A centred symbol line: "*" under a Party body (P-03).
    Symbol(Line),
}

impl Mark {
    pub(crate) fn is_symbol(&self, text: &str) -> bool {
        matches!(self, Mark::Symbol(l) if l.text == text)
    }
}

/// Tên loại and trích yếu (ô 5a), with the separator under them.
#[derive(Debug, Clone)]
pub struct Title {
    pub(crate) type_line: Line,
    /// The trích yếu as printed, already broken into centred lines.
    pub summary: Vec<Line>,
    pub separator: Separator,
}

impl Title {
    /// The trích yếu as one string (document properties, checks).
    pub fn summary_text(&self) -> String {
        self.summary.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Separator {
    /// Solid centred rule of this length (T-03: 1/3..1/2 of the trích yếu line).
    Rule(Pt),
    /// A centred symbol line: "-----" typed under a Party trích yếu (P-09).
    Symbol(Line),
}

/// "Kính gửi:", laid out: the label starts `indent` from the left text
/// edge; every row's text starts after the label, so the dashes of several
/// addressees align under each other. Rows are final printed lines (a long
/// addressee is already wrapped, its continuation under its own text).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Addressees {
    pub(crate) label: String,
    pub(crate) style: Style,
    pub(crate) indent: Pt,
    pub(crate) label_width: Pt,
    pub(crate) rows: Vec<AddresseeRow>,
    /// Line pitch as a multiple of single spacing (the body's).
    pub(crate) line_spacing: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub role: Role,
    pub runs: Vec<Run>,
    pub align: Align,
    pub first_line_indent: bool,
    /// Never the last line of a page: keep on the page of the next block.
    pub keep_with_next: bool,
}

/// What a paragraph is, so DOCX can give it a named style and layout can keep
/// headings with what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Body,
    /// "Phần I" / its title (B-10, B-11), centred.
    Part,
    /// "I. TÊN MỤC" (B-12).
    Section,
    /// "1. Tên khoản" (B-13).
    Clause,
    /// "a) Tên điểm" (B-15) used as a heading.
    Point,
    /// A closing sentence or a note that is body text with a different role.
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false, italic: false }
    }
    pub(crate) fn bold(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: true, italic: false }
    }
    pub(crate) fn italic(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false, italic: true }
    }
}

/// One printed line of "Kính gửi": its text starts `offset` after the label.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AddresseeRow {
    pub(crate) offset: Pt,
    pub(crate) text: String,
}

/// Width of a data table's borders. Word processors add it to every row's
/// height, so the layout counts it too: the PDF's rows are the DOCX's rows.
pub const TABLE_BORDER: Pt = Pt(0.5);

/// A data table with borders. The header row is bold, centred and repeated on
/// every page the table spans; a row is never split across pages when it fits
/// on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column weights from the template, as fractions that add up to 1.
    pub(crate) widths: Vec<f32>,
    /// The resolved grid, set by `compose`: column widths that add up to the
    /// text width, each wide enough for its header's longest word.
    pub(crate) grid: Vec<Pt>,
    /// Cell padding (left/right, top/bottom) and the pitch of a cell's lines.
    pub(crate) pad_x: Pt,
    pub(crate) pad_y: Pt,
    pub(crate) line_height: Pt,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// "Đơn vị tính: …", italic, right-aligned above the table (C-04).
    pub unit_note: Option<String>,
}

impl Table {
    /// A table whose grid `compose` has yet to resolve.
    pub fn new(widths: Vec<f32>, header: Vec<Cell>, rows: Vec<Vec<Cell>>, unit_note: Option<String>) -> Table {
        Table { widths, grid: Vec::new(), pad_x: Pt(0.0), pad_y: Pt(0.0), line_height: Pt(0.0), header, rows, unit_note }
    }

    /// Whether body row `r` keeps with the row after it: the last row (often
    /// a total) never stands alone on a page, and the header never stands
    /// with fewer than two rows under it. Both writers keep exactly these.
    pub(crate) fn row_keeps_with_next(&self, r: usize) -> bool {
        let rows = self.rows.len();
        rows > 2 && (r == 0 || r + 2 == rows)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub runs: Vec<Run>,
    pub align: Align,
}

/// Space between the body's last line and the closing.
pub const CLOSING_SPACE: Pt = Pt(12.0);

/// Everything after the body: signature blocks and "Nơi nhận". Every line is
/// broken to fit its column of `grid`.
#[derive(Debug, Clone)]
pub struct Closing {
    /// One per signing body, left to right as printed. With one signer the
    /// block sits on the right and the recipients on the left, level with its
    /// first line. With two or more, they sit two per row (a third
    /// centred below) and the recipients follow under them (§11).
    pub signers: Vec<SignatureBlock>,
    pub recipients: Option<Recipients>,
    /// Blank space between the last title line and the name (S-07).
    pub(crate) signature_gap: Mm,
    /// Columns: with one signer, the recipients' column then the signer's;
    /// with several, two equal columns. They add up to the text width.
    pub(crate) grid: Vec<Pt>,
}

#[derive(Debug, Clone)]
pub struct SignatureBlock {
    /// Authority and title lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub lines: Vec<Line>,
    pub name: Line,
    /// Lines of its last title line's height added to the signing space, so
    /// that the names of one row stand level when the blocks beside each
    /// other have different numbers of title lines (§11).
    pub level_lines: usize,
}

#[derive(Debug, Clone)]
pub struct Recipients {
    /// "Nơi nhận:" (R-03 / P-15).
    pub(crate) label: Line,
    /// One entry per recipient: its printed lines, the first with the leading
    /// "- ", the last with the final ";" or "."; continuation lines hang by `hang`.
    pub items: Vec<Vec<String>>,
    pub(crate) item_style: Style,
    /// Indent of continuation lines: the width of "- ".
    pub(crate) hang: Pt,
}
