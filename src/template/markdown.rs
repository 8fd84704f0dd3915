//! Body Markdown -> document blocks, with the heading numbers of the report
//! scheme (format-spec B-10..B-16) assigned here, so that a section a template
//! leaves out never leaves a gap in the numbering.
//!
//! | Markdown | block |
//! |---|---|
//! | `# TITLE` | "Phần I" then "TITLE": two `Role::Part` lines, bold, centred (B-10, B-11) |
//! | `## TITLE` | "I. TITLE", `Role::Section`, bold (B-12); text as written (templates write UPPER) |
//! | `### Title` | "1. Title", `Role::Clause`, bold (B-13); restarts under each `##` |
//! | `#### Title` | "a) Title", `Role::Point` (B-15); letters a b c d đ e g …; restarts under each `###` |
//! | paragraph | `Role::Body`, justified, first-line indent |
//! | `- item` | Body paragraph "- item"; nested "+ item" (B-16) |
//! | `1. item` | Body paragraph "1. item"; nested "a) item" |
//! | `*x*`, `**x**` | italic / bold runs |
//! | GFM table | `doc::Table` (see [`table`]) |
//!
//! Headings are justified with a first-line indent like body text (CONV for
//! B-12/B-13) and kept with the next block; Part lines are centred.
//! A heading with the class `{.unnumbered}` gets no number and does not count.
//! Soft line breaks are spaces; a hard line break starts a new paragraph of the
//! same kind. Links print their text, code and raw HTML print literally.
//!
//! Unit note convention (C-04): a paragraph written entirely in italics that
//! starts with "Đơn vị tính:" and comes directly before a table becomes that
//! table's `unit_note` instead of a paragraph.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::doc::{Align, Block, Cell, Paragraph, Role, Run, Table};
use crate::vi::{point_letter, roman};

/// Parses `markdown` and returns the body blocks (Mục numbered "I. ", B-12).
/// For tests: the product numbers by the lead profile ([`to_blocks_with`]).
#[cfg(test)]
pub(crate) fn to_blocks(markdown: &str) -> Vec<Block> {
    to_blocks_with(markdown, ". ")
}

/// As [`to_blocks`], with the text that follows a Mục's Roman numeral:
/// ". " (ND30, B-12) or "- " (Party practice, P-12: "I- TÊN MỤC"); the
/// format profile decides (`profile::HeadingStyle::section_suffix`).
pub(crate) fn to_blocks_with(markdown: &str, section_suffix: &'static str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut c = Converter { section_suffix, ..Converter::default() };
    for event in Parser::new_ext(markdown, options) {
        c.event(event);
    }
    c.flush_paragraph();
    c.blocks
}

#[derive(Default)]
struct Counters {
    part: usize,
    section: usize,
    clause: usize,
    point: usize,
}

struct ListState {
    ordered: bool,
    next: u64,
}

#[derive(Default)]
struct TableState {
    aligns: Vec<Alignment>,
    header: Vec<Vec<Run>>,
    rows: Vec<Vec<Vec<Run>>>,
    in_head: bool,
    cell: Option<Vec<Run>>,
}

/// The paragraph being collected.
struct Open {
    role: Role,
    runs: Vec<Run>,
    align: Align,
    indent: bool,
    keep: bool,
    /// Text put before the first run ("I. ", "- ").
    prefix: String,
    /// Force bold on every run (headings).
    bold: bool,
}

#[derive(Default)]
struct Converter {
    blocks: Vec<Block>,
    counters: Counters,
    open: Option<Open>,
    lists: Vec<ListState>,
    /// Prefix for the next paragraph opened inside a list item.
    item_prefix: Option<String>,
    bold: usize,
    italic: usize,
    table: Option<TableState>,
    /// Heading being collected: (level, unnumbered).
    heading: Option<(HeadingLevel, bool)>,
    /// After a Mục's Roman numeral: ". " or "- " (empty means ". ").
    section_suffix: &'static str,
}

