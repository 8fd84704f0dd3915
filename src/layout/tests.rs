//! Layout checked on the laid-out pages, rule by rule (format-spec IDs).

use super::rules::{self, texts, verify};
use super::*;
use crate::doc::fixture::sample_document;
use crate::doc::{Block, Document};
use crate::units::PT_PER_MM;

fn find<'a>(page: &'a Page, text: &str) -> &'a TextItem {
    rules::find(page, text).unwrap_or_else(|| panic!("no text item {text:?}"))
}

fn setup() -> (Document, Vec<Page>) {
    let doc = sample_document();
    let pages = layout(&doc);
    (doc, pages)
}

#[test]
fn the_fixture_meets_every_rule_verify_checks() {
    let (doc, pages) = setup();
    assert!(pages.len() >= 2, "the fixture runs to several pages");
    assert_eq!(verify(&doc, &pages), vec![]);
}

/// Moves the first text item whose text is `text` (on page `n`, 0-based).
fn nudge(pages: &mut [Page], n: usize, text: &str, dx: f32, dy: f32) {
    for item in &mut pages[n].items {
        if let Item::Text(t) = item
            && t.text.trim_end() == text
        {
            t.x += dx;
            t.baseline += dy;
            return;
        }
    }
    panic!("no {text:?} on page {}", n + 1);
}

fn broken_rules(doc: &Document, pages: &[Page]) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = verify(doc, pages).into_iter().map(|v| v.rule).collect();
    ids.dedup();
    ids
}

#[test]
fn verify_catches_each_kind_of_fault() {
    let (doc, pages) = setup();
    let date = doc.header.motto.bottom.as_ref().unwrap().text.clone();
    let number = doc.header.issuers[0].bottom.as_ref().unwrap().text.clone();
    let last = pages.len() - 1;

    let mut p = pages.clone();
    nudge(&mut p, 0, &date, 0.0, 2.0);
    assert!(broken_rules(&doc, &p).contains(&"H-15"), "date below the number");

    let mut p = pages.clone();
    nudge(&mut p, 0, &number, -60.0, 0.0);
    assert!(broken_rules(&doc, &p).contains(&"G-03"), "number pushed into the left margin");

    let mut p = pages.clone();
    let top = doc.page.margin_top.pt();
    for item in &mut p[1].items {
        if let Item::Text(t) = item
            && t.baseline < top
        {
            t.x += 30.0;
        }
    }
    assert_eq!(broken_rules(&doc, &p), vec!["G-06"], "page number off centre");

    let mut p = pages.clone();
    let number = texts(&pages[1]).find(|t| t.baseline < top).unwrap().clone();
    p[0].items.push(Item::Text(number));
    assert_eq!(broken_rules(&doc, &p), vec!["G-06"], "a number on page 1");

    let mut p = pages.clone();
    nudge(&mut p, last, "Nơi nhận:", 0.0, 3.0);
    assert!(broken_rules(&doc, &p).contains(&"R-03"), "label below the signature line");

    let mut p = pages.clone();
    p[0].items.retain(
        |i| !matches!(i, Item::Line { x1, x2, .. } if (x2 - x1 - find(&pages[0], "Độc lập - Tự do - Hạnh phúc").width).abs() < 0.5),
    );
    assert!(broken_rules(&doc, &p).contains(&"H-03"), "rule under the Tiêu ngữ removed");

    let mut p = pages.clone();
    for item in &mut p[0].items {
        if let Item::Line { x1, x2, .. } = item {
            *x2 = *x1 + (*x2 - *x1) * 1.6;
        }
    }
    let broken = broken_rules(&doc, &p);
    assert!(broken.contains(&"H-07") && broken.contains(&"T-03"), "rules too long: {broken:?}");
}

#[test]
fn g01_a4_pages() {
    let (_, pages) = setup();
    for p in &pages {
        assert!((p.width / PT_PER_MM - 210.0).abs() < 0.1);
        assert!((p.height / PT_PER_MM - 297.0).abs() < 0.1);
    }
}

/// Body lines grouped by page: (page, baseline, left edge, right edge).
fn body_lines(doc: &Document, pages: &[Page]) -> Vec<(usize, f32, f32, f32)> {
    let size = doc.body_style.size.0;
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut by_baseline: Vec<(f32, f32, f32)> = Vec::new();
        for t in texts(page).filter(|t| t.size == size && t.baseline > doc.page.margin_top.pt()) {
            match by_baseline.iter_mut().find(|(b, _, _)| (b - t.baseline).abs() < 0.01) {
                Some(entry) => {
                    entry.1 = entry.1.min(t.x);
                    entry.2 = entry.2.max(t.x + t.width);
                }
                None => by_baseline.push((t.baseline, t.x, t.x + t.width)),
            }
        }
        out.extend(by_baseline.into_iter().map(|(b, l, r)| (n, b, l, r)));
    }
    out
}

