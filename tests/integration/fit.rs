//! Nothing prints outside its box: every sample and a generated set of long
//! names, long titles, long signer titles and joint documents of two and
//! three bodies at both size sets either lays out with no glyph outside the
//! margins or over another glyph, or is refused at its YAML line.

use std::path::Path;

use baocao::Renderer;
use baocao::doc::Document;

use crate::common::{baocao, inside_margins_and_apart, root, samples};

/// The product's path (validation, reviewer checks, template, compose): the
/// composed document, or every error in English.
fn compose(yaml: &str, name: &str) -> Result<Document, String> {
    match Renderer::new().unwrap().compose_text(Path::new(name), yaml.to_string()) {
        Ok(composed) => Ok(composed.document),
        Err(d) => Err(d.iter().filter(|d| d.is_error()).map(|d| d.render(baocao::i18n::Lang::En)).collect::<Vec<_>>().join("\n")),
    }
}

fn lays_out_cleanly(doc: &Document, what: &str) {
    let pages = baocao::layout::layout(doc);
    if let Err(e) = inside_margins_and_apart(doc, &pages) {
        panic!("{what}: {e}");
    }
    let found = baocao::layout::rules::verify(doc, &pages);
    assert!(found.is_empty(), "{what}: {found:#?}");
}

fn sample_text(name: &str) -> String {
    std::fs::read_to_string(root().join("samples").join(name)).unwrap()
}

#[test]
fn every_sample_stays_inside_its_boxes() {
    for path in samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = compose(&text, path.to_str().unwrap()).unwrap();
        lays_out_cleanly(&doc, &path.display().to_string());
    }
}

/// A joint UBND + MTTQ programme (two bodies) or UBND + MTTQ + Ban Dân vận
/// (three), at size set 13 or 14.
fn joint(bodies: usize, size_set: u32) -> String {
    let mut text = sample_text("chuong-trinh-phoi-hop-2021.yaml").replace("size_set: 13", &format!("size_set: {size_set}"));
    let front = "  - system: front\n    name: [ỦY BAN MTTQ VIỆT NAM, HUYỆN BÌNH LIÊU]\n    code: MTTQ\n    number: 9\n";
    let party = "  - system: party\n    parent: HUYỆN ỦY BÌNH LIÊU\n    name: BAN DÂN VẬN\n    code: BDV\n    number: 5\n";
    let issuers = if bodies == 2 { front.to_string() } else { format!("{front}{party}") };
    text = text.replace(party, &issuers);
    let mttq_signer =
        "  - issuer: MTTQ\n    authority: TM\n    on_behalf_of: BAN THƯỜNG TRỰC\n    title: CHỦ TỊCH\n    name: Hoàng Thị Lan\n";
    let bdv_signer = "  - issuer: BDV\n    authority: KT\n    head: TRƯỞNG BAN DÂN VẬN\n    title: PHÓ TRƯỞNG BAN\n    name: Hoàng Văn Thắng        # illustrative\n";
    let signers = if bodies == 2 { mttq_signer.to_string() } else { format!("{mttq_signer}{bdv_signer}") };
    text = text.replace(bdv_signer, &signers);
    text.replace("parties: [Ủy ban nhân dân huyện, Ban Dân vận Huyện ủy]", "parties: [Ủy ban nhân dân huyện, Ủy ban MTTQ Việt Nam huyện]")
}

#[test]
fn joint_documents_of_two_and_three_bodies_fit_at_both_size_sets() {
    for bodies in [2, 3] {
        for set in [13, 14] {
            let what = format!("{bodies} bodies at set {set}");
            let yaml = joint(bodies, set);
            assert!(yaml.contains("code: MTTQ"), "{what}: the variant was built");
            let doc = compose(&yaml, "joint.yaml").unwrap_or_else(|e| panic!("{what} refused: {e}"));
            // Three bodies beside the Quốc hiệu are wider than A4: they stack (§11).
            assert!(bodies == 2 || doc.header.stacked, "{what}: three bodies stack");
            let breaks: usize = doc.header.issuers.iter().map(|c| c.lines.len()).sum::<usize>();
            assert!(breaks <= 3 * bodies, "{what}: names broken into {breaks} lines");
            assert_eq!(doc.header.issuers.len(), bodies, "{what}");
            lays_out_cleanly(&doc, &what);
            // Each body keeps its own number on its own column (§11), never over another.
            let numbers: Vec<&str> = doc.header.issuers.iter().filter_map(|c| c.bottom.as_ref()).map(|l| l.text.as_str()).collect();
            assert!(numbers.iter().any(|n| n.contains("MTTQ")) && numbers.iter().any(|n| n.contains("UBND")), "{what}: {numbers:?}");
        }
    }
}

