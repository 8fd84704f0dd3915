//! doc::Document -> docx_rs::Docx: page setup, styles, the first-page header
//! table, title, "Kính gửi", body blocks, signature / "Nơi nhận" table and the
//! page-number header.
//!
//! Contract: pure; every format decision comes from the document model, which
//! arrives resolved: this module never measures text to choose a break, a
//! width or a length. Where the model breaks a line, the paragraph has an
//! explicit line break; layout tables (header block, closing) are borderless
//! with the model's column widths; rules (H-03, H-07, T-03) are bottom borders
//! of empty paragraphs whose indents make the border exactly the model's
//! length; data tables have the model's grid, cell padding and line pitch.

use docx_rs as dx;

use super::styles::{self, fonts};
use crate::doc::{self, Align, Block, Document, Line, Mark, Separator};
use crate::fonts::FontSet;
use crate::units::{Mm, Pt};

/// Twips of a resolved length.
fn tw(length: Pt) -> i32 {
    tw_of_pt(length.0)
}

/// Height of the empty paragraph that carries a rule: the rule is drawn at its
/// bottom, so this is the gap between the line above and the rule.
const RULE_PARAGRAPH: i32 = 60; // 3 pt
/// Rule thickness in eighths of a point (0.75 pt, a "nét liền" as in the ND30 templates).
const RULE_SIZE: usize = 6;
/// Data table borders: single, the model's width in eighths of a point (w:sz).
const TABLE_BORDER_SIZE: usize = (doc::TABLE_BORDER.0 * 8.0) as usize;

fn tw_of_pt(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
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
    if !text.contains(['\n', '\r', '\t']) {
        return text.to_string();
    }
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
    lines_paragraph(style_id, std::slice::from_ref(line), before)
}

/// Centred lines, single-spaced, in one paragraph with explicit breaks where
/// the model broke them (a trích yếu of three lines stays one paragraph a
/// clerk can edit).
fn lines_paragraph(style_id: &str, lines: &[Line], before: u32) -> dx::Paragraph {
    let mut p = dx::Paragraph::new()
        .style(style_id)
        .align(dx::AlignmentType::Center)
        .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
        .line_spacing(spacing(before, 0));
    for (k, line) in lines.iter().enumerate() {
        let mut r = run(&line.text, &line.style);
        if k + 1 < lines.len() {
            r = r.add_break(dx::BreakType::TextWrapping);
        }
        p = p.add_run(r);
    }
    p
}

/// An empty paragraph whose bottom border is a centred rule `rule_tw` long in
/// a space `avail_tw` wide.
fn rule_paragraph(avail_tw: i32, rule_tw: i32, after: u32) -> dx::Paragraph {
    let side = ((avail_tw - rule_tw) / 2).max(0);
    let border =
        dx::ParagraphBorder::new(dx::ParagraphBorderPosition::Bottom).val(dx::BorderType::Single).size(RULE_SIZE).space(0).color("000000");
    let mut p = dx::Paragraph::new()
        .style(styles::HEADER_BLOCK)
        .indent(Some(side), Some(dx::SpecialIndentType::FirstLine(0)), Some(side), None)
        .line_spacing(dx::LineSpacing::new().before(0).after(after).line(RULE_PARAGRAPH).line_rule(dx::LineSpacingType::Exact))
        .size(4); // a 2 pt paragraph mark, so the exact height is never exceeded
    p.property = p.property.set_borders(dx::ParagraphBorders::with_empty().set(border));
    p
}

/// An empty paragraph exactly `height` high (signature gap, S-07).
fn gap_paragraph(height: Mm) -> dx::Paragraph {
    dx::Paragraph::new()
        .style(styles::SIGNATURE)
        .line_spacing(dx::LineSpacing::new().before(0).after(0).line(height.twips().max(1)).line_rule(dx::LineSpacingType::Exact))
        .size(4)
}

/// The model's column widths in whole twips, adding up to the rounded total
/// so the grid never drifts from the text width.
fn twips_grid(widths: &[Pt]) -> Vec<i32> {
    let mut out = Vec::with_capacity(widths.len());
    let mut edge = 0.0f32;
    let mut done = 0;
    for w in widths {
        edge += w.0;
        let next = tw_of_pt(edge);
        out.push(next - done);
        done = next;
    }
    out
}

