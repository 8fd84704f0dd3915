//! Named styles of the DOCX output, so a person editing the file in Word finds
//! "Nội dung", "Phần", the headings, … instead of direct formatting everywhere.
//!
//! Contract: every paragraph style declares Times New Roman in all four font
//! slots (G-04), its size in half-points and whether it is bold or italic;
//! paragraph spacing of body and heading styles follows B-03/B-04 from
//! `doc.body_style`. The Mục, Khoản and Điểm headings (B-12, B-13, B-15) are
//! Word's built-in "heading 1" to "heading 3" (ids `Heading1`..`Heading3`,
//! outline levels 0-2), so Word's navigation pane and LibreOffice's navigator
//! list them; "Phần" lines sit at outline level 0 too. Runs carry only what
//! differs from their paragraph's style (`inherit`): no font, and a size,
//! bold or italic only where the model's run differs, so changing a style in
//! Word changes the text; paragraphs likewise state spacing, indents and
//! alignment only where they differ from their style.

use std::collections::HashMap;

use docx_rs as dx;

use crate::doc::{Document, Role};
use crate::units::Pt;

pub(crate) const FONT: &str = "Times New Roman";

pub(crate) const NORMAL: &str = "Normal";
pub(crate) const BODY: &str = "NoiDung";
pub(crate) const PART: &str = "Phan";
/// Word's built-in heading styles are found by these ids and names.
pub(crate) const SECTION: &str = "Heading1";
pub(crate) const CLAUSE: &str = "Heading2";
pub(crate) const POINT: &str = "Heading3";
pub(crate) const TABLE_TEXT: &str = "ChuTrongBang";
pub(crate) const RECIPIENTS: &str = "NoiNhan";
pub(crate) const SIGNATURE: &str = "ChuKy";
pub(crate) const HEADER_BLOCK: &str = "DauVanBan";
pub(crate) const TITLE: &str = "TenLoai";
pub(crate) const PAGE_NUMBER: &str = "SoTrang";
/// Table style of data tables; also how the package rewrite finds the tables
/// whose first row repeats on every page (`w:tblHeader`).
pub(crate) const DATA_TABLE: &str = "BangSoLieu";

pub(crate) fn fonts() -> dx::RunFonts {
    dx::RunFonts::new().ascii(FONT).hi_ansi(FONT).east_asia(FONT).cs(FONT)
}

/// The paragraph style of a body paragraph role.
pub(crate) fn role_style(role: Role) -> &'static str {
    match role {
        Role::Body | Role::Closing => BODY,
        Role::Part => PART,
        Role::Section => SECTION,
        Role::Clause => CLAUSE,
        Role::Point => POINT,
    }
}

/// `w:line` for `lineRule="auto"`: 240 is single spacing (B-04).
pub(crate) fn auto_line(multiple: f32) -> i32 {
    (240.0 * multiple).round() as i32
}

fn tw(pt: Pt) -> u32 {
    pt.twips().max(0) as u32
}

fn paragraph_style(id: &str, name: &str, size: Pt) -> dx::Style {
    dx::Style::new(id, dx::StyleType::Paragraph).name(name).based_on(NORMAL).next(id).fonts(fonts()).size(size.half_points())
}

fn single(before: u32, after: u32) -> dx::LineSpacing {
    dx::LineSpacing::new().before(before).after(after).line(240).line_rule(dx::LineSpacingType::Auto)
}

