//! Checks finished pages against the format rules that can be seen on the
//! page: positions, sizes, styles and margins, each reported by its rule ID
//! in `format-spec.md`. Used by the tests on every sample, and available to
//! anyone who wants to audit a layout.
//!
//! Contract: `verify` never panics; an empty list means every checked rule holds.

use super::{Item, Page, TextItem};
use crate::doc::{Block, Document, Mark, Separator};
use crate::fonts::Face;

/// One broken rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub(crate) rule: &'static str,
    /// 1-based page number.
    pub(crate) page: usize,
    pub(crate) message: String,
}

const TOLERANCE: f32 = 0.5;

pub(crate) fn texts(page: &Page) -> impl Iterator<Item = &TextItem> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        Item::Line { .. } => None,
    })
}

/// The text item that holds exactly `text` (ignoring a trailing space).
pub(crate) fn find<'a>(page: &'a Page, text: &str) -> Option<&'a TextItem> {
    texts(page).find(|t| t.text.trim_end() == text)
}

/// Like [`find`], limited to items whose centre lies between `left` and `right`
/// (a header column: two columns may print the same words).
pub(crate) fn find_between<'a>(page: &'a Page, text: &str, left: f32, right: f32) -> Option<&'a TextItem> {
    texts(page).find(|t| t.text.trim_end() == text && (left..=right).contains(&centre(t)))
}

/// The horizontal rule closest below a text item and overlapping it: (x1, x2, y).
pub(crate) fn rule_under(page: &Page, t: &TextItem) -> Option<(f32, f32, f32)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Line { x1, y1, x2, y2, .. } if (y1 - y2).abs() < 0.01 => Some((*x1, *x2, *y1)),
            _ => None,
        })
        .filter(|(x1, x2, y)| *y > t.baseline && *y < t.baseline + t.size && *x1 < t.x + t.width && *x2 > t.x)
        .min_by(|a, b| a.2.total_cmp(&b.2))
}

fn centre(t: &TextItem) -> f32 {
    t.x + t.width / 2.0
}

struct Report<'a> {
    doc: &'a Document,
    out: Vec<Violation>,
}

impl Report<'_> {
    fn fail(&mut self, rule: &'static str, page: usize, message: String) {
        self.out.push(Violation { rule, page, message });
    }

    fn expect(&mut self, ok: bool, rule: &'static str, page: usize, message: impl FnOnce() -> String) {
        if !ok {
            self.fail(rule, page, message());
        }
    }
}

/// Every rule this module knows, checked on `pages` laid out from `doc`.
pub fn verify(doc: &Document, pages: &[Page]) -> Vec<Violation> {
    let mut r = Report { doc, out: Vec::new() };
    if pages.is_empty() {
        r.fail("G-01", 0, "no pages".into());
        return r.out;
    }
    page_rules(&mut r, pages);
    header_rules(&mut r, &pages[0]);
    title_rules(&mut r, &pages[0]);
    closing_rules(&mut r, pages);
    overlap_rule(&mut r, pages);
    heading_rule(&mut r, pages);
    r.out
}

/// G-01 A4, G-03 margins, G-06 page numbers.
fn page_rules(r: &mut Report, pages: &[Page]) {
    let p = &r.doc.page;
    let (left, right) = (p.margin_left.pt(), p.width.pt() - p.margin_right.pt());
    let (top, bottom) = (p.margin_top.pt(), p.height.pt() - p.margin_bottom.pt());
    let axis = left + p.text_width().pt() / 2.0;
    for (n, page) in pages.iter().enumerate() {
        let number = n + 1;
        r.expect((page.width - 595.276).abs() < 0.5 && (page.height - 841.89).abs() < 0.5, "G-01", number, || {
            format!("page is {} x {} pt, not A4", page.width, page.height)
        });
        let mut numbers = Vec::new();
        for t in texts(page) {
            if t.baseline < top {
                numbers.push(t);
                continue;
            }
            let inside = t.x >= left - TOLERANCE
                && t.x + t.width <= right + TOLERANCE
                && t.baseline - t.size * 0.9 >= top - TOLERANCE
                && t.baseline + t.size * 0.25 <= bottom + TOLERANCE;
            r.expect(inside, "G-03", number, || format!("{:?} at ({:.1}, {:.1}) is outside the margins", t.text, t.x, t.baseline));
        }
        if number == 1 {
            r.expect(numbers.is_empty(), "G-06", 1, || "page 1 shows a page number".into());
            continue;
        }
        match numbers.as_slice() {
            [t] => {
                r.expect(t.text == number.to_string(), "G-06", number, || format!("page number reads {:?}", t.text));
                r.expect((centre(t) - axis).abs() < TOLERANCE, "G-06", number, || "page number is not centred".into());
                r.expect((13.0..=14.0).contains(&t.size) && t.face == Face::Regular, "G-06", number, || {
                    format!("page number is {} pt {:?}, not 13–14 pt upright", t.size, t.face)
                });
            }
            other => r.fail("G-06", number, format!("{} items in the top margin instead of one page number", other.len())),
        }
    }
}