impl Converter {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => self.text(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.hard_break(),
            Event::FootnoteReference(t) => self.text(&t),
            Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.open_body(),
            Tag::Heading { level, classes, .. } => {
                self.flush_paragraph();
                let unnumbered = classes.iter().any(|c| &**c == "unnumbered");
                self.heading = Some((level, unnumbered));
                self.open_heading(level, unnumbered);
            }
            Tag::List(start) => {
                self.flush_paragraph();
                self.lists.push(ListState { ordered: start.is_some(), next: start.unwrap_or(1) });
            }
            Tag::Item => {
                self.flush_paragraph();
                let depth = self.lists.len();
                let list = self.lists.last_mut().expect("item inside a list");
                let prefix = if list.ordered {
                    let n = list.next;
                    list.next += 1;
                    if depth <= 1 { format!("{n}. ") } else { format!("{}) ", point_letter(n as usize)) }
                } else if depth <= 1 {
                    "- ".to_string()
                } else {
                    "+ ".to_string()
                };
                self.item_prefix = Some(prefix);
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Table(aligns) => {
                self.flush_paragraph();
                self.table = Some(TableState { aligns, ..TableState::default() });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    t.cell = Some(Vec::new());
                }
            }
            // Block containers whose content is handled by the tags inside them.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock => self.flush_paragraph(),
            TagEnd::Heading(_) => {
                self.flush_paragraph();
                self.heading = None;
            }
            TagEnd::Item => {
                self.flush_paragraph();
                self.item_prefix = None;
            }
            TagEnd::List(_) => {
                self.flush_paragraph();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table {
                    let runs = trim_runs(t.cell.take().unwrap_or_default());
                    if t.in_head {
                        t.header.push(runs);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(runs);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let unit_note = self.take_unit_note();
                    self.blocks.push(Block::Table(table(t, unit_note)));
                }
            }
            _ => {}
        }
    }

    fn open_body(&mut self) {
        if self.open.is_some() {
            return;
        }
        let prefix = self.item_prefix.take().unwrap_or_default();
        self.open =
            Some(Open { role: Role::Body, runs: Vec::new(), align: Align::Justify, indent: true, keep: false, prefix, bold: false });
    }

    fn open_heading(&mut self, level: HeadingLevel, unnumbered: bool) {
        let c = &mut self.counters;
        let (role, prefix) = match level {
            HeadingLevel::H1 => {
                if !unnumbered {
                    c.part += 1;
                    c.section = 0;
                    c.clause = 0;
                    c.point = 0;
                    // "Phần I" is a line of its own above the title (B-10).
                    self.blocks.push(Block::Paragraph(Paragraph {
                        role: Role::Part,
                        runs: vec![Run::bold(format!("Phần {}", roman(c.part as u64)))],
                        align: Align::Center,
                        first_line_indent: false,
                        keep_with_next: true,
                    }));
                }
                (Role::Part, String::new())
            }
            HeadingLevel::H2 if unnumbered => (Role::Section, String::new()),
            HeadingLevel::H2 => {
                c.section += 1;
                c.clause = 0;
                c.point = 0;
                let suffix = if self.section_suffix.is_empty() { ". " } else { self.section_suffix };
                (Role::Section, format!("{}{suffix}", roman(c.section as u64)))
            }
            HeadingLevel::H3 if unnumbered => (Role::Clause, String::new()),
            HeadingLevel::H3 => {
                c.clause += 1;
                c.point = 0;
                (Role::Clause, format!("{}. ", c.clause))
            }
            HeadingLevel::H4 if unnumbered => (Role::Point, String::new()),
            HeadingLevel::H4 => {
                c.point += 1;
                (Role::Point, format!("{}) ", point_letter(c.point)))
            }
            // Below điểm there are no numbered levels (B-16): a bold lead-in line.
            _ => (Role::Body, String::new()),
        };
        let centred = role == Role::Part;
        self.open = Some(Open {
            role,
            runs: Vec::new(),
            align: if centred { Align::Center } else { Align::Justify },
            indent: !centred,
            keep: true,
            prefix,
            bold: matches!(role, Role::Part | Role::Section | Role::Clause) || level >= HeadingLevel::H5,
        });
    }

