//! Document elements -> vertical boxes for pagination.
//!
//! Each [`VBox`] is unbreakable; `keep_with_next` forbids a page break after
//! it. Item coordinates inside a box are relative: x absolute on the page,
//! y from the top of the box.

use super::text::{self, ascent, at, centred, single_line};
use super::{Item, TextItem};
use crate::doc::{Align, Block, Cell, Document, HeaderColumn, Line, Mark, Paragraph, Role, Run, Separator, Table};
use crate::fonts::Face;

/// Thickness of rules under header lines and of table borders.
pub(crate) const RULE: f32 = 0.6;
/// Distance from the bottom of a line box to the rule under it: clear of the
/// dot-below marks (dấu nặng) and descenders.
const RULE_DROP: f32 = 2.5;
/// Space between two bodies stacked in the header's left column.
const STACK_GAP: f32 = 4.0;

#[derive(Debug, Clone)]
pub(crate) struct VBox {
    pub(crate) height: f32,
    /// Space above the box, dropped at the top of a page.
    pub(crate) space_before: f32,
    pub(crate) items: Vec<Item>,
    pub(crate) keep_with_next: bool,
    /// Index into `Flow::table_headers` when the box is a body row of a table.
    pub(crate) table: Option<usize>,
}

pub(crate) struct Flow {
    pub(crate) boxes: Vec<VBox>,
    /// The header row of each table, repeated at the top of continuation pages.
    pub(crate) table_headers: Vec<VBox>,
}

struct Frame {
    left: f32,
    width: f32,
}

pub(crate) fn build(doc: &Document) -> Flow {
    let frame = Frame { left: doc.page.margin_left.pt(), width: doc.page.text_width().pt() };
    let mut flow = Flow { boxes: Vec::new(), table_headers: Vec::new() };
    flow.boxes.push(header(doc, &frame));
    flow.boxes.extend(title(doc, &frame));
    if let Some(to) = &doc.to {
        flow.boxes.push(addressees(to, &frame));
    }
    for (i, block) in doc.body.iter().enumerate() {
        match block {
            Block::Paragraph(p) => {
                // "… như sau:" stays with the paragraph it introduces; a table
                // after it may start the next page (its header keeps with two rows).
                let before_paragraph = matches!(doc.body.get(i + 1), Some(Block::Paragraph(_)));
                flow.boxes.extend(paragraph(doc, &frame, p, i == 0, before_paragraph))
            }
            Block::Table(t) => table(doc, &frame, t, &mut flow),
        }
    }
    // The signature area stays with the body's last lines (at least two of them,
    // through the widow rule on the last paragraph).
    if let Some(last) = flow.boxes.last_mut() {
        last.keep_with_next = true;
    }
    flow.boxes.push(closing(doc, &frame));
    flow
}

fn face(style: &crate::doc::Style) -> Face {
    Face::of(style.bold, style.italic)
}

fn line_item(line: &Line, centre: f32, baseline: f32) -> Vec<Item> {
    let item = centred(&line.text, face(&line.style), line.style.size.0, centre, baseline);
    let mut out = Vec::new();
    if line.style.underline {
        out.push(underline(&item));
    }
    out.push(Item::Text(item));
    out
}

fn underline(item: &TextItem) -> Item {
    let y = item.baseline + item.size * 0.12;
    Item::Line { x1: item.x, y1: y, x2: item.x + item.width, y2: y, thickness: item.size / 18.0 }
}

fn hrule(centre: f32, length: f32, y: f32) -> Item {
    Item::Line { x1: centre - length / 2.0, y1: y, x2: centre + length / 2.0, y2: y, thickness: RULE }
}

/// What goes under a header column or the trích yếu, centred at `centre`
/// below `y`: a rule of the model's length or a symbol line ("*", "-----").
/// Returns the y under it.
fn rule_or_symbol(items: &mut Vec<Item>, centre: f32, y: f32, rule: Option<f32>, symbol: Option<&Line>) -> f32 {
    let mut y = y;
    if let Some(length) = rule {
        items.push(hrule(centre, length, y + RULE_DROP));
        y += RULE_DROP + 3.0;
    }
    if let Some(line) = symbol {
        let size = line.style.size.0;
        items.extend(line_item(line, centre, y + ascent(size)));
        y += single_line(size);
    }
    y
}

