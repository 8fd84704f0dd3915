//! `baocao lint` on PDFs: every sample's PDF, and LibreOffice's PDF of every
//! sample's DOCX, lint clean (no failure, no warning); PDFs drawn by another
//! program (ReportLab) with one planted fault each are caught by the rule ID
//! that names the fault; exit codes, JSON and folder summaries.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use baocao::data::model::System;
use baocao::i18n::Lang;
use baocao::lint::{self, Options, Status};
use baocao::{Format, Renderer};

use crate::common::{assert_caught_alone, baocao, broken, clerk_docx, office_pdfs_of_samples, root, samples, tool};

/// Every sample rendered as PDF (and DOCX) into `dir`, named by its stem.
fn render_all(dir: &Path, formats: &[Format]) -> Vec<(String, PathBuf)> {
    let renderer = Renderer::new().unwrap();
    let mut out = Vec::new();
    for sample in samples() {
        let rendered = renderer.render_file(&sample, formats).unwrap_or_else(|d| panic!("{d:?}"));
        let stem = sample.file_stem().unwrap().to_str().unwrap().to_string();
        for (format, (_, bytes)) in formats.iter().zip(&rendered.outputs) {
            let ext = match format {
                Format::Pdf => "pdf",
                Format::Docx => "docx",
            };
            std::fs::write(dir.join(format!("{stem}.{ext}")), bytes).unwrap();
        }
        out.push((stem, sample));
    }
    out
}

