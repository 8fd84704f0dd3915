//! The rules of `format-spec.md` checked on read pages. Elements are found
//! by their text and position only (not by how baocao lays them out), so the
//! checks hold for any producer.

use super::super::{Finding, Place, Source, Status};
use super::read::{Line, Page, Rule};
use crate::data::model::System;
use crate::i18n::Text;

const MM: f32 = 72.0 / 25.4;
/// Ascent and descent of Times New Roman (and its metric clones), in em.
const ASCENT: f32 = 0.891;
const DESCENT: f32 = 0.216;

/// A number with one decimal, in both languages ("60,5" / "60.5").
fn num(v: f32) -> (String, String) {
    let v = if v.abs() < 0.05 { 0.0 } else { v };
    let en = format!("{v:.1}");
    (en.replace('.', ","), en)
}

fn mm(v_pt: f32) -> Text {
    let (vi, en) = num(v_pt / MM);
    Text::new(format!("{vi} mm"), format!("{en} mm"))
}

fn t(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi.into(), en.into())
}

/// The size and style of a line, in words ("13,0 pt, đậm" / "13.0 pt, bold").
fn looks(l: &Line) -> Text {
    looks_as(&l.text, l)
}

/// `looks` with the text as the reader should see it (a list item with its bullet).
fn looks_as(text: &str, l: &Line) -> Text {
    let (vi, en) = num(l.size);
    let mut v = vec![format!("{vi} pt")];
    let mut e = vec![format!("{en} pt")];
    match (l.bold, l.italic) {
        (true, true) => (v.push("đậm nghiêng".into()), e.push("bold italic".into())),
        (true, false) => (v.push("đậm".into()), e.push("bold".into())),
        (false, true) => (v.push("nghiêng".into()), e.push("italic".into())),
        (false, false) if l.regular() && l.upright() => (v.push("đứng, không đậm".into()), e.push("upright, not bold".into())),
        _ => (v.push("kiểu chữ lẫn lộn".into()), e.push("mixed styles".into())),
    };
    Text::new(format!("“{text}”: {}", v.join(", ")), format!("“{text}”: {}", e.join(", ")))
}

/// Upper case Vietnamese with the two tone-mark spellings made one (§4.1).
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase().replace("HOÀ", "HÒA").replace("UỶ", "ỦY")
}

fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && s.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase())
}

fn near(v: f32, lo: f32, hi: f32, tol: f32) -> bool {
    v >= lo - tol && v <= hi + tol
}

/// Where a line is.
fn at(page: usize, l: &Line) -> Place {
    Place::Page { page: page + 1, x_mm: l.x0 / MM, y_mm: l.baseline / MM }
}

/// Rules whose failure is only a warning: conventions (CONV) and OPEN points.
fn soft(rule: &str) -> bool {
    matches!(rule, "C-01" | "C-04" | "C-10" | "H-08" | "H-16" | "P-09" | "P-10" | "P-12" | "P-23" | "S-07")
}

struct Out {
    source: Source,
    out: Vec<Finding>,
}

impl Out {
    fn pass(&mut self, rule: &'static str, found: Text, wants: Text, place: Place) {
        self.out.push(Finding::new(rule, Status::Pass, found, wants, place, self.source));
    }
    fn fail(&mut self, rule: &'static str, found: Text, wants: Text, place: Place) {
        let status = if soft(rule) { Status::Warn } else { Status::Fail };
        self.out.push(Finding::new(rule, status, found, wants, place, self.source));
    }
    fn verdict(&mut self, rule: &'static str, ok: bool, found: Text, wants: Text, place: Place) {
        if ok { self.pass(rule, found, wants, place) } else { self.fail(rule, found, wants, place) }
    }
    fn skip(&mut self, rule: &'static str, why: Text, wants: Text) {
        self.out.push(Finding::new(rule, Status::Skip, why, wants, Place::Document, self.source));
    }
}

/// What was found on page 1: the header block and the title.
#[derive(Default)]
struct Header<'a> {
    /// Quốc hiệu or "ĐẢNG CỘNG SẢN VIỆT NAM".
    motto: Option<&'a Line>,
    /// Tiêu ngữ (state and front).
    slogan: Option<&'a Line>,
    /// Issuer columns on the left, each its lines top to bottom (no "*", no "Số").
    issuers: Vec<Vec<&'a Line>>,
    stars: Vec<&'a Line>,
    numbers: Vec<&'a Line>,
    date: Option<&'a Line>,
    type_name: Option<&'a Line>,
    summary: Vec<&'a Line>,
    /// The baseline where the body starts.
    body_top: f32,
}

impl Header<'_> {
    /// Several "Số" lines, the Party's syntax beside the state's: a joint
    /// document of bodies of both systems, each numbering and signing in its
    /// own form (§11).
    fn mixed_systems(&self) -> bool {
        let party_syntax = |l: &&Line| !l.text.trim().starts_with("Số:");
        self.numbers.iter().any(party_syntax) && !self.numbers.iter().all(party_syntax)
    }

    /// More than one issuing body, side by side or stacked.
    fn joint(&self) -> bool {
        self.issuers.len() > 1 || self.numbers.len() > 1
    }
}

fn header(page: &Page, party: bool) -> Header<'_> {
    let mut h = Header::default();
    let lines = &page.lines;
    let top = lines.iter().map(|l| l.baseline).fold(f32::MAX, f32::min);
    let motto_text = if party { "ĐẢNG CỘNG SẢN VIỆT NAM" } else { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" };
    h.motto = lines.iter().find(|l| l.baseline < top + 60.0 && norm(&l.text).contains(motto_text));
    if !party && let Some(m) = h.motto {
        h.slogan = lines.iter().find(|l| {
            l.baseline > m.baseline && l.baseline < m.baseline + 3.0 * m.size && norm(&l.text).starts_with("ĐỘC LẬP") && l.x1 > m.x0
        });
    }
    let right_edge = h.motto.map_or(page.width / 2.0, |m| m.x0 - 2.0);
    let is_number = |l: &Line| {
        let s = l.text.trim_start();
        s.starts_with("Số") && s.chars().nth(2).is_some_and(|c| c == ':' || c == ' ' || c.is_ascii_digit())
    };
    // The date heads the "Số" row; a joint header with its bodies stacked
    // runs deep, and its further "Số" lines follow the date's, one per body.
    h.date = lines.iter().find(|l| {
        l.baseline < top + 400.0 && l.x1 > right_edge && l.text.contains("ngày") && l.text.contains("tháng") && l.text.contains("năm")
    });
    let head_zone = h.date.map_or(top + 200.0, |d| (d.baseline + 60.0).max(top + 200.0));
    h.numbers = lines.iter().filter(|l| l.baseline < head_zone && l.x1 <= right_edge + 4.0 && is_number(l)).collect();
    let issuers_bottom = h.numbers.iter().map(|l| l.baseline).fold(h.date.map_or(top + 90.0, |d| d.baseline), f32::min);
    let mut left: Vec<&Line> = lines
        .iter()
        .filter(|l| l.baseline < issuers_bottom - 1.0 && l.x1 <= right_edge + 4.0 && !is_number(l))
        .filter(|l| h.motto.is_none_or(|m| l.baseline >= m.baseline - 8.0))
        .collect();
    left.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let (stars, names): (Vec<&Line>, Vec<&Line>) = left.into_iter().partition(|l| l.text.trim() == "*");
    h.stars = stars;
    // Columns: lines whose extents overlap belong to one issuer.
    let mut columns: Vec<(f32, f32, Vec<&Line>)> = Vec::new();
    for l in names {
        match columns.iter_mut().find(|c| l.x0 < c.1 && l.x1 > c.0) {
            Some(c) => {
                c.0 = c.0.min(l.x0);
                c.1 = c.1.max(l.x1);
                c.2.push(l);
            }
            None => columns.push((l.x0, l.x1, vec![l])),
        }
    }
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    h.issuers = columns.into_iter().map(|c| c.2).collect();
    // The title: the first upper-case line centred on the page under the Số/date row.
    let row = h.numbers.iter().chain(h.date.iter()).map(|l| l.baseline).fold(f32::MIN, f32::max);
    let row = if row == f32::MIN { top } else { row };
    let below: Vec<&Line> = lines.iter().filter(|l| l.baseline > row + 2.0).collect();
    h.body_top = row + 2.0;
    let axis = page.width / 2.0 + 7.5 * MM; // the text's centre between 30 and 15 mm margins, give or take
    let centred = |l: &Line| (l.centre() - axis).abs() < 20.0 * MM;
    if let Some(i) = below.iter().position(|l| is_upper(&l.text) && centred(l) && l.baseline < row + 80.0) {
        let type_line = below[i];
        h.type_name = Some(type_line);
        let mut prev = type_line;
        for l in &below[i + 1..] {
            let centred = (l.centre() - type_line.centre()).abs() < 15.0 * MM;
            if l.bold && centred && l.baseline - prev.baseline < 2.2 * l.size {
                h.summary.push(l);
                prev = l;
            } else {
                break;
            }
        }
        h.body_top = prev.baseline + 2.0;
    }
    h
}

/// A horizontal rule just under a line (its top within `depth` pt below the baseline).
fn rule_under<'a>(page: &'a Page, l: &Line, depth: f32) -> Option<&'a Rule> {
    page.rules
        .iter()
        .filter(|r| r.horizontal() && r.y0 > l.baseline && r.y0 < l.baseline + depth)
        .filter(|r| r.x0 < l.x1 + 10.0 && r.x1 > l.x0 - 10.0)
        .min_by(|a, b| a.y0.total_cmp(&b.y0))
}

fn is_page_number(page: &Page, l: &Line, top_body: f32) -> bool {
    l.baseline < top_body
        && l.baseline < 30.0 * MM
        && l.text.trim().chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && l.text.chars().any(|c| c.is_ascii_digit())
        && l.x0 > page.width * 0.3
        && l.x1 < page.width * 0.7
}

