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