/// `baocao lint --json` on `target`: the parsed report and the exit code.
fn lint_json(target: &Path, extra: &[&str]) -> (serde_json::Value, i32) {
    let out = baocao().arg("lint").arg(target).arg("--json").args(extra).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("lint --json is JSON ({e}): {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (json, out.status.code().unwrap_or(-1))
}

/// The findings of one file that are not a pass or a skip, as "RULE: found (wants) at place".
fn complaints(file: &serde_json::Value) -> Vec<String> {
    file["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("findings in {file}"))
        .iter()
        .filter(|f| f["status"] == "fail" || f["status"] == "warn")
        .map(|f| format!("{} {}: {} (wants {}) at {}", f["status"], f["rule"], f["found"], f["wants"], f["place"]))
        .collect()
}

fn assert_clean(json: &serde_json::Value, what: &str) {
    let files = json["files"].as_array().unwrap();
    assert!(files.len() >= 3, "{what}: {json}");
    let mut bad = Vec::new();
    for file in files {
        assert!(file.get("error").is_none(), "{what}: {file}");
        // The rules the PDF side covers are all there, checked.
        let rules: Vec<&str> = file["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
        for rule in ["G-01", "G-04", "B-02", "B-03", "B-04", "S-04"] {
            assert!(rules.contains(&rule), "{what}: {} has no {rule} finding", file["path"]);
        }
        bad.extend(complaints(file).into_iter().map(|c| format!("{}: {c}", file["path"])));
    }
    assert!(bad.is_empty(), "{what}: {} findings:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn every_sample_pdf_lints_clean() {
    let dir = tempfile::tempdir().unwrap();
    render_all(dir.path(), &[Format::Pdf]);
    let (json, code) = lint_json(dir.path(), &[]);
    assert_clean(&json, "baocao's PDFs");
    assert_eq!(code, 0);
}

#[test]
fn the_header_tells_party_front_and_state_apart() {
    let dir = tempfile::tempdir().unwrap();
    let want = |stem: &str| match stem {
        "ban-dan-van-quy-3-2017" => Some(System::Party),
        "mttq-duc-tho-2020" => Some(System::Front),
        _ => None,
    };
    let mut seen = 0;
    for (stem, sample) in render_all(dir.path(), &[Format::Pdf]) {
        let report = crate::common::load(&sample);
        let bytes = std::fs::read(dir.path().join(format!("{stem}.pdf"))).unwrap();
        let pages = baocao::lint::pdf::read(&bytes).unwrap();
        let lines = baocao::lint::pdf::header_lines(&pages);
        let detected = baocao::lint::detect(&lines);
        if let Some(system) = want(&stem) {
            seen += 1;
            assert_eq!(detected, Some(system), "{stem}: {lines:?}");
        }
        // Every sample's header names its lead issuer's system (a joint one's motto is the lead's).
        assert_eq!(detected, Some(report.issuers[0].system), "{stem}: {lines:?}");
        // The header is the header: the title under it is not read.
        assert!(!lines.iter().any(|l| l == "BÁO CÁO"), "{stem}: {lines:?}");
    }
    assert_eq!(seen, 2);
}

#[test]
fn libreoffice_pdf_of_every_sample_docx_lints_clean() {
    let (lo, files) = office_pdfs_of_samples();
    let (json, code) = lint_json(lo, &[]);
    assert_eq!(json["files"].as_array().map(Vec::len), Some(files.len()), "{json}");
    assert_eq!(files.len(), samples().len());
    assert_clean(&json, "LibreOffice's PDFs of our DOCX");
    assert_eq!(code, 0);
}

/// The ReportLab files: (name, path, the rule that must catch its fault or None).
fn reportlab_files(dir: &Path) -> Vec<(String, PathBuf, Option<String>)> {
    let script = root().join("tests/fixtures/lint/pdf_reportlab.py");
    let fonts = root().join("fonts");
    let out = tool("python3", &[script.to_str().unwrap(), fonts.to_str().unwrap(), dir.to_str().unwrap()])
        .expect("python3 with reportlab (scripts/test installs it)");
    out.lines()
        .map(|l| {
            let (name, rule) = l.split_once(' ').unwrap();
            (name.to_string(), dir.join(format!("{name}.pdf")), (rule != "-").then(|| rule.to_string()))
        })
        .collect()
}

#[test]
fn pdfs_drawn_by_reportlab_pass_when_correct_and_each_planted_fault_is_caught_by_its_rule() {
    let dir = tempfile::tempdir().unwrap();
    let files = reportlab_files(dir.path());
    assert!(files.len() >= 15, "{files:?}");
    let mut caught = BTreeSet::new();
    for (name, path, rule) in &files {
        let report = lint::lint_file(path, &Options::default()).unwrap();
        let text = lint::text_report(&report, Lang::En);
        assert!(report.detected, "{name}: profile not detected\n{text}");
        let party = name.starts_with("party");
        assert_eq!(report.system, if party { System::Party } else { System::State }, "{name}\n{text}");
        // The checks ran on what ReportLab drew: nothing was left unseen but the
        // "Kính gửi" a Party report does not have.
        let skipped: Vec<&str> = report.findings.iter().filter(|f| f.status == Status::Skip).map(|f| f.rule).collect();
        assert!(skipped.is_empty() || (party && skipped == ["R-01"]), "{name}: skipped {skipped:?}\n{text}");
        assert!(report.count(Status::Pass) >= 30, "{name}\n{text}");
        assert_caught_alone(&report, name, rule.as_deref(), &text, &mut caught);
    }
    for rule in [
        "H-03", "H-06", "H-07", "H-09", "H-13", "H-14", "H-15", "B-01", "B-02", "B-12", "G-03", "G-06", "T-01", "R-03", "R-05", "P-03",
        "P-04", "P-15", "P-16", "C-04", "C-10", "T-05",
    ] {
        assert!(caught.contains(rule), "no fixture plants a {rule} fault: {caught:?}");
    }
}

#[test]
fn the_command_line_exits_by_the_worst_finding_and_speaks_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let files = reportlab_files(dir.path());
    let file = |name: &str| files.iter().find(|f| f.0 == name).unwrap().1.to_str().unwrap().to_string();
    let (wrong, right) = (file("agency-rule-too-long"), file("correct"));
    // A MUST rule fails: exit 1, the line names the rule, where, what and what is wanted.
    let out = baocao().args(["lint", &wrong]).output().unwrap();
    let vi = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{vi}");
    let line = vi.lines().find(|l| l.starts_with("LỖI") && l.contains("H-07")).unwrap_or_else(|| panic!("{vi}"));
    assert!(
        line.contains("trang 1, x ") && line.contains("đường kẻ dài 34,5 mm (80,0% dòng chữ); quy định: đường kẻ 1/3–1/2 dòng"),
        "{line}"
    );
    assert!(vi.ends_with("1 lỗi (H-07), 0 cảnh báo, 0 bỏ qua — thể thức nhà nước (tự nhận biết)\n"), "{vi}");
    let out = baocao().args(["lint", "--lang", "en", &wrong]).output().unwrap();
    let en = String::from_utf8(out.stdout).unwrap();
    assert!(
        en.contains("FAIL  H-07  page 1, x ") && en.contains("a rule 34.5 mm long (80.0% of the line); wanted: a rule 1/3–1/2 of"),
        "{en}"
    );
    assert!(
        en.contains("PASS  H-09") && en.contains("1 failed (H-07), 0 warnings, 0 skipped — rules for a state document (detected)"),
        "{en}"
    );
    // Clean: exit 0.
    let out = baocao().args(["lint", &right]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // JSON names the rule, its status and a place in millimetres.
    let (json, code) = lint_json(Path::new(&wrong), &["--lang", "en"]);
    assert_eq!(code, 1);
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let h07 = findings.iter().find(|f| f["rule"] == "H-07").unwrap();
    assert_eq!((h07["status"].as_str(), h07["source"].as_str(), h07["place"]["page"].as_u64()), (Some("fail"), Some("pdf"), Some(1)));
    assert!(h07["place"]["x_mm"].as_f64().is_some_and(|x| (x - (62.5 - 17.3)).abs() < 0.2), "{h07}");
    assert!(findings.iter().all(|f| f["rule"].as_str().is_some_and(|r| r.len() == 4 && r.as_bytes()[1] == b'-')), "{json}");
    // A folder: one summary line per file, and the worst exit code.
    let out = baocao().args(["lint", "--lang", "en", dir.path().to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_eq!(text.lines().count(), files.len(), "{text}");
    assert!(text.lines().any(|l| l.contains("correct.pdf: ") && l.contains(" 0 failed, 0 warnings")), "{text}");
    assert!(text.lines().any(|l| l.contains("party-rule-instead-of-star.pdf: ") && l.contains("1 failed (P-03)")), "{text}");
    // Unreadable: exit 2, nothing judged.
    let broken_pdf = dir.path().join("broken.pdf");
    std::fs::write(&broken_pdf, b"%PDF-1.7\nnot really a PDF").unwrap();
    let out = baocao().args(["lint", broken_pdf.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tệp PDF hỏng hoặc không đọc được"));
}

/// Reports typed "in Word" (the DOCX side's python-docx fixtures) and printed
/// to PDF by LibreOffice: another producer, other layouts (header tables, drawn
/// line shapes, Word bullets). The correct ones lint clean; each fault that
/// shows on paper is caught by the rule that names it.
#[test]
fn word_reports_printed_by_libreoffice_are_judged_like_their_docx() {
    let dir = tempfile::tempdir().unwrap();
    let (clerk, listing) = clerk_docx();
    // Faults a page shows (an XML-only one, such as C-14's language, does not).
    let visible = [
        ("correct", None),
        ("party-correct", None),
        ("title-and-summary-in-one-paragraph", None),
        ("party-number-colon", Some("P-04")),
        ("letter-paper", Some("G-01")),
        ("left-margin-25", Some("G-03")),
        ("arial-body", Some("G-04")),
        ("page-number-on-page-1", Some("G-06")),
        ("body-12pt", Some("B-01")),
        ("indent-15mm", Some("B-02")),
        ("no-paragraph-spacing", Some("B-03")),
        ("double-line-spacing", Some("B-04")),
        ("so-without-colon", Some("H-09")),
        ("date-day-without-zero", Some("H-13")),
        ("date-bold", Some("H-14")),
        ("title-not-bold", Some("T-01")),
        ("noi-nhan-not-bold-italic", Some("R-03")),
        ("luu-without-colon", Some("R-05")),
        ("signer-name-in-capitals", Some("S-04")),
        ("recipients-word-bullets", Some("R-04")),
        ("point-a-dot", Some("B-15")),
        ("appendix-label-in-capitals", Some("A-02")),
        ("appendix-reference-upright", Some("A-03")),
    ];
    let names: Vec<&str> = listing.lines().filter_map(|l| l.split(' ').next()).collect();
    let chosen: Vec<&(&str, Option<&str>)> = visible.iter().filter(|(n, _)| names.contains(n)).collect();
    assert!(chosen.len() >= 15, "the DOCX side's fixtures: {names:?}");
    let lo = dir.path().join("lo");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let mut args = vec![profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", lo.to_str().unwrap()];
    let docx: Vec<String> = chosen.iter().map(|(n, _)| clerk.join(format!("{n}.docx")).to_str().unwrap().to_string()).collect();
    args.extend(docx.iter().map(String::as_str));
    tool("soffice", &args).expect("LibreOffice is installed (libreoffice-writer-nogui)");
    for (name, rule) in chosen {
        let report = lint::lint_file(&lo.join(format!("{name}.pdf")), &Options::default()).unwrap();
        let text = lint::text_report(&report, Lang::En);
        let party = name.starts_with("party");
        assert_eq!(report.system, if party { System::Party } else { System::State }, "{name}\n{text}");
        let got: BTreeSet<&str> = broken(&report).into_iter().map(|(r, _)| r).collect();
        match rule {
            None => assert!(got.is_empty(), "{name} is a correct report:\n{text}"),
            Some(rule) => assert!(got.contains(rule), "{name} must be caught by {rule}:\n{text}"),
        }
    }
}