/// Header block (ô 1–4): columns of centred lines, a rule or "*" under each,
/// and the "Số" / place-date lines on one shared baseline (H-15).
fn header(doc: &Document, frame: &Frame) -> VBox {
    let h = &doc.header;
    let mut columns: Vec<&HeaderColumn> = h.issuers.iter().collect();
    columns.push(&h.motto);
    // Where each column sits: (left, width, top). Stacked bodies share the
    // left column, one under the other.
    let mut places = Vec::new();
    if h.stacked {
        let left = h.widths[0].0;
        places.extend(h.issuers.iter().map(|_| (frame.left, left)));
        places.push((frame.left + left, h.widths[1].0));
    } else {
        let mut x = frame.left;
        for w in &h.widths {
            places.push((x, w.0));
            x += w.0;
        }
    }
    let mut items = Vec::new();
    let mut bottoms_top = 0.0f32;
    let mut spans = Vec::new();
    let mut stack_y = 0.0f32;
    for (k, (column, &(x, width))) in columns.iter().zip(&places).enumerate() {
        let centre = x + width / 2.0;
        let in_stack = h.stacked && k < h.issuers.len();
        let mut y = if in_stack { stack_y } else { 0.0 };
        for line in &column.lines {
            let size = line.style.size.0;
            items.extend(line_item(line, centre, y + ascent(size)));
            y += single_line(size);
        }
        y = match &column.mark {
            Mark::None => y,
            Mark::Rule(length) => rule_or_symbol(&mut items, centre, y, Some(length.0), None),
            Mark::Symbol(line) => rule_or_symbol(&mut items, centre, y, None, Some(line)),
        };
        if in_stack {
            stack_y = y + STACK_GAP;
        }
        bottoms_top = bottoms_top.max(y);
        spans.push((x, width, centre));
    }
    // H-15: the number and the place-date sit on one baseline, below every
    // column; stacked numbers follow one per line.
    let bottoms_top = bottoms_top + 6.0;
    let bottom_size = columns.iter().filter_map(|c| c.bottom.as_ref()).map(|l| l.style.size.0).fold(0.0, f32::max);
    let baseline = bottoms_top + ascent(bottom_size);
    let mut stacked_bottoms = 0;
    for (k, (column, (_, _, centre))) in columns.iter().zip(&spans).enumerate() {
        if let Some(bottom) = &column.bottom {
            let in_stack = h.stacked && k < h.issuers.len();
            let line_baseline = if in_stack { baseline + stacked_bottoms as f32 * single_line(bottom_size) } else { baseline };
            stacked_bottoms += usize::from(in_stack);
            // H-16: the motto column is as wide as the place-date line, so it
            // stays on the Quốc hiệu's axis.
            items.push(Item::Text(centred(&bottom.text, face(&bottom.style), bottom.style.size.0, *centre, line_baseline)));
        }
    }
    let rows = stacked_bottoms.max(1) as f32;
    let height = if bottom_size > 0.0 { bottoms_top + rows * single_line(bottom_size) } else { bottoms_top };
    VBox { height, space_before: 0.0, items, keep_with_next: true, table: None }
}

/// Tên loại, trích yếu (wrapped, centred) and the separator under them (T-01..T-03).
fn title(doc: &Document, frame: &Frame) -> Vec<VBox> {
    let t = &doc.title;
    let centre = frame.left + frame.width / 2.0;
    let mut items = Vec::new();
    let size = t.type_line.style.size.0;
    items.extend(line_item(&t.type_line, centre, ascent(size)));
    let mut y = single_line(size);
    for line in &t.summary {
        let size = line.style.size.0;
        items.extend(line_item(line, centre, y + ascent(size)));
        y += single_line(size);
    }
    y = match &t.separator {
        Separator::Rule(length) => rule_or_symbol(&mut items, centre, y, Some(length.0), None),
        Separator::Symbol(line) => rule_or_symbol(&mut items, centre, y, None, Some(line)),
    };
    // C-03: 6–12 pt before the tên loại and after the separator.
    vec![VBox { height: y + 6.0, space_before: 12.0, items, keep_with_next: true, table: None }]
}