fn no_borders() -> dx::TableBorders {
    use dx::TableBorderPosition as P;
    [P::Top, P::Left, P::Bottom, P::Right, P::InsideH, P::InsideV]
        .into_iter()
        .fold(dx::TableBorders::with_empty(), |b, p| b.set(dx::TableBorder::new(p).border_type(dx::BorderType::None).size(0)))
}

fn single_borders() -> dx::TableBorders {
    use dx::TableBorderPosition as P;
    [P::Top, P::Left, P::Bottom, P::Right, P::InsideH, P::InsideV].into_iter().fold(dx::TableBorders::with_empty(), |b, p| {
        b.set(dx::TableBorder::new(p).border_type(dx::BorderType::Single).size(TABLE_BORDER_SIZE).color("000000"))
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
    match &col.mark {
        Mark::Rule(length) => out.push(rule_paragraph(width, tw(*length), 0)),
        Mark::Symbol(line) => out.push(line_paragraph(styles::HEADER_BLOCK, line, 0)),
        Mark::None => {}
    }
    if out.is_empty() {
        out.push(dx::Paragraph::new().style(styles::HEADER_BLOCK));
    }
    out
}

/// The bottom line ("Số: …" or place and date) of a header column; the
/// model made its column wide enough (H-16: a date is never broken).
fn header_bottom(line: &Line, max_size: Pt) -> dx::Paragraph {
    line_paragraph(styles::HEADER_BLOCK, line, 120 + level_with(max_size, line.style.size))
}

fn header_block(doc: &Document) -> dx::Table {
    let h = &doc.header;
    let grid = twips_grid(&h.widths);
    let cols: Vec<&doc::HeaderColumn> = h.issuers.iter().chain(std::iter::once(&h.motto)).collect();
    let max =
        |f: &dyn Fn(&doc::HeaderColumn) -> Option<Pt>| cols.iter().filter_map(|c| f(c)).fold(Pt(0.0), |a, b| if b.0 > a.0 { b } else { a });
    let first_size = max(&|c| c.lines.first().map(|l| l.style.size));
    let bottom_size = max(&|c| c.bottom.as_ref().map(|l| l.style.size));

    if h.stacked {
        return stacked_header_block(h, &grid, first_size, bottom_size);
    }
    let top = dx::TableRow::new(cols.iter().zip(&grid).map(|(c, w)| cell(*w, header_column(c, *w, first_size))).collect()).cant_split();
    let mut rows = vec![top];
    // The bottom lines get a row of their own so they share one baseline (H-15).
    if cols.iter().any(|c| c.bottom.is_some()) {
        rows.push(
            dx::TableRow::new(
                cols.iter()
                    .zip(&grid)
                    .map(|(c, w)| match &c.bottom {
                        Some(l) => cell(*w, vec![header_bottom(l, bottom_size)]),
                        None => empty_cell(*w),
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    layout_table(&grid, rows)
}

/// Joint bodies stacked in the left cell (the model chose it): each body's
/// lines and mark, 4 pt apart; their numbers one per line under them, the
/// first level with the date (H-15).
fn stacked_header_block(h: &doc::Header, grid: &[i32], first_size: Pt, bottom_size: Pt) -> dx::Table {
    let mut left = Vec::new();
    for (k, column) in h.issuers.iter().enumerate() {
        let mut paragraphs = header_column(column, grid[0], first_size);
        if k > 0
            && let Some(first) = paragraphs.first_mut()
        {
            *first = first.clone().line_spacing(spacing(STACK_GAP_TW, 0));
        }
        left.extend(paragraphs);
    }
    let top = dx::TableRow::new(vec![cell(grid[0], left), cell(grid[1], header_column(&h.motto, grid[1], first_size))]).cant_split();
    let numbers: Vec<dx::Paragraph> = h
        .issuers
        .iter()
        .filter_map(|c| c.bottom.as_ref())
        .enumerate()
        .map(|(k, l)| if k == 0 { header_bottom(l, bottom_size) } else { line_paragraph(styles::HEADER_BLOCK, l, 0) })
        .collect();
    let date = h.motto.bottom.as_ref().map(|l| vec![header_bottom(l, bottom_size)]);
    let left_cell = if numbers.is_empty() { empty_cell(grid[0]) } else { cell(grid[0], numbers) };
    let right_cell = date.map_or_else(|| empty_cell(grid[1]), |p| cell(grid[1], p));
    let bottom = dx::TableRow::new(vec![left_cell, right_cell]).cant_split();
    layout_table(grid, vec![top, bottom])
}

/// Space between two stacked bodies (4 pt, as in the PDF layout).
const STACK_GAP_TW: u32 = 80;

// ---------------------------------------------------------------- title

fn title(doc: &Document) -> Vec<dx::Paragraph> {
    let t = &doc.title;
    let width = text_width(doc);
    let mut out = vec![
        line_paragraph(styles::TITLE, &t.type_line, 240).keep_next(true),
        lines_paragraph(styles::TITLE, &t.summary, 0).keep_next(true),
    ];
    let after = 240;
    match &t.separator {
        Separator::Rule(length) => out.push(rule_paragraph(width, tw(*length), after)),
        Separator::Symbol(line) => out.push(line_paragraph(styles::TITLE, line, 0).line_spacing(spacing(0, after))),
    }
    out
}

/// "Kính gửi:" where the model placed it: the label at its indent,
/// each row's text after the label (its offset added for continuation lines).
fn addressees(doc: &Document) -> Vec<dx::Paragraph> {
    let Some(to) = &doc.to else { return Vec::new() };
    let after_block = tw_of_pt(doc.body_style.space_after.0.max(6.0) * 2.0) as u32;
    let n = to.rows.len();
    let line = if n > 1 { styles::auto_line(to.line_spacing) } else { 240 };
    let text_left = tw(to.indent) + tw(to.label_width);
    to.rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let last = i + 1 == n;
            let p = dx::Paragraph::new()
                .style(styles::BODY)
                .align(dx::AlignmentType::Left)
                .line_spacing(
                    dx::LineSpacing::new()
                        .before(0)
                        .after(if last { after_block } else { 0 })
                        .line(line)
                        .line_rule(dx::LineSpacingType::Auto),
                )
                .keep_next(!last);
            if i == 0 {
                p.indent(Some(tw(to.indent)), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
                    .add_run(run(&format!("{} ", to.label), &to.style))
                    .add_run(run(&row.text, &to.style))
            } else {
                p.indent(Some(text_left + tw(row.offset)), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
                    .add_run(run(&row.text, &to.style))
            }
        })
        .collect()
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
    let grid = twips_grid(&t.grid);
    // The model's pitch as an exact line height and its padding as cell
    // margins: the office suite's default padding would wrap "STT".
    let pitch = dx::LineSpacing::new().before(0).after(0).line(tw(t.line_height)).line_rule(dx::LineSpacingType::Exact);
    let make_cell = |c: &doc::Cell, w: i32, header: bool, keep_next: bool| {
        let align = match (header, c.align) {
            (true, _) => Align::Center,
            // Cells are set ragged, as in the PDF: justified narrow columns open rivers.
            (false, Align::Justify) => Align::Left,
            (false, a) => a,
        };
        let mut p = dx::Paragraph::new()
            .style(styles::TABLE_TEXT)
            .align(alignment(align))
            .indent(Some(0), Some(dx::SpecialIndentType::FirstLine(0)), Some(0), None)
            .line_spacing(pitch.clone())
            .keep_next(keep_next);
        for r in &c.runs {
            let style = doc::Style { size, bold: r.bold || header, italic: r.italic, underline: false };
            p = p.add_run(run(&r.text, &style));
        }
        cell(w, vec![p]).vertical_align(dx::VAlignType::Top)
    };
    // The model's keeps (keep with next on the row's paragraphs); the header
    // always keeps with the first row.
    let mut rows =
        vec![dx::TableRow::new(t.header.iter().zip(&grid).map(|(c, w)| make_cell(c, *w, true, !t.rows.is_empty())).collect()).cant_split()];
    for (k, r) in t.rows.iter().enumerate() {
        let keep = t.row_keeps_with_next(k);
        rows.push(dx::TableRow::new(r.iter().zip(&grid).map(|(c, w)| make_cell(c, *w, false, keep)).collect()).cant_split());
    }
    let total: i32 = grid.iter().sum();
    let mut table = dx::Table::new(rows)
        .style(styles::DATA_TABLE)
        .set_grid(grid.iter().map(|w| *w as usize).collect())
        .layout(dx::TableLayoutType::Fixed)
        .width(total as usize, dx::WidthType::Dxa)
        .indent(0)
        .margins(dx::TableCellMargins::new().margin(
            tw(t.pad_y) as usize,
            tw(t.pad_x) as usize,
            tw(t.pad_y) as usize,
            tw(t.pad_x) as usize,
        ));
    table.property = table.property.set_borders(single_borders());
    (note, table)
}

// ---------------------------------------------------------------- closing

/// Paragraphs of one signature block: authority and title lines, the gap
/// (with the block's `level_lines`), the name (S-02, S-04, S-07).
fn signature(doc: &Document, s: &doc::SignatureBlock, before: u32, first_max: Pt) -> Vec<dx::Paragraph> {
    let mut out = Vec::new();
    for (i, l) in s.lines.iter().enumerate() {
        let b = if i == 0 { before + level_with(first_max, l.style.size) } else { 0 };
        out.push(line_paragraph(styles::SIGNATURE, l, b).keep_next(true));
    }
    let line_pt =
        s.lines.last().map_or(doc.body_style.size.0, |l| l.style.size.0) * FontSet::get().face(crate::fonts::Face::Bold).single_line_em();
    let gap = Mm(doc.closing.signature_gap.0 + Pt(line_pt * s.level_lines as f32).mm());
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
    // One paragraph per recipient, broken where the model broke it, the
    // continuation lines hanging under the text after "- ".
    let hang = tw(r.hang);
    for (i, entry) in r.items.iter().enumerate() {
        let mut p = dx::Paragraph::new()
            .style(styles::RECIPIENTS)
            .align(dx::AlignmentType::Left)
            .indent(Some(hang), Some(dx::SpecialIndentType::Hanging(hang)), Some(0), None)
            .line_spacing(spacing(0, 0))
            .keep_next(i + 1 < n);
        for (k, line) in entry.iter().enumerate() {
            let mut r = run(line, &r.item_style);
            if k + 1 < entry.len() {
                r = r.add_break(dx::BreakType::TextWrapping);
            }
            p = p.add_run(r);
        }
        out.push(p);
    }
    out
}

fn closing(doc: &Document) -> (Option<dx::Table>, Vec<dx::Paragraph>) {
    let c = &doc.closing;
    let width = text_width(doc);
    // The model's space above the closing: a last body paragraph already
    // adds its spacing after, a table none.
    let after_last = match doc.body.last() {
        Some(Block::Paragraph(_)) => doc.body_style.space_after.twips().max(0) as u32,
        _ => 0,
    };
    let before = tw(doc::CLOSING_SPACE).max(0) as u32;
    let before = before.saturating_sub(after_last);
    let first = |s: &doc::SignatureBlock| s.lines.first().map_or(doc.body_style.size, |l| l.style.size);
    match c.signers.as_slice() {
        [] => (None, c.recipients.as_ref().map(|r| recipients(r, before, None)).unwrap_or_default()),
        [one] => {
            // Two columns: recipients on the left, level with the signer.
            let grid = twips_grid(&c.grid);
            let label_size = c.recipients.as_ref().map_or(Pt(0.0), |r| r.label.style.size);
            let top = if first(one).0 >= label_size.0 { first(one) } else { label_size };
            let left = match &c.recipients {
                Some(r) => cell(grid[0], recipients(r, before, Some(top))),
                None => empty_cell(grid[0]),
            };
            let right = cell(grid[1], signature(doc, one, before, top));
            // The whole closing stays on one page (cantSplit).
            let row = dx::TableRow::new(vec![left, right]).cant_split();
            (Some(layout_table(&grid, vec![row])), vec![])
        }
        many => {
            // Two per row; an odd last one centred across both columns (§11).
            // Every paragraph keeps with the next, so Word keeps the signature
            // rows and the "Nơi nhận" under them on one page.
            let signature = |doc: &Document, s: &doc::SignatureBlock, before: u32, top: Pt| {
                let mut paragraphs = signature(doc, s, before, top);
                if let Some(name) = paragraphs.pop() {
                    paragraphs.push(name.keep_next(true));
                }
                paragraphs
            };
            let grid = twips_grid(&c.grid);
            let mut rows: Vec<dx::TableRow> = many
                .chunks(2)
                .map(|pair| {
                    let top = pair.iter().map(&first).fold(Pt(0.0), |a, b| if b.0 > a.0 { b } else { a });
                    let cells = match pair {
                        [a, b] => vec![cell(grid[0], signature(doc, a, before, top)), cell(grid[1], signature(doc, b, before, top))],
                        [a] => vec![cell(width, signature(doc, a, before, top)).grid_span(2)],
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