/// The first baseline of real text on a page (page number aside).
fn content_top(page: &Page) -> f32 {
    let mut tops: Vec<f32> = page.lines.iter().map(|l| l.baseline).collect();
    tops.sort_by(f32::total_cmp);
    // A lone short number above everything else is the page number.
    match page.lines.iter().min_by(|a, b| a.baseline.total_cmp(&b.baseline)) {
        Some(first) if first.text.trim().chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') && tops.len() > 1 => tops[1],
        Some(first) => first.baseline,
        None => f32::MAX,
    }
}

/// The closing: "Nơi nhận:" and its list, and the signature blocks.
#[derive(Default)]
struct Closing<'a> {
    page: usize,
    label: Option<&'a Line>,
    items: Vec<&'a Line>,
    /// Items drawn after a list bullet (a symbol, not "-").
    bulleted: Vec<usize>,
    blocks: Vec<Vec<&'a Line>>,
    /// The baseline above which the body ends on the closing page.
    body_end: f32,
}

fn closing(pages: &[Page], left_margin: f32) -> Closing<'_> {
    let mut c = Closing::default();
    let n = pages.len();
    // The last "Nơi nhận" of the file: pages after it are attachments.
    let found = (0..n).rev().find_map(|p| {
        pages[p].lines.iter().find(|l| l.text.trim_start().starts_with("Nơi nhận") && l.x0 < left_margin + 10.0 * MM).map(|l| (p, l))
    });
    let (p, label) = match found {
        Some((p, l)) => (p, Some(l)),
        None => (n.saturating_sub(1), None),
    };
    c.page = p;
    c.label = label;
    let Some(page) = pages.get(p) else { return c };
    let split = page.width * 0.42;
    let mut blocks: Vec<&Line> = Vec::new();
    if let Some(label) = label {
        // The list: lines under the label on the left.
        let mut last = label.baseline;
        let mut bullet = None;
        for l in page.lines.iter().filter(|l| l.baseline > label.baseline + 1.0 && l.x1 < split + 20.0 * MM && l.x0 < split) {
            if l.baseline - last > 3.0 * l.size {
                break;
            }
            // The drafter's code ("PL.(15)", ô 12) closes the list.
            let code = l.text.contains(".(") && l.text.trim_end().ends_with(')') && !l.text.starts_with('-');
            if code {
                break;
            }
            if !l.text.chars().any(char::is_alphanumeric) {
                bullet = Some(l.baseline);
                continue;
            }
            if bullet.is_some_and(|b| (b - l.baseline).abs() < 1.0) {
                c.bulleted.push(c.items.len());
            }
            c.items.push(l);
            last = l.baseline;
        }
        // Signature beside the list (label level with its first line) …
        blocks.extend(
            page.lines.iter().filter(|l| l.x0 >= split && l.baseline > label.baseline - 6.0 && l.baseline < label.baseline + 260.0),
        );
        c.body_end = label.baseline - 6.0;
        if blocks.first().is_none_or(|l| !is_upper(&l.text)) {
            // … or above it (joint documents): the centred lines over the label.
            blocks.clear();
            let above: Vec<&Line> = page.lines.iter().filter(|l| l.baseline < label.baseline - 1.0).collect();
            let mut k = above.len();
            while k > 0 && above[k - 1].x0 > left_margin + 5.0 * MM && !above[k - 1].text.trim_start().starts_with('-') {
                k -= 1;
            }
            blocks.extend(above[k..].iter().copied());
            c.body_end = above[k..].first().map_or(c.body_end, |l| l.baseline - 1.0);
        }
    } else {
        let lines: Vec<&Line> = page.lines.iter().collect();
        let mut k = lines.len();
        while k > 0 && lines[k - 1].x0 > left_margin + 5.0 * MM {
            k -= 1;
        }
        blocks.extend(lines[k..].iter().copied());
        c.body_end = lines[k..].first().map_or(f32::MAX, |l| l.baseline - 1.0);
    }
    // Blocks side by side: cluster by overlapping extents. A block ends with
    // its name, so a block centred under a row of two (a joint document's
    // third signer, §11) starts a cluster of its own.
    struct Cluster<'a> {
        x0: f32,
        x1: f32,
        lines: Vec<&'a Line>,
        named: bool,
    }
    let mut cols: Vec<Cluster> = Vec::new();
    for l in blocks {
        let is_name = !is_upper(&l.text) && !l.text.trim_start().starts_with('(');
        match cols.iter_mut().find(|col| !col.named && l.x0 < col.x1 && l.x1 > col.x0) {
            Some(col) => {
                col.x0 = col.x0.min(l.x0);
                col.x1 = col.x1.max(l.x1);
                col.lines.push(l);
                col.named = is_name;
            }
            None => cols.push(Cluster { x0: l.x0, x1: l.x1, lines: vec![l], named: is_name }),
        }
    }
    // Row by row (first lines level within a line's height), left to right.
    cols.sort_by(|a, b| a.lines[0].baseline.total_cmp(&b.lines[0].baseline));
    let mut rows: Vec<Vec<Cluster>> = Vec::new();
    for col in cols {
        match rows.last_mut() {
            Some(row) if (col.lines[0].baseline - row[0].lines[0].baseline).abs() < col.lines[0].size => row.push(col),
            _ => rows.push(vec![col]),
        }
    }
    c.blocks = rows
        .into_iter()
        .flat_map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            row
        })
        .map(|col| col.lines)
        .filter(|b| b.first().is_some_and(|l| is_upper(&l.text)))
        .collect();
    c
}

/// The rules read from the text, per system (G-01 and G-02 need none).
pub(super) const STATE_RULES: &[&str] = &[
    "G-03", "G-04", "G-05", "G-06", "C-10", "H-01", "H-02", "H-03", "H-04", "H-05", "H-06", "H-07", "H-09", "H-10", "H-12", "H-13", "H-14",
    "H-15", "T-01", "T-02", "T-03", "T-04", "R-01", "B-01", "B-02", "B-03", "B-04", "B-12", "C-01", "S-01", "S-02", "S-04", "R-03", "R-04",
    "R-05",
];
pub(super) const PARTY_RULES: &[&str] = &[
    "P-18", "G-04", "P-17", "C-10", "P-01", "P-02", "P-03", "P-04", "H-12", "H-13", "P-06", "H-15", "P-07", "P-08", "P-09", "T-04", "R-01",
    "P-11", "B-02", "B-03", "B-04", "B-12", "P-13", "P-14", "S-04", "P-15", "P-16",
];

pub fn check(pages: &[Page], system: System, source: Source) -> Vec<Finding> {
    let mut o = Out { source, out: Vec::new() };
    let party = system == System::Party;
    if pages.is_empty() || pages.iter().all(|p| p.lines.is_empty()) {
        // A scan, or fonts without a text map: only the paper can be judged.
        paper(&mut o, pages);
        let rules: &[&'static str] = if party { PARTY_RULES } else { STATE_RULES };
        for rule in rules {
            o.skip(
                rule,
                t(
                    "không đọc được chữ nào trên trang (bản quét hay phông không có bảng mã?)",
                    "no text can be read on the pages (a scan, or fonts without a text map?)",
                ),
                t("chữ đọc được", "readable text"),
            );
        }
        return o.out;
    }
    paper(&mut o, pages);
    let left = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.x0)).fold(f32::MAX, f32::min);
    let h = header(&pages[0], party);
    let c = closing(pages, left);
    let numbers = page_numbers(&mut o, pages, party, c.page);
    margins(&mut o, pages, &numbers, party);
    fonts(&mut o, pages);
    unicode_form(&mut o, pages);
    header_checks(&mut o, &pages[0], &h, party);
    title_checks(&mut o, &pages[0], &h, party, left);
    body_checks(&mut o, pages, &h, &c, &numbers, party);
    closing_checks(&mut o, pages, &c, party, h.mixed_systems(), left);
    appendix_checks(&mut o, pages, &c, &numbers, party);
    o.out
}

/// G-01: A4, page by page; G-02: portrait, a landscape page only for a table.
fn paper(o: &mut Out, pages: &[Page]) {
    for (i, p) in pages.iter().enumerate() {
        let (w, h) = (p.width / MM, p.height / MM);
        let (short, long) = (w.min(h), w.max(h));
        let a4 = (short - 210.0).abs() < 1.0 && (long - 297.0).abs() < 1.0;
        let ((wv, we), (hv, he)) = (num(w), num(h));
        o.verdict(
            "G-01",
            a4,
            t(format!("{wv} × {hv} mm"), format!("{we} × {he} mm")),
            t("khổ A4 (210,0 × 297,0 mm)", "A4 (210.0 × 297.0 mm)"),
            Place::PageOnly(i + 1),
        );
        let wants = t("trang dọc; trang ngang chỉ cho bảng biểu", "portrait; landscape only for a page with a table");
        let table = p.rules.iter().any(|r| !r.horizontal());
        if w <= h {
            o.pass("G-02", t("trang dọc", "portrait"), wants, Place::PageOnly(i + 1));
        } else {
            let ok = i > 0 && table;
            o.verdict("G-02", ok, t("trang ngang", "landscape"), wants, Place::PageOnly(i + 1));
        }
    }
}

