//! Finds the parts of a report among a DOCX's paragraphs, by their text and
//! their place, the way a văn thư reads the page: the header table (motto,
//! issuing bodies, "Số", place and date), the title, the body, the signature
//! blocks and "Nơi nhận".
//!
//! Contract: pure functions of [`Package`]; a part that is not there is
//! `None` or empty, never a guess from an unrelated paragraph.

use super::read::{Align, Cell, Package, Para, Run};

/// What is drawn under a line of the header or the title.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A paragraph's bottom border, with the length the XML gives it.
    Border(Option<f32>),
    /// A line shape, with its length.
    Shape(Option<f32>),
    /// The text itself underlined (length of the text).
    Underline,
    /// Underscores, hyphens or dashes typed as text.
    Typed(String),
    /// The Party's "*".
    Asterisk,
    /// A line shape somewhere in a header typed with tabs: its half is told by its position only.
    Unplaced,
    Missing,
}

/// One issuing body's column of the header.
#[derive(Debug, Clone)]
pub struct Agency<'a> {
    /// Governing body lines (not bold) then issuing body lines (bold).
    pub parent: Vec<&'a Para>,
    pub issuer: Vec<&'a Para>,
    pub mark: Mark,
    /// The "Số" line under it.
    pub number: Option<&'a Para>,
}

impl Agency<'_> {
    /// The body uses the Party's header form ("*" under the name).
    pub fn party_form(&self) -> bool {
        self.mark == Mark::Asterisk
    }
}

#[derive(Debug, Clone, Default)]
pub struct Roles<'a> {
    /// Every paragraph of the header table (or the halves of a header typed with tabs).
    pub header: Vec<&'a Para>,
    /// The header is typed with tabs and has lines drawn as shapes: which half a
    /// shape belongs to is a matter of its position on the page (`--layout`).
    pub tab_shapes: bool,
    /// The first motto line: Quốc hiệu or "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub motto: Option<&'a Para>,
    /// The line under the Quốc hiệu (the Tiêu ngữ, whatever its text).
    pub motto2: Option<&'a Para>,
    /// Paragraphs between the Quốc hiệu and the Tiêu ngữ (H-04).
    pub motto_gap: Vec<&'a Para>,
    pub motto_mark: Option<Mark>,
    pub agencies: Vec<Agency<'a>>,
    pub date: Option<&'a Para>,
    pub type_name: Option<&'a Para>,
    pub summary: Vec<&'a Para>,
    pub summary_mark: Option<Mark>,
    pub to: Vec<&'a Para>,
    pub body: Vec<&'a Para>,
    pub recipients_label: Option<&'a Para>,
    pub recipients: Vec<&'a Para>,
    /// Each signature block's non-empty lines, top to bottom.
    pub signers: Vec<Vec<&'a Para>>,
}