#[test]
fn h06_a_party_header_of_a_three_word_district_breaks_only_before_the_name() {
    let yaml = sample_text("ban-dan-van-quy-3-2017.yaml").replace("TỈNH ỦY HÀ TĨNH", "HUYỆN ỦY U MINH THƯỢNG");
    assert!(yaml.contains("HUYỆN ỦY U MINH THƯỢNG"));
    let doc = compose(&yaml, "party.yaml").unwrap();
    let lines: Vec<&str> = doc.header.issuers[0].lines.iter().map(|l| l.text.as_str()).collect();
    assert!(lines.contains(&"HUYỆN ỦY U MINH THƯỢNG") || lines.windows(2).any(|w| w == ["HUYỆN ỦY", "U MINH THƯỢNG"]), "{lines:?}");
    lays_out_cleanly(&doc, "party header");
}

#[test]
fn long_titles_signer_titles_and_addressees_wrap_inside_their_columns() {
    let long_title = "PHÓ CHỦ TỊCH THƯỜNG TRỰC ỦY BAN NHÂN DÂN HUYỆN KIÊM TRƯỞNG BAN CHỈ ĐẠO XÂY DỰNG NÔNG THÔN MỚI";
    assert!(long_title.chars().count() >= 90);
    let yaml = sample_text("vu-quang-2018.yaml")
        .replace("title: PHÓ CHỦ TỊCH", &format!("title: {long_title}"))
        .replace(
            "to: [Ban Thường vụ Huyện ủy Vũ Quang]",
            "to: [Ban Thường vụ Huyện ủy Vũ Quang, Thường trực Hội đồng nhân dân huyện, Ban Dân vận Tỉnh ủy Hà Tĩnh, Ủy ban Mặt trận Tổ quốc Việt Nam huyện Vũ Quang và các tổ chức chính trị - xã hội huyện]",
        )
        .replace(
            "summary: Kết quả",
            "summary: Kết quả công tác dân vận chính quyền, công tác phối hợp với Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội, Kết quả",
        );
    assert!(yaml.contains(long_title), "the variant was built");
    let doc = compose(&yaml, "long.yaml").unwrap();
    assert!(doc.title.summary.len() >= 3, "a three-line trích yếu");
    let signer_lines = doc.closing.signers[0].lines.len();
    assert!(signer_lines >= 4, "the long title wraps: {:?}", doc.closing.signers[0].lines);
    lays_out_cleanly(&doc, "long texts");
}

#[test]
fn t03_the_trich_yeu_never_ends_with_a_lone_word_and_its_rule_follows_the_longest_line() {
    for path in samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = compose(&text, path.to_str().unwrap()).unwrap();
        let lines = &doc.title.summary;
        if lines.len() > 1 {
            assert!(lines.last().unwrap().text.split_whitespace().count() > 1, "{}: {lines:?}", path.display());
        }
        if let baocao::doc::Separator::Rule(length) = &doc.title.separator {
            let longest = lines.iter().map(|l| baocao::fonts::FontSet::get().width(&l.text, &l.style)).fold(0.0, f32::max);
            let ratio = length.0 / longest;
            assert!((1.0 / 3.0..=0.5).contains(&ratio), "T-03 {}: {ratio}", path.display());
        }
    }
}

#[test]
fn h16_a_long_place_moves_the_motto_column_and_keeps_one_axis() {
    let yaml = sample_text("vu-quang-2018.yaml").replace("place: Vũ Quang", "place: Thành phố Hồ Chí Minh");
    let doc = compose(&yaml, "hcm.yaml").unwrap();
    lays_out_cleanly(&doc, "long place");
    let widths = &doc.header.widths;
    let date = doc.header.motto.bottom.as_ref().unwrap();
    let date_width = baocao::fonts::FontSet::get().width(&date.text, &date.style);
    assert!(widths.last().unwrap().0 >= date_width, "H-16: the motto column holds the whole date");
}

