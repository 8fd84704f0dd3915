//! Tests of the DOCX writer against the format rules (rule IDs of
//! format-spec.md in the test names), on the hand-made fixture report.

use std::collections::HashMap;
use std::io::Read;

use super::xml::{self, Element, XmlDoc};
use super::*;
use crate::doc::fixture::sample_document;
use crate::doc::{Line, SignatureBlock, Style};
use crate::fonts::FontSet;
use crate::units::Mm;

const TNR: &str = "Times New Roman";

fn parsed(doc: &Document) -> HashMap<String, XmlDoc> {
    parts(doc)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|(n, b)| {
            let x = xml::parse(std::str::from_utf8(&b).unwrap()).unwrap_or_else(|e| panic!("{n}: {e}"));
            (n, x)
        })
        .collect()
}

fn all<'a>(el: &'a Element, name: &str) -> Vec<&'a Element> {
    el.descendants().into_iter().filter(|e| e.name == name).collect()
}

/// Text of a paragraph (or any element): its `w:t` contents.
fn text(el: &Element) -> String {
    all(el, "w:t").iter().map(|t| t.text()).collect()
}

fn val<'a>(el: &'a Element, path: &[&str], attr: &str) -> Option<&'a str> {
    let mut e = el;
    for p in path {
        e = e.child(p)?;
    }
    e.attr(attr)
}

fn num(s: Option<&str>) -> i32 {
    s.unwrap_or_else(|| panic!("missing value")).parse().unwrap()
}

/// A paragraph property as the paragraph shows it: its own `w:pPr`'s, else
/// its style's, else Normal's (every style is based on Normal).
fn shown<'a>(x: &'a HashMap<String, XmlDoc>, p: &'a Element, name: &str, attr: &str) -> Option<&'a str> {
    let id = val(p, &["w:pPr", "w:pStyle"], "w:val").unwrap_or("Normal");
    val(p, &["w:pPr", name], attr)
        .or_else(|| val(style(x, id), &["w:pPr", name], attr))
        .or_else(|| val(style(x, "Normal"), &["w:pPr", name], attr))
}

fn document(x: &HashMap<String, XmlDoc>) -> &Element {
    &x["word/document.xml"].root
}

fn body(x: &HashMap<String, XmlDoc>) -> &Element {
    document(x).child("w:body").unwrap()
}

fn tables(x: &HashMap<String, XmlDoc>) -> Vec<&Element> {
    body(x).elements().filter(|e| e.name == "w:tbl").collect()
}

fn style<'a>(x: &'a HashMap<String, XmlDoc>, id: &str) -> &'a Element {
    x["word/styles.xml"]
        .root
        .elements()
        .find(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

/// Whether a toggle property (`w:b`, `w:i`) is on in `rpr`: None when absent.
fn toggle(rpr: Option<&Element>, name: &str) -> Option<bool> {
    let e = rpr?.child(name)?;
    Some(!matches!(e.attr("w:val"), Some("0" | "false" | "off")))
}

/// The size in half-points, bold and italic a run shows in paragraph `p`:
/// its own properties over its paragraph style's (every style states all three).
fn effective(x: &HashMap<String, XmlDoc>, p: &Element, r: &Element) -> (i32, bool, bool) {
    let id = val(p, &["w:pPr", "w:pStyle"], "w:val").unwrap_or("Normal");
    let srpr = style(x, id).child("w:rPr");
    let rpr = r.child("w:rPr");
    let size = rpr.and_then(|e| e.child("w:sz")).or_else(|| srpr.and_then(|e| e.child("w:sz")));
    let size = num(size.and_then(|e| e.attr("w:val")));
    let bold = toggle(rpr, "w:b").or(toggle(srpr, "w:b")).unwrap_or(false);
    let italic = toggle(rpr, "w:i").or(toggle(srpr, "w:i")).unwrap_or(false);
    (size, bold, italic)
}

/// Runs of `el` with the paragraph each belongs to.
fn runs_in(el: &Element) -> Vec<(&Element, &Element)> {
    all(el, "w:p").into_iter().flat_map(|p| p.elements().filter(|r| r.name == "w:r").map(move |r| (p, r))).collect()
}

fn assert_tnr(rfonts: &Element, context: &str) {
    for slot in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] {
        assert_eq!(rfonts.attr(slot), Some(TNR), "G-04: {slot} of {context}");
    }
}

fn tw(text: &str, style: &Style) -> i32 {
    (FontSet::get().width(text, style) * 20.0).round() as i32
}

/// Length in twips of the bottom-border rule a paragraph draws in a space `avail` wide.
fn rule_length(p: &Element, avail: i32) -> i32 {
    let ppr = p.child("w:pPr").unwrap();
    assert_eq!(val(ppr, &["w:pBdr", "w:bottom"], "w:val"), Some("single"), "solid rule");
    avail - num(val(ppr, &["w:ind"], "w:left")) - num(val(ppr, &["w:ind"], "w:right"))
}

fn rule_paragraphs(el: &Element) -> Vec<&Element> {
    all(el, "w:p").into_iter().filter(|p| all(p, "w:pBdr").len() == 1).collect()
}

fn cells(row: &Element) -> Vec<&Element> {
    row.elements().filter(|e| e.name == "w:tc").collect()
}

fn rows(tbl: &Element) -> Vec<&Element> {
    tbl.elements().filter(|e| e.name == "w:tr").collect()
}

