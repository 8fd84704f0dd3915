//! Every sample renders, and the PDF gives its text back exactly.

use baocao::{Format, Renderer};
use std::collections::HashSet;

use crate::common::{LEDGER, baocao, input_texts, load, pdftotext, samples, squash, tool};

#[test]
fn every_sample_renders_and_pdftotext_gives_back_every_input_word() {
    let renderer = Renderer::new().expect("built-in templates compile");
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let report = load(&sample);
        let rendered = renderer.render_file(&sample, &[Format::Pdf]).unwrap_or_else(|d| panic!("{d:?}"));
        let pdf = dir.path().join("out.pdf");
        std::fs::write(&pdf, &rendered.outputs[0].1).unwrap();
        let raw = pdftotext(&pdf);
        let text = squash(&raw);
        let words: HashSet<&str> = text.split(' ').collect();
        // Page numbers stand on lines of their own, between the halves of a paragraph that crosses pages.
        let body = squash(&raw.lines().filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit())).collect::<Vec<_>>().join("\n"));
        for input in input_texts(&report) {
            for word in input.split_whitespace() {
                assert!(
                    words.contains(word) || text.contains(word),
                    "{}: {word:?} (from {input:?}) missing in the PDF text",
                    sample.display()
                );
            }
        }
        // Whole sentences of the narrative come back in order, not only their words.
        for paragraph in report.sections.achievements.iter().chain(&report.sections.limitations) {
            if !paragraph.contains(['*', '\n', '_']) {
                assert!(body.contains(&squash(paragraph)), "{}: paragraph not found verbatim: {paragraph:?}", sample.display());
            }
        }
    }
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let renderer = Renderer::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sample = &samples()[0];
    let rendered = renderer.render_file(sample, &[Format::Pdf]).unwrap();
    let pdf = dir.path().join("f.pdf");
    std::fs::write(&pdf, &rendered.outputs[0].1).unwrap();
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]).expect("pdffonts is installed");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "regular, bold and italic at least: {fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "subset tag on {name}");
        assert!(name.contains("Liberation"), "{name}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        // columns: name type [encoding…] emb sub uni object ID
        let emb = cols[cols.len() - 5];
        let sub = cols[cols.len() - 4];
        assert_eq!((emb, sub), ("yes", "yes"), "{row}");
    }
    assert!(rendered.outputs[0].1.len() < 200_000, "subset fonts keep the PDF small");
}

#[test]
fn same_input_same_bytes_whatever_was_rendered_before() {
    let renderer = Renderer::new().unwrap();
    let all = samples();
    let first = renderer.render_file(&all[0], &[Format::Pdf, Format::Docx]).unwrap();
    for other in &all[1..] {
        renderer.render_file(other, &[Format::Pdf, Format::Docx]).unwrap();
    }
    let again = renderer.render_file(&all[0], &[Format::Pdf, Format::Docx]).unwrap();
    assert_eq!(first.outputs, again.outputs);
}

#[test]
fn the_long_sample_runs_to_three_pages_or_more() {
    let renderer = Renderer::new().unwrap();
    let most = samples().iter().map(|s| renderer.render_file(s, &[Format::Pdf]).unwrap().pages).max().unwrap();
    assert!(most >= 3, "longest sample has {most} pages");
}

#[test]
fn pdf_metadata_has_title_author_and_language() {
    let renderer = Renderer::new().unwrap();
    let sample = &samples()[0];
    let report = load(sample);
    let rendered = renderer.render_file(sample, &[Format::Pdf]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("m.pdf");
    std::fs::write(&pdf, &rendered.outputs[0].1).unwrap();
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]).unwrap();
    assert!(squash(&info).contains(&squash(&report.document.summary)), "{info}");
    assert!(info.contains(&report.issuers[0].name.join(" ")), "{info}");
    let raw = String::from_utf8_lossy(&rendered.outputs[0].1);
    assert!(raw.contains("/Lang (vi-VN)") || raw.contains("/Lang(vi-VN)"), "catalog language");
}

/// Issue 9 (4): what e-office systems read. PDF 1.7 (ND30 asks 1.4 or later),
/// no PDF/X claim, the document's date as creation and modification date,
/// and an XMP packet saying what the Info dictionary says.
#[test]
fn pdf_is_1_7_dated_by_the_document_with_matching_xmp() {
    let renderer = Renderer::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let report = load(&sample);
        let name = sample.file_stem().unwrap().to_str().unwrap().to_string();
        let rendered = renderer.render_file(&sample, &[Format::Pdf]).unwrap();
        let bytes = &rendered.outputs[0].1;
        assert!(bytes.starts_with(b"%PDF-1.7\n"), "{name}: header {:?}", String::from_utf8_lossy(&bytes[..9]));
        let raw = String::from_utf8_lossy(bytes);
        assert!(!raw.contains("GTS_PDFX"), "{name}: no PDF/X version key");
        let pdf = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, bytes).unwrap();
        let info = tool("pdfinfo", &["-isodates", pdf.to_str().unwrap()]).unwrap();
        let field = |key: &str| {
            let value = info.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().to_string());
            value.unwrap_or_else(|| panic!("{name}: no {key} in {info}"))
        };
        assert_eq!(field("PDF version:"), "1.7", "{name}");
        assert!(!info.contains("PDF subtype"), "{name}: pdfinfo takes the file for PDF/X or PDF/A: {info}");
        let day = report.document.date.format("%Y-%m-%d").to_string();
        for key in ["CreationDate:", "ModDate:"] {
            let v = field(key);
            assert!(v.starts_with(&format!("{day}T00:00:00")), "{name}: {key} {v}, document dated {day}");
        }
        assert_eq!(field("Author:"), report.issuers[0].name.join(" "), "{name}");
        let title = field("Title:");
        assert!(squash(&title).contains(&squash(&report.document.summary)), "{name}: {title}");
        // The XMP packet: the same title, author, language and dates.
        let xmp = tool("pdfinfo", &["-meta", pdf.to_str().unwrap()]).unwrap();
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        assert!(xmp.contains(&format!(">{}</rdf:li>", esc(&title))), "{name}: XMP title: {xmp}");
        assert!(xmp.contains(&format!("<rdf:li>{}</rdf:li>", esc(&field("Author:")))), "{name}: XMP author");
        assert!(xmp.contains("<rdf:li>vi-VN</rdf:li>"), "{name}: XMP language");
        for key in ["xmp:CreateDate", "xmp:ModifyDate"] {
            assert!(xmp.contains(&format!("<{key}>{day}T00:00:00Z</{key}>")), "{name}: {key}: {xmp}");
        }
        assert!(xmp.contains("<pdf:Producer>baocao</pdf:Producer>") && field("Producer:") == "baocao", "{name}");
    }
}

#[test]
fn cli_render_writes_pdf_and_docx_named_after_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let sample = &samples()[0];
    let out = baocao().args(["render", sample.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stem = sample.file_stem().unwrap().to_str().unwrap();
    for ext in ["pdf", "docx"] {
        let file = dir.path().join(format!("{stem}.{ext}"));
        assert!(file.metadata().unwrap().len() > 1000, "{}", file.display());
    }
    // The two reports and the ledger of what baocao wrote; no temporary file.
    let mut leftovers: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    leftovers.sort();
    assert_eq!(leftovers, [LEDGER.to_string(), format!("{stem}.docx"), format!("{stem}.pdf")]);
}

#[test]
fn cli_check_accepts_every_sample_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = samples().iter().map(|p| p.to_str().unwrap().to_string()).collect();
    let out = baocao().current_dir(dir.path()).arg("check").args(&files).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