    fn text(&mut self, t: &str) {
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        if let Some(table) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                push_run(cell, t, bold, italic);
            }
            return;
        }
        if self.open.is_none() {
            // Tight list items and code/HTML blocks have text without a paragraph tag.
            self.open_body();
        }
        let open = self.open.as_mut().expect("paragraph opened above");
        let bold = bold || open.bold;
        push_run(&mut open.runs, t, bold, italic);
    }

    fn hard_break(&mut self) {
        if self.table.is_some() {
            return self.text(" ");
        }
        let Some(open) = &self.open else { return };
        let (role, align, indent, keep, bold) = (open.role, open.align, open.indent, open.keep, open.bold);
        self.flush_paragraph();
        self.open = Some(Open { role, runs: Vec::new(), align, indent, keep, prefix: String::new(), bold });
    }

    fn flush_paragraph(&mut self) {
        let Some(open) = self.open.take() else { return };
        let mut runs = trim_runs(open.runs);
        if runs.is_empty() && open.prefix.is_empty() {
            return;
        }
        if !open.prefix.is_empty() {
            // The number takes the style of the heading, not of its first word.
            let prefix_run = Run { text: open.prefix, bold: open.bold, italic: false };
            runs.insert(0, prefix_run);
            runs = merge_runs(runs);
        }
        self.blocks.push(Block::Paragraph(Paragraph {
            role: open.role,
            runs,
            align: open.align,
            first_line_indent: open.indent,
            keep_with_next: open.keep,
        }));
    }

    /// Removes and returns the italic "Đơn vị tính: …" paragraph just before a table.
    fn take_unit_note(&mut self) -> Option<String> {
        let Some(Block::Paragraph(p)) = self.blocks.last() else { return None };
        let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
        let all_italic = p.runs.iter().all(|r| r.italic);
        if p.role == Role::Body && all_italic && text.trim_start().starts_with("Đơn vị tính:") {
            self.blocks.pop();
            return Some(text.trim().to_string());
        }
        None
    }
}

fn push_run(runs: &mut Vec<Run>, t: &str, bold: bool, italic: bool) {
    if t.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(t),
        _ => runs.push(Run { text: t.to_string(), bold, italic }),
    }
}

fn merge_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        push_run(&mut out, &r.text, r.bold, r.italic);
    }
    out
}

/// Collapses runs of spaces (soft breaks next to spaces) and trims both ends.
fn trim_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut prev_space = true; // trims the start
    for r in runs {
        // Most runs have nothing to collapse: kept as they are, not rebuilt.
        let collapses = r.text.contains(['\n', '\t']) || r.text.contains("  ") || (prev_space && r.text.starts_with(' '));
        if !collapses {
            if !r.text.is_empty() {
                prev_space = r.text.ends_with(' ');
                out.push(r);
            }
            continue;
        }
        let mut text = String::with_capacity(r.text.len());
        for ch in r.text.chars() {
            let space = ch == ' ' || ch == '\n' || ch == '\t';
            if space {
                if !prev_space {
                    text.push(' ');
                }
            } else {
                text.push(ch);
            }
            prev_space = space;
        }
        if !text.is_empty() {
            out.push(Run { text, ..r });
        }
    }
    while let Some(last) = out.last_mut() {
        let kept = last.text.trim_end().len();
        if kept == 0 {
            out.pop();
        } else {
            last.text.truncate(kept);
            break;
        }
    }
    out
}

fn cell_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// A column of short numbers ("1", "47", "97,9%") or headed "STT"/"TT" is centred.
fn is_numeric_column(header: &str, cells: &[&str]) -> bool {
    let h = header.trim().to_uppercase();
    if h == "STT" || h == "TT" {
        return true;
    }
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty()
                && c.chars().count() <= 12
                && c.chars().any(|ch| ch.is_ascii_digit())
                && c.chars().all(|ch| ch.is_ascii_digit() || ".,%/+- ".contains(ch))
        })
}

/// Builds a `doc::Table`.
///
/// Alignment: a GFM alignment marker (`:---:`, `---:`, `:---`) wins; otherwise
/// numeric and STT columns are centred, text columns left-aligned. Header cells
/// are bold and centred. Widths: each column weighs the length of its longest
/// cell (header counted by its longest word, since headers wrap), clamped to
/// 4..=40 characters; a column never gets less than 7% of the width.
fn table(t: TableState, unit_note: Option<String>) -> Table {
    let ncols = t.header.len().max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    let header_text: Vec<String> = (0..ncols).map(|i| t.header.get(i).map(|r| cell_text(r)).unwrap_or_default()).collect();
    let body_text: Vec<Vec<String>> = t.rows.iter().map(|row| row.iter().map(|r| cell_text(r)).collect()).collect();

    let mut aligns = Vec::with_capacity(ncols);
    let mut weights = Vec::with_capacity(ncols);
    for (col, header) in header_text.iter().enumerate() {
        let cells: Vec<&str> = body_text.iter().filter_map(|row| row.get(col).map(String::as_str)).collect();
        let align = match t.aligns.get(col) {
            Some(Alignment::Center) => Align::Center,
            Some(Alignment::Right) => Align::Right,
            Some(Alignment::Left) => Align::Left,
            _ if is_numeric_column(header, &cells) => Align::Center,
            _ => Align::Left,
        };
        aligns.push(align);
        let header_word = header.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
        let longest = cells.iter().map(|c| c.chars().count()).max().unwrap_or(0).max(header_word);
        weights.push(longest.clamp(4, 40) as f32);
    }
    let widths = normalise_widths(&weights, 0.07);

    let header = (0..ncols)
        .map(|i| {
            let runs = t.header.get(i).cloned().unwrap_or_default();
            let runs = runs.into_iter().map(|r| Run { bold: true, ..r }).collect();
            Cell { runs, align: Align::Center }
        })
        .collect();
    let rows = t
        .rows
        .into_iter()
        .map(|row| (0..ncols).map(|i| Cell { runs: row.get(i).cloned().unwrap_or_default(), align: aligns[i] }).collect())
        .collect();
    Table::new(widths, header, rows, unit_note)
}