fn grid(tbl: &Element) -> Vec<i32> {
    tbl.child("w:tblGrid").unwrap().elements().map(|g| num(g.attr("w:w"))).collect()
}

#[test]
fn g01_g02_g03_a4_portrait_with_the_model_margins() {
    let doc = sample_document();
    let x = parsed(&doc);
    let sect = body(&x).child("w:sectPr").expect("body sectPr");
    assert_eq!(val(sect, &["w:pgSz"], "w:w"), Some("11906"), "G-01 A4 width");
    assert_eq!(val(sect, &["w:pgSz"], "w:h"), Some("16838"), "G-01 A4 height");
    assert_ne!(val(sect, &["w:pgSz"], "w:orient"), Some("landscape"), "G-02 portrait");
    let m = sect.child("w:pgMar").unwrap();
    assert_eq!(num(m.attr("w:top")), 1134, "G-03 top 20 mm");
    assert_eq!(num(m.attr("w:bottom")), 1134, "G-03 bottom 20 mm");
    assert_eq!(num(m.attr("w:left")), 1701, "G-03 left 30 mm");
    assert_eq!(num(m.attr("w:right")), 850, "G-03 right 15 mm");
    assert_eq!(num(m.attr("w:gutter")), 0);
}

#[test]
fn g04_c14_defaults_declare_times_new_roman_and_vietnamese() {
    let x = parsed(&sample_document());
    let rpr = x["word/styles.xml"].root.child("w:docDefaults").unwrap().child("w:rPrDefault").unwrap();
    let rpr = rpr.child("w:rPr").unwrap();
    assert_tnr(rpr.child("w:rFonts").unwrap(), "docDefaults");
    assert_eq!(val(rpr, &["w:sz"], "w:val"), Some("28"), "B-01 14 pt body = 28 half-points");
    let lang = rpr.child("w:lang").expect("C-14: w:lang in docDefaults");
    for a in ["w:val", "w:eastAsia", "w:bidi"] {
        assert_eq!(lang.attr(a), Some("vi-VN"), "C-14 {a}");
    }
}

#[test]
fn g04_named_styles_with_fonts_and_sizes() {
    let x = parsed(&sample_document());
    let expected = [
        ("Normal", 28),
        (styles::BODY, 28),
        (styles::PART, 28),
        (styles::SECTION, 28),
        (styles::CLAUSE, 28),
        (styles::POINT, 28),
        (styles::TABLE_TEXT, 26),
        (styles::RECIPIENTS, 22),
        (styles::SIGNATURE, 28),
        (styles::HEADER_BLOCK, 26),
        (styles::TITLE, 28),
        (styles::PAGE_NUMBER, 28),
    ];
    for (id, hp) in expected {
        let s = style(&x, id);
        assert_eq!(s.attr("w:type"), Some("paragraph"), "{id}");
        assert!(s.child("w:name").is_some(), "{id} has a name");
        let rpr = s.child("w:rPr").unwrap_or_else(|| panic!("{id} rPr"));
        assert_tnr(rpr.child("w:rFonts").unwrap(), id);
        assert_eq!(num(val(rpr, &["w:sz"], "w:val")), hp, "G-05 size of {id}");
    }
    let ids: Vec<_> = x["word/styles.xml"].root.elements().filter_map(|s| s.attr("w:styleId")).collect();
    let mut dedup = ids.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(ids.len(), dedup.len(), "each style defined once: {ids:?}");
    assert_eq!(style(&x, "Normal").attr("w:default"), Some("1"));
    assert_eq!(style(&x, styles::DATA_TABLE).attr("w:type"), Some("table"));
}

#[test]
fn b01_b02_b03_b04_body_style() {
    let doc = sample_document();
    let x = parsed(&doc);
    for id in [styles::BODY, styles::SECTION, styles::CLAUSE, styles::POINT] {
        let ppr = style(&x, id).child("w:pPr").unwrap();
        assert_eq!(val(ppr, &["w:jc"], "w:val"), Some("both"), "B-01 justified: {id}");
        let first = num(val(ppr, &["w:ind"], "w:firstLine"));
        assert!(first == 567 || first == 720, "B-02 indent {first} of {id}");
        assert_eq!(first, 720, "1,27 cm from the model");
        assert!(num(val(ppr, &["w:spacing"], "w:after")) >= 120, "B-03 >= 6 pt after: {id}");
        assert_eq!(num(val(ppr, &["w:spacing"], "w:line")), 276, "B-04 line = 240 * 1.15: {id}");
        assert_eq!(val(ppr, &["w:spacing"], "w:lineRule"), Some("auto"), "B-04 lineRule: {id}");
    }
    // Body paragraphs in the document: justified, first-line indent, no manual breaks.
    let bodies: Vec<_> =
        body(&x).elements().filter(|p| p.name == "w:p" && val(p, &["w:pPr", "w:pStyle"], "w:val") == Some(styles::BODY)).collect();
    assert!(bodies.len() >= 10);
    let mut justified = 0;
    for p in &bodies {
        if shown(&x, p, "w:jc", "w:val") == Some("both") {
            justified += 1;
            assert_eq!(num(shown(&x, p, "w:ind", "w:firstLine")), 720, "B-02: {}", text(p));
        }
    }
    assert!(justified >= 10, "B-01: body paragraphs show justified");
    for p in &bodies {
        assert!(all(p, "w:br").is_empty(), "no manual line breaks in body text (B-01): {}", text(p));
        assert!(all(p, "w:cr").is_empty(), "no carriage returns in body text (B-01): {}", text(p));
    }
}