pub(crate) fn all(doc: &Document) -> Vec<dx::Style> {
    let b = &doc.body_style;
    let body_spacing =
        dx::LineSpacing::new().before(0).after(tw(b.space_after)).line(auto_line(b.line_spacing)).line_rule(dx::LineSpacingType::Auto);
    let indent = b.first_line_indent.twips();
    let text = |id: &str, name: &str| {
        paragraph_style(id, name, b.size).line_spacing(body_spacing.clone()).align(dx::AlignmentType::Both).indent(
            Some(0),
            Some(dx::SpecialIndentType::FirstLine(indent)),
            None,
            None,
        )
    };
    let keep = |mut s: dx::Style| {
        s.paragraph_property = s.paragraph_property.keep_next(true);
        s
    };
    let recipients_size = doc.closing.recipients.as_ref().map_or(Pt(11.0), |r| r.item_style.size);

    let mut normal = dx::Style::new(NORMAL, dx::StyleType::Paragraph)
        .name("Normal")
        .fonts(fonts())
        .size(b.size.half_points())
        .line_spacing(single(0, 0));
    normal.paragraph_property = normal.paragraph_property.widow_control(true);

    vec![
        normal,
        text(BODY, "Nội dung"),
        keep(
            paragraph_style(PART, "Phần", b.size)
                .bold()
                .line_spacing(body_spacing.clone())
                .align(dx::AlignmentType::Center)
                .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), None, None)
                .outline_lvl(0),
        ),
        keep(text(SECTION, "heading 1").bold().outline_lvl(0)),
        keep(text(CLAUSE, "heading 2").bold().outline_lvl(1)),
        keep(text(POINT, "heading 3").outline_lvl(2)),
        paragraph_style(TABLE_TEXT, "Chữ trong bảng", b.table_size).line_spacing(single(0, 0)),
        paragraph_style(RECIPIENTS, "Nơi nhận", recipients_size).line_spacing(single(0, 0)).align(dx::AlignmentType::Left),
        paragraph_style(SIGNATURE, "Chữ ký", b.size).bold().line_spacing(single(0, 0)).align(dx::AlignmentType::Center),
        paragraph_style(HEADER_BLOCK, "Đầu văn bản", Pt(13.0)).line_spacing(single(0, 0)).align(dx::AlignmentType::Center),
        keep(paragraph_style(TITLE, "Tên loại và trích yếu", b.size).bold().line_spacing(single(0, 0)).align(dx::AlignmentType::Center)),
        paragraph_style(PAGE_NUMBER, "Số trang", doc.page.page_number_size).line_spacing(single(0, 0)).align(dx::AlignmentType::Center),
        dx::Style::new(DATA_TABLE, dx::StyleType::Table).name("Bảng số liệu"),
    ]
}

/// Drops from every run what its paragraph's style already gives it (fonts;
/// size, bold and italic when equal), and from every paragraph the spacing,
/// indents and alignment its style gives, in the body and the page headers.
/// `build` states each run's formatting in full, as the model decides it;
/// this leaves only the differences as direct formatting, so a clerk who
/// changes a style in Word sees the text change.
pub(crate) fn inherit(d: &mut dx::Docx) {
    let normal = d.styles.styles.iter().find(|s| s.style_id == NORMAL).map(|s| s.paragraph_property.clone());
    let sheet: Sheet = d
        .styles
        .styles
        .iter()
        .filter(|s| s.style_type == dx::StyleType::Paragraph)
        .map(|s| (s.style_id.clone(), (s.run_property.clone(), Look::of(&s.paragraph_property, normal.as_ref()))))
        .collect();
    for child in &mut d.document.children {
        match child {
            dx::DocumentChild::Paragraph(p) => paragraph(p, &sheet),
            dx::DocumentChild::Table(t) => table(t, &sheet),
            _ => {}
        }
    }
    let sp = &mut d.document.section_property;
    for (_, header) in [&mut sp.header, &mut sp.first_header, &mut sp.even_header].into_iter().flatten() {
        for child in &mut header.children {
            match child {
                dx::HeaderChild::Paragraph(p) => paragraph(p, &sheet),
                dx::HeaderChild::Table(t) => table(t, &sheet),
                dx::HeaderChild::StructuredDataTag(_) => {}
            }
        }
    }
}

/// Per paragraph style: its run properties and how its paragraphs look.
type Sheet = HashMap<String, (dx::RunProperty, Look)>;

