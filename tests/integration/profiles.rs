//! The party (§8), front (§9) and joint (§11) profiles on the three samples
//! that show them, checked on the laid-out PDF pages and in the DOCX XML, by
//! rule ID of format-spec.md.

use std::io::Read;
use std::path::PathBuf;

use baocao::doc::Document;
use baocao::fonts::Face;
use baocao::layout::{Item, Page, TextItem};
use baocao::{Format, Renderer};

use crate::common::root;

fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// The composed document and its pages, through the product's path (`render_file` without the writers).
fn laid_out(name: &str) -> (Document, Vec<Page>) {
    let doc = Renderer::new().unwrap().compose_file(&sample(name)).unwrap_or_else(|d| panic!("{d:?}")).document;
    let pages = baocao::layout::layout(&doc);
    (doc, pages)
}

fn texts(page: &Page) -> impl Iterator<Item = &TextItem> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        Item::Line { .. } => None,
    })
}

fn find<'a>(page: &'a Page, text: &str) -> &'a TextItem {
    texts(page).find(|t| t.text.trim_end() == text).unwrap_or_else(|| panic!("no text item {text:?}"))
}

fn has(page: &Page, text: &str) -> bool {
    texts(page).any(|t| t.text.trim_end() == text)
}

fn centre(t: &TextItem) -> f32 {
    t.x + t.width / 2.0
}

/// Horizontal strokes just under a text item: (x1, x2).
fn strokes_under(page: &Page, t: &TextItem) -> Vec<(f32, f32)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Line { x1, y1, x2, y2, .. } if (y1 - y2).abs() < 0.01 && *y1 > t.baseline && *y1 < t.baseline + t.size => {
                Some((*x1, *x2))
            }
            _ => None,
        })
        .filter(|(x1, x2)| *x1 < t.x + t.width && *x2 > t.x)
        .collect()
}