#[test]
fn b10_b15_headings_have_role_styles_and_keep_next() {
    let x = parsed(&sample_document());
    let want = [
        ("Phần I", styles::PART),
        ("KẾT QUẢ THỰC HIỆN NĂM 2024", styles::PART),
        ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", styles::SECTION),
        ("1. Công tác tuyên truyền, vận động", styles::CLAUSE),
        ("a) Tuyên truyền trên hệ thống truyền thanh cơ sở", styles::POINT),
    ];
    for (t, id) in want {
        let p = body(&x).elements().find(|p| p.name == "w:p" && text(p) == t).unwrap_or_else(|| panic!("{t}"));
        let ppr = p.child("w:pPr").unwrap();
        assert_eq!(val(ppr, &["w:pStyle"], "w:val"), Some(id), "{t}");
        assert!(ppr.child("w:keepNext").is_some(), "heading {t} keeps with next");
    }
    for id in [styles::PART, styles::SECTION, styles::CLAUSE, styles::POINT] {
        assert!(style(&x, id).child("w:pPr").unwrap().child("w:keepNext").is_some(), "{id} style keepNext");
    }
    // Part headings are centred (B-10, B-11).
    assert_eq!(val(style(&x, styles::PART), &["w:pPr", "w:jc"], "w:val"), Some("center"));
}

/// Issue 9 (3): formatting lives in the styles. No run names a font (every
/// style and the defaults give Times New Roman, G-04); a run states a size,
/// bold or italic only where it differs from its paragraph's style; body and
/// heading runs of the model's size carry no size at all.
#[test]
fn g04_runs_carry_only_what_differs_from_their_style() {
    let x = parsed(&sample_document());
    let mut sized = 0;
    for name in ["word/document.xml", "word/header1.xml", "word/header2.xml"] {
        for (p, r) in runs_in(&x[name].root) {
            let id = val(p, &["w:pPr", "w:pStyle"], "w:val").unwrap_or("Normal");
            let srpr = style(&x, id).child("w:rPr").unwrap();
            let Some(rpr) = r.child("w:rPr") else { continue };
            assert!(rpr.child("w:rFonts").is_none(), "{name}: a run repeats the font: {}", text(r));
            for prop in ["w:sz", "w:szCs"] {
                if let Some(own) = rpr.child(prop) {
                    sized += 1;
                    assert_ne!(own.attr("w:val"), val(srpr, &[prop], "w:val"), "{name}: size repeated in {id}: {}", text(r));
                }
            }
            for prop in ["w:b", "w:i"] {
                if rpr.child(prop).is_some() {
                    let inherited = toggle(Some(srpr), prop).unwrap_or(false);
                    assert_ne!(toggle(Some(rpr), prop), Some(inherited), "{name}: {prop} repeated in {id}: {}", text(r));
                }
            }
        }
    }
    assert!(sized > 0, "runs of another size than their style's keep theirs (header lines)");
    let body_styles = [styles::BODY, styles::PART, styles::SECTION, styles::CLAUSE, styles::POINT];
    for (p, r) in runs_in(body(&x)) {
        let id = val(p, &["w:pPr", "w:pStyle"], "w:val").unwrap_or("Normal");
        if body_styles.contains(&id) {
            let rpr = r.child("w:rPr");
            assert!(rpr.is_none_or(|e| e.child("w:sz").is_none()), "body run with a size: {}", text(r));
        }
    }
    // What the reader sees is unchanged: the model's sizes and weights.
    let heading = "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO";
    let runs: Vec<_> = runs_in(body(&x)).into_iter().filter(|(p, _)| text(p) == heading).collect();
    assert!(!runs.is_empty());
    for (p, r) in runs {
        assert_eq!(effective(&x, p, r), (28, true, false), "B-12 heading bold 14 pt");
    }
}

/// Issue 9 (3): Mục, Khoản and Điểm are Word's built-in headings with outline
/// levels, so the navigation pane lists them; Phần at the top level.
/// Paragraphs state spacing, indents and alignment only where they differ
/// from their style: a body paragraph of the model's usual form carries
/// none, and no paragraph repeats its style's element.
#[test]
fn paragraphs_state_only_what_differs_from_their_style() {
    let x = parsed(&sample_document());
    for p in all(document(&x), "w:p") {
        let Some(ppr) = p.child("w:pPr") else { continue };
        let id = val(p, &["w:pPr", "w:pStyle"], "w:val").unwrap_or("Normal");
        for name in ["w:spacing", "w:ind", "w:jc"] {
            let (Some(own), Some(of_style)) = (ppr.child(name), style(&x, id).child("w:pPr").and_then(|s| s.child(name))) else { continue };
            assert_ne!(own.attrs, of_style.attrs, "{name} repeats style {id}: {}", text(p));
        }
    }
    let plain = body(&x)
        .elements()
        .filter(|p| p.name == "w:p" && val(p, &["w:pPr", "w:pStyle"], "w:val") == Some(styles::BODY))
        .filter(|p| ["w:spacing", "w:ind", "w:jc"].iter().all(|n| p.child("w:pPr").unwrap().child(n).is_none()))
        .count();
    assert!(plain >= 10, "{plain} body paragraphs without direct spacing, indents or alignment");
}