/// What a paragraph of a style shows without direct paragraph formatting:
/// the style's own properties, else Normal's (every style is based on it).
struct Look {
    spacing: Option<dx::LineSpacing>,
    /// Left, right and first-line indent (negative: hanging), in twips.
    indent: (i32, i32, i32),
    align: String,
}

impl Look {
    fn of(own: &dx::ParagraphProperty, normal: Option<&dx::ParagraphProperty>) -> Look {
        let base = normal.and_then(|n| n.indent.as_ref());
        let own_indent = own.indent.as_ref();
        let side = |f: fn(&dx::Indent) -> Option<i32>| own_indent.and_then(f).or_else(|| base.and_then(f)).unwrap_or(0);
        let first = own_indent.and_then(|i| i.special_indent).or_else(|| base.and_then(|i| i.special_indent)).map_or(0, first_line);
        Look {
            spacing: own.line_spacing.clone().or_else(|| normal.and_then(|n| n.line_spacing.clone())),
            indent: (side(|i| i.start), side(|i| i.end), first),
            align: own
                .alignment
                .as_ref()
                .or_else(|| normal.and_then(|n| n.alignment.as_ref()))
                .map_or("left", |a| a.val.as_str())
                .to_string(),
        }
    }
}

fn first_line(special: dx::SpecialIndentType) -> i32 {
    match special {
        dx::SpecialIndentType::FirstLine(v) => v,
        dx::SpecialIndentType::Hanging(v) => -v,
    }
}

/// Drops the spacing, indents and alignment a paragraph states when its
/// style already gives exactly those: the paragraph looks the same in Word
/// and LibreOffice, and the document is a third smaller.
fn paragraph_properties(p: &mut dx::ParagraphProperty, look: &Look) {
    if p.line_spacing.is_some() && p.line_spacing == look.spacing {
        p.line_spacing = None;
    }
    if let Some(i) = &p.indent
        && i.start_chars.is_none()
        && i.hanging_chars.is_none()
        && i.first_line_chars.is_none()
    {
        let (left, right, first) = look.indent;
        let mine = (i.start.unwrap_or(left), i.end.unwrap_or(right), i.special_indent.map_or(first, first_line));
        if mine == look.indent {
            p.indent = None;
        }
    }
    if p.alignment.as_ref().is_some_and(|a| a.val == look.align) {
        p.alignment = None;
    }
}

fn table(t: &mut dx::Table, sheet: &Sheet) {
    for dx::TableChild::TableRow(row) in &mut t.rows {
        for dx::TableRowChild::TableCell(cell) in &mut row.cells {
            for content in &mut cell.children {
                match content {
                    dx::TableCellContent::Paragraph(p) => paragraph(p, sheet),
                    dx::TableCellContent::Table(t) => table(t, sheet),
                    _ => {}
                }
            }
        }
    }
}

fn paragraph(p: &mut dx::Paragraph, sheet: &Sheet) {
    let id = p.property.style.as_ref().map_or(NORMAL, |s| s.val.as_str());
    let Some((base, look)) = sheet.get(id) else { return };
    paragraph_properties(&mut p.property, look);
    let base_bold = base.bold.as_ref().is_some_and(|b| *b == dx::Bold::new());
    let base_italic = base.italic.as_ref().is_some_and(|i| *i == dx::Italic::new());
    for child in &mut p.children {
        let dx::ParagraphChild::Run(run) = child else { continue };
        let rp = &mut run.run_property;
        rp.fonts = None;
        if rp.sz.is_some() && rp.sz == base.sz {
            rp.sz = None;
            rp.sz_cs = None;
        }
        if rp.bold.as_ref().is_some_and(|b| (*b == dx::Bold::new()) == base_bold) {
            rp.bold = None;
            rp.bold_cs = None;
        }
        if rp.italic.as_ref().is_some_and(|i| (*i == dx::Italic::new()) == base_italic) {
            rp.italic = None;
            rp.italic_cs = None;
        }
    }
}