/// G-06 / P-17: no number on page 1, then the page's number centred in the
/// top margin, 13–14 pt (party 14), upright. Returns each page's number line.
fn page_numbers<'a>(o: &mut Out, pages: &'a [Page], party: bool, closing: usize) -> Vec<Option<&'a Line>> {
    let rule = if party { "P-17" } else { "G-06" };
    let (lo, hi) = if party { (14.0, 14.0) } else { (13.0, 14.0) };
    let left = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.x0)).fold(f32::MAX, f32::min);
    let right = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.x1)).fold(f32::MIN, f32::max);
    let axis = (left + right) / 2.0;
    let wants = |n: usize| {
        let (a, b) = size_text(lo, hi);
        if n == 1 {
            t("trang 1 không đánh số", "no number on page 1")
        } else {
            t(format!("số “{n}” ở giữa lề trên, {a}, chữ đứng"), format!("“{n}” centred in the top margin, {b}, upright"))
        }
    };
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let top = content_top(page);
        let number = page.lines.iter().find(|l| is_page_number(page, l, top));
        out.push(number);
        let n = i + 1;
        if i > closing {
            // Attachments after the signature are numbered on their own (G-07, A-04):
            // their pages count from 1 again, or go on; the first may be bare.
            let k = i - closing;
            let g07 =
                t(format!("phụ lục đánh số riêng: “{k}” (hoặc “{n}”)"), format!("attachments numbered on their own: “{k}” (or “{n}”)"));
            match number {
                Some(l) => {
                    let ok = (l.text.trim() == k.to_string() || l.text.trim() == n.to_string()) && (l.centre() - axis).abs() < 3.0 * MM;
                    o.verdict("G-07", ok, looks(l), g07, at(i, l));
                }
                None => o.verdict("G-07", k == 1, t("không có số trang", "no page number"), g07, Place::PageOnly(n)),
            }
            continue;
        }
        if n == 1 {
            match number {
                Some(l) => {
                    o.fail(rule, t(format!("trang 1 có số trang “{}”", l.text), format!("page 1 shows “{}”", l.text)), wants(1), at(i, l))
                }
                None => o.pass(rule, t("trang 1 không có số trang", "page 1 has no number"), wants(1), Place::PageOnly(1)),
            }
            continue;
        }
        match number {
            None => o.fail(rule, t("không thấy số trang ở lề trên", "no page number in the top margin"), wants(n), Place::PageOnly(n)),
            Some(l) => {
                let ok = l.text.trim() == n.to_string()
                    && (l.centre() - axis).abs() < 3.0 * MM
                    && near(l.size, lo, hi, 0.1)
                    && l.upright()
                    && l.regular();
                o.verdict(rule, ok, looks(l), wants(n), at(i, l));
            }
        }
    }
    out
}

/// G-03 / P-18: the text's extents against the margins.
fn margins(o: &mut Out, pages: &[Page], numbers: &[Option<&Line>], party: bool) {
    let rule = if party { "P-18" } else { "G-03" };
    let is_number = |i: usize, l: &Line| numbers.get(i).copied().flatten().is_some_and(|n| std::ptr::eq(n, l));
    let texts =
        || pages.iter().enumerate().flat_map(move |(i, p)| p.lines.iter().filter(move |l| !is_number(i, l)).map(move |l| (i, p, l)));
    let Some((li, _, leftmost)) = texts().min_by(|a, b| a.2.x0.total_cmp(&b.2.x0)) else { return };
    let Some((ri, rp, rightmost)) = texts().max_by(|a, b| a.2.x1.total_cmp(&b.2.x1)) else { return };
    let Some((ti, _, topmost)) = texts().min_by(|a, b| (a.2.baseline - ASCENT * a.2.size).total_cmp(&(b.2.baseline - ASCENT * b.2.size)))
    else {
        return;
    };
    let Some((bi, bp, bottommost)) =
        texts().max_by(|a, b| (a.2.baseline + DESCENT * a.2.size).total_cmp(&(b.2.baseline + DESCENT * b.2.size)))
    else {
        return;
    };
    let left = leftmost.x0;
    let right = rp.width - rightmost.x1;
    let top = topmost.baseline - ASCENT * topmost.size;
    let bottom = bp.height - (bottommost.baseline + DESCENT * bottommost.size);
    let range = |a: f32, b: f32| {
        if (a - b).abs() < 0.01 {
            let (v, e) = num(a);
            t(format!("{v} mm"), format!("{e} mm"))
        } else {
            let ((v1, e1), (v2, e2)) = (num(a), num(b));
            t(format!("{v1}–{v2} mm"), format!("{e1}–{e2} mm"))
        }
    };
    let ((l0, l1), (r0, r1), (t0, t1)) =
        if party { ((30.0, 30.0), (15.0, 15.0), (20.0, 20.0)) } else { ((30.0, 35.0), (15.0, 20.0), (20.0, 25.0)) };
    let side = |vi: &str, en: &str, v: f32| {
        let m = mm(v);
        Text::new(format!("lề {vi} {}", m.vi), format!("{en} margin {}", m.en))
    };
    let wants = |vi: &str, en: &str, a: f32, b: f32| {
        let r = range(a, b);
        Text::new(format!("lề {vi} {}", r.vi), format!("{en} margin {}", r.en))
    };
    o.verdict(rule, near(left / MM, l0, l1, 0.5), side("trái", "left", left), wants("trái", "left", l0, l1), at(li, leftmost));
    o.verdict(rule, near(right / MM, r0, r1, 0.5), side("phải", "right", right), wants("phải", "right", r0, r1), at(ri, rightmost));
    // The first line's top sits where the margin ends, give or take the line's leading.
    o.verdict(rule, near(top / MM, t0, t1, 1.5), side("trên", "top", top), wants("trên", "top", t0, t1), at(ti, topmost));
    // A page may end early, so only text inside the bottom margin is wrong.
    o.verdict(
        rule,
        bottom / MM >= 20.0 - 0.5,
        side("dưới", "bottom", bottom),
        t("chữ không lấn vào lề dưới 20 mm", "no text inside the 20 mm bottom margin"),
        at(bi, bottommost),
    );
}

/// G-04 / P-19: every run in Times New Roman or a metric-compatible clone.
fn fonts(o: &mut Out, pages: &[Page]) {
    let rule = "G-04";
    let mut bad: Vec<(String, usize, &Line)> = Vec::new();
    let mut good: Vec<String> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        for l in &p.lines {
            for s in &l.spans {
                // List bullets (Word draws them in Symbol) are marks, not text.
                if !s.text.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let family = family(&s.font);
                let ok = ["timesnewroman", "liberationserif", "tinos", "times"].iter().any(|f| family.starts_with(f));
                if ok {
                    if !good.contains(&s.font) {
                        good.push(s.font.clone());
                    }
                } else if !bad.iter().any(|b| b.0 == s.font) {
                    bad.push((s.font.clone(), i, l));
                }
            }
        }
    }
    let wants = t(
        "Times New Roman (hoặc phông cùng số đo: Liberation Serif, Tinos), Unicode",
        "Times New Roman (or a metric-compatible font: Liberation Serif, Tinos), Unicode",
    );
    if bad.is_empty() {
        o.pass(rule, Text::from(good.join(", ")), wants, Place::Document);
    } else {
        for (font, i, l) in bad {
            let name = if font.is_empty() { "?".to_string() } else { font };
            o.fail(rule, t(format!("phông {name} ở “{}”", l.text), format!("font {name} in “{}”", l.text)), wants.clone(), at(i, l));
        }
    }
}

/// C-10: text written precomposed (NFC), as TCVN 6909 Unicode expects.
fn unicode_form(o: &mut Out, pages: &[Page]) {
    let wants = t("chữ Việt Unicode dựng sẵn (NFC)", "Vietnamese in precomposed Unicode (NFC)");
    let bad = pages.iter().enumerate().find_map(|(i, p)| p.lines.iter().find(|l| !l.nfc).map(|l| (i, l)));
    match bad {
        Some((i, l)) => {
            o.fail("C-10", t(format!("chữ tổ hợp (NFD) ở “{}”", l.text), format!("decomposed text (NFD) in “{}”", l.text)), wants, at(i, l))
        }
        None => o.pass("C-10", t("chữ dựng sẵn (NFC)", "precomposed text (NFC)"), wants, Place::Document),
    }
}

/// A font name reduced to its family, lower case, no spaces ("TimesNewRomanPS-BoldMT" → "timesnewromanps").
fn family(name: &str) -> String {
    let base = name.split([',', '-']).next().unwrap_or(name);
    base.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
}

fn size_text(lo: f32, hi: f32) -> (String, String) {
    let ((a, b), (c, d)) = (num(lo), num(hi));
    if (lo - hi).abs() < 0.01 { (format!("{a} pt"), format!("{b} pt")) } else { (format!("{a}–{c} pt"), format!("{b}–{d} pt")) }
}

/// A style wanted: size range and attributes.
fn style_wants(lo: f32, hi: f32, vi: &str, en: &str) -> Text {
    let (a, b) = size_text(lo, hi);
    Text::new(format!("{a}, {vi}"), format!("{b}, {en}"))
}