#[test]
fn b12_b15_headings_are_word_headings_with_outline_levels() {
    let x = parsed(&sample_document());
    for (id, name, level) in [
        (styles::SECTION, "heading 1", "0"),
        (styles::CLAUSE, "heading 2", "1"),
        (styles::POINT, "heading 3", "2"),
        (styles::PART, "Phần", "0"),
    ] {
        let s = style(&x, id);
        assert_eq!(val(s, &["w:name"], "w:val"), Some(name), "{id}");
        assert_eq!(val(s, &["w:pPr", "w:outlineLvl"], "w:val"), Some(level), "{id} outline level");
    }
    assert_eq!([styles::SECTION, styles::CLAUSE, styles::POINT], ["Heading1", "Heading2", "Heading3"]);
    // Body text has no outline level (Word's "body text").
    assert!(style(&x, styles::BODY).child("w:pPr").unwrap().child("w:outlineLvl").is_none());
}

#[test]
fn header_block_is_a_fixed_borderless_table_with_bottom_lines_in_their_own_row() {
    let doc = sample_document();
    let x = parsed(&doc);
    let t = tables(&x)[0];
    let tblpr = t.child("w:tblPr").unwrap();
    assert_eq!(val(tblpr, &["w:tblLayout"], "w:type"), Some("fixed"));
    for b in tblpr.child("w:tblBorders").unwrap().elements() {
        assert!(matches!(b.attr("w:val"), Some("none" | "nil")), "layout table border {}", b.name);
    }
    let g = grid(t);
    let text_w = doc.page.text_width().twips();
    assert_eq!(g.iter().sum::<i32>(), text_w);
    assert_eq!(g[0], (0.38 * text_w as f32).round() as i32, "widths from the model");
    let rs = rows(t);
    assert_eq!(rs.len(), 2, "lines + marks, then the bottom lines (H-15)");
    for row in &rs {
        for (c, w) in cells(row).iter().zip(&g) {
            assert_eq!(num(val(c, &["w:tcPr", "w:tcW"], "w:w")), *w, "cell width = grid");
        }
    }
    let bottom: Vec<String> = cells(rs[1]).iter().map(|c| text(c)).collect();
    assert_eq!(bottom, ["Số: 125/BC-UBND", "Đông Anh, ngày 15 tháng 12 năm 2024"], "H-15 one row");
    let top: Vec<String> = cells(rs[0]).iter().map(|c| text(c)).collect();
    assert_eq!(top, ["ỦY BAN NHÂN DÂNHUYỆN ĐÔNG ANH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc"]);
    // H-01/H-02 sizes and weights come through to the runs.
    for (p, r) in runs_in(rs[0]) {
        assert!(effective(&x, p, r).1, "H-01, H-02, H-06 bold: {}", text(r));
    }
    // H-14: the date is italic.
    assert!(all(cells(rs[1])[1], "w:i").len() == 1, "H-14 italic date");
}

#[test]
fn h03_h07_t03_rules_have_the_required_lengths() {
    let doc = sample_document();
    let x = parsed(&doc);
    let t = tables(&x)[0];
    let g = grid(t);
    let top = cells(rows(t)[0]);
    // H-07: 0.4 of "HUYỆN ĐÔNG ANH" (bold 13), centred in the issuer column.
    let issuer = rule_paragraphs(top[0]);
    assert_eq!(issuer.len(), 1);
    let want = (tw("HUYỆN ĐÔNG ANH", &Style::bold(13.0)) as f32 * 0.4).round() as i32;
    assert!((rule_length(issuer[0], g[0]) - want).abs() <= 2, "H-07");
    let ind = issuer[0].child("w:pPr").unwrap().child("w:ind").unwrap();
    assert!((num(ind.attr("w:left")) - num(ind.attr("w:right"))).abs() <= 1, "H-07 centred");
    // H-03: exactly the Tiêu ngữ's width (60.5 mm at bold 14).
    let motto = rule_paragraphs(top[1]);
    assert_eq!(motto.len(), 1);
    let len = rule_length(motto[0], g[1]);
    assert!((len - tw("Độc lập - Tự do - Hạnh phúc", &Style::bold(14.0))).abs() <= 2, "H-03 {len}");
    assert!((Mm(60.5).twips() - len).abs() < 15, "H-03 = 60.5 mm, got {len} tw");
    // T-03: 0.4 of the trích yếu line, centred across the text width.
    let title_rules: Vec<_> = body(&x).elements().filter(|p| p.name == "w:p" && all(p, "w:pBdr").len() == 1).collect();
    assert_eq!(title_rules.len(), 1);
    let crate::doc::Separator::Rule(length) = doc.title.separator.clone() else { panic!("T-03 rule") };
    let want = (length.0 * 20.0).round() as i32;
    assert!((rule_length(title_rules[0], doc.page.text_width().twips()) - want).abs() <= 2, "T-03: the model's length");
    // Rules are drawn, never typed.
    let all_text = text(document(&x));
    assert!(!all_text.contains("___") && !all_text.contains("---"), "no typed rules");
}

