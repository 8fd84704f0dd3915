//! Our own outputs read back by `baocao lint`, in both formats: report shapes
//! the samples do not have (`tests/fixtures/shapes/`), found by rendering
//! hundreds of generated reports written to the input contract and linting
//! every PDF and DOCX. Each fixture's header says what it exercises; each
//! failed the rule named there before the renderer or the linter was fixed,
//! so a regression on either side fails here.

use std::path::Path;

use baocao::lint::{self, Options};
use baocao::{Format, Renderer};

use crate::common::{broken, root};

const SHAPES: &[&str] = &[
    "ctr-one-addressee-list-first.yaml",
    "party-head-signs-directly.yaml",
    "three-issuers-stacked.yaml",
    "joint-header-smaller-set.yaml",
    "party-joint-number-beside-date.yaml",
    "party-lead-with-a-state-body.yaml",
    "nothing-done-yet.yaml",
];

#[test]
fn unusual_report_shapes_render_without_warnings_and_lint_clean_as_pdf_and_docx() {
    let renderer = Renderer::new().unwrap();
    for name in SHAPES {
        let path = root().join("tests/fixtures/shapes").join(name);
        let rendered = renderer.render_file(&path, &[Format::Pdf, Format::Docx]).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert!(rendered.warnings.is_empty(), "{name}: {:?}", rendered.warnings);
        for (format, bytes) in &rendered.outputs {
            let report = lint::lint_bytes(Path::new(name), bytes, &Options::default()).unwrap();
            let text = lint::text_report(&report, baocao::i18n::Lang::En);
            assert!(broken(&report).is_empty(), "{name} as {format:?}:\n{text}");
        }
    }
}

#[test]
fn the_archive_line_puts_vt_first_and_a_lone_vt_is_pointed_at() {
    let renderer = Renderer::new().unwrap();
    let path = root().join("tests/fixtures/shapes/ctr-one-addressee-list-first.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("archive: [VP, VT]"));
    let composed = renderer.compose_file(&path).unwrap();
    let printed = format!("{:?}", composed.document.closing.recipients);
    assert!(printed.contains("- Lưu: VT, VP."), "R-05: {printed}");
    // "VT" alone: rendered, with a warning at the `archive` line.
    let lone = text.replace("archive: [VP, VT]", "archive: [VT]");
    let line = lone.lines().position(|l| l.starts_with("archive:")).unwrap() as u32 + 1;
    let warnings = renderer.check_text(&path, lone).unwrap();
    assert!(warnings.iter().any(|d| d.line == line && d.message.en.contains("names no drafting unit") && d.hint.is_some()), "{warnings:?}");
}

#[test]
fn the_names_of_a_row_of_signers_stand_level_in_the_pdf() {
    // Row one: "TM. BAN THƯỜNG VỤ / CHỦ TỊCH" beside "TM. ỦY BAN NHÂN DÂN /
    // KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the model drops the first name one line.
    let path = root().join("tests/fixtures/shapes/three-issuers-stacked.yaml");
    let composed = Renderer::new().unwrap().compose_file(&path).unwrap();
    let signers = &composed.document.closing.signers;
    assert_eq!(signers[0].lines.len() + signers[0].level_lines, signers[1].lines.len() + signers[1].level_lines);
    assert!(signers.iter().any(|s| s.level_lines > 0), "the fixture's row has blocks of different heights");
    let pages = baocao::layout::layout(&composed.document);
    let baseline = |name: &str| {
        pages
            .iter()
            .flat_map(|p| &p.items)
            .find_map(|i| match i {
                baocao::layout::Item::Text(t) if t.text == name => Some(t.baseline),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{name} is printed"))
    };
    let (a, b) = (baseline(&signers[0].name.text), baseline(&signers[1].name.text));
    assert!((a - b).abs() < 0.01, "{a} vs {b}");
}