fn header_checks(o: &mut Out, page: &Page, h: &Header, party: bool) {
    let unseen = |vi: &str, en: &str| t(format!("không thấy {vi} ở đầu trang 1"), format!("no {en} at the top of page 1"));
    // Motto: H-01/H-02/H-03 (state, front) or P-01/P-02 (party).
    if party {
        match h.motto {
            Some(m) => {
                let ok = m.bold && m.upright() && is_upper(&m.text) && near(m.size, 14.0, 16.0, 0.1);
                o.verdict(
                    "P-02",
                    ok,
                    looks(m),
                    style_wants(14.0, 16.0, "in hoa, đậm, đứng (thường 15 pt)", "upper case, bold, upright (usually 15 pt)"),
                    at(0, m),
                );
                rule_as_long(o, page, m, "P-01");
            }
            None => o.fail(
                "P-01",
                unseen("dòng “ĐẢNG CỘNG SẢN VIỆT NAM”", "“ĐẢNG CỘNG SẢN VIỆT NAM” line"),
                t("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” góc phải", "the title “ĐẢNG CỘNG SẢN VIỆT NAM” top right"),
                Place::PageOnly(1),
            ),
        }
    } else {
        match h.motto {
            Some(m) => {
                let exact = norm(&m.text) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
                let ok =
                    exact && m.bold && m.upright() && is_upper(&m.text) && near(m.size, 12.0, 13.0, 0.1) && m.centre() > page.width / 2.0;
                o.verdict(
                    "H-01",
                    ok,
                    looks(m),
                    style_wants(12.0, 13.0, "in hoa, đậm, đứng, góc phải", "upper case, bold, upright, top right"),
                    at(0, m),
                );
            }
            None => o.fail(
                "H-01",
                unseen("Quốc hiệu", "Quốc hiệu"),
                t("“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”", "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"),
                Place::PageOnly(1),
            ),
        }
        match (h.slogan, h.motto) {
            (Some(s), Some(m)) => {
                let exact = s.text.split_whitespace().collect::<Vec<_>>().join(" ") == "Độc lập - Tự do - Hạnh phúc";
                let centred = (s.centre() - m.centre()).abs() < 1.5 * MM;
                let ok = exact && s.bold && s.upright() && near(s.size, 13.0, 14.0, 0.1) && centred;
                o.verdict(
                    "H-02",
                    ok,
                    looks(s),
                    t(
                        "“Độc lập - Tự do - Hạnh phúc”, 13–14 pt, đậm, đứng, giữa dưới Quốc hiệu",
                        "“Độc lập - Tự do - Hạnh phúc”, 13–14 pt, bold, upright, centred under the Quốc hiệu",
                    ),
                    at(0, s),
                );
                rule_as_long(o, page, s, "H-03");
                // H-04: no blank line between them.
                let gap = s.baseline - m.baseline;
                let (v, e) = num(gap);
                o.verdict(
                    "H-04",
                    gap <= 1.4 * s.size.max(m.size),
                    t(format!("hai dòng cách nhau {v} pt"), format!("lines {e} pt apart")),
                    t("dòng đơn, không có dòng trống", "single spacing, no blank line"),
                    at(0, s),
                );
                // G-05: one size set: Quốc hiệu one size under the Tiêu ngữ, date as the Tiêu ngữ.
                let set = s.size;
                let date_ok = h.date.is_none_or(|d| (d.size - set).abs() < 0.1);
                let ok = (m.size - (set - 1.0)).abs() < 0.1 && date_ok;
                let (a, b) = num(m.size);
                let (c, d) = num(s.size);
                let (e2, f2) = h.date.map_or((String::from("?"), String::from("?")), |d| num(d.size));
                o.verdict(
                    "G-05",
                    ok,
                    t(
                        format!("Quốc hiệu {a} pt, Tiêu ngữ {c} pt, ngày tháng {e2} pt"),
                        format!("Quốc hiệu {b} pt, Tiêu ngữ {d} pt, date {f2} pt"),
                    ),
                    t("một bộ cỡ chữ: 13/14/14 hoặc 12/13/13", "one size set: 13/14/14 or 12/13/13"),
                    at(0, m),
                );
            }
            _ => {
                o.fail(
                    "H-02",
                    unseen("Tiêu ngữ dưới Quốc hiệu", "Tiêu ngữ under the Quốc hiệu"),
                    t("“Độc lập - Tự do - Hạnh phúc”", "“Độc lập - Tự do - Hạnh phúc”"),
                    Place::PageOnly(1),
                );
            }
        }
    }
    // Issuers: H-05/H-06 (P-03 for party), H-07 rule or "*".
    if h.issuers.is_empty() {
        o.fail(
            "H-06",
            unseen("tên cơ quan ban hành", "issuing body"),
            t("tên cơ quan ở góc trái", "the issuing body top left"),
            Place::PageOnly(1),
        );
    }
    let (lo, hi) = if party { (14.0, 14.0) } else { (12.0, 13.0) };
    for column in &h.issuers {
        let Some(last) = column.last() else { continue };
        // H-06: the names centred on one axis, the issuing body's (its last line).
        let axis = last.centre();
        for l in column {
            let (rule, wants) = if party {
                ("P-03", style_wants(lo, hi, "in hoa, đứng (cơ quan ban hành đậm)", "upper case, upright (issuing body bold)"))
            } else if l.bold {
                ("H-06", style_wants(lo, hi, "in hoa, đậm, đứng", "upper case, bold, upright"))
            } else {
                ("H-05", style_wants(lo, hi, "in hoa, đứng, không đậm", "upper case, upright, not bold"))
            };
            let centred = (l.centre() - axis).abs() < 2.0 * MM;
            let ok = is_upper(&l.text) && l.upright() && near(l.size, lo, hi, 0.1) && centred;
            let found = if centred {
                looks(l)
            } else {
                let (f, m) = (looks(l), mm(l.centre() - axis));
                t(format!("{}, lệch trục {}", f.vi, m.vi), format!("{}, {} off the column's axis", f.en, m.en))
            };
            let wants = t(format!("{}, căn giữa", wants.vi), format!("{}, centred", wants.en));
            o.verdict(rule, ok, found, wants, at(0, l));
        }
        if !column.iter().any(|l| l.bold) {
            let rule = if party { "P-03" } else { "H-06" };
            o.fail(
                rule,
                t(format!("không dòng nào đậm trong “{}”", last.text), format!("no bold line in “{}”", last.text)),
                t("tên cơ quan ban hành in đậm", "the issuing body in bold"),
                at(0, last),
            );
        }
        let (x0, x1) = column.iter().fold((f32::MAX, f32::MIN), |a, l| (a.0.min(l.x0), a.1.max(l.x1)));
        let star = h.stars.iter().find(|s| s.x0 > x0 - 5.0 && s.x1 < x1 + 5.0);
        let rule = page
            .rules
            .iter()
            .filter(|r| {
                r.horizontal() && r.y0 > last.baseline && r.y0 < last.baseline + 2.5 * last.size && r.x0 < x1 + 5.0 && r.x1 > x0 - 5.0
            })
            .min_by(|a, b| a.y0.total_cmp(&b.y0));
        if party && star.is_none() && rule.is_some() && h.mixed_systems() {
            // A state or Front body beside a Party lead keeps its rule (§11).
            agency_rule(o, column, rule);
        } else if party {
            match (star, rule) {
                (Some(s), None) => {
                    let centred = (s.centre() - last.centre()).abs() < 3.0 * MM;
                    o.verdict(
                        "P-03",
                        centred,
                        t("dấu “*” dưới tên cơ quan", "“*” under the body's name"),
                        t("dấu “*” căn giữa dưới tên cơ quan, không kẻ đường", "a centred “*” under the name, no rule"),
                        at(0, s),
                    );
                }
                (_, Some(r)) => o.fail(
                    "P-03",
                    {
                        let m = mm(r.length());
                        t(format!("đường kẻ {} dưới tên cơ quan", m.vi), format!("a rule {} long under the body's name", m.en))
                    },
                    t("dấu “*” căn giữa dưới tên cơ quan, không kẻ đường", "a centred “*” under the name, no rule"),
                    at(0, last),
                ),
                (None, None) => o.fail(
                    "P-03",
                    t("không có dấu “*” dưới tên cơ quan", "no “*” under the body's name"),
                    t("dấu “*” căn giữa dưới tên cơ quan", "a centred “*” under the name"),
                    at(0, last),
                ),
            }
        } else if let Some(s) = star.filter(|_| rule.is_none() && h.issuers.len() > 1) {
            // A joint document: a Party body keeps its own "*" (§11).
            let centred = (s.centre() - last.centre()).abs() < 3.0 * MM;
            o.verdict(
                "P-03",
                centred,
                t("dấu “*” dưới tên cơ quan Đảng (văn bản liên tịch)", "“*” under the Party body (joint document)"),
                t("dấu “*” căn giữa dưới tên cơ quan", "a centred “*” under the name"),
                at(0, s),
            );
        } else if let Some(s) = star.filter(|_| rule.is_none()) {
            o.fail(
                "H-07",
                t("dấu “*” thay cho đường kẻ", "“*” instead of a rule"),
                t("đường kẻ dài 1/3–1/2 dòng chữ, căn giữa", "a rule 1/3–1/2 of the line, centred"),
                at(0, s),
            );
        } else {
            agency_rule(o, column, rule);
        }
    }
    number_checks(o, h, party);
    date_checks(o, h, party);
}

/// H-03 / P-01: a rule under `l` as long as the line and centred on it.
fn rule_as_long(o: &mut Out, page: &Page, l: &Line, rule: &'static str) {
    let wants = {
        let m = mm(l.width());
        t(format!("đường kẻ liền dài bằng dòng chữ ({}), căn giữa", m.vi), format!("a solid rule as long as the line ({}), centred", m.en))
    };
    match rule_under(page, l, 2.0 * l.size) {
        Some(r) => {
            let ok = (r.length() - l.width()).abs() <= 1.0 * MM && (r.centre() - l.centre()).abs() <= 1.0 * MM;
            let m = mm(r.length());
            o.verdict(rule, ok, t(format!("đường kẻ dài {}", m.vi), format!("a rule {} long", m.en)), wants, at(0, l));
        }
        None => o.fail(rule, t(format!("không có đường kẻ dưới “{}”", l.text), format!("no rule under “{}”", l.text)), wants, at(0, l)),
    }
}

/// H-07: under the issuing body, a rule 1/3–1/2 of its longest line, centred on it.
fn agency_rule(o: &mut Out, column: &[&Line], rule: Option<&Rule>) {
    let Some(last) = column.last() else { return };
    // The reference line: the longest of the issuing body's (bold) lines; the
    // last line also counts (the spec leaves the choice OPEN).
    let bold: Vec<&&Line> = column.iter().filter(|l| l.bold).collect();
    let longest = bold.iter().copied().max_by(|a, b| a.width().total_cmp(&b.width())).copied().unwrap_or(*last);
    let wants = {
        let (a, b) = (mm(longest.width() / 3.0), mm(longest.width() / 2.0));
        t(
            format!("đường kẻ 1/3–1/2 dòng “{}” ({}–{}), căn giữa", longest.text, a.vi, b.vi),
            format!("a rule 1/3–1/2 of “{}” ({}–{}), centred", longest.text, a.en, b.en),
        )
    };
    match rule {
        Some(r) => {
            let fits = |l: &Line| {
                let ratio = r.length() / l.width().max(1.0);
                (1.0 / 3.0 - 0.02..=0.5 + 0.02).contains(&ratio) && (r.centre() - l.centre()).abs() <= 1.5 * MM
            };
            let ok = fits(longest) || fits(last);
            let m = mm(r.length());
            let (v, e) = num(r.length() / longest.width().max(1.0) * 100.0);
            o.verdict(
                "H-07",
                ok,
                t(format!("đường kẻ dài {} ({v}% dòng chữ)", m.vi), format!("a rule {} long ({e}% of the line)", m.en)),
                wants,
                Place::Page { page: 1, x_mm: r.x0 / MM, y_mm: r.y0 / MM },
            );
        }
        None => o.fail(
            "H-07",
            t(format!("không có đường kẻ dưới “{}”", last.text), format!("no rule under “{}”", last.text)),
            wants,
            at(0, last),
        ),
    }
}

