//! Layout checked on the laid-out pages, rule by rule (format-spec IDs).

use super::*;
use crate::doc::fixture::sample_document;
use crate::doc::{Block, Document};
use crate::units::PT_PER_MM;

fn texts(page: &Page) -> impl Iterator<Item = &TextItem> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        Item::Line { .. } => None,
    })
}

fn find<'a>(page: &'a Page, text: &str) -> &'a TextItem {
    texts(page).find(|t| t.text.trim_end() == text).unwrap_or_else(|| panic!("no text item {text:?}"))
}

fn lines(page: &Page) -> impl Iterator<Item = (f32, f32, f32, f32)> + '_ {
    page.items.iter().filter_map(|i| match i {
        Item::Line { x1, y1, x2, y2, .. } => Some((*x1, *y1, *x2, *y2)),
        Item::Text(_) => None,
    })
}

/// The horizontal rule closest below a text item.
fn rule_under(page: &Page, t: &TextItem) -> (f32, f32, f32) {
    lines(page)
        .filter(|(x1, y1, x2, y2)| {
            (y1 - y2).abs() < 0.01 && *y1 > t.baseline && *y1 < t.baseline + t.size && *x1 < t.x + t.width && *x2 > t.x
        })
        .map(|(x1, y, x2, _)| (x1, x2, y))
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .unwrap_or_else(|| panic!("no rule under {:?}", t.text))
}

fn setup() -> (Document, Vec<Page>) {
    let doc = sample_document();
    let pages = layout(&doc);
    (doc, pages)
}

#[test]
fn g01_a4_pages() {
    let (_, pages) = setup();
    for p in &pages {
        assert!((p.width / PT_PER_MM - 210.0).abs() < 0.1);
        assert!((p.height / PT_PER_MM - 297.0).abs() < 0.1);
    }
}

#[test]
fn g03_text_stays_inside_the_margins() {
    let (doc, pages) = setup();
    let left = doc.page.margin_left.pt();
    let right = doc.page.width.pt() - doc.page.margin_right.pt();
    let top = doc.page.margin_top.pt();
    let bottom = doc.page.height.pt() - doc.page.margin_bottom.pt();
    for (n, page) in pages.iter().enumerate() {
        for t in texts(page) {
            let page_number = n > 0 && t.baseline < top;
            if page_number {
                continue;
            }
            assert!(t.x >= left - 0.5, "page {}: {:?} starts at {} left of the margin {left}", n + 1, t.text, t.x);
            assert!(t.x + t.width <= right + 0.5, "page {}: {:?} ends at {} past {right}", n + 1, t.text, t.x + t.width);
            assert!(t.baseline - t.size * 0.9 >= top - 0.5, "page {}: {:?} above the top margin", n + 1, t.text);
            assert!(t.baseline + t.size * 0.25 <= bottom + 0.5, "page {}: {:?} below the bottom margin", n + 1, t.text);
        }
    }
}

#[test]
fn g06_page_numbers_from_page_two_centred_in_top_margin() {
    let (doc, pages) = setup();
    assert!(pages.len() >= 2, "the fixture runs to several pages");
    let top = doc.page.margin_top.pt();
    let centre = doc.page.margin_left.pt() + doc.page.text_width().pt() / 2.0;
    assert!(texts(&pages[0]).all(|t| t.baseline >= top), "page 1 shows no number");
    for (n, page) in pages.iter().enumerate().skip(1) {
        let number = texts(page).find(|t| t.baseline < top).expect("a page number in the top margin");
        assert_eq!(number.text, (n + 1).to_string());
        assert!((number.x + number.width / 2.0 - centre).abs() < 0.5, "centred");
        assert!((13.0..=14.0).contains(&number.size));
        assert_eq!(number.face, Face::Regular, "upright, not bold");
    }
}