/// H-01..H-03, H-06, H-07, H-14, H-15 on page 1.
fn header_rules(r: &mut Report, page: &Page) {
    let header = &r.doc.header;
    let motto_lines: Vec<Option<&TextItem>> = header.motto.lines.iter().map(|l| find(page, &l.text)).collect();
    for (line, item) in header.motto.lines.iter().zip(&motto_lines) {
        match item {
            None => r.fail("H-01", 1, format!("{:?} is missing", line.text)),
            Some(t) => r.expect(t.face == Face::Bold, "H-01", 1, || format!("{:?} is not bold", t.text)),
        }
    }
    if let Some(Some(last)) = motto_lines.last() {
        match rule_under(page, last) {
            Some((x1, x2, _)) => r.expect(((x2 - x1) - last.width).abs() < TOLERANCE && (x1 - last.x).abs() < TOLERANCE, "H-03", 1, || {
                format!("rule under {:?} is {:.1} pt long, the text {:.1} pt", last.text, x2 - x1, last.width)
            }),
            None => r.fail("H-03", 1, format!("no rule under {:?}", last.text)),
        }
        if let Some(Some(first)) = motto_lines.first() {
            r.expect((centre(first) - centre(last)).abs() < TOLERANCE, "H-02", 1, || "Tiêu ngữ not centred under the Quốc hiệu".into());
        }
    }
    let text_left = r.doc.page.margin_left.pt();
    let mut spans = Vec::new();
    let mut x = text_left;
    for width in &header.widths {
        spans.push((x, x + width.0));
        x += width.0;
    }
    if header.stacked {
        // Every stacked body lies in the left column.
        spans = header.issuers.iter().map(|_| (text_left, text_left + header.widths[0].0)).collect();
    }
    for (column, &(left, right)) in header.issuers.iter().zip(&spans) {
        let Some(last_line) = column.lines.last() else { continue };
        let Some(agency) = find_between(page, &last_line.text, left, right) else {
            r.fail("H-06", 1, format!("{:?} is missing", last_line.text));
            continue;
        };
        r.expect(agency.face == Face::Bold, "H-06", 1, || format!("{:?} is not bold", agency.text));
        if let Mark::Rule(_) = column.mark {
            match rule_under(page, agency) {
                Some((x1, x2, _)) => {
                    let ratio = (x2 - x1) / agency.width;
                    r.expect((1.0 / 3.0 - 0.01..=0.51).contains(&ratio), "H-07", 1, || format!("rule is {ratio:.2} of the name's width"));
                    r.expect(((x1 + x2) / 2.0 - centre(agency)).abs() < TOLERANCE, "H-07", 1, || "rule not centred under the name".into());
                }
                None => r.fail("H-07", 1, format!("no rule under {:?}", agency.text)),
            }
        }
    }
    let date = header.motto.bottom.as_ref().and_then(|l| find(page, &l.text));
    let Some(date) = date else {
        r.fail("H-15", 1, "place and date line is missing".into());
        return;
    };
    r.expect(date.face == Face::Italic, "H-14", 1, || "place and date are not italic".into());
    // Stacked bodies: the first number is level with the date, the others under it.
    let level = if header.stacked { 1 } else { header.issuers.len() };
    for (column, &(left, right)) in header.issuers.iter().zip(&spans).filter(|(c, _)| c.bottom.is_some()).take(level) {
        if let Some(number) = column.bottom.as_ref().and_then(|l| find_between(page, &l.text, left, right)) {
            r.expect((number.baseline - date.baseline).abs() < 0.01, "H-15", 1, || {
                format!("{:?} and the date are on different lines", number.text)
            });
        }
    }
    if let Some(Some(first)) = motto_lines.first() {
        // H-16: a long place name moves the whole motto column, never off its axis.
        r.expect((centre(date) - centre(first)).abs() < TOLERANCE, "H-16", 1, || "date not centred on the Quốc hiệu".into());
    }
}