/// H-09/H-10 (state) or P-04 (party): the number line.
fn number_checks(o: &mut Out, h: &Header, party: bool) {
    if h.numbers.is_empty() {
        let rule = if party { "P-04" } else { "H-09" };
        o.fail(
            rule,
            t("không thấy dòng “Số”", "no “Số” line"),
            t("dòng số, ký hiệu dưới tên cơ quan", "the number line under the issuing body"),
            Place::PageOnly(1),
        );
        return;
    }
    let joint = h.joint();
    for l in &h.numbers {
        let text = l.text.trim();
        // Joint headers mix the Party's syntax with the state's, one per
        // issuer; the lead's sizes apply to every line (§11).
        let party_syntax = !text.starts_with("Số:");
        let column = h.issuers.iter().find(|c| c.iter().any(|i| i.x0 < l.x1 && i.x1 > l.x0)).and_then(|c| c.last());
        let centred = column.is_none_or(|c| (c.centre() - l.centre()).abs() < 3.0 * MM);
        // A joint header's line in its own body's form; a lone body's in the document's.
        let party_form = if joint { party_syntax } else { party };
        if party_form {
            let ok =
                party_syntax && near(l.size, 14.0, 14.0, 0.1) && l.upright() && l.regular() && party_symbol(text) && (centred || !party);
            let ok = ok || (!party && party_syntax && party_symbol(text) && l.upright());
            o.verdict(
                "P-04",
                ok,
                looks(l),
                t(
                    "“Số 05-BC/BDVHU”: không dấu hai chấm, 14 pt, đứng, căn giữa dưới tên cơ quan",
                    "“Số 05-BC/BDVHU”: no colon, 14 pt, upright, centred under the body",
                ),
                at(0, l),
            );
            continue;
        }
        let size = if party { 14.0 } else { 13.0 };
        let ok = text.starts_with("Số:") && near(l.size, size, size, 0.1) && l.upright() && l.regular() && centred;
        o.verdict(
            "H-09",
            ok,
            looks(l),
            t(
                format!("“Số:” có dấu hai chấm, {} pt, đứng, căn giữa dưới tên cơ quan", size),
                format!("“Số:” with a colon, {} pt, upright, centred under the body", size),
            ),
            at(0, l),
        );
        let symbol = text.trim_start_matches("Số").trim_start_matches(':').trim();
        o.verdict(
            "H-10",
            state_symbol(symbol),
            Text::from(format!("“{text}”")),
            t(
                "“Số: 05/BC-UBND”: “/” và “-” không cách, số dưới 10 có số 0 đứng trước",
                "“Số: 05/BC-UBND”: no spaces around “/” and “-”, numbers under 10 with a leading zero",
            ),
            at(0, l),
        );
    }
}

/// "05/BC-UBND", or a blank number ("   /BC-UBND") for a draft (H-11).
fn state_symbol(s: &str) -> bool {
    let Some((n, code)) = s.split_once('/') else { return false };
    let blank = n.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '.' || c == '…');
    let number = n.len() >= 2 && n.chars().all(|c| c.is_ascii_digit());
    let code_ok = code.split('-').all(|g| !g.is_empty() && g.chars().all(char::is_alphanumeric));
    (blank || number) && code_ok
}

/// "45-BC/BDVHU".
fn party_symbol(s: &str) -> bool {
    let rest = s.trim_start_matches("Số").trim();
    let Some((n, code)) = rest.split_once('-') else { return false };
    let n = n.trim();
    let number_ok = n.is_empty() || n.chars().all(|c| c == '.' || c == '…') || (n.len() >= 2 && n.chars().all(|c| c.is_ascii_digit()));
    let code_ok =
        code.contains('/') && !code.contains(' ') && code.split(['/', '-']).all(|g| !g.is_empty() && g.chars().all(char::is_alphanumeric));
    number_ok && code_ok
}

/// H-12..H-15 (P-06 for the party's size).
fn date_checks(o: &mut Out, h: &Header, party: bool) {
    let Some(d) = h.date else {
        o.fail(
            "H-13",
            t("không thấy dòng địa danh, ngày tháng năm", "no place and date line"),
            t("“Đông Anh, ngày 15 tháng 12 năm 2024”", "“Đông Anh, ngày 15 tháng 12 năm 2024”"),
            Place::PageOnly(1),
        );
        return;
    };
    let text = d.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (place, date) = match text.split_once(", ngày") {
        Some((p, rest)) => (Some(p), format!("ngày{rest}")),
        None => (None, text.clone()),
    };
    o.verdict(
        "H-12",
        place.is_some_and(crate::lint::place_is_capitalised),
        Text::from(format!("“{text}”")),
        t("địa danh viết hoa chữ đầu, dấu phẩy sau địa danh", "the place capitalised, a comma after it"),
        at(0, d),
    );
    o.verdict(
        "H-13",
        date_words(&date),
        Text::from(format!("“{date}”")),
        t(
            "“ngày 05 tháng 01 năm 2020”: ngày 1–9 và tháng 1, 2 có số 0 đứng trước",
            "“ngày 05 tháng 01 năm 2020”: days 1–9 and months 1, 2 with a leading zero",
        ),
        at(0, d),
    );
    let (rule, lo) = if party { ("P-06", 14.0) } else { ("H-14", 13.0) };
    let ok = d.italic && d.regular() && near(d.size, lo, 14.0, 0.1);
    o.verdict(rule, ok, looks(d), style_wants(lo, 14.0, "nghiêng, không đậm", "italic, not bold"), at(0, d));
    // H-15: level with the Số line (within 1 pt), centred under the motto.
    let number = h.numbers.iter().min_by(|a, b| (a.baseline - d.baseline).abs().total_cmp(&(b.baseline - d.baseline).abs()));
    let wants =
        t("cùng dòng với “Số” (lệch ≤ 1 pt), căn giữa dưới Quốc hiệu", "on the “Số” line's baseline (±1 pt), centred under the motto");
    match number {
        Some(n) => {
            let level = (n.baseline - d.baseline).abs();
            let centred = h.motto.is_none_or(|m| (m.centre() - d.centre()).abs() < 2.0 * MM);
            let (v, e) = num(level);
            let off = h.motto.map_or(0.0, |m| d.centre() - m.centre());
            let (v2, e2) = num(off / MM);
            o.verdict(
                "H-15",
                level <= 1.0 && centred,
                t(
                    format!("lệch dòng “Số” {v} pt, lệch trục Quốc hiệu {v2} mm"),
                    format!("{e} pt off the “Số” baseline, {e2} mm off the motto's axis"),
                ),
                wants,
                at(0, d),
            );
        }
        None => o.skip("H-15", t("không thấy dòng “Số” để so", "no “Số” line to compare with"), wants),
    }
}

/// "ngày DD tháng M năm YYYY" with ND30's zero padding; blanks allowed for drafts.
fn date_words(s: &str) -> bool {
    let w: Vec<&str> = s.split_whitespace().collect();
    // A draft leaves the day and month blank: "ngày    tháng    năm 2024" (PL III).
    if w.len() == 4 && w[..3] == ["ngày", "tháng", "năm"] {
        return w[3].len() == 4 && w[3].chars().all(|c| c.is_ascii_digit());
    }
    if w.len() != 6 || w[0] != "ngày" || w[2] != "tháng" || w[4] != "năm" {
        return false;
    }
    let (day, month, year) = (w[1], w[3], w[5]);
    let blank = |s: &str| s.chars().all(|c| c == '.' || c == '…' || c == '_');
    let day_ok = blank(day) || (day.len() == 2 && day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)));
    let month_ok = blank(month)
        || match month.parse::<u32>() {
            Ok(m @ 1..=2) => month.len() == 2 && m > 0,
            Ok(3..=9) => month.len() == 1,
            Ok(10..=12) => true,
            _ => false,
        };
    let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    day_ok && month_ok && year_ok
}

