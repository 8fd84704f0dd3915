//! Named styles of the DOCX output, so a person editing the file in Word finds
//! "Nội dung", "Phần", "Mục", … instead of direct formatting everywhere.
//!
//! Contract: every style declares Times New Roman in all four font slots
//! (G-04) and a size in half-points; paragraph spacing of body and heading
//! styles follows B-03/B-04 from `doc.body_style`. Direct formatting in
//! `build` only restates what the document model decides per paragraph
//! (alignment, indent, keep-with-next) and per run (size, bold, italic).

use docx_rs as dx;

use crate::doc::{Document, Role};
use crate::units::Pt;

pub(crate) const FONT: &str = "Times New Roman";

pub(crate) const NORMAL: &str = "Normal";
pub(crate) const BODY: &str = "NoiDung";
pub(crate) const PART: &str = "Phan";
pub(crate) const SECTION: &str = "Muc";
pub(crate) const CLAUSE: &str = "Khoan";
pub(crate) const POINT: &str = "Diem";
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

/// Whether the role's style is bold (runs that are not bold then say so).
pub(crate) fn role_bold(role: Role) -> bool {
    matches!(role, Role::Part | Role::Section | Role::Clause)
}

/// `w:line` for `lineRule="auto"`: 240 is single spacing (B-04).
pub(crate) fn auto_line(multiple: f32) -> i32 {
    (240.0 * multiple).round() as i32
}

fn tw(pt: Pt) -> u32 {
    pt.twips().max(0) as u32
}

fn paragraph_style(id: &str, name: &str, size: Pt) -> dx::Style {
    dx::Style::new(id, dx::StyleType::Paragraph)
        .name(name)
        .based_on(NORMAL)
        .next(id)
        .fonts(fonts())
        .size(size.half_points())
}

fn single(before: u32, after: u32) -> dx::LineSpacing {
    dx::LineSpacing::new().before(before).after(after).line(240).line_rule(dx::LineSpacingType::Auto)
}

pub(crate) fn all(doc: &Document) -> Vec<dx::Style> {
    let b = &doc.body_style;
    let body_spacing = dx::LineSpacing::new()
        .before(0)
        .after(tw(b.space_after))
        .line(auto_line(b.line_spacing))
        .line_rule(dx::LineSpacingType::Auto);
    let indent = b.first_line_indent.twips();
    let text = |id: &str, name: &str| {
        paragraph_style(id, name, b.size)
            .line_spacing(body_spacing.clone())
            .align(dx::AlignmentType::Both)
            .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(indent)), None, None)
    };
    let keep = |mut s: dx::Style| {
        s.paragraph_property = s.paragraph_property.keep_next(true);
        s
    };
    let recipients_size = doc
        .closing
        .recipients
        .as_ref()
        .and_then(|r| r.items.first())
        .map_or(Pt(11.0), |l| l.style.size);

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
                .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), None, None),
        ),
        keep(text(SECTION, "Mục").bold()),
        keep(text(CLAUSE, "Khoản").bold()),
        keep(text(POINT, "Điểm")),
        paragraph_style(TABLE_TEXT, "Chữ trong bảng", b.table_size).line_spacing(single(0, 0)),
        paragraph_style(RECIPIENTS, "Nơi nhận", recipients_size)
            .line_spacing(single(0, 0))
            .align(dx::AlignmentType::Left),
        paragraph_style(SIGNATURE, "Chữ ký", b.size)
            .bold()
            .line_spacing(single(0, 0))
            .align(dx::AlignmentType::Center),
        paragraph_style(HEADER_BLOCK, "Đầu văn bản", Pt(13.0))
            .line_spacing(single(0, 0))
            .align(dx::AlignmentType::Center),
        keep(
            paragraph_style(TITLE, "Tên loại và trích yếu", b.size)
                .bold()
                .line_spacing(single(0, 0))
                .align(dx::AlignmentType::Center),
        ),
        paragraph_style(PAGE_NUMBER, "Số trang", doc.page.page_number_size)
            .line_spacing(single(0, 0))
            .align(dx::AlignmentType::Center),
        dx::Style::new(DATA_TABLE, dx::StyleType::Table).name("Bảng số liệu"),
    ]
}