/// T-01..T-03 on page 1.
fn title_rules(r: &mut Report, page: &Page) {
    let axis = r.doc.page.margin_left.pt() + r.doc.page.text_width().pt() / 2.0;
    let Some(ty) = find(page, &r.doc.title.type_line.text) else {
        r.fail("T-01", 1, "tên loại is missing".into());
        return;
    };
    r.expect(ty.face == Face::Bold && (centre(ty) - axis).abs() < TOLERANCE, "T-01", 1, || "tên loại not bold and centred".into());
    let size = r.doc.title.summary.first().map_or(0.0, |l| l.style.size.0);
    let summary: Vec<&TextItem> = texts(page)
        .filter(|t| t.baseline > ty.baseline && t.baseline < ty.baseline + 6.0 * size && t.face == Face::Bold && t.size == size)
        .collect();
    for s in &summary {
        r.expect((centre(s) - axis).abs() < 1.0, "T-02", 1, || format!("trích yếu line {:?} not centred", s.text));
    }
    let Some(last) = summary.iter().max_by(|a, b| a.baseline.total_cmp(&b.baseline)) else {
        r.fail("T-02", 1, "trích yếu is missing".into());
        return;
    };
    if let Separator::Rule(_) = r.doc.title.separator {
        let longest = summary.iter().map(|s| s.width).fold(0.0, f32::max);
        match rule_under(page, last) {
            Some((x1, x2, _)) => {
                let ratio = (x2 - x1) / longest;
                r.expect((1.0 / 3.0 - 0.01..=0.51).contains(&ratio), "T-03", 1, || format!("rule is {ratio:.2} of the trích yếu"));
            }
            None => r.fail("T-03", 1, "no rule under the trích yếu".into()),
        }
    }
}

/// S-04 on the last page; the signature is not alone on its page.
fn closing_rules(r: &mut Report, pages: &[Page]) {
    let n = pages.len();
    let last = &pages[n - 1];
    let closing = &r.doc.closing;
    for signer in &closing.signers {
        match find(last, &signer.name.text) {
            Some(t) => r.expect(t.face == Face::Bold, "S-04", n, || "signer's name not bold".into()),
            None => r.fail("S-04", n, format!("signer {:?} is not on the last page", signer.name.text)),
        }
    }
    let Some(recipients) = &closing.recipients else { return };
    let Some(label) = find(last, &recipients.label.text) else {
        r.fail("R-03", n, "\"Nơi nhận:\" is not on the last page".into());
        return;
    };
    r.expect((label.x - r.doc.page.margin_left.pt()).abs() < TOLERANCE, "R-03", n, || "\"Nơi nhận:\" not flush left".into());
    if closing.signers.len() == 1
        && let Some(first) = find(last, &closing.signers[0].lines[0].text)
    {
        r.expect((label.baseline - first.baseline).abs() < 0.01, "R-03", n, || "\"Nơi nhận:\" not level with the signature".into());
    }
    let item_size = recipients.item_style.size.0;
    for t in texts(last).filter(|t| t.text.starts_with("- ") && t.baseline > label.baseline && t.size != r.doc.body_style.size.0) {
        r.expect(t.size == item_size, "R-04", n, || format!("recipient {:?} is {} pt", t.text, t.size));
    }
    let body_size = r.doc.body_style.size.0;
    let body_above =
        texts(last).filter(|t| t.size == body_size && t.baseline < label.baseline && t.baseline > r.doc.page.margin_top.pt()).count();
    r.expect(n == 1 || body_above >= 1, "S-07", n, || "the signature stands alone on its page".into());
}

/// Text never overlaps other text.
fn overlap_rule(r: &mut Report, pages: &[Page]) {
    for (n, page) in pages.iter().enumerate() {
        let items: Vec<&TextItem> = texts(page).collect();
        for (i, a) in items.iter().enumerate() {
            for b in &items[i + 1..] {
                let vertical = (a.baseline - b.baseline).abs() < a.size.min(b.size) * 0.9;
                let horizontal = a.x < b.x + b.width - TOLERANCE && b.x < a.x + a.width - TOLERANCE;
                r.expect(!(vertical && horizontal), "G-08", n + 1, || format!("{:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
}

/// A heading is never the last body line of a page (B-12..B-15).
fn heading_rule(r: &mut Report, pages: &[Page]) {
    let size = r.doc.body_style.size.0;
    let headings: Vec<String> = r
        .doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) if p.keep_with_next => Some(p.runs.iter().map(|r| r.text.as_str()).collect::<String>()),
            _ => None,
        })
        .collect();
    for (n, page) in pages.iter().enumerate().take(pages.len() - 1) {
        let last = texts(page).filter(|t| t.size == size).max_by(|a, b| a.baseline.total_cmp(&b.baseline));
        if let Some(last) = last
            && headings.iter().any(|h| h.trim_end() == last.text.trim_end())
        {
            r.fail("B-12", n + 1, format!("heading {:?} ends the page", last.text));
        }
    }
}