/// T-01..T-04 (P-07..P-09 for party).
fn title_checks(o: &mut Out, page: &Page, h: &Header, party: bool, left: f32) {
    let right = page.lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let axis = (left + right) / 2.0;
    let Some(type_line) = h.type_name else {
        o.fail(
            if party { "P-07" } else { "T-01" },
            t("không thấy tên loại văn bản (BÁO CÁO …)", "no document type line (BÁO CÁO …)"),
            t("tên loại in hoa, đậm, căn giữa", "the type name in upper case, bold, centred"),
            Place::PageOnly(1),
        );
        return;
    };
    let (rule, lo, hi) = if party { ("P-07", 15.0, 16.0) } else { ("T-01", 13.0, 14.0) };
    let centred = (type_line.centre() - axis).abs() < 3.0 * MM;
    let ok = is_upper(&type_line.text) && type_line.bold && type_line.upright() && near(type_line.size, lo, hi, 0.1) && centred;
    o.verdict(
        rule,
        ok,
        looks(type_line),
        style_wants(lo, hi, "in hoa, đậm, đứng, căn giữa", "upper case, bold, upright, centred"),
        at(0, type_line),
    );
    // Trích yếu.
    let (rule, lo, hi) = if party { ("P-08", 14.0, 15.0) } else { ("T-02", 13.0, 14.0) };
    if let Some(first) = h.summary.first() {
        let starts_lower = first.text.chars().next().is_some_and(char::is_lowercase);
        // Joint programmes open with "giữa … và …" (§11 sketch): either case.
        let start_ok = if party { starts_lower } else { !starts_lower || h.issuers.len() > 1 };
        for (k, l) in h.summary.iter().enumerate() {
            let ok = l.bold
                && l.upright()
                && near(l.size, lo, hi, 0.1)
                && (l.centre() - axis).abs() < 3.0 * MM
                && (k > 0 || start_ok)
                && !l.text.starts_with("V/v");
            let wants = if party {
                style_wants(lo, hi, "đậm, đứng, căn giữa, mở đầu bằng chữ thường", "bold, upright, centred, starting lower case")
            } else {
                style_wants(lo, hi, "đậm, đứng, căn giữa, mở đầu bằng chữ hoa", "bold, upright, centred, starting with a capital")
            };
            o.verdict(rule, ok, looks(l), wants, at(0, l));
        }
        let last = h.summary.last().copied().unwrap_or(first);
        let longest = h.summary.iter().copied().max_by(|a, b| a.width().total_cmp(&b.width())).unwrap_or(first);
        if party {
            let dashes = page.lines.iter().find(|l| {
                l.baseline > last.baseline
                    && l.baseline < last.baseline + 3.0 * last.size
                    && l.text.trim().chars().all(|c| c == '-')
                    && l.text.trim().len() >= 3
            });
            let wants = t("dòng gạch “-----” căn giữa dưới trích yếu", "a centred “-----” under the summary");
            match dashes {
                Some(d) => {
                    o.verdict("P-09", (d.centre() - axis).abs() < 3.0 * MM, Text::from(format!("“{}”", d.text.trim())), wants, at(0, d))
                }
                None => o.fail("P-09", t("không có dòng gạch dưới trích yếu", "no dashes under the summary"), wants, at(0, last)),
            }
        } else {
            let wants = {
                let (a, b) = (mm(longest.width() / 3.0), mm(longest.width() / 2.0));
                t(
                    format!("đường kẻ 1/3–1/2 dòng trích yếu ({}–{}), căn giữa", a.vi, b.vi),
                    format!("a rule 1/3–1/2 of the summary line ({}–{}), centred", a.en, b.en),
                )
            };
            match rule_under(page, last, 2.5 * last.size) {
                Some(r) => {
                    let ratio = r.length() / longest.width().max(1.0);
                    let ok = (1.0 / 3.0 - 0.02..=0.52).contains(&ratio) && (r.centre() - longest.centre()).abs() < 1.5 * MM;
                    let m = mm(r.length());
                    o.verdict(
                        "T-03",
                        ok,
                        t(format!("đường kẻ dài {}", m.vi), format!("a rule {} long", m.en)),
                        wants,
                        Place::Page { page: 1, x_mm: r.x0 / MM, y_mm: r.y0 / MM },
                    );
                }
                None => o.fail("T-03", t("không có đường kẻ dưới trích yếu", "no rule under the summary"), wants, at(0, last)),
            }
        }
    } else {
        o.fail(
            rule,
            t("không thấy trích yếu dưới tên loại", "no summary under the type name"),
            style_wants(lo, hi, "đậm, căn giữa", "bold, centred"),
            at(0, type_line),
        );
    }
    // "Kính gửi:" with a colon, 13–14 pt, upright (only upward reports have it).
    let to = page
        .lines
        .iter()
        .find(|l| l.baseline > type_line.baseline && l.baseline < h.body_top + 60.0 && l.text.trim_start().starts_with("Kính gửi"));
    let r01 = t("“Kính gửi:” có dấu hai chấm, 13–14 pt, chữ đứng", "“Kính gửi:” with a colon, 13–14 pt, upright");
    match to {
        Some(l) => {
            let ok = l.text.trim_start().starts_with("Kính gửi:") && l.upright() && near(l.size, 13.0, 14.0, 0.1);
            o.verdict("R-01", ok, looks(l), r01, at(0, l));
        }
        None => o.skip(
            "R-01",
            t("không có dòng “Kính gửi” (chỉ cần khi báo cáo gửi cấp trên)", "no “Kính gửi” line (needed only when reporting upwards)"),
            r01,
        ),
    }
    // T-04: a báo cáo has no "V/v".
    let vv = page.lines.iter().find(|l| l.baseline < h.body_top + 20.0 && l.text.trim_start().starts_with("V/v"));
    match vv {
        Some(l) => o.fail(
            "T-04",
            Text::from(format!("“{}”", l.text)),
            t("văn bản có tên loại không dùng “V/v”", "a document with a type name has no “V/v”"),
            at(0, l),
        ),
        None => o.pass(
            "T-04",
            t("không có “V/v”", "no “V/v”"),
            t("văn bản có tên loại không dùng “V/v”", "a document with a type name has no “V/v”"),
            Place::PageOnly(1),
        ),
    }
}

/// B-01 (P-11 party), B-02, B-03, B-04 and C-01 on the body's lines.
fn body_checks(o: &mut Out, pages: &[Page], h: &Header, c: &Closing, numbers: &[Option<&Line>], party: bool) {
    let mut body: Vec<(usize, &Line)> = Vec::new();
    let mut tables: Vec<(usize, &Line)> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        // Text inside a table (a vertical border runs past it) is not body text.
        let in_table = |l: &Line| p.rules.iter().any(|r| !r.horizontal() && r.y0 <= l.baseline && r.y1 >= l.baseline - l.size * 0.5);
        for l in &p.lines {
            let is_number = numbers.get(i).copied().flatten().is_some_and(|n| std::ptr::eq(n, l));
            let after_head = i > 0 || l.baseline > h.body_top;
            let before_close = i < c.page || (i == c.page && l.baseline < c.body_end);
            let dashes = l.text.trim().chars().all(|c| c == '-');
            if !is_number && after_head && before_close && in_table(l) {
                tables.push((i, l));
            } else if !is_number && after_head && before_close && !dashes && !l.text.trim().starts_with("Kính gửi") {
                body.push((i, l));
            }
        }
    }
    let (rule, lo, hi) = if party { ("P-11", 14.0, 15.0) } else { ("B-01", 13.0, 14.0) };
    let wants = style_wants(lo, hi, "chữ đứng", "upright");
    if body.is_empty() {
        o.skip(rule, t("không thấy phần nội dung", "no body text found"), wants);
        return;
    }
    // The body size: the size most characters have.
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for (_, l) in &body {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (s - l.size).abs() < 0.1) {
            Some(e) => e.1 += n,
            None => sizes.push((l.size, n)),
        }
    }
    let size = sizes.iter().max_by_key(|e| e.1).map_or(0.0, |e| e.0);
    // C-04 (CONV): table text in the body's size or 1–2 pt smaller, page by page.
    let mut table_pages: Vec<usize> = tables.iter().map(|(i, _)| *i).collect();
    table_pages.dedup();
    for page in table_pages {
        let cells: Vec<&Line> = tables.iter().filter(|(i, _)| *i == page).map(|(_, l)| *l).collect();
        let (small, big) = cells.iter().fold((f32::MAX, f32::MIN), |a, l| (a.0.min(l.size), a.1.max(l.size)));
        let ok = small >= size - 2.0 - 0.1 && big <= size + 0.1;
        let ((a, b), (c2, d)) = (num(small), num(big));
        let (w1, w2) = size_text(size - 2.0, size);
        o.verdict(
            "C-04",
            ok,
            t(format!("chữ trong bảng {a}–{c2} pt"), format!("table text {b}–{d} pt")),
            t(format!("bằng cỡ chữ nội dung hoặc nhỏ hơn 1–2 pt ({w1})"), format!("the body size or 1–2 pt smaller ({w2})")),
            Place::PageOnly(page + 1),
        );
    }
    let main: Vec<(usize, &Line)> = body.iter().copied().filter(|(_, l)| (l.size - size).abs() < 0.1).collect();
    let italic = main.iter().filter(|(_, l)| l.italic).count();
    let (v, e) = num(size);
    let (first_i, first) = main[0];
    o.verdict(
        rule,
        near(size, lo, hi, 0.1) && italic * 2 < main.len(),
        t(format!("nội dung cỡ {v} pt ({} dòng)", main.len()), format!("body text {e} pt ({} lines)", main.len())),
        wants,
        at(first_i, first),
    );
    // Lines start at the left margin or at the first-line indent.
    let left = main.iter().map(|(_, l)| l.x0).fold(f32::MAX, f32::min);
    let mut indents: Vec<(f32, usize)> = Vec::new();
    for (_, l) in &main {
        let d = l.x0 - left;
        if d > 3.0 * MM && d < 20.0 * MM {
            match indents.iter_mut().find(|(x, _)| (x - d).abs() < 0.3 * MM) {
                Some(e) => e.1 += 1,
                None => indents.push((d, 1)),
            }
        }
    }
    let b02 = t("thụt đầu dòng 1 cm hoặc 1,27 cm", "first-line indent 1 cm or 1.27 cm");
    match indents.iter().max_by_key(|e| e.1) {
        Some(&(d, _)) => {
            let ok = (d / MM - 10.0).abs() <= 0.3 || (d / MM - 12.7).abs() <= 0.3;
            let m = mm(d);
            let line = main.iter().find(|(_, l)| (l.x0 - left - d).abs() < 0.3 * MM).copied().unwrap_or((first_i, first));
            o.verdict("B-02", ok, t(format!("thụt đầu dòng {}", m.vi), format!("first-line indent {}", m.en)), b02, at(line.0, line.1));
        }
        None => o.fail("B-02", t("không đoạn nào thụt đầu dòng", "no paragraph is indented"), b02, at(first_i, first)),
    }
    // Line pitch (B-04) and the extra gap before paragraphs (B-03), per page.
    let mut pitches: Vec<f32> = Vec::new();
    let mut para_gaps: Vec<f32> = Vec::new();
    for w in main.windows(2) {
        let ((i, a), (j, b)) = (w[0], w[1]);
        if i != j {
            continue;
        }
        let d = b.baseline - a.baseline;
        if d <= 0.0 || d > 4.0 * size {
            continue;
        }
        if b.x0 - left > 3.0 * MM {
            para_gaps.push(d);
        } else {
            pitches.push(d);
        }
    }
    let median = |v: &mut Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v.get(v.len() / 2).copied()
    };
    let b04 = {
        let ((a, b), (c2, d)) = (num(size * 1.15), num(size * 1.725));
        t(format!("từ dòng đơn đến 1,5 dòng ({a}–{c2} pt)"), format!("single to 1.5 lines ({b}–{d} pt)"))
    };
    match median(&mut pitches) {
        Some(pitch) => {
            let (v, e) = num(pitch);
            o.verdict(
                "B-04",
                pitch >= size * 1.15 - 0.5 && pitch <= size * 1.725 + 0.5,
                t(format!("khoảng cách dòng {v} pt"), format!("line pitch {e} pt")),
                b04,
                at(first_i, first),
            );
            let b03 = t("khoảng cách giữa các đoạn ít nhất 6 pt", "at least 6 pt between paragraphs");
            match median(&mut para_gaps) {
                Some(gap) => {
                    let extra = gap - pitch;
                    let (v, e) = num(extra);
                    o.verdict(
                        "B-03",
                        extra >= 6.0 - 0.5,
                        t(format!("giữa các đoạn thêm {v} pt"), format!("{e} pt extra between paragraphs")),
                        b03,
                        at(first_i, first),
                    );
                }
                None => o.skip("B-03", t("không thấy hai đoạn liền nhau trên một trang", "no two paragraphs in a row on one page"), b03),
            }
        }
        None => o.skip("B-04", t("không có hai dòng nội dung liền nhau", "no two body lines in a row"), b04),
    }
    // B-12: Mục headings "I. TÊN MỤC": upper case and bold (Party practice "I- ", P-12).
    let roman = |l: &Line| {
        let text = l.text.trim_start();
        let head: String = text.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L')).collect();
        !head.is_empty() && (text[head.len()..].starts_with(". ") || text[head.len()..].starts_with("- "))
    };
    let headings: Vec<(usize, &Line)> = body.iter().copied().filter(|(_, l)| roman(l)).collect();
    let b12 = if party {
        t("“I- TÊN MỤC” (hoặc “I.”): in hoa, đậm", "“I- TÊN MỤC” (or “I.”): upper case, bold")
    } else {
        t("“I. TÊN MỤC”: số La Mã, dấu chấm, in hoa, đậm", "“I. TÊN MỤC”: Roman numeral, a dot, upper case, bold")
    };
    if headings.is_empty() {
        o.skip("B-12", t("không có đề mục “I.”, “II.” …", "no “I.”, “II.” … headings"), b12.clone());
    }
    for (i, l) in headings {
        let dot = l.text.trim_start().chars().find(|c| !matches!(c, 'I' | 'V' | 'X' | 'L')) == Some('.');
        let ok = is_upper(&l.text) && l.bold && (party || dot);
        o.verdict("B-12", ok, looks(l), b12.clone(), at(i, l));
    }
    // B-15: điểm as "a)", Vietnamese letters only (no f, j, w, z); never "a." or "(a)".
    let b15 =
        t("điểm ghi “a)”, “b)” …, chữ cái tiếng Việt (không f, j, w, z)", "points as “a)”, “b)” …, Vietnamese letters (no f, j, w, z)");
    for (i, l) in &body {
        let text = l.text.trim_start();
        let chars: Vec<char> = text.chars().take(4).collect();
        let letter = |c: char| c.is_lowercase() && c.is_alphabetic();
        let form = match chars.as_slice() {
            [c, ')', ' ', ..] if letter(*c) => Some((*c, true)),
            [c, '.', ' ', ..] if letter(*c) => Some((*c, false)),
            ['(', c, ')', ' '] if letter(*c) => Some((*c, false)),
            _ => None,
        };
        if let Some((c, paren)) = form {
            let ok = paren && !matches!(c, 'f' | 'j' | 'w' | 'z');
            o.verdict("B-15", ok, Text::from(format!("“{}…”", text.chars().take(24).collect::<String>())), b15.clone(), at(*i, l));
        }
    }
    // T-05: căn cứ lines under the title: italic, 13–14 pt, each ending ";", the last ".".
    let bases: Vec<&(usize, &Line)> = body.iter().filter(|(i, l)| *i == 0 && l.text.trim_start().starts_with("Căn cứ")).collect();
    if !bases.is_empty() {
        // Each căn cứ runs until the next one; the last until its line ends with a stop.
        let end_of = |k: usize| {
            let start = body.iter().position(|(i, l)| *i == bases[k].0 && std::ptr::eq(*l, bases[k].1)).unwrap_or(0);
            let stop = bases.get(k + 1).and_then(|n| body.iter().position(|(i, l)| *i == n.0 && std::ptr::eq(*l, n.1)));
            let lines: Vec<&(usize, &Line)> = match stop {
                Some(stop) => body[start..stop].iter().collect(),
                None => body[start..].iter().take_while(|(_, l)| l.italic).collect(),
            };
            lines.last().map_or(String::new(), |(_, l)| l.text.trim_end().to_string())
        };
        let t05 = t(
            "căn cứ in nghiêng, 13–14 pt; mỗi dòng kết thúc “;”, dòng cuối “.”",
            "căn cứ in italic, 13–14 pt; each ending “;”, the last “.”",
        );
        for (k, (i, l)) in bases.iter().enumerate() {
            let end = end_of(k);
            let ends_ok = if k + 1 == bases.len() { end.ends_with('.') } else { end.ends_with(';') };
            let ok = l.italic && near(l.size, 13.0, 14.0, 0.1) && ends_ok;
            let f = looks(l);
            let found = t(format!("{}; kết thúc “…{}”", f.vi, tail(&end, 16)), format!("{}; ends “…{}”", f.en, tail(&end, 16)));
            o.verdict("T-05", ok, found, t05.clone(), at(*i, l));
        }
    }
    // C-01: the body ends with "./." (state, CONV).
    if !party && let Some((i, l)) = body.last() {
        let ok = l.text.trim_end().ends_with("./.");
        o.verdict(
            "C-01",
            ok,
            Text::from(format!("“…{}”", tail(&l.text, 24))),
            t("nội dung kết thúc bằng “./.”", "the body ends with “./.”"),
            at(*i, l),
        );
    }
}

