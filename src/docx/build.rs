//! doc::Document -> docx_rs::Docx: page setup, styles, the first-page header
//! table, title, "Kính gửi", body blocks, signature / "Nơi nhận" table and the
//! page-number header.
//!
//! Contract: pure; every format decision comes from the document model. Layout
//! tables (header block, closing) are borderless with fixed column widths;
//! rules (H-03, H-07, T-03) are bottom borders of empty paragraphs whose
//! indents make the border exactly as long as required, measured with the
//! bundled Times-compatible metrics.

use docx_rs as dx;

use super::styles::{self, fonts};
use crate::doc::{self, Align, Block, Document, Line, Mark, Separator};
use crate::fonts::FontSet;
use crate::units::{Mm, Pt};

/// Height of the empty paragraph that carries a rule: the rule is drawn at its
/// bottom, so this is the gap between the line above and the rule.
const RULE_PARAGRAPH: i32 = 60; // 3 pt
/// Rule thickness in eighths of a point (0.75 pt, a "nét liền" as in the ND30 templates).
const RULE_SIZE: usize = 6;
/// Data table borders: single, 0.5 pt.
const TABLE_BORDER_SIZE: usize = 4;

fn tw_of_pt(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Width of `text` in twips, in the line's own style.
fn text_tw(text: &str, style: &doc::Style) -> i32 {
    tw_of_pt(FontSet::get().width(text, style))
}

/// Baseline offset of the first line of a paragraph set at `size`, in points.
fn ascent(size: Pt) -> f32 {
    FontSet::get().face(crate::fonts::Face::Regular).ascender * size.0
}

/// Extra space before a first line of `size` so its baseline sits level with a
/// first line of `max` in the neighbouring cell (H-15, R-03).
fn level_with(max: Pt, size: Pt) -> u32 {
    tw_of_pt(ascent(max) - ascent(size)).max(0) as u32
}

fn clean(text: &str) -> String {
    // Never a manual line break inside a paragraph: Word would stretch the
    // justified line before it.
    text.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect()
}

/// A run in `style`, stated in full as the model decides it;
/// `styles::inherit` then drops what the paragraph's style already gives.
fn run(text: &str, style: &doc::Style) -> dx::Run {
    let r = dx::Run::new().add_text(clean(text)).size(style.size.half_points());
    let r = if style.bold { r.bold() } else { r.disable_bold() };
    let r = if style.italic { r.italic() } else { r.disable_italic() };
    if style.underline { r.underline("single") } else { r }
}

fn alignment(a: Align) -> dx::AlignmentType {
    match a {
        Align::Left => dx::AlignmentType::Left,
        Align::Center => dx::AlignmentType::Center,
        Align::Right => dx::AlignmentType::Right,
        Align::Justify => dx::AlignmentType::Both,
    }
}

fn spacing(before: u32, after: u32) -> dx::LineSpacing {
    dx::LineSpacing::new().before(before).after(after).line(240).line_rule(dx::LineSpacingType::Auto)
}

/// One centred single-spaced line in a layout cell or the title.
fn line_paragraph(style_id: &str, line: &Line, before: u32) -> dx::Paragraph {
    dx::Paragraph::new()
        .style(style_id)
        .align(dx::AlignmentType::Center)
        .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
        .line_spacing(spacing(before, 0))
        .add_run(run(&line.text, &line.style))
}

/// An empty paragraph whose bottom border is a centred rule `rule_tw` long in
/// a space `avail_tw` wide.
fn rule_paragraph(avail_tw: i32, rule_tw: i32, after: u32) -> dx::Paragraph {
    let side = ((avail_tw - rule_tw) / 2).max(0);
    let border = dx::ParagraphBorder::new(dx::ParagraphBorderPosition::Bottom)
        .val(dx::BorderType::Single)
        .size(RULE_SIZE)
        .space(0)
        .color("000000");
    let mut p = dx::Paragraph::new()
        .style(styles::HEADER_BLOCK)
        .indent(Some(side), Some(dx::SpecialIndentType::FirstLine(0)), Some(side), None)
        .line_spacing(
            dx::LineSpacing::new()
                .before(0)
                .after(after)
                .line(RULE_PARAGRAPH)
                .line_rule(dx::LineSpacingType::Exact),
        )
        .size(4); // a 2 pt paragraph mark, so the exact height is never exceeded
    p.property = p.property.set_borders(dx::ParagraphBorders::with_empty().set(border));
    p
}

/// An empty paragraph exactly `height` high (signature gap, S-07).
fn gap_paragraph(height: Mm) -> dx::Paragraph {
    dx::Paragraph::new()
        .style(styles::SIGNATURE)
        .line_spacing(
            dx::LineSpacing::new()
                .before(0)
                .after(0)
                .line(height.twips().max(1))
                .line_rule(dx::LineSpacingType::Exact),
        )
        .size(4)
}

/// Splits `widths` (fractions adding up to 1) of `total` twips into whole
/// twips that add up to `total` exactly.
fn columns(widths: &[f32], total: i32) -> Vec<i32> {
    let mut out: Vec<i32> = widths.iter().map(|f| (f * total as f32).round() as i32).collect();
    if let Some(last) = out.last_mut() {
        let rest: i32 = widths[..widths.len() - 1].iter().map(|f| (f * total as f32).round() as i32).sum();
        *last = total - rest;
    }
    out
}

fn no_borders() -> dx::TableBorders {
    use dx::TableBorderPosition as P;
    [P::Top, P::Left, P::Bottom, P::Right, P::InsideH, P::InsideV]
        .into_iter()
        .fold(dx::TableBorders::with_empty(), |b, p| {
            b.set(dx::TableBorder::new(p).border_type(dx::BorderType::None).size(0))
        })
}

fn single_borders() -> dx::TableBorders {
    use dx::TableBorderPosition as P;
    [P::Top, P::Left, P::Bottom, P::Right, P::InsideH, P::InsideV]
        .into_iter()
        .fold(dx::TableBorders::with_empty(), |b, p| {
            b.set(
                dx::TableBorder::new(p)
                    .border_type(dx::BorderType::Single)
                    .size(TABLE_BORDER_SIZE)
                    .color("000000"),
            )
        })
}

/// A borderless, fixed-layout table with zero side padding: the header block
/// and the closing are positioned with it (§5).
fn layout_table(grid: &[i32], rows: Vec<dx::TableRow>) -> dx::Table {
    let total: i32 = grid.iter().sum();
    let mut t = dx::Table::new(rows)
        .set_grid(grid.iter().map(|w| *w as usize).collect())
        .layout(dx::TableLayoutType::Fixed)
        .width(total as usize, dx::WidthType::Dxa)
        .indent(0)
        .margins(dx::TableCellMargins::new().margin(0, 0, 0, 0));
    t.property = t.property.set_borders(no_borders());
    t
}

fn cell(width: i32, paragraphs: Vec<dx::Paragraph>) -> dx::TableCell {
    let mut c = dx::TableCell::new().width(width.max(0) as usize, dx::WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn empty_cell(width: i32) -> dx::TableCell {
    cell(width, vec![dx::Paragraph::new().style(styles::HEADER_BLOCK)])
}

/// The text width of the page in twips.
fn text_width(doc: &Document) -> i32 {
    doc.page.text_width().twips()
}

// ---------------------------------------------------------------- header block

fn header_column(col: &doc::HeaderColumn, width: i32, first_size: Pt) -> Vec<dx::Paragraph> {
    let mut out = Vec::new();
    for (i, line) in col.lines.iter().enumerate() {
        let before = if i == 0 { level_with(first_size, line.style.size) } else { 0 };
        out.push(line_paragraph(styles::HEADER_BLOCK, line, before));
    }
    let last = col.lines.last();
    match (col.mark, last) {
        (Mark::RuleTextWidth, Some(l)) => out.push(rule_paragraph(width, text_tw(&l.text, &l.style), 0)),
        (Mark::RuleFraction(f), Some(l)) => {
            let w = (text_tw(&l.text, &l.style) as f32 * f).round() as i32;
            out.push(rule_paragraph(width, w, 0))
        }
        (Mark::Asterisk, _) => {
            let size = last.map_or(Pt(13.0), |l| l.style.size);
            out.push(line_paragraph(styles::HEADER_BLOCK, &Line::new("*", doc::Style::regular(size.0)), 0));
        }
        _ => {}
    }
    if out.is_empty() {
        out.push(dx::Paragraph::new().style(styles::HEADER_BLOCK));
    }
    out
}

/// The bottom line ("Số: …" or place and date) of a header column. When the
/// line is wider than its cell it extends to the left rather than wrapping
/// (H-16): a date is never broken.
fn header_bottom(line: &Line, width: i32, max_size: Pt) -> dx::Paragraph {
    let excess = text_tw(&line.text, &line.style) + 40 - width;
    let mut p = line_paragraph(styles::HEADER_BLOCK, line, 120 + level_with(max_size, line.style.size));
    if excess > 0 {
        p = p.indent(Some(-excess), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None);
    }
    p
}

fn header_block(doc: &Document) -> dx::Table {
    let h = &doc.header;
    let grid = columns(&h.widths, text_width(doc));
    let cols: Vec<&doc::HeaderColumn> = h.issuers.iter().chain(std::iter::once(&h.motto)).collect();
    let max = |f: &dyn Fn(&doc::HeaderColumn) -> Option<Pt>| {
        cols.iter().filter_map(|c| f(c)).fold(Pt(0.0), |a, b| if b.0 > a.0 { b } else { a })
    };
    let first_size = max(&|c| c.lines.first().map(|l| l.style.size));
    let bottom_size = max(&|c| c.bottom.as_ref().map(|l| l.style.size));

    let top = dx::TableRow::new(
        cols.iter()
            .zip(&grid)
            .map(|(c, w)| cell(*w, header_column(c, *w, first_size)))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![top];
    // The bottom lines get a row of their own so they share one baseline (H-15).
    if cols.iter().any(|c| c.bottom.is_some()) {
        rows.push(
            dx::TableRow::new(
                cols.iter()
                    .zip(&grid)
                    .map(|(c, w)| match &c.bottom {
                        Some(l) => cell(*w, vec![header_bottom(l, *w, bottom_size)]),
                        None => empty_cell(*w),
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    layout_table(&grid, rows)
}

// ---------------------------------------------------------------- title

/// Width in twips of the last line of `text` broken greedily at `max_tw`.
fn last_line_tw(text: &str, style: &doc::Style, max_tw: i32) -> i32 {
    let space = text_tw(" ", style);
    let mut line = 0;
    for word in text.split_whitespace() {
        let w = text_tw(word, style);
        line = if line == 0 {
            w
        } else if line + space + w <= max_tw {
            line + space + w
        } else {
            w
        };
    }
    line
}

fn title(doc: &Document) -> Vec<dx::Paragraph> {
    let t = &doc.title;
    let width = text_width(doc);
    let mut out = vec![
        line_paragraph(styles::TITLE, &t.type_line, 240).keep_next(true),
        line_paragraph(styles::TITLE, &t.summary, 0).keep_next(true),
    ];
    let after = 240;
    match t.separator {
        Separator::Rule(f) => {
            let last = last_line_tw(&t.summary.text, &t.summary.style, width);
            out.push(rule_paragraph(width, (last as f32 * f).round() as i32, after));
        }
        Separator::Dashes => {
            let style = doc::Style::regular(t.summary.style.size.0);
            out.push(
                line_paragraph(styles::TITLE, &Line::new("-----", style), 0)
                    .line_spacing(spacing(0, after)),
            );
        }
    }
    out
}

/// "Kính gửi:": one addressee on the same line, centred; several one
/// per line with their dashes aligned under the first one, the block centred.
fn addressees(doc: &Document) -> Vec<dx::Paragraph> {
    let style = doc::Style::regular(doc.body_style.size.0);
    let label = "Kính gửi:";
    let after_block = tw_of_pt(doc.body_style.space_after.0.max(6.0) * 2.0) as u32;
    match doc.to.as_slice() {
        [] => vec![],
        [one] => vec![
            dx::Paragraph::new()
                .style(styles::BODY)
                .align(dx::AlignmentType::Center)
                .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
                .line_spacing(spacing(0, after_block))
                .add_run(run(&format!("{label} {}", one.trim()), &style)),
        ],
        many => {
            let n = many.len();
            let items: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let a = a.trim();
                    let a = if a.starts_with("- ") { a.to_string() } else { format!("- {a}") };
                    let end = if i + 1 == n { '.' } else { ';' };
                    if a.ends_with([';', '.', ',']) { a } else { format!("{a}{end}") }
                })
                .collect();
            let label_tw = text_tw(&format!("{label} "), &style);
            let widest = items.iter().map(|i| text_tw(i, &style)).max().unwrap_or(0);
            let left = ((text_width(doc) - label_tw - widest) / 2).max(0);
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let last = i + 1 == n;
                    let p = dx::Paragraph::new()
                        .style(styles::BODY)
                        .align(dx::AlignmentType::Left)
                        .line_spacing(spacing(0, if last { after_block } else { 0 }))
                        .keep_next(!last);
                    if i == 0 {
                        p.indent(Some(left), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
                            .add_run(run(&format!("{label} "), &style))
                            .add_run(run(item, &style))
                    } else {
                        p.indent(Some(left + label_tw), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
                            .add_run(run(item, &style))
                    }
                })
                .collect()
        }
    }
}

// ---------------------------------------------------------------- body

fn body_paragraph(doc: &Document, p: &doc::Paragraph, after_table: bool) -> dx::Paragraph {
    let indent = if p.first_line_indent { doc.body_style.first_line_indent.twips() } else { 0 };
    let keep = p.keep_with_next || p.role != doc::Role::Body && p.role != doc::Role::Closing;
    let mut para = dx::Paragraph::new()
        .style(styles::role_style(p.role))
        .align(alignment(p.align))
        .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(indent)), Some(0), None)
        .keep_next(keep);
    if after_table {
        // A table has no spacing of its own; keep the B-03 gap below it.
        let b = &doc.body_style;
        para = para.line_spacing(
            dx::LineSpacing::new()
                .before(b.space_after.twips().max(0) as u32)
                .after(b.space_after.twips().max(0) as u32)
                .line(styles::auto_line(b.line_spacing))
                .line_rule(dx::LineSpacingType::Auto),
        );
    }
    for r in &p.runs {
        let style = doc::Style { size: doc.body_style.size, bold: r.bold, italic: r.italic, underline: false };
        para = para.add_run(run(&r.text, &style));
    }
    para
}

fn data_table(doc: &Document, t: &doc::Table) -> (Option<dx::Paragraph>, dx::Table) {
    let size = doc.body_style.table_size;
    let note = t.unit_note.as_ref().map(|n| {
        dx::Paragraph::new()
            .style(styles::TABLE_TEXT)
            .align(dx::AlignmentType::Right)
            .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
            .line_spacing(spacing(0, 60))
            .keep_next(true)
            .add_run(run(n, &doc::Style::italic(size.0)))
    });
    let grid = columns(&t.widths, text_width(doc));
    let make_cell = |c: &doc::Cell, w: i32, header: bool| {
        let mut p = dx::Paragraph::new()
            .style(styles::TABLE_TEXT)
            .align(alignment(if header { Align::Center } else { c.align }))
            .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
            .line_spacing(spacing(40, 40));
        for r in &c.runs {
            let style = doc::Style { size, bold: r.bold || header, italic: r.italic, underline: false };
            p = p.add_run(run(&r.text, &style));
        }
        cell(w, vec![p]).vertical_align(dx::VAlignType::Center)
    };
    let mut rows = vec![
        dx::TableRow::new(t.header.iter().zip(&grid).map(|(c, w)| make_cell(c, *w, true)).collect()).cant_split(),
    ];
    for r in &t.rows {
        rows.push(dx::TableRow::new(r.iter().zip(&grid).map(|(c, w)| make_cell(c, *w, false)).collect()).cant_split());
    }
    let total: i32 = grid.iter().sum();
    let mut table = dx::Table::new(rows)
        .style(styles::DATA_TABLE)
        .set_grid(grid.iter().map(|w| *w as usize).collect())
        .layout(dx::TableLayoutType::Fixed)
        .width(total as usize, dx::WidthType::Dxa)
        .indent(0);
    table.property = table.property.set_borders(single_borders());
    (note, table)
}

// ---------------------------------------------------------------- closing

/// Paragraphs of one signature block: authority and title lines, the gap, the
/// name (S-02, S-04, S-07). `extra_lines` pads the gap so names in one row
/// stay level when the blocks have different numbers of title lines.
fn signature(doc: &Document, s: &doc::SignatureBlock, before: u32, first_max: Pt, extra_lines: usize) -> Vec<dx::Paragraph> {
    let mut out = Vec::new();
    for (i, l) in s.lines.iter().enumerate() {
        let b = if i == 0 { before + level_with(first_max, l.style.size) } else { 0 };
        out.push(line_paragraph(styles::SIGNATURE, l, b).keep_next(true));
    }
    let line_pt = s.lines.last().map_or(doc.body_style.size.0, |l| l.style.size.0)
        * FontSet::get().face(crate::fonts::Face::Bold).single_line_em();
    let gap = Mm(doc.closing.signature_gap.0 + Pt(line_pt * extra_lines as f32).mm());
    out.push(gap_paragraph(gap).keep_next(true));
    out.push(line_paragraph(styles::SIGNATURE, &s.name, 0));
    out
}

/// "Nơi nhận:" and its list; `level` is the size of the first
/// signature line the label sits level with.
fn recipients(r: &doc::Recipients, before: u32, level: Option<Pt>) -> Vec<dx::Paragraph> {
    let lead = level.map_or(0, |m| level_with(m, r.label.style.size));
    let n = r.items.len();
    let mut out = vec![
        dx::Paragraph::new()
            .style(styles::RECIPIENTS)
            .align(dx::AlignmentType::Left)
            .line_spacing(spacing(before + lead, 0))
            .keep_next(n > 0)
            .add_run(run(&r.label.text, &r.label.style)),
    ];
    for (i, item) in r.items.iter().enumerate() {
        out.push(
            dx::Paragraph::new()
                .style(styles::RECIPIENTS)
                .align(dx::AlignmentType::Left)
                .line_spacing(spacing(0, 0))
                .keep_next(i + 1 < n)
                .add_run(run(&item.text, &item.style)),
        );
    }
    out
}

fn closing(doc: &Document) -> (Option<dx::Table>, Vec<dx::Paragraph>) {
    let c = &doc.closing;
    let width = text_width(doc);
    let before = 240; // a clear gap after the last body paragraph
    let first = |s: &doc::SignatureBlock| s.lines.first().map_or(doc.body_style.size, |l| l.style.size);
    match c.signers.as_slice() {
        [] => (None, c.recipients.as_ref().map(|r| recipients(r, before, None)).unwrap_or_default()),
        [one] => {
            // Two columns: recipients on the left, level with the signer.
            let grid = columns(&[c.recipients_width, 1.0 - c.recipients_width], width);
            let label_size = c.recipients.as_ref().map_or(Pt(0.0), |r| r.label.style.size);
            let top = if first(one).0 >= label_size.0 { first(one) } else { label_size };
            let left = match &c.recipients {
                Some(r) => cell(grid[0], recipients(r, before, Some(top))),
                None => empty_cell(grid[0]),
            };
            let right = cell(grid[1], signature(doc, one, before, top, 0));
            // The whole closing stays on one page (cantSplit).
            let row = dx::TableRow::new(vec![left, right]).cant_split();
            (Some(layout_table(&grid, vec![row])), vec![])
        }
        many => {
            // Two per row; an odd last one centred across both columns (§11).
            // Every paragraph keeps with the next, so Word keeps the signature
            // rows and the "Nơi nhận" under them on one page.
            let signature = |doc: &Document, s: &doc::SignatureBlock, before: u32, top: Pt, extra: usize| {
                let mut paragraphs = signature(doc, s, before, top, extra);
                if let Some(name) = paragraphs.pop() {
                    paragraphs.push(name.keep_next(true));
                }
                paragraphs
            };
            let grid = columns(&[0.5, 0.5], width);
            let mut rows: Vec<dx::TableRow> = many
                .chunks(2)
                .map(|pair| {
                    let top = pair.iter().map(&first).fold(Pt(0.0), |a, b| if b.0 > a.0 { b } else { a });
                    let most = pair.iter().map(|s| s.lines.len()).max().unwrap_or(0);
                    let cells = match pair {
                        [a, b] => vec![
                            cell(grid[0], signature(doc, a, before, top, most - a.lines.len())),
                            cell(grid[1], signature(doc, b, before, top, most - b.lines.len())),
                        ],
                        [a] => vec![cell(width, signature(doc, a, before, top, 0)).grid_span(2)],
                        _ => unreachable!("chunks(2)"),
                    };
                    dx::TableRow::new(cells).cant_split()
                })
                .collect();
            // "Nơi nhận" is the table's last row, spanning both columns: a
            // paragraph after a table is not kept with it by every word processor.
            if let Some(r) = &c.recipients {
                rows.push(dx::TableRow::new(vec![cell(width, recipients(r, before, None)).grid_span(2)]).cant_split());
            }
            (Some(layout_table(&grid, rows)), vec![])
        }
    }
}

// ---------------------------------------------------------------- page

fn page_number_header(doc: &Document) -> dx::Header {
    let style = doc::Style::regular(doc.page.page_number_size.0);
    let field = |r: dx::Run| r.size(style.size.half_points());
    let p = dx::Paragraph::new()
        .style(styles::PAGE_NUMBER)
        .align(dx::AlignmentType::Center)
        .add_run(field(dx::Run::new().add_field_char(dx::FieldCharType::Begin, false)))
        .add_run(field(dx::Run::new().add_instr_text(dx::InstrText::PAGE(dx::InstrPAGE::new()))))
        .add_run(field(dx::Run::new().add_field_char(dx::FieldCharType::Separate, false)))
        .add_run(field(dx::Run::new().add_text("2")))
        .add_run(field(dx::Run::new().add_field_char(dx::FieldCharType::End, false)));
    dx::Header::new().add_paragraph(p)
}

fn page_margin(doc: &Document) -> dx::PageMargin {
    let p = &doc.page;
    // `header` is the distance from the page edge to the top of the header
    // text; the model gives the page number's baseline.
    let header = tw_of_pt(p.page_number_baseline.pt() - ascent(p.page_number_size)).max(0);
    dx::PageMargin {
        top: p.margin_top.twips(),
        left: p.margin_left.twips(),
        bottom: p.margin_bottom.twips(),
        right: p.margin_right.twips(),
        header,
        footer: (p.margin_bottom.twips() / 2).max(0),
        gutter: 0,
    }
}

pub(crate) fn docx(doc: &Document) -> dx::Docx {
    let mut d = dx::Docx::new()
        .page_size(doc.page.width.twips() as u32, doc.page.height.twips() as u32)
        .page_margin(page_margin(doc))
        .default_fonts(fonts())
        .default_size(doc.body_style.size.half_points())
        .default_line_spacing(dx::LineSpacing::new().before(0).after(0).line(240).line_rule(dx::LineSpacingType::Auto))
        // Page numbers from page 2 only (G-06, C-13): an empty first-page header.
        .header(page_number_header(doc))
        .first_header(dx::Header::new().add_paragraph(dx::Paragraph::new().style(styles::PAGE_NUMBER)));
    for s in styles::all(doc) {
        d = d.add_style(s);
    }

    d = d.add_table(header_block(doc));
    for p in title(doc) {
        d = d.add_paragraph(p);
    }
    for p in addressees(doc) {
        d = d.add_paragraph(p);
    }
    let mut after_table = false;
    for (i, b) in doc.body.iter().enumerate() {
        match b {
            Block::Paragraph(p) => {
                let mut para = body_paragraph(doc, p, after_table);
                if i + 1 == doc.body.len() {
                    // The signature stays on the page of the body's last lines.
                    para = para.keep_next(true);
                }
                d = d.add_paragraph(para);
                after_table = false;
            }
            Block::Table(t) => {
                let (note, table) = data_table(doc, t);
                if let Some(n) = note {
                    d = d.add_paragraph(n);
                }
                d = d.add_table(table);
                after_table = true;
            }
        }
    }
    let (table, after) = closing(doc);
    if let Some(t) = table {
        d = d.add_table(t);
    }
    for p in after {
        d = d.add_paragraph(p);
    }
    // A document must end with a paragraph; keep it tiny so it never spills
    // onto a page of its own after the closing table.
    d.add_paragraph(
        dx::Paragraph::new()
            .style(styles::NORMAL)
            .line_spacing(dx::LineSpacing::new().before(0).after(0).line(20).line_rule(dx::LineSpacingType::Exact))
            .size(2),
    )
}