/// `baocao check` on a variant: exit code and stderr.
fn check(name: &str, yaml: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, yaml).unwrap();
    let out = baocao().args(["--lang", "en", "check"]).arg(&file).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).replace(&dir.path().display().to_string(), "DIR"))
}

fn line_of(yaml: &str, needle: &str) -> usize {
    yaml.lines().position(|l| l.contains(needle)).expect("needle in the YAML") + 1
}

#[test]
fn what_cannot_fit_is_refused_at_its_yaml_line() {
    let word = "CHỦTỊCHỦYBANNHÂNDÂNHUYỆNVŨQUANGKIÊMTRƯỞNGBANCHỈĐẠO";
    let yaml = sample_text("vu-quang-2018.yaml").replace("title: PHÓ CHỦ TỊCH", &format!("title: {word}"));
    let (code, err) = check("word.yaml", &yaml);
    assert_eq!(code, 1, "{err}");
    let at = format!("word.yaml:{}:", line_of(&yaml, word));
    assert!(err.contains(&at) && err.contains("needs") && err.contains("S-03"), "{at} in {err}");
    // The same input renders nothing.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("word.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let out = baocao().args(["render"]).arg(&file).arg("-o").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("word.pdf").exists() && !dir.path().join("word.docx").exists());

    let long = "UBNDHUYENVUQUANGTINHHATINHVIETNAM";
    let code_yaml = sample_text("vu-quang-2018.yaml")
        .replace("code: UBND", &format!("code: {long}"))
        .replace("issuer: UBND", &format!("issuer: {long}"));
    let (code, err) = check("code.yaml", &code_yaml);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("code.yaml:{}:", line_of(&code_yaml, "code: UBNDHUYEN"))), "{err}");
}

/// The white at the foot of every page but the last, in points, and the
/// text at the top of the next page.
fn page_foot_blanks(doc: &Document) -> Vec<(f32, String)> {
    let pages = baocao::layout::layout(doc);
    let bottom = doc.page.height.pt() - doc.page.margin_bottom.pt();
    let top_text = |page: &baocao::layout::Page| {
        page.items
            .iter()
            .filter_map(|i| match i {
                baocao::layout::Item::Text(t) if t.baseline > doc.page.margin_top.pt() => Some(t),
                _ => None,
            })
            .min_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)))
            .map(|t| t.text.trim().to_string())
            .unwrap_or_default()
    };
    pages[..pages.len() - 1]
        .iter()
        .zip(&pages[1..])
        .map(|(page, next)| {
            let lowest = page
                .items
                .iter()
                .map(|i| match i {
                    baocao::layout::Item::Text(t) => t.baseline,
                    baocao::layout::Item::Line { y1, y2, .. } => y1.max(*y2),
                })
                .fold(0.0, f32::max);
            (bottom - lowest, top_text(next))
        })
        .collect()
}

#[test]
fn pages_end_with_at_most_a_few_lines_of_white() {
    // A heading with two lines of what follows, a table header with two rows:
    // nothing longer is kept together. The page before the last is left out: the
    // signature block goes with the body's last two lines (S-07), a rule that
    // may force a long white.
    for path in samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = compose(&text, path.to_str().unwrap()).unwrap();
        let line = doc.body_style.size.0 * 1.2 * doc.body_style.line_spacing;
        let blanks = page_foot_blanks(&doc);
        let checked = blanks.len().saturating_sub(1);
        // A table whose header and first two rows did not fit starts the next page.
        let headers: Vec<String> = doc
            .body
            .iter()
            .filter_map(|b| match b {
                baocao::doc::Block::Table(t) => t.header.first().map(|c| c.runs.iter().map(|r| r.text.as_str()).collect()),
                _ => None,
            })
            .collect();
        for (n, (blank, next_top)) in blanks.into_iter().enumerate().take(checked) {
            let forced = headers.contains(&next_top);
            assert!(blank <= 6.0 * line || forced, "{} page {}: {:.0} mm of white at the foot", path.display(), n + 1, blank / 2.8346);
        }
    }
}