fn tail(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

/// A-02/A-03 (P-21 for the party's numbers): on each attachment after the
/// signature, the "Phụ lục" label and its "(Kèm theo …)" line.
fn appendix_checks(o: &mut Out, pages: &[Page], c: &Closing, numbers: &[Option<&Line>], party: bool) {
    let left = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.x0)).fold(f32::MAX, f32::min);
    let right = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.x1)).fold(f32::MIN, f32::max);
    let axis = (left + right) / 2.0;
    for (i, page) in pages.iter().enumerate().skip(c.page + 1) {
        let number = numbers.get(i).copied().flatten();
        let lines: Vec<&Line> = page.lines.iter().filter(|l| number.is_none_or(|n| !std::ptr::eq(n, *l))).collect();
        let Some(label) = lines.first().filter(|l| l.text.to_lowercase().starts_with("phụ lục")) else { continue };
        let numeral = label.text.trim().chars().skip("Phụ lục".chars().count()).collect::<String>();
        let numeral = numeral.trim();
        let numeral_ok = numeral.is_empty()
            || if party { numeral.chars().all(|c| c.is_ascii_digit()) } else { numeral.chars().all(|c| "IVXL".contains(c)) };
        let ok = label.text.starts_with("Phụ lục")
            && label.bold
            && label.upright()
            && near(label.size, 14.0, 14.0, 0.1)
            && (label.centre() - axis).abs() < 3.0 * MM;
        let a02 = t("“Phụ lục I”: chữ thường, 14 pt, đậm, đứng, căn giữa", "“Phụ lục I”: normal case, 14 pt, bold, upright, centred");
        o.verdict("A-02", ok, looks(label), a02, at(i, label));
        if !numeral.is_empty() {
            let (rule, wants) = if party {
                ("P-21", t("phụ lục đánh số Ả Rập (“Phụ lục 1”)", "attachments numbered in Arabic (“Phụ lục 1”)"))
            } else {
                ("A-01", t("phụ lục đánh số La Mã (“Phụ lục I”)", "attachments numbered in Roman (“Phụ lục I”)"))
            };
            o.verdict(rule, numeral_ok, Text::from(format!("“{}”", label.text)), wants, at(i, label));
        }
        let a03 = t("dòng “(Kèm theo …)” in nghiêng, 13–14 pt, căn giữa", "the “(Kèm theo …)” line italic, 13–14 pt, centred");
        match lines.iter().take(6).find(|l| l.text.trim_start().starts_with("(Kèm theo")) {
            Some(r) => {
                let ok = r.italic && near(r.size, 13.0, 14.0, 0.1) && (r.centre() - axis).abs() < 3.0 * MM;
                o.verdict("A-03", ok, looks(r), a03, at(i, r));
            }
            None => o.fail("A-03", t("không có dòng “(Kèm theo …)”", "no “(Kèm theo …)” line"), a03, at(i, label)),
        }
    }
}