/// Fractions proportional to `weights`, each at least `min`, summing to 1.
fn normalise_widths(weights: &[f32], min: f32) -> Vec<f32> {
    if weights.is_empty() {
        return Vec::new();
    }
    let n = weights.len() as f32;
    let min = min.min(1.0 / n);
    let total: f32 = weights.iter().sum();
    let mut w: Vec<f32> = weights.iter().map(|x| x / total).collect();
    // Raise the narrow columns to the minimum and take the difference from the others
    // in proportion; repeat because a column taken from may fall below the minimum.
    for _ in 0..weights.len() {
        let short: f32 = w.iter().filter(|&&x| x < min).map(|x| min - x).sum();
        if short <= 0.0 {
            break;
        }
        let free: f32 = w.iter().filter(|&&x| x > min).map(|x| x - min).sum();
        for x in w.iter_mut() {
            if *x < min {
                *x = min;
            } else if free > 0.0 {
                *x -= (*x - min) / free * short;
            }
        }
    }
    let sum: f32 = w.iter().sum();
    w.iter().map(|x| x / sum).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(b: &Block) -> &Paragraph {
        match b {
            Block::Paragraph(p) => p,
            other => panic!("expected a paragraph, got {other:?}"),
        }
    }

    fn text(b: &Block) -> String {
        para(b).runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn headings_are_numbered_without_gaps_and_restart() {
        let md = "## ĐẶC ĐIỂM\n\nVăn bản.\n\n## KẾT QUẢ\n\n### Một\n\n#### Điểm một\n\n#### Điểm hai\n\n\
                  ### Hai\n\n#### Điểm\n\n## PHƯƠNG HƯỚNG\n\n### Ba\n";
        let blocks = to_blocks(md);
        let texts: Vec<String> = blocks.iter().map(text).collect();
        assert_eq!(
            texts,
            [
                "I. ĐẶC ĐIỂM",
                "Văn bản.",
                "II. KẾT QUẢ",
                "1. Một",
                "a) Điểm một",
                "b) Điểm hai",
                "2. Hai",
                "a) Điểm",
                "III. PHƯƠNG HƯỚNG",
                "1. Ba"
            ]
        );
        let section = para(&blocks[0]);
        assert_eq!(section.role, Role::Section);
        assert!(section.keep_with_next && section.first_line_indent);
        assert_eq!(section.align, Align::Justify);
        assert!(section.runs.iter().all(|r| r.bold));
        assert_eq!(para(&blocks[3]).role, Role::Clause);
        assert!(para(&blocks[3]).runs.iter().all(|r| r.bold));
        assert_eq!(para(&blocks[4]).role, Role::Point);
        let body = para(&blocks[1]);
        assert_eq!((body.role, body.align, body.first_line_indent, body.keep_with_next), (Role::Body, Align::Justify, true, false));
    }

    #[test]
    fn p12_party_sections_take_a_hyphen() {
        let texts: Vec<String> = to_blocks_with("## KẾT QUẢ\n\n### Một\n\n## PHƯƠNG HƯỚNG\n", "- ").iter().map(text).collect();
        assert_eq!(texts, ["I- KẾT QUẢ", "1. Một", "II- PHƯƠNG HƯỚNG"]);
    }

    #[test]
    fn point_letters_follow_the_vietnamese_alphabet() {
        let md: String = (1..=7).map(|i| format!("#### P{i}\n\n")).collect();
        let texts: Vec<String> = to_blocks(&md).iter().map(text).collect();
        assert_eq!(texts, ["a) P1", "b) P2", "c) P3", "d) P4", "đ) P5", "e) P6", "g) P7"]);
    }

    #[test]
    fn parts_are_centred_and_restart_sections() {
        let blocks = to_blocks("# TÌNH HÌNH\n\n## MỘT\n\n# NHIỆM VỤ\n\n## HAI\n\n## BA {.unnumbered}\n");
        let texts: Vec<String> = blocks.iter().map(text).collect();
        assert_eq!(texts, ["Phần I", "TÌNH HÌNH", "I. MỘT", "Phần II", "NHIỆM VỤ", "I. HAI", "BA"]);
        for b in &blocks[..2] {
            let p = para(b);
            assert_eq!((p.role, p.align, p.first_line_indent, p.keep_with_next), (Role::Part, Align::Center, false, true));
            assert!(p.runs.iter().all(|r| r.bold));
        }
    }

    #[test]
    fn lists_emphasis_and_soft_breaks() {
        let md = "Mở đầu có **đậm** và *nghiêng*\nnối dòng.\n\n- Mục một\n- Mục hai\n  - Con\n\n1. Thứ nhất\n2. Thứ hai\n";
        let blocks = to_blocks(md);
        let texts: Vec<String> = blocks.iter().map(text).collect();
        assert_eq!(texts, ["Mở đầu có đậm và nghiêng nối dòng.", "- Mục một", "- Mục hai", "+ Con", "1. Thứ nhất", "2. Thứ hai"]);
        assert_eq!(
            para(&blocks[0]).runs,
            vec![Run::plain("Mở đầu có "), Run::bold("đậm"), Run::plain(" và "), Run::italic("nghiêng"), Run::plain(" nối dòng.")]
        );
        let item = para(&blocks[1]);
        assert_eq!((item.role, item.align, item.first_line_indent), (Role::Body, Align::Justify, true));
    }

    #[test]
    fn tables_get_alignment_widths_and_unit_note() {
        let md = "*Đơn vị tính: đơn*\n\n| STT | Nội dung | Số đơn |\n|---|---|---|\n\
                  | 1 | Khiếu nại về đất đai, giải phóng mặt bằng | 40 |\n| 2 | **Tố cáo** | 7 |\n";
        let blocks = to_blocks(md);
        assert_eq!(blocks.len(), 1, "the unit note is not a paragraph: {blocks:?}");
        let Block::Table(t) = &blocks[0] else { panic!("expected a table") };
        assert_eq!(t.unit_note.as_deref(), Some("Đơn vị tính: đơn"));
        assert_eq!(t.header.len(), 3);
        assert!(t.header.iter().all(|c| c.align == Align::Center && c.runs.iter().all(|r| r.bold)));
        assert_eq!(t.header[1].runs, vec![Run::bold("Nội dung")]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1].runs, vec![Run::plain("Khiếu nại về đất đai, giải phóng mặt bằng")]);
        assert_eq!(t.rows[1][1].runs, vec![Run::bold("Tố cáo")]);
        let aligns: Vec<Align> = t.rows[0].iter().map(|c| c.align).collect();
        assert_eq!(aligns, [Align::Center, Align::Left, Align::Center]);
        let sum: f32 = t.widths.iter().sum();
        assert!((sum - 1.0).abs() < 1e-4);
        assert!(t.widths[1] > 0.6, "the text column is the widest: {:?}", t.widths);
        assert!(t.widths.iter().all(|&w| w >= 0.07 - 1e-4), "{:?}", t.widths);
    }

    #[test]
    fn an_ordinary_paragraph_before_a_table_stays() {
        let blocks = to_blocks("Bảng sau:\n\n| A | B |\n|---|---|\n| x | y |\n");
        assert_eq!(blocks.len(), 2);
        assert_eq!(text(&blocks[0]), "Bảng sau:");
        let Block::Table(t) = &blocks[1] else { panic!() };
        assert_eq!(t.unit_note, None);
    }

    #[test]
    fn hard_breaks_split_and_code_prints_literally() {
        let blocks = to_blocks("Dòng một\\\nDòng hai có `mã *x*`.\n\n##### Tiểu đề\n");
        let texts: Vec<String> = blocks.iter().map(text).collect();
        assert_eq!(texts, ["Dòng một", "Dòng hai có mã *x*.", "Tiểu đề"]);
        assert!(para(&blocks[1]).first_line_indent);
        let minor = para(&blocks[2]);
        assert_eq!(minor.role, Role::Body);
        assert!(minor.keep_with_next && minor.runs.iter().all(|r| r.bold));
    }

    #[test]
    fn widths_respect_the_minimum() {
        let w = normalise_widths(&[4.0, 40.0, 40.0, 40.0], 0.07);
        assert!((w.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!((w[0] - 0.07).abs() < 1e-4, "{w:?}");
        assert!((w[1] - w[2]).abs() < 1e-6);
    }
}