#[test]
fn c04_data_table_borders_widths_repeated_header_and_unsplit_rows() {
    let doc = sample_document();
    let x = parsed(&doc);
    let t = tables(&x).into_iter().find(|t| val(t, &["w:tblPr", "w:tblStyle"], "w:val") == Some(styles::DATA_TABLE)).expect("data table");
    let tblpr = t.child("w:tblPr").unwrap();
    assert_eq!(val(tblpr, &["w:tblLayout"], "w:type"), Some("fixed"));
    for b in tblpr.child("w:tblBorders").unwrap().elements() {
        assert_eq!(b.attr("w:val"), Some("single"), "data table border {}", b.name);
    }
    let g = grid(t);
    let text_w = doc.page.text_width().twips();
    assert_eq!(g.iter().sum::<i32>(), text_w);
    let crate::doc::Block::Table(model) = doc.body.iter().find(|b| matches!(b, crate::doc::Block::Table(_))).unwrap() else {
        unreachable!()
    };
    assert!((g[1] - (model.grid[1].0 * 20.0).round() as i32).abs() <= 1, "the model's grid: {g:?}");
    let rs = rows(t);
    assert_eq!(rs.len(), 9);
    for (i, r) in rs.iter().enumerate() {
        let trpr = r.child("w:trPr").expect("trPr");
        assert!(trpr.child("w:cantSplit").is_some(), "row {i} cantSplit");
        assert_eq!(trpr.child("w:tblHeader").is_some(), i == 0, "only the first row repeats (row {i})");
    }
    // Keeps as the layout's: the header with the first row, the last row
    // never alone (its predecessor keeps with it); nothing else.
    for (i, r) in rs.iter().enumerate() {
        let kept = cells(r)
            .iter()
            .all(|c| c.elements().filter(|e| e.name == "w:p").all(|p| p.child("w:pPr").unwrap().child("w:keepNext").is_some()));
        assert_eq!(kept, i == 0 || i == 1 || i + 2 == rs.len(), "row {i} keep with next");
    }
    for c in cells(rs[0]) {
        assert_eq!(val(c, &["w:p", "w:pPr", "w:jc"], "w:val"), Some("center"), "header centred");
        for (p, r) in runs_in(c) {
            assert!(effective(&x, p, r).1, "header bold");
        }
    }
    for (p, r) in runs_in(t) {
        assert_eq!(effective(&x, p, r).0, 26, "table text 13 pt");
    }
    // The unit note: italic, right-aligned, directly above the table.
    let kids: Vec<&Element> = body(&x).elements().collect();
    let at = kids.iter().position(|e| std::ptr::eq(*e, t)).unwrap();
    let note = kids[at - 1];
    assert_eq!(text(note), "Đơn vị tính: lượt, hộ, khu dân cư");
    assert_eq!(val(note, &["w:pPr", "w:jc"], "w:val"), Some("right"));
    assert!(all(note, "w:i").len() == 1, "italic note");
    assert!(note.child("w:pPr").unwrap().child("w:keepNext").is_some());
}