#[test]
fn b01_b02_justified_lines_reach_both_margins_and_first_lines_are_indented() {
    let (doc, pages) = setup();
    let left = doc.page.margin_left.pt();
    let right = doc.page.width.pt() - doc.page.margin_right.pt();
    let indent = doc.body_style.first_line_indent.pt();
    let lines = body_lines(&doc, &pages);
    let full = lines.iter().filter(|(_, _, l, r)| (r - right).abs() < 0.3 && (*l - left).abs() < 0.3).count();
    let indented = lines.iter().filter(|(_, _, l, r)| (r - right).abs() < 0.3 && (*l - left - indent).abs() < 0.3).count();
    assert!(full >= 15, "B-01: many lines flush with both margins, got {full}");
    assert!(indented >= 5, "B-02: first lines indented by {indent} pt, got {indented}");
    for (_, _, l, r) in &lines {
        assert!(*r <= right + 0.3 && *l >= left - 0.3);
    }
}

#[test]
fn b03_b04_spacing() {
    let (doc, pages) = setup();
    let size = doc.body_style.size.0;
    let single = crate::fonts::FontSet::get().face(Face::Regular).single_line_em() * size;
    let lines = body_lines(&doc, &pages);
    let gaps: Vec<f32> = lines.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[1].1 - w[0].1).collect();
    // The most frequent gap is the line pitch inside paragraphs.
    let count = |g: f32| gaps.iter().filter(|h| (*h - g).abs() < 0.01).count();
    let line_pitch = gaps.iter().copied().max_by_key(|g| count(*g)).unwrap();
    assert!(line_pitch >= single - 0.01 && line_pitch <= 1.5 * single + 0.01, "B-04: {line_pitch}");
    // Between paragraphs the pitch grows by the paragraph space (B-03: >= 6 pt).
    assert!(gaps.iter().any(|g| (g - line_pitch - doc.body_style.space_after.0).abs() < 0.05));
    assert!(doc.body_style.space_after.0 >= 6.0);
}

#[test]
fn table_header_repeats_on_each_page_the_table_spans() {
    let mut doc = sample_document();
    let Some(Block::Table(table)) = doc.body.iter().find(|b| matches!(b, Block::Table(_))).cloned() else { panic!("fixture has a table") };
    let mut long = table.clone();
    for k in 0..60 {
        let mut row = table.rows[0].clone();
        row[0].runs[0].text = format!("{}", k + 100);
        long.rows.push(row);
    }
    doc.body.insert(0, Block::Table(long.clone()));
    let pages = layout(&doc);
    let header_text = long.header[1].runs[0].text.clone();
    let with_header = pages
        .iter()
        .filter(|p| texts(p).any(|t| t.text.trim_end() == header_text.split(' ').next().unwrap() || t.text.contains(&header_text)))
        .count();
    let with_rows =
        pages.iter().filter(|p| texts(p).any(|t| t.text.trim() == "150" || t.text.trim() == "100" || t.text.trim() == "159")).count();
    assert!(with_rows >= 2, "the long table spans pages");
    assert!(with_header >= 2, "header row repeated: {with_header}");
    for p in &pages {
        for t in texts(p).filter(|t| t.text.contains(&header_text) && t.size == doc.body_style.table_size.0) {
            assert!(matches!(t.face, Face::Bold), "header row bold");
        }
    }
}

#[test]
fn every_character_of_the_body_is_laid_out() {
    let (doc, pages) = setup();
    let laid: String = pages.iter().flat_map(texts).map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
    let laid: String = laid.split_whitespace().collect::<Vec<_>>().join(" ");
    for block in &doc.body {
        if let Block::Paragraph(p) = block {
            let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
            for word in text.split_whitespace() {
                assert!(laid.contains(word), "{word:?} missing");
            }
        }
    }
}