/// "Kính gửi:" as `compose` placed it: the label, then each row after it.
fn addressees(to: &crate::doc::Addressees, frame: &Frame) -> VBox {
    let size = to.style.size.0;
    let face = face(&to.style);
    let x0 = frame.left + to.indent.0;
    let pitch = single_line(size) * if to.rows.len() > 1 { to.line_spacing } else { 1.0 };
    let mut items = vec![Item::Text(at(&to.label, face, size, x0, ascent(size)))];
    let mut y = 0.0;
    for row in &to.rows {
        items.push(Item::Text(at(&row.text, face, size, x0 + to.label_width.0 + row.offset.0, y + ascent(size))));
        y += pitch;
    }
    VBox { height: y + 6.0, space_before: 6.0, items, keep_with_next: true, table: None }
}

/// The pitch of body lines, in whole twips (rounded down) as a word
/// processor sets the DOCX's lines: over a page, an unrounded pitch drifts a
/// line's worth from LibreOffice's and moves the page break.
pub(super) fn line_height(doc: &Document, size: f32) -> f32 {
    (single_line(size) * doc.body_style.line_spacing * 20.0).floor() / 20.0
}

/// A body paragraph as one box per line. No single line is left alone at the
/// top or bottom of a page: the first line keeps with the second, the
/// second-to-last with the last. Headings keep with what follows (and that
/// keeps its first two lines together), so a keep chain holds only what must
/// stay together and pages do not end in long blanks.
fn paragraph(doc: &Document, frame: &Frame, p: &Paragraph, first_in_body: bool, before_paragraph: bool) -> Vec<VBox> {
    let size = doc.body_style.size.0;
    let indent = if p.first_line_indent { doc.body_style.first_line_indent.pt() } else { 0.0 };
    let words = text::split_long_words(text::words(&p.runs, size), frame.width - indent, size);
    let lines = text::break_words(&words, frame.width - indent, frame.width, p.align);
    let lh = line_height(doc, size);
    let heading = p.keep_with_next || !matches!(p.role, Role::Body | Role::Closing);
    // "… như sau:" introduces what follows: it does not end a page either.
    let introduces = before_paragraph && p.runs.last().is_some_and(|r| r.text.trim_end().ends_with(':'));
    let n = lines.len();
    let space_before = if first_in_body { 6.0 } else { doc.body_style.space_after.0 };
    lines
        .iter()
        .enumerate()
        .map(|(k, line)| {
            let (x, width) = if k == 0 { (frame.left + indent, frame.width - indent) } else { (frame.left, frame.width) };
            let baseline = (lh - single_line(size)) / 2.0 + ascent(size);
            let items = text::set_line(&words, line, x, width, baseline, p.align, size);
            VBox {
                height: lh,
                space_before: if k == 0 { space_before } else { 0.0 },
                items,
                keep_with_next: heading || (k == 0 && n > 1) || (n >= 2 && k == n - 2) || (introduces && k == n - 1),
                table: None,
            }
        })
        .collect()
}

/// Lines of one cell, set within its column.
fn cell_items(cell: &Cell, x: f32, width: f32, pad: f32, size: f32, line_h: f32, bold_all: bool) -> (Vec<Vec<Item>>, usize) {
    let runs: std::borrow::Cow<[Run]> =
        if bold_all { cell.runs.iter().map(|r| Run { bold: true, ..r.clone() }).collect() } else { cell.runs.as_slice().into() };
    let inner = (width - 2.0 * pad).max(1.0);
    let words = text::split_long_words(text::words(&runs, size), inner, size);
    // Cells are set ragged: justified narrow columns open rivers of white.
    let align = if cell.align == Align::Justify { Align::Left } else { cell.align };
    let lines = text::break_words(&words, inner, inner, align);
    let baseline = (line_h - single_line(size)) / 2.0 + ascent(size);
    let per_line = lines.iter().map(|line| text::set_line(&words, line, x + pad, inner, baseline, align, size)).collect::<Vec<_>>();
    let n = per_line.len().max(1);
    (per_line, n)
}

/// A table cell laid out: its lines of items, its column's x and width.
type LaidCell = (Vec<Vec<Item>>, f32, f32);