/// S-01, S-02, S-04 (P-13, P-14), R-03..R-05 (P-15, P-16).
fn closing_checks(o: &mut Out, pages: &[Page], c: &Closing, party: bool, mixed_systems: bool, left: f32) {
    let p = c.page;
    let page = &pages[p];
    if c.blocks.is_empty() {
        o.fail(
            if party { "P-14" } else { "S-02" },
            t("không thấy khối chữ ký ở trang cuối", "no signature block on the last page"),
            t("quyền hạn, chức vụ in hoa đậm; họ tên in đậm", "authority and title in bold upper case; the name in bold"),
            Place::PageOnly(p + 1),
        );
    }
    let (lo, hi) = if party { (14.0, 14.0) } else { (13.0, 14.0) };
    for block in &c.blocks {
        let upper: Vec<&&Line> = block.iter().take_while(|l| is_upper(&l.text)).collect();
        let first = block[0];
        // S-01 / P-13: prefixes.
        let prefix = first.text.split_whitespace().next().unwrap_or("");
        let state_prefix = ["TM.", "KT.", "TL.", "TUQ.", "Q."].contains(&prefix);
        let party_prefix = ["T/M", "K/T", "T/L"].contains(&prefix);
        let bare = prefix.trim_end_matches('.');
        let looks_prefix = ["TM", "KT", "TL", "TUQ", "Q", "T/M", "K/T", "T/L"].contains(&bare);
        if looks_prefix || upper.len() > 1 {
            // Joint documents: each body signs in its own system's form (§11);
            // a state body beside a Party lead only when the header shows both.
            let own_party = (party && !(mixed_systems && state_prefix)) || (c.blocks.len() > 1 && party_prefix);
            let (rule, ok, wants) = if own_party {
                (
                    "P-13",
                    !state_prefix && (party_prefix || !looks_prefix),
                    t("“T/M”, “K/T”, “T/L” (dạng có gạch chéo)", "“T/M”, “K/T”, “T/L” (slash forms)"),
                )
            } else {
                (
                    "S-01",
                    !party_prefix && (state_prefix || !looks_prefix),
                    t("“TM.”, “KT.”, “TL.”, “TUQ.”, “Q.” có dấu chấm", "“TM.”, “KT.”, “TL.”, “TUQ.”, “Q.” with the dot"),
                )
            };
            o.verdict(rule, ok, Text::from(format!("“{}”", first.text)), wants, at(p, first));
        }
        // S-02 / P-14: authority and title lines.
        let rule = if party { "P-14" } else { "S-02" };
        for (k, l) in upper.iter().enumerate() {
            // Party: the signer's own title (last upper line) may be regular (OPEN).
            let needs_bold = !(party && k + 1 == upper.len() && upper.len() > 1);
            let ok = l.upright() && near(l.size, lo, hi, 0.1) && (l.bold || !needs_bold);
            let wants = if needs_bold {
                style_wants(lo, hi, "in hoa, đậm, đứng", "upper case, bold, upright")
            } else {
                style_wants(
                    lo,
                    hi,
                    "in hoa, đứng (chức vụ: đậm hay không, chưa thống nhất)",
                    "upper case, upright (the title's weight is OPEN)",
                )
            };
            o.verdict(rule, ok, looks(l), wants, at(p, l));
        }
        // S-04: the name, the last line that is neither upper case nor a note in brackets.
        let name = block.iter().rev().find(|l| !is_upper(&l.text) && !l.text.trim_start().starts_with('('));
        let wants = style_wants(
            lo,
            hi,
            "chữ thường, đậm, đứng, căn giữa khối chữ ký, không học hàm",
            "normal case, bold, upright, centred on the block, no academic title",
        );
        match name {
            Some(n) => {
                let axis = upper.iter().map(|l| l.centre()).sum::<f32>() / upper.len().max(1) as f32;
                let centred = upper.is_empty() || (n.centre() - axis).abs() < 3.0 * MM;
                let titled =
                    ["TS.", "ThS.", "PGS.", "GS.", "Đồng chí", "Đ/c", "KS.", "BS."].iter().any(|p| n.text.trim_start().starts_with(p));
                let ok = n.bold && n.upright() && near(n.size, lo, hi, 0.1) && centred && !titled;
                o.verdict("S-04", ok, looks(n), wants, at(p, n));
            }
            None => {
                // A block cut by a page break: the name may head the next page.
                let moved = pages.get(p + 1).and_then(|next| {
                    next.lines.iter().filter(|l| l.x0 >= page.width * 0.42).take(3).find(|l| !is_upper(&l.text) && l.bold)
                });
                match moved {
                    Some(n) => o.fail(
                        "S-04",
                        t(
                            format!("họ tên “{}” bị tách sang trang {}", n.text, p + 2),
                            format!("the name “{}” is cut off to page {}", n.text, p + 2),
                        ),
                        wants,
                        at(p + 1, n),
                    ),
                    None => o.fail("S-04", t("không thấy họ tên người ký", "no signer's name"), wants, at(p, first)),
                }
            }
        }
    }
    // Nơi nhận.
    let (label_rule, list_rule) = if party { ("P-15", "P-16") } else { ("R-03", "R-04") };
    let Some(label) = c.label else {
        o.fail(
            label_rule,
            t("không thấy “Nơi nhận:”", "no “Nơi nhận:”"),
            t("“Nơi nhận:” ở trang cuối, bên trái", "“Nơi nhận:” on the last page, left"),
            Place::PageOnly(p + 1),
        );
        return;
    };
    let colon = label.text.trim_start().starts_with("Nơi nhận:");
    let flush = (label.x0 - left).abs() < 2.0 * MM;
    // Level with the first line of the signature block (their tops within 3 pt);
    // joint documents put it under the signatures.
    let level = c.blocks.iter().any(|b| ((b[0].baseline - ASCENT * b[0].size) - (label.baseline - ASCENT * label.size)).abs() <= 3.0)
        || c.blocks.iter().all(|b| b.iter().all(|l| l.baseline < label.baseline));
    if party {
        let underlined = page.rules.iter().any(|r| {
            r.horizontal() && r.y0 > label.baseline - 1.0 && r.y0 < label.baseline + 4.0 && r.x0 < label.x0 + 3.0 && r.x1 > label.x1 - 6.0
        });
        let ok = colon && flush && level && near(label.size, 14.0, 14.0, 0.1) && label.regular() && label.upright() && underlined;
        let f = looks(label);
        let (uv, ue) = if underlined { ("gạch chân", "underlined") } else { ("không gạch chân", "not underlined") };
        o.verdict(
            "P-15",
            ok,
            t(format!("{}, {uv}", f.vi), format!("{}, {ue}", f.en)),
            t(
                "“Nơi nhận:” 14 pt, đứng, gạch chân, sát lề trái, ngang dòng đầu khối chữ ký",
                "“Nơi nhận:” 14 pt, upright, underlined, flush left, level with the signature",
            ),
            at(p, label),
        );
    } else {
        let ok = colon && flush && level && near(label.size, 12.0, 12.0, 0.1) && label.bold && label.italic;
        o.verdict(
            "R-03",
            ok,
            looks(label),
            t(
                "“Nơi nhận:” 12 pt, đậm nghiêng, sát lề trái, ngang dòng đầu khối chữ ký",
                "“Nơi nhận:” 12 pt, bold italic, flush left, level with the signature's first line",
            ),
            at(p, label),
        );
    }
    let size = if party { 12.0 } else { 11.0 };
    let wants = {
        let (a, b) = num(size);
        if party {
            t(format!("mỗi nơi một dòng bắt đầu “-”, {a} pt, đứng"), format!("one per line starting “-”, {b} pt, upright"))
        } else {
            t(
                format!("mỗi nơi một dòng bắt đầu “-” và kết thúc “;”, {a} pt, đứng"),
                format!("one per line starting “-” and ending “;”, {b} pt, upright"),
            )
        }
    };
    if c.items.is_empty() {
        o.fail(list_rule, t("không có danh sách nơi nhận", "no list of recipients"), wants, at(p, label));
        return;
    }
    // Items: a line starting "-", with its wrapped continuation lines.
    let mut items: Vec<(String, &Line)> = Vec::new();
    for (k, l) in c.items.iter().enumerate() {
        let bulleted = c.bulleted.contains(&k);
        let hanging = l.x0 > left + 1.0 * MM && !bulleted;
        if bulleted {
            items.push((format!("• {}", l.text.trim()), l));
        } else if l.text.trim_start().starts_with('-') || items.is_empty() || !hanging {
            items.push((l.text.trim().to_string(), l));
        } else if let Some(last) = items.last_mut() {
            last.0.push(' ');
            last.0.push_str(l.text.trim());
        }
    }
    for (k, (text, l)) in items.iter().enumerate() {
        let is_last = k + 1 == items.len();
        let ends = party || is_last || text.ends_with(';');
        let ok = near(l.size, size, size, 0.1) && l.upright() && l.regular() && text.starts_with('-') && ends;
        if !is_last {
            o.verdict(list_rule, ok, looks_as(text, l), wants.clone(), at(p, l));
        } else {
            let style_ok = near(l.size, size, size, 0.1) && l.upright() && l.regular();
            if party {
                let body = text.trim_start_matches('-').trim();
                let ok = style_ok && body.starts_with("Lưu ") && !body.starts_with("Lưu:") && text.ends_with('.');
                o.verdict(
                    "P-16",
                    ok,
                    Text::from(format!("“{text}”")),
                    t("dòng cuối “- Lưu <đơn vị>.” không dấu hai chấm, 12 pt", "last line “- Lưu <unit>.” without a colon, 12 pt"),
                    at(p, l),
                );
            } else {
                let body = text.trim_start_matches('-').trim();
                let ok = style_ok && body.starts_with("Lưu: VT") && text.ends_with('.');
                o.verdict(
                    "R-05",
                    ok,
                    Text::from(format!("“{text}”")),
                    t("dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”, 11 pt", "last line “- Lưu: VT, <drafting unit>.”, 11 pt"),
                    at(p, l),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_nd30_padding() {
        assert!(date_words("ngày 05 tháng 01 năm 2020"));
        assert!(date_words("ngày 29 tháng 6 năm 2019"));
        assert!(date_words("ngày 15 tháng 12 năm 2024"));
        assert!(!date_words("ngày 5 tháng 3 năm 2020"));
        assert!(!date_words("ngày 05 tháng 03 năm 2020"));
        assert!(!date_words("ngày 05 tháng 1 năm 2020"));
        assert!(!date_words("05/3/2020"));
        assert!(date_words("ngày    tháng    năm 2024"));
        assert!(date_words("ngày … tháng … năm 2024"));
    }

    #[test]
    fn number_symbols_have_no_spaces() {
        assert!(state_symbol("05/BC-UBND"));
        assert!(state_symbol("18/BC-MTTQ-BTT"));
        assert!(state_symbol("/BC-UBND"));
        assert!(!state_symbol("05 / BC - UBND"));
        assert!(!state_symbol("5/BC-UBND"));
        assert!(party_symbol("Số 45-BC/BDVTU"));
        assert!(!party_symbol("Số: 45/BC-BDVTU"));
    }

    #[test]
    fn a_page_without_text_skips_every_text_rule_with_the_reason() {
        let blank = Page { width: 595.276, height: 841.89, ..Page::default() };
        for (system, rules) in [(System::State, STATE_RULES), (System::Party, PARTY_RULES)] {
            let out = check(std::slice::from_ref(&blank), system, Source::Pdf);
            let skipped: Vec<&str> = out.iter().filter(|f| f.status == Status::Skip).map(|f| f.rule).collect();
            assert_eq!(skipped, rules.to_vec());
            assert!(
                out.iter().filter(|f| f.status != Status::Skip).all(|f| f.status == Status::Pass && ["G-01", "G-02"].contains(&f.rule))
            );
            assert!(out.iter().any(|f| f.found.en.contains("a scan")));
        }
    }

    #[test]
    fn font_families_ignore_style_suffixes() {
        assert_eq!(family("TimesNewRomanPS-BoldMT"), "timesnewromanps");
        assert_eq!(family("Times New Roman,Bold"), "timesnewroman");
        assert_eq!(family("LiberationSerif-Italic"), "liberationserif");
        assert_eq!(family("Arial-BoldMT"), "arial");
    }
}