#[test]
fn s02_s04_r03_one_signer_beside_the_recipients() {
    let doc = sample_document();
    let x = parsed(&doc);
    let t = *tables(&x).last().unwrap();
    let tblpr = t.child("w:tblPr").unwrap();
    assert_eq!(val(tblpr, &["w:tblLayout"], "w:type"), Some("fixed"));
    for b in tblpr.child("w:tblBorders").unwrap().elements() {
        assert!(matches!(b.attr("w:val"), Some("none" | "nil")), "layout table border {}", b.name);
    }
    let g = grid(t);
    assert_eq!(g[0], (0.45 * doc.page.text_width().twips() as f32).round() as i32);
    let rs = rows(t);
    assert_eq!(rs.len(), 1);
    assert!(rs[0].child("w:trPr").unwrap().child("w:cantSplit").is_some(), "signature row never splits");
    let [left, right] = cells(rs[0])[..] else { panic!("two cells") };
    let lp: Vec<&Element> = left.elements().filter(|e| e.name == "w:p").collect();
    let rp: Vec<&Element> = right.elements().filter(|e| e.name == "w:p").collect();
    // R-03: "Nơi nhận:" is the first line, bold italic 12 pt; R-04 items 11 pt.
    assert_eq!(text(lp[0]), "Nơi nhận:");
    let label = runs_in(lp[0])[0];
    assert_eq!(effective(&x, label.0, label.1), (24, true, true), "R-03 bold italic 12 pt");
    assert_eq!(text(lp[1]), "- Như trên;");
    let item = runs_in(lp[1])[0];
    assert_eq!(effective(&x, item.0, item.1), (22, false, false), "R-04 11 pt");
    assert_eq!(text(lp.last().unwrap()), "- Lưu: VT, VP.");
    // The layout's 12 pt above the closing: the body's last paragraph adds its
    // spacing after, the closing the rest (never 12 pt on top of it).
    assert!(matches!(doc.body.last(), Some(crate::doc::Block::Paragraph(_))));
    let after = doc.body_style.space_after.twips();
    assert!(after > 0);
    assert_eq!(
        num(val(rp[0], &["w:pPr", "w:spacing"], "w:before")),
        240 - after,
        "the signature's first line: 12 pt less the paragraph's after"
    );
    // S-02: title lines bold; the gap; S-04 the name bold.
    let titles: Vec<String> = rp[..3].iter().map(|p| text(p)).collect();
    assert_eq!(titles, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    for p in &rp[..3] {
        assert!(runs_in(p).iter().all(|(p, r)| effective(&x, p, r).1), "S-02 bold");
    }
    let gap = rp[3].child("w:pPr").unwrap().child("w:spacing").unwrap();
    assert_eq!(gap.attr("w:lineRule"), Some("exact"));
    assert_eq!(num(gap.attr("w:line")), Mm(25.0).twips(), "S-07 gap from the model");
    assert_eq!(text(rp[4]), "Nguyễn Văn An");
    assert!(runs_in(rp[4]).iter().all(|(p, r)| effective(&x, p, r).1), "S-04 name bold");
    // R-03: the label's first baseline is level with the first title line:
    // the smaller label gets the ascent difference as extra space before.
    let before = |p: &Element| num(val(p, &["w:pPr", "w:spacing"], "w:before"));
    let diff = before(lp[0]) - before(rp[0]);
    let asc = FontSet::get().face(crate::fonts::Face::Regular).ascender;
    assert!((diff as f32 - asc * 2.0 * 20.0).abs() <= 1.0, "R-03 level: {diff}");
    // Keep the closing with the last paragraph: that paragraph keeps with next.
    let kids: Vec<&Element> = body(&x).elements().collect();
    let at = kids.iter().position(|e| std::ptr::eq(*e, t)).unwrap();
    assert!(kids[at - 1].child("w:pPr").unwrap().child("w:keepNext").is_some());
}

#[test]
fn several_signers_two_per_row_third_centred_recipients_in_the_last_row() {
    let mut doc = sample_document();
    let signer = |a: &str, b: &str, n: &str| SignatureBlock {
        lines: vec![Line::new(a, Style::bold(14.0)), Line::new(b, Style::bold(14.0))],
        name: Line::new(n, Style::bold(14.0)),
        level_lines: 0,
    };
    // As compose levels a row: the two-line block beside a three-line one.
    let padded = SignatureBlock { level_lines: 1, ..signer("K/T TRƯỞNG BAN DÂN VẬN", "PHÓ TRƯỞNG BAN", "Trần Thị Bình") };
    doc.closing.signers = vec![
        padded,
        SignatureBlock {
            lines: vec![
                Line::new("TM. ỦY BAN NHÂN DÂN", Style::bold(14.0)),
                Line::new("KT. CHỦ TỊCH", Style::bold(14.0)),
                Line::new("PHÓ CHỦ TỊCH", Style::bold(14.0)),
            ],
            name: Line::new("Nguyễn Văn An", Style::bold(14.0)),
            level_lines: 0,
        },
        signer("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Lê Văn Cường"),
    ];
    let x = parsed(&doc);
    let t = *tables(&x).last().unwrap();
    let rs = rows(t);
    assert_eq!(rs.len(), 3, "two per row, then the recipients' row");
    assert_eq!(cells(rs[0]).len(), 2);
    let third = cells(rs[1]);
    assert_eq!(third.len(), 1);
    assert_eq!(val(third[0], &["w:tcPr", "w:gridSpan"], "w:val"), Some("2"), "third centred across both");
    for r in &rs {
        assert!(r.child("w:trPr").unwrap().child("w:cantSplit").is_some());
    }
    // The two-line block's gap is padded by one line so the names stay level.
    let gaps: Vec<i32> = cells(rs[0])
        .iter()
        .map(|c| {
            let p = c.elements().filter(|e| e.name == "w:p").find(|p| text(p).is_empty()).unwrap();
            num(val(p, &["w:pPr", "w:spacing"], "w:line"))
        })
        .collect();
    assert!(gaps[0] > gaps[1] + 300, "padded gap {gaps:?}");
    // Recipients are the last row, across both columns, so no word processor
    // can leave them on a page of their own.
    let last = cells(rs[2]);
    assert_eq!(last.len(), 1);
    assert_eq!(val(last[0], &["w:tcPr", "w:gridSpan"], "w:val"), Some("2"));
    let lines: Vec<String> = last[0].elements().filter(|e| e.name == "w:p").map(text).collect();
    assert_eq!(lines[0], "Nơi nhận:");
    assert_eq!(lines[1], "- Như trên;");
}

#[test]
fn r01_several_addressees_one_per_line_aligned() {
    let mut doc = sample_document();
    let to = doc.to.as_mut().unwrap();
    to.rows = vec![
        crate::doc::AddresseeRow { offset: crate::units::Pt(0.0), text: "- Ban Thường vụ Huyện ủy;".into() },
        crate::doc::AddresseeRow { offset: crate::units::Pt(0.0), text: "- Thường trực HĐND huyện.".into() },
    ];
    let x = parsed(&doc);
    let ps: Vec<&Element> = body(&x).elements().filter(|p| p.name == "w:p").collect();
    let i = ps.iter().position(|p| text(p).starts_with("Kính gửi:")).expect("Kính gửi");
    assert_eq!(text(ps[i]), "Kính gửi: - Ban Thường vụ Huyện ủy;");
    assert_eq!(text(ps[i + 1]), "- Thường trực HĐND huyện.");
    let left = |p: &Element| num(val(p, &["w:pPr", "w:ind"], "w:left"));
    let label = tw("Kính gửi: ", &Style::regular(14.0));
    assert_eq!(left(ps[i + 1]) - left(ps[i]), label, "dashes aligned");
    // One addressee: same line, centred.
    let x = parsed(&sample_document());
    let p = body(&x).elements().find(|p| text(p).starts_with("Kính gửi:")).unwrap();
    assert_eq!(text(p), "Kính gửi: Ban Thường vụ Huyện ủy Đông Anh");
    let indent = sample_document().to.unwrap().indent;
    assert_eq!(left(p), (indent.0 * 20.0).round() as i32, "R-01 where the model centred it");
}

#[test]
fn g06_c13_page_number_field_from_page_two() {
    let doc = sample_document();
    let x = parsed(&doc);
    let sect = body(&x).child("w:sectPr").unwrap();
    assert!(sect.child("w:titlePg").is_some(), "C-13 titlePg");
    let refs: HashMap<&str, &str> =
        sect.elements().filter(|e| e.name == "w:headerReference").map(|e| (e.attr("w:type").unwrap(), e.attr("r:id").unwrap())).collect();
    assert!(refs.contains_key("default") && refs.contains_key("first"));
    let rels = &x["word/_rels/document.xml.rels"].root;
    let target = |id: &str| {
        let r = rels.elements().find(|r| r.attr("Id") == Some(id)).unwrap();
        format!("word/{}", r.attr("Target").unwrap())
    };
    let default = &x[&target(refs["default"])].root;
    let instr: Vec<String> = all(default, "w:instrText").iter().map(|e| e.text().trim().to_string()).collect();
    assert_eq!(instr, ["PAGE"], "G-06 PAGE field");
    let chars: Vec<&str> = all(default, "w:fldChar").iter().map(|e| e.attr("w:fldCharType").unwrap()).collect();
    assert_eq!(chars, ["begin", "separate", "end"]);
    let p = all(default, "w:p")[0];
    assert_eq!(shown(&x, p, "w:jc", "w:val"), Some("center"), "G-06 centred");
    for (p, r) in runs_in(default) {
        assert_eq!(effective(&x, p, r), (28, false, false), "G-06 14 pt, upright, regular");
    }
    let first = &x[&target(refs["first"])].root;
    assert!(all(first, "w:fldChar").is_empty() && text(first).is_empty(), "G-06 nothing on page 1");
    // The header sits in the top margin, its baseline at the model's position.
    let m = sect.child("w:pgMar").unwrap();
    let asc = FontSet::get().face(crate::fonts::Face::Regular).ascender * 14.0;
    let want = ((doc.page.page_number_baseline.pt() - asc) * 20.0).round() as i32;
    assert_eq!(num(m.attr("w:header")), want);
    assert!(num(m.attr("w:header")) < num(m.attr("w:top")));
}

#[test]
fn core_properties_title_author_language_and_the_documents_date() {
    let doc = sample_document();
    let x = parsed(&doc);
    let core = &x["docProps/core.xml"].root;
    assert_eq!(core.child("dc:title").unwrap().text(), doc.meta.title);
    assert_eq!(core.child("dc:creator").unwrap().text(), doc.meta.author);
    assert_eq!(core.child("dc:language").unwrap().text(), "vi-VN");
    assert_eq!(core.child("dcterms:created").unwrap().text(), "2024-12-15T00:00:00Z");
    assert_eq!(core.child("dcterms:modified").unwrap().text(), "2024-12-15T00:00:00Z");
}

#[test]
fn package_is_deflated_with_fixed_timestamps_and_stable_order() {
    let bytes = write(&sample_document());
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        // Deflated whenever that makes the part smaller (every part here),
        // but the core properties, which differ in every report.
        let method = if f.name() == "docProps/core.xml" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        assert_eq!(f.compression(), method, "{} ({} bytes)", f.name(), f.size());
        assert_eq!(f.last_modified(), Some(zip::DateTime::default()), "{}", f.name());
        names.push(f.name().to_string());
        let mut s = Vec::new();
        f.read_to_end(&mut s).unwrap();
    }
    assert_eq!(names[0], "[Content_Types].xml");
    assert!(names.contains(&"word/document.xml".to_string()));
    assert!(!names.iter().any(|n| n.ends_with('/')), "no directory entries");
}