/// One table row (or a slice of an over-tall row's lines) as a box with borders.
fn row_box(cells: &[LaidCell], range: std::ops::Range<usize>, line_h: f32, pad_y: f32, frame: &Frame) -> VBox {
    let lines = range.len().max(1);
    let border = crate::doc::TABLE_BORDER.0;
    let height = lines as f32 * line_h + 2.0 * pad_y + border;
    let mut items = Vec::new();
    for (lines_of_cell, _, _) in cells {
        for (k, line) in lines_of_cell.iter().enumerate() {
            if !range.contains(&k) {
                continue;
            }
            let dy = border / 2.0 + pad_y + (k - range.start) as f32 * line_h;
            for item in line {
                let mut item = item.clone();
                if let Item::Text(t) = &mut item {
                    t.baseline += dy;
                }
                items.push(item);
            }
        }
    }
    let right = frame.left + frame.width;
    for y in [0.0, height] {
        items.push(Item::Line { x1: frame.left, y1: y, x2: right, y2: y, thickness: border });
    }
    items.push(Item::Line { x1: frame.left, y1: 0.0, x2: frame.left, y2: height, thickness: border });
    for (_, x, width) in cells {
        items.push(Item::Line { x1: x + width, y1: 0.0, x2: x + width, y2: height, thickness: border });
    }
    VBox { height, space_before: 0.0, items, keep_with_next: false, table: None }
}

/// Rows as boxes: the header row is repeated on each continuation page; a row
/// taller than a page is cut between its lines.
fn table(doc: &Document, frame: &Frame, t: &Table, flow: &mut Flow) {
    let size = doc.body_style.table_size.0;
    let line_h = t.line_height.0;
    let (pad_x, pad_y) = (t.pad_x.0, t.pad_y.0);
    let table_id = flow.table_headers.len();
    let columns: Vec<(f32, f32)> = {
        let mut x = frame.left;
        t.grid
            .iter()
            .map(|w| {
                let col = (x, w.0);
                x += w.0;
                col
            })
            .collect()
    };
    let lay_row = |row: &[Cell], header: bool| -> (Vec<LaidCell>, usize) {
        let mut max_lines = 1;
        let cells = row
            .iter()
            .zip(&columns)
            .map(|(cell, &(x, w))| {
                let cell = if header { Cell { align: Align::Center, ..cell.clone() } } else { cell.clone() };
                let (lines, n) = cell_items(&cell, x, w, pad_x, size, line_h, header);
                max_lines = max_lines.max(n);
                (lines, x, w)
            })
            .collect();
        (cells, max_lines)
    };
    if let Some(note) = &t.unit_note {
        // Right-aligned above the table; a long note wraps instead of running off the page.
        let runs = [Run::italic(note.clone())];
        let words = text::split_long_words(text::words(&runs, size), frame.width, size);
        let lines = text::break_words(&words, frame.width, frame.width, Align::Right);
        let n = lines.len();
        for (k, line) in lines.iter().enumerate() {
            flow.boxes.push(VBox {
                height: single_line(size) + if k + 1 == n { 2.0 } else { 0.0 },
                space_before: if k == 0 { doc.body_style.space_after.0 } else { 0.0 },
                items: text::set_line(&words, line, frame.left, frame.width, ascent(size), Align::Right, size),
                keep_with_next: true,
                table: None,
            });
        }
    }
    let page_body = doc.page.height.pt() - doc.page.margin_top.pt() - doc.page.margin_bottom.pt();
    let lines_per_page = |above: f32| (((page_body - above - 2.0 * pad_y - 1.0) / line_h) as usize).max(1);
    // Boxes of one row, cut between lines when taller than `max_lines`.
    let split = |cells: &[LaidCell], lines: usize, max_lines: usize| -> Vec<VBox> {
        (0..lines.max(1))
            .step_by(max_lines)
            .map(|start| row_box(cells, start..(start + max_lines).min(lines.max(1)), line_h, pad_y, frame))
            .collect()
    };
    let (header_cells, header_lines) = lay_row(&t.header, true);
    let mut header_box = row_box(&header_cells, 0..header_lines, line_h, pad_y, frame);
    let space_before = if t.unit_note.is_some() { 0.0 } else { doc.body_style.space_after.0 };
    let repeat_header = header_box.height <= page_body / 3.0;
    if repeat_header {
        header_box.keep_with_next = true;
        header_box.space_before = space_before;
        flow.table_headers.push(VBox { space_before: 0.0, ..header_box.clone() });
        flow.boxes.push(header_box);
    } else {
        // A header row taller than a third of a page is not repeated: it is
        // laid out once, like a body row.
        flow.table_headers.push(VBox { height: 0.0, space_before: 0.0, items: Vec::new(), keep_with_next: true, table: None });
        let mut parts = split(&header_cells, header_lines, lines_per_page(0.0));
        parts[0].space_before = space_before;
        flow.boxes.extend(parts);
    }
    // A row taller than what a page holds under the repeated header is cut
    // between its lines; anything shorter moves whole to the next page.
    let max_lines = lines_per_page(flow.table_headers[table_id].height);
    for (r, row) in t.rows.iter().enumerate() {
        let (cells, lines) = lay_row(row, false);
        let mut parts = split(&cells, lines, max_lines);
        if t.row_keeps_with_next(r)
            && let Some(last) = parts.last_mut()
        {
            last.keep_with_next = true;
        }
        for mut part in parts {
            part.table = Some(table_id);
            flow.boxes.push(part);
        }
    }
}