/// Text with no-break spaces as spaces and runs of white space collapsed.
pub fn squash(s: &str) -> String {
    s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn is_quoc_hieu(p: &Para) -> bool {
    let t = squash(&p.shown()).to_uppercase();
    t.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") || t.contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
}

pub fn is_party_motto(p: &Para) -> bool {
    squash(&p.shown()).to_uppercase() == "ĐẢNG CỘNG SẢN VIỆT NAM"
}

fn is_number(p: &Para) -> bool {
    let t = squash(&p.text());
    t.starts_with("Số") || t.starts_with("SỐ")
}

fn is_date(p: &Para) -> bool {
    let t = squash(&p.text()).to_lowercase();
    t.contains("ngày") && t.contains("tháng") && t.contains("năm")
}

/// Upper-case letters only (as shown), with at least one letter.
pub fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Authority prefixes of either system, as typed (with or without their dot).
const PREFIXES: [&str; 11] = ["TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L", "TM ", "KT ", "TL "];

pub fn starts_with_prefix(s: &str) -> bool {
    let s = squash(s).to_uppercase();
    PREFIXES.iter().any(|p| s.starts_with(p))
}

fn typed_rule(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().count() >= 3 && t.chars().all(|c| matches!(c, '_' | '-' | '–' | '—' | '─' | '=' | '.'))
}

/// The mark under `paras[at]`, looking at the paragraph itself, the empty or
/// rule-like paragraphs after it (until the next line of text), and, when
/// `shapes_anywhere`, any line shape anchored in `paras`.
fn mark_under(paras: &[&Para], at: usize, shapes_anywhere: bool, len: impl Fn(&Para) -> Option<f32>) -> Mark {
    let p = paras[at];
    if p.border_bottom {
        return Mark::Border(len(p));
    }
    for q in &paras[at + 1..] {
        if q.border_bottom && q.is_empty() {
            return Mark::Border(len(q));
        }
        if let Some(s) = q.shapes.first() {
            return Mark::Shape(s.length_mm);
        }
        let t = squash(&q.text());
        if t == "*" {
            return Mark::Asterisk;
        }
        if typed_rule(&t) {
            return Mark::Typed(t);
        }
        if !q.is_empty() {
            break;
        }
    }
    if let Some(s) = p.shapes.first() {
        return Mark::Shape(s.length_mm);
    }
    if shapes_anywhere && let Some(s) = paras.iter().find_map(|q| q.shapes.first()) {
        return Mark::Shape(s.length_mm);
    }
    if p.all(|r| r.underline) {
        return Mark::Underline;
    }
    Mark::Missing
}

/// The width of a bordered paragraph: its column (cell or page text width) less its indents.
pub fn border_length(pkg: &Package, p: &Para) -> Option<f32> {
    let column = match p.cell {
        Some(c) => c.text_width_mm?,
        None => {
            let s = pkg.sections.first()?;
            let m = s.margins?;
            s.width_tw? / super::read::TWIPS_PER_MM - m[2] - m[3]
        }
    };
    Some(column - p.left_mm - p.right_mm)
}

impl<'a> Roles<'a> {
    pub fn find(pkg: &'a Package) -> Roles<'a> {
        let mut roles = Roles::default();
        let paras = &pkg.paras;
        let len = |p: &Para| border_length(pkg, p);
        // The header table: the first table, when it comes before any text outside tables.
        let first_text = paras.iter().position(|p| p.cell.is_none() && !p.is_empty()).unwrap_or(paras.len());
        let header_table = paras[..first_text].iter().find_map(|p| p.cell.map(|c| c.table));
        let mut after_header = 0;
        if let Some(t) = header_table {
            let header: Vec<&Para> = paras.iter().filter(|p| p.cell.is_some_and(|c| c.table == t)).collect();
            after_header = header.last().map_or(0, |p| p.index);
            roles.header_table(header, &len);
        } else if !pkg.tab_header.is_empty() {
            after_header = pkg.tab_header.last().map_or(0, |p| p.index);
            roles.tab_shapes = paras.iter().take_while(|p| p.index <= after_header).any(|p| !p.shapes.is_empty());
            roles.header_table(pkg.tab_header.iter().collect(), &len);
            if roles.tab_shapes {
                let unplaced = |m: &mut Mark| {
                    if *m == Mark::Missing {
                        *m = Mark::Unplaced;
                    }
                };
                roles.motto_mark.iter_mut().for_each(unplaced);
                roles.agencies.iter_mut().for_each(|a| unplaced(&mut a.mark));
            }
        }
        // The title: the first text after the header.
        let rest: Vec<&Para> = paras.iter().filter(|p| p.index > after_header).collect();
        let Some(title_at) = rest.iter().position(|p| p.cell.is_none() && !p.is_empty()) else { return roles };
        roles.type_name = Some(rest[title_at]);
        // "BÁO CÁO⏎Kết quả …" typed as one paragraph with a line break: the summary shares it.
        if rest[title_at].shown().split('\n').filter(|l| !l.trim().is_empty()).count() >= 2 {
            roles.summary.push(rest[title_at]);
        }
        let mut at = title_at + 1;
        while at < rest.len() && roles.summary.len() < 4 {
            let p = rest[at];
            let t = squash(&p.text());
            if p.cell.is_some() || p.is_empty() || typed_rule(&t) || p.align != Align::Center || t.starts_with("Kính gửi") {
                break;
            }
            roles.summary.push(p);
            at += 1;
        }
        if !roles.summary.is_empty() {
            let block: Vec<&Para> = rest[title_at..(at + 2).min(rest.len())].to_vec();
            let last_index = roles.summary.last().map_or(0, |p| p.index);
            let last = block.iter().position(|p| p.index == last_index).unwrap_or(0);
            let mark = mark_under(&block, last, false, len);
            // Skip the paragraphs that draw the mark.
            while at < rest.len() && rest[at].cell.is_none() && (rest[at].is_empty() || typed_rule(&rest[at].text())) {
                at += 1;
            }
            roles.summary_mark = Some(mark);
        }
        // The closing: the first table with "Nơi nhận" or a signature, or a "Nơi nhận" paragraph.
        let closing_table = |p: &Para| {
            p.cell.is_some() && {
                let t = squash(&p.text());
                t.starts_with("Nơi nhận") || starts_with_prefix(&t)
            }
        };
        let close_at = rest[at..]
            .iter()
            .position(|p| closing_table(p) || (p.cell.is_none() && squash(&p.text()).starts_with("Nơi nhận")))
            .map(|i| i + at);
        let body_end = match close_at {
            Some(i) => match rest[i].cell {
                Some(c) => rest[..i].iter().rposition(|p| p.cell.is_none_or(|d| d.table != c.table)).map_or(i, |j| j + 1),
                None => i,
            },
            None => rest.len(),
        };
        let mut in_to = false;
        for p in &rest[at..body_end] {
            if p.cell.is_some() || p.is_empty() {
                in_to = false;
                continue;
            }
            let t = squash(&p.text());
            // The addressees go on while a line calls for the next one: "Kính
            // gửi:" alone, or an addressee ending ";". A single one inline, or
            // the last ending ".", ends them, so a body that opens with a
            // "- " item stays body.
            let more = |t: &str| t.ends_with(';') || t.ends_with(':');
            if t.starts_with("Kính gửi") {
                roles.to.push(p);
                in_to = more(&t);
                continue;
            }
            if in_to && t.starts_with('-') && roles.body.is_empty() {
                roles.to.push(p);
                in_to = more(&t);
                continue;
            }
            in_to = false;
            roles.body.push(p);
        }
        if let Some(i) = close_at {
            roles.closing(&rest[i..]);
        }
        roles
    }

    fn header_table(&mut self, header: Vec<&'a Para>, len: &impl Fn(&Para) -> Option<f32>) {
        self.header = header.clone();
        let cell_of = |p: &Para| p.cell.map(|c| (c.row, c.col));
        // A column from a cell down: the rule under a name may sit in a row of its own.
        let cell_paras = |key: Option<(usize, usize)>| -> Vec<&'a Para> {
            header.iter().copied().filter(|p| matches!((cell_of(p), key), (Some((r, c)), Some((kr, kc))) if c == kc && r >= kr)).collect()
        };
        let motto = header.iter().copied().find(|p| is_quoc_hieu(p) || is_party_motto(p));
        let motto_cell = motto.and_then(cell_of);
        if let Some(m) = motto {
            self.motto = Some(m);
            let column = cell_paras(motto_cell);
            let at = column.iter().position(|p| p.index == m.index).unwrap_or(0);
            let (line, at) = if is_quoc_hieu(m) {
                let next = column[at + 1..].iter().position(|p| !p.is_empty()).map(|i| i + at + 1);
                self.motto_gap = next.map(|n| column[at + 1..n].to_vec()).unwrap_or_default();
                match next {
                    Some(n) if !is_date(column[n]) => {
                        self.motto2 = Some(column[n]);
                        (Some(column[n]), n)
                    }
                    _ => (None, at),
                }
            } else {
                (Some(m), at)
            };
            if line.is_some() {
                self.motto_mark = Some(mark_under(&column, at, true, len));
            }
        }
        self.date = header.iter().copied().find(|p| is_date(p) && !is_number(p));
        // Issuing bodies: the other cells of the motto's row (or of the first row).
        let top_row = motto_cell.map_or(0, |(r, _)| r);
        let mut cols: Vec<usize> = header
            .iter()
            .filter_map(|p| cell_of(p))
            .filter(|(r, c)| *r == top_row && Some((*r, *c)) != motto_cell)
            .map(|(_, c)| c)
            .collect();
        cols.dedup();
        for col in cols {
            let column = cell_paras(Some((top_row, col)));
            // Bodies stacked in one cell (a joint document's co-issuers) each
            // end at their own mark: a rule, a shape or the "*".
            let ends_body = |p: &Para| {
                let t = squash(&p.text());
                p.border_bottom || !p.shapes.is_empty() || typed_rule(&t) || t == "*"
            };
            let head_len = column.iter().position(|p| is_number(p) || is_date(p)).unwrap_or(column.len());
            let mut bodies: Vec<Vec<&Para>> = vec![Vec::new()];
            for p in &column[..head_len] {
                let current = bodies.last_mut().expect("one body at least");
                if !p.is_empty() && !typed_rule(&p.text()) && squash(&p.text()) != "*" {
                    current.push(p);
                }
                if ends_body(p) && !current.is_empty() {
                    bodies.push(Vec::new());
                }
            }
            bodies.retain(|b| !b.is_empty());
            // The "Số" lines in the column, or in the row below: one per body when they are as many.
            let mut numbers: Vec<&Para> = column.iter().copied().filter(|p| is_number(p)).collect();
            if numbers.is_empty() {
                numbers =
                    header.iter().copied().filter(|p| is_number(p) && p.cell.is_some_and(|c| c.col == col && c.row > top_row)).collect();
            }
            let count = bodies.len();
            for (k, lines) in bodies.into_iter().enumerate() {
                let last = lines.last().expect("kept non-empty");
                let at = column.iter().position(|p| p.index == last.index).unwrap_or(0);
                let mark = mark_under(&column, at, true, len);
                let first_bold = lines.iter().position(|p| p.all(|r| r.bold)).unwrap_or(lines.len() - 1);
                let number = if numbers.len() == count { numbers.get(k) } else { numbers.first() }.copied();
                self.agencies.push(Agency { parent: lines[..first_bold].to_vec(), issuer: lines[first_bold..].to_vec(), mark, number });
            }
        }
    }

    fn closing(&mut self, paras: &[&'a Para]) {
        let label_at = paras.iter().position(|p| squash(&p.text()).starts_with("Nơi nhận"));
        if let Some(i) = label_at {
            let label = paras[i];
            self.recipients_label = Some(label);
            for p in &paras[i + 1..] {
                let same_place = match (label.cell, p.cell) {
                    (Some(a), Some(b)) => a.table == b.table && a.row == b.row && a.col == b.col,
                    (None, None) => true,
                    _ => false,
                };
                if !same_place || p.is_empty() {
                    break;
                }
                self.recipients.push(p);
            }
        }
        // Signature blocks: the other cells of the closing tables (those with
        // "Nơi nhận" or an authority line; a data table in a phụ lục is not one).
        let closing: Vec<usize> = paras
            .iter()
            .filter_map(|p| {
                let t = squash(&p.text());
                p.cell.filter(|_| t.starts_with("Nơi nhận") || starts_with_prefix(&t)).map(|c| c.table)
            })
            .collect();
        let label_cell = label_at.and_then(|i| paras[i].cell).map(|c| (c.table, c.row, c.col));
        let mut cells: Vec<(usize, usize, usize)> = Vec::new();
        for p in paras {
            let Some(c) = p.cell else { continue };
            if !closing.contains(&c.table) {
                continue;
            }
            let key = (c.table, c.row, c.col);
            if Some(key) != label_cell && !cells.contains(&key) {
                cells.push(key);
            }
        }
        for key in cells {
            let lines: Vec<&Para> = paras
                .iter()
                .copied()
                .filter(|p| p.cell.is_some_and(|c| (c.table, c.row, c.col) == key) && !p.is_empty())
                .filter(|p| !squash(&p.text()).starts_with('('))
                .collect();
            if lines.len() >= 2 && is_upper(&lines[0].shown()) {
                self.signers.push(lines);
            }
        }
    }
}

/// The text lines of the header (for [`crate::lint::detect`]): the header
/// table's paragraphs, or the lines above the title split at tabs.
pub fn header_lines(pkg: &Package) -> Vec<String> {
    let roles = Roles::find(pkg);
    if !roles.header.is_empty() {
        return roles.header.iter().map(|p| squash(&p.shown())).filter(|s| !s.is_empty()).collect();
    }
    pkg.paras
        .iter()
        .take(12)
        .flat_map(|p| p.shown().split(['\t', '\n']).map(squash).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A header typed on plain lines, its two halves parted by tabs
/// ("ỦY BAN NHÂN DÂN⇥CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"): each line's halves
/// as paragraphs of a two-column table (row = line), so the header rules read
/// it like a table. Empty when the top of the file is not such a header.
pub fn tab_header(paras: &[Para], text_width_mm: f32) -> Vec<Para> {
    let lead: Vec<&Para> = paras.iter().take_while(|p| p.cell.is_none()).take(12).collect();
    let Some(end) = lead.iter().position(|p| is_date(p)) else { return Vec::new() };
    let lines = &lead[..=end];
    if !lines.iter().any(|p| is_quoc_hieu(p) || is_party_motto(p)) || !lines.iter().any(|p| p.text().contains('\t')) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (row, p) in lines.iter().enumerate() {
        // Pieces of text between tabs, each with the x its tab stop puts it at (Word's default stops every 12.7 mm).
        let mut pieces: Vec<(Vec<Run>, f32, char)> = vec![(Vec::new(), p.left_mm + p.first_line_mm.max(0.0), 'l')];
        let mut x = pieces[0].1;
        for r in &p.runs {
            let mut cur = String::new();
            let flush = |cur: &mut String, pieces: &mut Vec<(Vec<Run>, f32, char)>, x: &mut f32| {
                if !cur.is_empty() {
                    *x += run_width_mm(cur, r);
                    if let Some(last) = pieces.last_mut() {
                        last.0.push(Run { text: std::mem::take(cur), ..r.clone() });
                    }
                }
            };
            for ch in r.text.chars() {
                if ch == '\t' {
                    flush(&mut cur, &mut pieces, &mut x);
                    let (stop, kind) =
                        p.tabs.iter().copied().find(|(pos, _)| *pos > x + 0.1).unwrap_or(((x / 12.7).floor() * 12.7 + 12.7, 'l'));
                    x = stop;
                    pieces.push((Vec::new(), stop, kind));
                } else {
                    cur.push(ch);
                }
            }
            flush(&mut cur, &mut pieces, &mut x);
        }
        let mut halves: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
        for (runs, at, kind) in pieces {
            let w: f32 = runs.iter().map(|r| run_width_mm(&r.text, r)).sum();
            let centre = match kind {
                'c' => at,
                'r' => at - w / 2.0,
                _ => at + w / 2.0,
            };
            halves[usize::from(centre > text_width_mm * 0.4)].extend(runs);
        }
        for (col, runs) in halves.into_iter().enumerate() {
            if runs.iter().all(|r| r.text.trim().is_empty()) {
                continue;
            }
            let mut half = (*p).clone();
            half.runs = runs;
            half.cell = Some(Cell { table: usize::MAX, row, col, text_width_mm: None });
            half.shapes.clear();
            half.border_bottom = false;
            out.push(half);
        }
    }
    out
}

fn run_width_mm(text: &str, r: &Run) -> f32 {
    let style = crate::fonts::Style { size: crate::units::Pt(r.props.size), bold: r.props.bold, italic: r.props.italic, underline: false };
    crate::fonts::FontSet::get().width(text, &style) * 25.4 / 72.0
}