#[test]
fn h01_h02_h03_motto_and_rule_of_its_length() {
    let (_, pages) = setup();
    let p = &pages[0];
    let qh = find(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(qh.face, Face::Bold);
    assert!((12.0..=13.0).contains(&qh.size));
    let tn = find(p, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(tn.face, Face::Bold);
    assert!((13.0..=14.0).contains(&tn.size));
    // H-02: centred under the Quốc hiệu; H-04: no blank line between them.
    assert!(((qh.x + qh.width / 2.0) - (tn.x + tn.width / 2.0)).abs() < 0.5);
    assert!(tn.baseline - qh.baseline < 1.25 * tn.size);
    // H-03: the rule is exactly as long as the Tiêu ngữ.
    let (x1, x2, _) = rule_under(p, tn);
    assert!(((x2 - x1) - tn.width).abs() < 0.5, "rule {} vs text {}", x2 - x1, tn.width);
    assert!((x1 - tn.x).abs() < 0.5);
}

#[test]
fn h06_h07_agency_bold_with_a_third_to_half_rule() {
    let (doc, pages) = setup();
    let p = &pages[0];
    let last_line = doc.header.issuers[0].lines.last().unwrap();
    let agency = find(p, &last_line.text);
    assert_eq!(agency.face, Face::Bold);
    let (x1, x2, _) = rule_under(p, agency);
    let ratio = (x2 - x1) / agency.width;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "H-07 ratio {ratio}");
    let mid = (x1 + x2) / 2.0;
    assert!((mid - (agency.x + agency.width / 2.0)).abs() < 0.5, "H-07 centred");
}

#[test]
fn h09_h14_h15_number_and_place_date_on_one_baseline() {
    let (doc, pages) = setup();
    let p = &pages[0];
    let number = find(p, &doc.header.issuers[0].bottom.as_ref().unwrap().text);
    let date = find(p, &doc.header.motto.bottom.as_ref().unwrap().text);
    assert_eq!(number.size, 13.0, "H-09: 13 pt");
    assert_eq!(number.face, Face::Regular);
    assert_eq!(date.face, Face::Italic, "H-14 italic");
    assert!((number.baseline - date.baseline).abs() < 0.01, "H-15 same line");
    let qh = find(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(((qh.x + qh.width / 2.0) - (date.x + date.width / 2.0)).abs() < 0.5, "H-15 centred on the Quốc hiệu");
    // ô 2 is left of ô 1.
    assert!(number.x + number.width < qh.x + 1.0);
}

#[test]
fn t01_t02_t03_title_summary_and_rule() {
    let (doc, pages) = setup();
    let p = &pages[0];
    let centre = doc.page.margin_left.pt() + doc.page.text_width().pt() / 2.0;
    let ty = find(p, &doc.title.type_line.text);
    assert_eq!(ty.face, Face::Bold);
    assert!((ty.x + ty.width / 2.0 - centre).abs() < 0.5, "T-01 centred");
    let summary: Vec<&TextItem> = texts(p).filter(|t| t.baseline > ty.baseline && t.baseline < ty.baseline + 60.0 && t.face == Face::Bold).collect();
    assert!(!summary.is_empty());
    for s in &summary {
        assert!((s.x + s.width / 2.0 - centre).abs() < 1.0, "T-02 centred: {:?}", s.text);
    }
    let last = summary.iter().max_by(|a, b| a.baseline.total_cmp(&b.baseline)).unwrap();
    let (x1, x2, _) = rule_under(p, last);
    let longest = summary.iter().map(|s| s.width).fold(0.0, f32::max);
    let ratio = (x2 - x1) / longest;
    assert!((1.0 / 3.0..=0.5 + 0.01).contains(&ratio), "T-03 ratio {ratio}");
}

/// Body lines grouped by page: (page, items on one baseline).
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
    let with_header = pages.iter().filter(|p| texts(p).any(|t| t.text.trim_end() == header_text.split(' ').next().unwrap() || t.text.contains(&header_text))).count();
    let with_rows = pages.iter().filter(|p| texts(p).any(|t| t.text.trim() == "150" || t.text.trim() == "100" || t.text.trim() == "159")).count();
    assert!(with_rows >= 2, "the long table spans pages");
    assert!(with_header >= 2, "header row repeated: {with_header}");
    for p in &pages {
        for t in texts(p).filter(|t| t.text.contains(&header_text) && t.size == doc.body_style.table_size.0) {
            assert!(matches!(t.face, Face::Bold), "header row bold");
        }
    }
}

#[test]
fn r03_recipients_label_level_with_first_signature_line_on_the_last_page() {
    let (doc, pages) = setup();
    let last = pages.last().unwrap();
    let label = find(last, "Nơi nhận:");
    assert_eq!(label.face, Face::BoldItalic);
    assert_eq!(label.size, 12.0);
    let first_sig = find(last, &doc.closing.signers[0].lines[0].text);
    assert!((label.baseline - first_sig.baseline).abs() < 0.01);
    assert_eq!(label.x, doc.page.margin_left.pt(), "flush left");
    for item in &doc.closing.recipients.as_ref().unwrap().items {
        let t = find(last, &item.text);
        assert_eq!(t.size, 11.0, "R-04");
    }
    // The signature keeps company: body lines sit on the same page above it.
    let body = body_lines(&doc, std::slice::from_ref(last));
    assert!(body.iter().filter(|(_, b, _, _)| *b < first_sig.baseline).count() >= 2);
}

#[test]
fn no_two_text_items_overlap() {
    let (_, pages) = setup();
    for (n, page) in pages.iter().enumerate() {
        let items: Vec<&TextItem> = texts(page).collect();
        for (i, a) in items.iter().enumerate() {
            for b in &items[i + 1..] {
                let vertical = (a.baseline - b.baseline).abs() < (a.size.min(b.size)) * 0.9;
                let horizontal = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5;
                assert!(!(vertical && horizontal), "page {}: {:?} overlaps {:?}", n + 1, a.text, b.text);
            }
        }
    }
}

#[test]
fn headings_are_never_the_last_line_of_a_page() {
    let (doc, pages) = setup();
    let headings: Vec<String> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) if p.keep_with_next => Some(p.runs.iter().map(|r| r.text.as_str()).collect::<String>()),
            _ => None,
        })
        .collect();
    for page in &pages {
        let last = texts(page).filter(|t| t.size == doc.body_style.size.0).max_by(|a, b| a.baseline.total_cmp(&b.baseline));
        if let Some(last) = last {
            assert!(!headings.iter().any(|h| h.trim_end() == last.text.trim_end()), "heading {:?} ends a page", last.text);
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
fn a_paragraph_ending_with_a_colon_stays_with_the_table_it_introduces() {
    let mut doc = sample_document();
    let table = doc.body.iter().position(|b| matches!(b, Block::Table(_))).expect("fixture has a table");
    let Block::Paragraph(intro) = &mut doc.body[table - 1] else { panic!("a paragraph introduces the table") };
    intro.runs = vec![crate::doc::Run::plain("Kết quả cụ thể như sau:")];
    intro.keep_with_next = false;
    // Push the introduction down the page by adding body text before it, one line at a time,
    // and check it never ends a page on its own.
    for extra in 0..40 {
        let mut d = doc.clone();
        for _ in 0..extra {
            d.body.insert(0, Block::Paragraph(crate::doc::Paragraph {
                role: crate::doc::Role::Body,
                runs: vec![crate::doc::Run::plain("Dòng thêm.")],
                align: crate::doc::Align::Justify,
                first_line_indent: true,
                keep_with_next: false,
            }));
        }
        for page in layout(&d) {
            let last = texts(&page).filter(|t| t.size == d.body_style.size.0).max_by(|a, b| a.baseline.total_cmp(&b.baseline));
            if let Some(last) = last {
                assert_ne!(last.text.trim_end(), "Kết quả cụ thể như sau:", "with {extra} extra lines");
            }
        }
    }
}