fn docx_xml(name: &str) -> String {
    let rendered = Renderer::new().unwrap().render_file(&sample(name), &[Format::Docx]).unwrap_or_else(|d| panic!("{d:?}"));
    let bytes = &rendered.outputs[0].1;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// Text of each `w:p` paragraph, in document order.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in xml.split("</w:p>") {
        let mut text = String::new();
        let mut rest = chunk;
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`…
        while let Some(i) = rest.find("<w:t>").into_iter().chain(rest.find("<w:t ")).min() {
            rest = &rest[i..];
            let open_end = rest.find('>').unwrap();
            let close = rest.find("</w:t>").unwrap();
            text.push_str(&rest[open_end + 1..close]);
            rest = &rest[close..];
        }
        out.push(text.replace("&amp;", "&").replace("&quot;", "\"").replace("&apos;", "'"));
    }
    out
}

fn paragraph_xml<'a>(xml: &'a str, text: &str) -> &'a str {
    xml.split("</w:p>").find(|p| paragraphs(p).concat().contains(text)).unwrap_or_else(|| panic!("no paragraph {text:?}"))
}

const PARTY: &str = "ban-dan-van-quy-3-2017.yaml";
const FRONT: &str = "mttq-duc-tho-2020.yaml";
const JOINT: &str = "chuong-trinh-phoi-hop-2021.yaml";

#[test]
fn party_p01_p03_p04_p06_header_on_the_page() {
    let (_, pages) = laid_out(PARTY);
    let p = &pages[0];
    assert!(!texts(p).any(|t| t.text.contains("CỘNG HÒA")), "P-01: no Quốc hiệu");
    let title = find(p, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!((title.face, title.size), (Face::Bold, 15.0), "P-02");
    let rule = strokes_under(p, title);
    assert!(rule.iter().any(|(a, b)| ((b - a) - title.width).abs() < 0.5), "P-01: rule of the title's length: {rule:?}");
    let parent = find(p, "TỈNH ỦY HÀ TĨNH");
    let board = find(p, "BAN DÂN VẬN");
    assert_eq!((parent.face, parent.size), (Face::Regular, 14.0), "P-03 superior body");
    assert_eq!((board.face, board.size), (Face::Bold, 14.0), "P-03 issuing body");
    let star = find(p, "*");
    assert!((centre(star) - centre(board)).abs() < 0.5 && star.baseline > board.baseline, "P-03: * centred under the body");
    assert!(strokes_under(p, board).is_empty(), "P-03: no rule under a Party body");
    let number = find(p, "Số 45-BC/BDVTU");
    assert_eq!((number.face, number.size), (Face::Regular, 14.0), "P-04");
    assert!(star.baseline < number.baseline && (centre(number) - centre(board)).abs() < 0.5, "P-04: under the *");
    let date = find(p, "Hà Tĩnh, ngày 20 tháng 10 năm 2017");
    assert_eq!((date.face, date.size), (Face::Italic, 14.0), "P-06");
    assert!((date.baseline - number.baseline).abs() < 0.01, "P-06: level with the Số");
    assert!((centre(date) - centre(title)).abs() < 0.5);
}

#[test]
fn party_p07_p08_p09_p12_title_and_headings() {
    let (doc, pages) = laid_out(PARTY);
    let p = &pages[0];
    let ty = find(p, "BÁO CÁO");
    assert_eq!((ty.face, ty.size), (Face::Bold, 15.0), "P-07");
    assert!(doc.title.summary_text().starts_with("kết quả công tác dân vận quý III"), "P-08: lower-case start");
    assert_eq!(doc.title.summary[0].style.size.0, 14.0);
    assert!(has(p, "-----"), "P-09: dashes under the trích yếu");
    let all: String = pages.iter().flat_map(texts).map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(all.contains("I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ III NĂM 2017"), "P-12");
    assert!(all.contains("II- PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2017"), "P-12");
}

#[test]
fn party_p13_p14_p15_p16_p23_last_page() {
    let (_, pages) = laid_out(PARTY);
    let last = pages.last().unwrap();
    let kt = find(last, "K/T TRƯỞNG BAN");
    assert_eq!((kt.face, kt.size), (Face::Bold, 14.0), "P-13, P-14 authority");
    let title = find(last, "PHÓ TRƯỞNG BAN");
    assert_eq!(title.face, Face::Regular, "P-14 title (§8.1 sketch)");
    assert!((centre(title) - centre(kt)).abs() < 0.5);
    let name = find(last, "Trần Văn Hiếu");
    assert_eq!((name.face, name.size), (Face::Bold, 14.0));
    let label = find(last, "Nơi nhận:");
    assert_eq!((label.face, label.size), (Face::Regular, 14.0), "P-15");
    assert!(!strokes_under(last, label).is_empty(), "P-15 underlined");
    assert!((label.baseline - kt.baseline).abs() < 0.01, "P-15 level with the signature");
    for item in ["- Thường trực Tỉnh ủy (b/c),", "- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh,", "- Lưu VP."] {
        let t = find(last, item);
        assert_eq!(t.size, 12.0, "P-16: {item}");
    }
    let body: Vec<&TextItem> = texts(last).filter(|t| t.size == 14.0 && t.baseline < kt.baseline - 10.0).collect();
    let end = body.iter().max_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x))).unwrap();
    assert!(end.text.trim_end().ends_with("năm 2017.") && !end.text.contains("./."), "P-23: {:?}", end.text);
}

#[test]
fn front_section9_state_layout_with_its_own_header() {
    let (_, pages) = laid_out(FRONT);
    let p = &pages[0];
    assert_eq!(find(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").size, 13.0, "H-01");
    let governing = find(p, "ỦY BAN MTTQ VIỆT NAM");
    let place = find(p, "HUYỆN ĐỨC THỌ");
    assert_eq!((governing.face, place.face), (Face::Regular, Face::Regular), "H-05, broken before HUYỆN");
    let btt = find(p, "BAN THƯỜNG TRỰC");
    assert_eq!((btt.face, btt.size), (Face::Bold, 13.0), "H-06");
    let rule = strokes_under(p, btt);
    let ratio = (rule[0].1 - rule[0].0) / btt.width;
    assert!((1.0 / 3.0..=0.5).contains(&ratio), "H-07 {ratio}");
    assert!(!has(p, "*"));
    assert_eq!(find(p, "Số: 18/BC-MTTQ-BTT").size, 13.0, "H-09, H-10");
    let last = pages.last().unwrap();
    let tm = find(last, "TM. BAN THƯỜNG TRỰC");
    assert_eq!(tm.face, Face::Bold, "§9 signature");
    assert_eq!(find(last, "CHỦ TỊCH").face, Face::Bold, "S-02");
    let label = find(last, "Nơi nhận:");
    assert_eq!((label.face, label.size), (Face::BoldItalic, 12.0), "R-03");
    assert_eq!(find(last, "- Như trên;").size, 11.0, "R-01, R-04");
    assert!(has(last, "- Lưu: VT, VP."), "R-05");
}

#[test]
fn joint_section11_header_columns_numbers_and_motto() {
    let (doc, pages) = laid_out(JOINT);
    let p = &pages[0];
    let qh = find(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let board = find(p, "BAN DÂN VẬN");
    let star = find(p, "*");
    let party_no = find(p, "Số 05-CTr/BDV");
    let state_no = find(p, "Số: 12/CTr-UBND");
    let date = find(p, "Bình Liêu, ngày 31 tháng 3 năm 2021");
    // Co-issuer left, lead next to the motto (the lead on the right, §11).
    assert!(centre(board) < centre(state_no) && centre(state_no) < centre(qh));
    assert!((centre(star) - centre(board)).abs() < 0.5, "P-03 in its own column");
    assert!((centre(party_no) - centre(board)).abs() < 0.5, "each number under its body");
    assert!((party_no.baseline - state_no.baseline).abs() < 0.01 && (date.baseline - state_no.baseline).abs() < 0.01, "H-15");
    assert!(party_no.x + party_no.width < state_no.x && state_no.x + state_no.width < date.x, "numbers and date apart");
    assert_eq!(doc.header.issuers.len(), 2);
    // No two header texts overlap, and all stay inside the text width.
    let header: Vec<&TextItem> = texts(p).filter(|t| t.baseline <= date.baseline).collect();
    let (left, right) = (doc.page.margin_left.pt(), doc.page.width.pt() - doc.page.margin_right.pt());
    for (i, a) in header.iter().enumerate() {
        assert!(a.x >= left - 0.5 && a.x + a.width <= right + 0.5, "{:?} outside the text width", a.text);
        for b in &header[i + 1..] {
            let same_row = (a.baseline - b.baseline).abs() < a.size.min(b.size) * 0.9;
            assert!(!(same_row && a.x < b.x + b.width && b.x < a.x + a.width), "{:?} overlaps {:?}", a.text, b.text);
        }
    }
    assert_eq!(find(p, "CHƯƠNG TRÌNH PHỐI HỢP").face, Face::Bold, "T-01 with document.type_name");
}

#[test]
fn joint_section11_signatures_side_by_side_lead_on_the_right_then_recipients() {
    let (_, pages) = laid_out(JOINT);
    let last = pages.last().unwrap();
    let party = find(last, "K/T TRƯỞNG BAN DÂN VẬN");
    let state = find(last, "TM. ỦY BAN NHÂN DÂN");
    assert!((party.baseline - state.baseline).abs() < 0.01, "one row");
    assert!(centre(party) < centre(state), "the lead (chủ trì) signs on the right");
    assert_eq!(party.face, Face::Bold);
    let names = [find(last, "Hoàng Văn Thắng"), find(last, "Nguyễn Thị Tuyết Hạnh")];
    let label = find(last, "Nơi nhận:");
    assert!(names.iter().all(|n| label.baseline > n.baseline), "Nơi nhận under the signatures");
    assert_eq!((label.face, label.size), (Face::BoldItalic, 12.0), "lead (state) style");
    assert!(has(last, "- Lưu: VT, VP."));
}

#[test]
fn docx_party_front_and_joint_carry_the_same_forms() {
    let xml = docx_xml(PARTY);
    let paras = paragraphs(&xml);
    for text in ["ĐẢNG CỘNG SẢN VIỆT NAM", "*", "Số 45-BC/BDVTU", "-----", "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "- Lưu VP."]
    {
        assert!(paras.iter().any(|p| p == text), "party DOCX lacks {text:?}");
    }
    assert!(!xml.contains("CỘNG HÒA XÃ HỘI"), "P-01");
    assert!(paras.iter().any(|p| p.starts_with("I- KẾT QUẢ")), "P-12");
    let label = paragraph_xml(&xml, "Nơi nhận:");
    assert!(label.contains("<w:u w:val=\"single\"/>") && label.contains("<w:sz w:val=\"28\"/>"), "P-15: {label}");
    assert!(!label.contains("<w:b/>"), "P-15 not bold");
    let archive = paragraph_xml(&xml, "- Lưu VP.");
    // P-16 12 pt: the "Nơi nhận" style's size (checked in the style tests), never overridden.
    assert!(
        archive.contains("NoiNhan") && (!archive.contains("<w:sz ") || archive.contains("<w:sz w:val=\"24\"/>")),
        "P-16 12 pt: {archive}"
    );
    assert!(paragraph_xml(&xml, "BÁO CÁO").contains("<w:sz w:val=\"30\"/>"), "P-07 15 pt");

    let xml = docx_xml(FRONT);
    let paras = paragraphs(&xml);
    for text in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN MTTQ VIỆT NAM",
        "HUYỆN ĐỨC THỌ",
        "BAN THƯỜNG TRỰC",
        "Số: 18/BC-MTTQ-BTT",
        "TM. BAN THƯỜNG TRỰC",
        "- Lưu: VT, VP.",
    ] {
        assert!(paras.iter().any(|p| p == text), "front DOCX lacks {text:?}");
    }

    let xml = docx_xml(JOINT);
    let paras = paragraphs(&xml);
    let at = |t: &str| paras.iter().position(|p| p == t).unwrap_or_else(|| panic!("joint DOCX lacks {t:?}"));
    assert!(at("BAN DÂN VẬN") < at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "issuers left of the motto");
    assert!(at("Số 05-CTr/BDV") < at("Số: 12/CTr-UBND"), "co-issuer's number first, each under its body");
    assert!(at("K/T TRƯỞNG BAN DÂN VẬN") < at("TM. ỦY BAN NHÂN DÂN"), "lead's block on the right");
    assert!(at("TM. ỦY BAN NHÂN DÂN") < at("Nơi nhận:"), "Nơi nhận under the signatures");
}