/// Only the parts the document uses, each with its content type, every
/// relationship pointing at a part of the package and every `r:id` of the
/// document and its headers resolved; the core and app properties stay.
#[test]
fn package_holds_exactly_the_parts_the_document_uses() {
    let x = parsed(&sample_document());
    let mut names: Vec<&str> = x.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/settings.xml",
            "word/styles.xml",
        ]
    );
    let types = &x["[Content_Types].xml"].root;
    for name in &names {
        let overridden = types.elements().any(|e| e.name == "Override" && e.attr("PartName") == Some(&format!("/{name}")));
        let ext = name.rsplit('.').next().unwrap();
        let by_default = types.elements().any(|e| e.name == "Default" && e.attr("Extension") == Some(ext));
        assert!(overridden || by_default, "{name} has a content type");
        if !name.ends_with(".rels") && *name != "[Content_Types].xml" {
            assert!(overridden, "{name} has its own content type");
        }
    }
    for e in types.elements().filter(|e| e.name == "Override") {
        assert!(names.contains(&&e.attr("PartName").unwrap()[1..]), "{:?} is in the package", e.attr("PartName"));
    }
    let targets = |rels: &str, base: &str| -> Vec<(String, String)> {
        x[rels].root.elements().map(|r| (r.attr("Id").unwrap().to_string(), format!("{base}{}", r.attr("Target").unwrap()))).collect()
    };
    let package = targets("_rels/.rels", "");
    let document = targets("word/_rels/document.xml.rels", "word/");
    for (_, target) in package.iter().chain(&document) {
        assert!(names.contains(&target.as_str()), "{target} is in the package");
    }
    for p in ["docProps/core.xml", "docProps/app.xml", "word/document.xml"] {
        assert!(package.iter().any(|(_, t)| t == p), "{p} is related to the package");
    }
    for p in ["word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml"] {
        assert!(document.iter().any(|(_, t)| t == p), "{p} is related to the document");
    }
    let mut ids = 0;
    for part in ["word/document.xml", "word/header1.xml", "word/header2.xml"] {
        for e in x[part].root.descendants() {
            if let Some(id) = e.attr("r:id") {
                ids += 1;
                assert!(document.iter().any(|(i, _)| i == id), "{part}: {id} resolves");
            }
        }
    }
    assert_eq!(ids, 2, "the two header references");
}