#[test]
fn a_table_header_never_ends_a_page_without_two_rows_under_it() {
    let mut doc = sample_document();
    let table = doc.body.iter().position(|b| matches!(b, Block::Table(_))).expect("fixture has a table");
    let Block::Paragraph(intro) = &mut doc.body[table - 1] else { panic!("a paragraph introduces the table") };
    intro.runs = vec![crate::doc::Run::plain("Kết quả cụ thể như sau:")];
    intro.keep_with_next = false;
    // Push the table down the page by adding body text before it, one line at a
    // time: the header row never ends a page, nor stands over a single row. The
    // introduction may end a page (a keep chain holds only what must stay together).
    for extra in 0..40 {
        let mut d = doc.clone();
        for _ in 0..extra {
            d.body.insert(
                0,
                Block::Paragraph(crate::doc::Paragraph {
                    role: crate::doc::Role::Body,
                    runs: vec![crate::doc::Run::plain("Dòng thêm.")],
                    align: crate::doc::Align::Justify,
                    first_line_indent: true,
                    keep_with_next: false,
                }),
            );
        }
        for page in layout(&d) {
            let mut lines: Vec<&crate::layout::TextItem> = texts(&page).collect();
            lines.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
            let stt: Vec<f32> = lines.iter().filter(|t| t.text.trim_end() == "TT").map(|t| t.baseline).collect();
            for top in stt {
                let rows_below = lines.iter().filter(|t| t.baseline > top + 1.0 && t.text.trim_end().parse::<u32>().is_ok()).count();
                assert!(
                    rows_below >= 2 || lines.last().is_some_and(|l| l.baseline > top + 60.0),
                    "with {extra} extra lines: {rows_below} rows under the header"
                );
            }
        }
    }
}

#[test]
fn the_last_table_row_never_stands_alone_on_a_page() {
    let doc = sample_document();
    let at = doc.body.iter().position(|b| matches!(b, Block::Table(_))).expect("fixture has a table");
    let Block::Table(mut table) = doc.body[at].clone() else { unreachable!() };
    let mut total = table.rows[0].clone();
    total[0].runs[0].text = "Tổng".into();
    table.rows.push(total);
    let mut crossings = 0;
    // Shrink the page a millimetre at a time so every row in turn meets the page foot.
    for k in 0..120 {
        let mut d = doc.clone();
        d.body[at] = Block::Table(table.clone());
        d.page.margin_bottom = crate::units::Mm(20.0 + k as f32);
        let pages = layout(&d);
        let page = pages.iter().find(|p| texts(p).any(|t| t.text.trim_end() == "Tổng")).unwrap();
        let total_baseline = texts(page).find(|t| t.text.trim_end() == "Tổng").unwrap().baseline;
        // Body rows (regular, table size) above the total on its page.
        let rows_above = texts(page)
            .filter(|t| t.size == d.body_style.table_size.0 && t.face == Face::Regular && t.baseline < total_baseline - 1.0)
            .count();
        assert!(rows_above >= 1, "bottom margin {} mm: the total row stands alone", 20 + k);
        crossings += usize::from(!std::ptr::eq(page, &pages[0]));
    }
    assert!(crossings > 0, "the table met a page break in some layouts");
}

#[test]
fn body_lines_are_set_at_libreoffice_s_pitch_in_whole_twips() {
    // LibreOffice sets the DOCX's 1.2-spaced lines of Liberation Serif at
    // 358 twips (13 pt) and 386 twips (14 pt): measured on its PDFs.
    let mut doc = sample_document();
    doc.body_style.line_spacing = 1.2;
    for (size, twips) in [(13.0, 358.0), (14.0, 386.0)] {
        assert_eq!(blocks::line_height(&doc, size) * 20.0, twips, "{size} pt");
    }
}

#[test]
fn table_rows_count_their_border_as_a_word_processor_does() {
    // LibreOffice adds the border's width to every row's height: the PDF's
    // rows are as tall, and their rules as thick as the DOCX's borders.
    let doc = sample_document();
    let Some(Block::Table(t)) = doc.body.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("fixture has a table") };
    let border = crate::doc::TABLE_BORDER.0;
    let rules_of = |page: &Page| {
        let mut ys: Vec<f32> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line { y1, y2, thickness, .. } if (y1 - y2).abs() < 0.01 && (*thickness - border).abs() < 0.001 => Some(*y1),
                _ => None,
            })
            .collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        ys
    };
    let ys = layout(&doc).iter().map(rules_of).max_by_key(Vec::len).unwrap();
    assert!(ys.len() >= 3, "the table's rules: {ys:?}");
    for pair in ys.windows(2) {
        let lines = (pair[1] - pair[0] - 2.0 * t.pad_y.0 - border) / t.line_height.0;
        assert!((lines - lines.round()).abs() < 0.01 && lines.round() >= 1.0, "row of {lines} lines: {ys:?}");
    }
}