/// Signature blocks and "Nơi nhận" (§5.2, R-03..R-05, §11).
fn closing(doc: &Document, frame: &Frame) -> VBox {
    let c = &doc.closing;
    let mut items = Vec::new();
    let gap = c.signature_gap.pt();
    let sign = |block: &crate::doc::SignatureBlock, centre: f32, top: f32, items: &mut Vec<Item>| -> (f32, f32) {
        let mut y = top;
        let mut first_baseline = None;
        for line in &block.lines {
            let size = line.style.size.0;
            let baseline = y + ascent(size);
            first_baseline.get_or_insert(baseline);
            items.extend(line_item(line, centre, baseline));
            y += single_line(size);
        }
        let title_size = block.lines.last().map_or(block.name.style.size.0, |l| l.style.size.0);
        y += gap + block.level_lines as f32 * single_line(title_size);
        let size = block.name.style.size.0;
        items.extend(line_item(&block.name, centre, y + ascent(size)));
        y += single_line(size);
        (first_baseline.unwrap_or(top), y)
    };
    // Recipient lines as `compose` broke them, continuations hanging after "- ".
    let recipients_at = |x: f32, label_baseline: f32, items: &mut Vec<Item>| -> f32 {
        let Some(r) = &c.recipients else { return label_baseline };
        let size = r.label.style.size.0;
        let label = at(&r.label.text, face(&r.label.style), size, x, label_baseline);
        if r.label.style.underline {
            items.push(underline(&label));
        }
        items.push(Item::Text(label));
        let mut y = label_baseline + single_line(size) - ascent(size);
        let size = r.item_style.size.0;
        for entry in &r.items {
            for (k, line) in entry.iter().enumerate() {
                let lx = if k == 0 { x } else { x + r.hang.0 };
                items.push(Item::Text(at(line, face(&r.item_style), size, lx, y + ascent(size))));
                y += single_line(size);
            }
        }
        y
    };
    let height;
    if c.signers.len() <= 1 {
        let left_w = c.grid[0].0;
        let centre = frame.left + left_w + c.grid[1].0 / 2.0;
        let (first_baseline, sig_bottom) = match c.signers.first() {
            Some(block) => sign(block, centre, 0.0, &mut items),
            None => (ascent(12.0), 0.0),
        };
        // "Nơi nhận:" level with the first line of the signature block.
        let rec_bottom = recipients_at(frame.left, first_baseline, &mut items);
        height = sig_bottom.max(rec_bottom);
    } else {
        // Two per row; a last odd one centred (§11).
        let half = c.grid[0].0;
        let mut y = 0.0;
        for pair in c.signers.chunks(2) {
            let mut bottom: f32 = y;
            if pair.len() == 2 {
                for (k, block) in pair.iter().enumerate() {
                    let centre = frame.left + half * k as f32 + half / 2.0;
                    bottom = bottom.max(sign(block, centre, y, &mut items).1);
                }
            } else {
                bottom = sign(&pair[0], frame.left + frame.width / 2.0, y, &mut items).1;
            }
            y = bottom + 12.0;
        }
        let size = c.recipients.as_ref().map(|r| r.label.style.size.0).unwrap_or(12.0);
        height = recipients_at(frame.left, y + ascent(size), &mut items);
    }
    VBox { height, space_before: crate::doc::CLOSING_SPACE.0, items, keep_with_next: false, table: None }
}