#[test]
fn deterministic_bytes_across_calls_and_threads() {
    let doc = sample_document();
    let a = write(&doc);
    let b = write(&doc);
    assert!(a == b, "two writes differ");
    let d2 = doc.clone();
    let c = std::thread::spawn(move || write(&d2)).join().unwrap();
    assert!(a == c, "a write on another thread differs");
}

/// Child order of every rPr / pPr / sectPr / tblPr / trPr / tcPr (and styles,
/// borders, margins, settings) follows the ECMA-376 sequences, in every part.
#[test]
fn schema_order_of_every_property_container() {
    let x = parsed(&sample_document());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (name, part) in &x {
        let v = schema::violations(&part.root);
        assert!(v.is_empty(), "{name}: {v:#?}");
        for e in part.root.descendants() {
            for c in ["w:rPr", "w:pPr", "w:sectPr", "w:tblPr", "w:trPr", "w:tcPr"] {
                if e.name == c {
                    *seen.entry(c).or_default() += 1;
                }
            }
        }
    }
    for c in ["w:rPr", "w:pPr", "w:sectPr", "w:tblPr", "w:trPr", "w:tcPr"] {
        assert!(seen.get(c).copied().unwrap_or(0) > 0, "{c} checked");
    }
    // Stricter than `violations` for the six property containers: every child
    // is listed, and appears in strictly increasing slot order (no repeats).
    for part in x.values() {
        for e in part.root.descendants() {
            let Some((seq, true)) = schema::sequence(&e.name) else { continue };
            if !["w:rPr", "w:pPr", "w:sectPr", "w:tblPr", "w:trPr", "w:tcPr"].contains(&e.name.as_str()) {
                continue;
            }
            let ranks: Vec<usize> = e.elements().map(|c| schema::rank(seq, &c.name).unwrap()).collect();
            let is_refs = |r: usize| e.name == "w:sectPr" && r == 0;
            assert!(
                ranks.windows(2).all(|w| w[0] < w[1] || (is_refs(w[0]) && is_refs(w[1]))),
                "{}: {:?}",
                e.name,
                e.elements().map(|c| c.name.as_str()).collect::<Vec<_>>()
            );
        }
    }
}

/// The rewrite is needed: docx-rs's own document.xml breaks the schema order.
#[test]
fn docx_rs_output_needs_the_rewrite() {
    let raw = build::docx(&sample_document()).build();
    let x = xml::parse(std::str::from_utf8(&raw.document).unwrap()).unwrap();
    assert!(!schema::violations(&x.root).is_empty());
}

#[test]
fn p03_p09_party_asterisk_and_dashes() {
    use crate::doc::{Mark, Separator};
    let mut doc = sample_document();
    doc.header.issuers[0].mark = Mark::Symbol(Line::new("*", Style::regular(13.0)));
    doc.title.separator = Separator::Symbol(Line::new("-----", Style::regular(14.0)));
    let x = parsed(&doc);
    let issuer = cells(rows(tables(&x)[0])[0])[0];
    assert!(rule_paragraphs(issuer).is_empty(), "no rule under a Party issuer");
    let ps: Vec<&Element> = issuer.elements().filter(|e| e.name == "w:p").collect();
    assert_eq!(text(ps.last().unwrap()), "*");
    assert_eq!(shown(&x, ps.last().unwrap(), "w:jc", "w:val"), Some("center"));
    let dashes = body(&x).elements().find(|p| text(p) == "-----").expect("P-09 dashes");
    assert_eq!(shown(&x, dashes, "w:jc", "w:val"), Some("center"));
}

#[test]
fn h16_the_date_is_centred_in_the_motto_cell_the_model_sized() {
    let mut doc = sample_document();
    let date = "Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2024";
    doc.header.motto.bottom = Some(Line::new(date, Style::italic(14.0)));
    let x = parsed(&doc);
    let t = tables(&x)[0];
    let cell = cells(rows(t)[1])[1];
    let p = all(cell, "w:p")[0];
    assert_eq!(shown(&x, p, "w:jc", "w:val"), Some("center"));
    assert_eq!(num(shown(&x, p, "w:ind", "w:left").or(Some("0"))), 0, "no writer-made shift: the model moves the column");
}
