//! `baocao lint` on DOCX files (issue 15): every sample's DOCX lints clean
//! and its profile is read off the header table; reports typed "in Word" by
//! another program (python-docx, `tests/fixtures/lint/docx_clerk.py`) pass
//! when correct, and each planted fault is caught by exactly the rule ID that
//! names it; `--layout` adds the checks of LibreOffice's pages, tagged.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use baocao::data::model::System;
use baocao::lint::{self, FileReport, Options, Status};

use crate::common::{assert_caught_alone, baocao, broken, clerk_docx, load, pdftotext, squash, tool, write_sample_docx};

/// Every sample's DOCX in `dir`, with the system of its lead issuer.
fn sample_docx(dir: &Path) -> Vec<(PathBuf, System)> {
    write_sample_docx(dir).into_iter().map(|(sample, path)| (path, load(&sample).issuers[0].system)).collect()
}

/// The rules a report does not pass (fail or warn), with their statuses.
fn rules_of(report: &FileReport) -> BTreeSet<&'static str> {
    report.findings.iter().map(|f| f.rule).collect()
}

#[test]
fn every_sample_docx_lints_clean_and_its_profile_is_read_off_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = BTreeSet::new();
    for (path, system) in sample_docx(dir.path()) {
        let report = lint::lint_file(&path, &Options::default()).unwrap();
        let text = lint::text_report(&report, baocao::i18n::Lang::En);
        assert!(broken(&report).is_empty(), "{}:\n{text}", path.display());
        assert!(report.detected, "{}: profile not detected", path.display());
        assert_eq!(report.system, system, "{}: profile", path.display());
        seen.insert(format!("{system:?}"));
        // The rules the XML states are all there, none skipped on our own output.
        let rules = rules_of(&report);
        let expected: &[&str] = match system {
            System::Party => &[
                "G-01", "G-04", "P-01", "P-02", "P-03", "P-04", "P-06", "P-07", "P-08", "P-11", "B-02", "B-03", "B-04", "P-14", "P-15",
                "P-16", "P-17", "P-18",
            ],
            System::State | System::Front => &[
                "G-01", "G-03", "G-04", "G-05", "G-06", "C-13", "H-01", "H-02", "H-03", "H-04", "H-06", "H-07", "H-09", "H-10", "H-12",
                "H-13", "H-14", "H-15", "T-01", "T-02", "T-03", "B-01", "B-02", "B-03", "B-04", "S-01", "S-02", "S-04", "R-03", "R-04",
                "R-05", "C-10", "C-11",
            ],
        };
        for rule in expected {
            assert!(rules.contains(rule), "{}: no finding for {rule}\n{text}", path.display());
        }
        assert_eq!(report.count(Status::Skip), 0, "{}:\n{text}", path.display());
    }
    assert_eq!(seen.len(), 3, "samples of all three systems: {seen:?}");
}

/// The clerk's reports, written by python-docx: (name, file, the rule that must catch its fault or None).
fn clerk_files() -> Vec<(String, PathBuf, Option<String>)> {
    let (dir, listing) = clerk_docx();
    listing
        .lines()
        .map(|l| {
            let (name, rule) = l.split_once(' ').unwrap();
            (name.to_string(), dir.join(format!("{name}.docx")), (rule != "-").then(|| rule.to_string()))
        })
        .collect()
}

#[test]
fn reports_typed_in_word_pass_when_correct_and_each_planted_fault_is_caught_by_its_rule() {
    let files = clerk_files();
    assert!(files.len() >= 20, "{files:?}");
    let mut caught = BTreeSet::new();
    for (name, path, rule) in &files {
        let report = lint::lint_file(path, &Options::default()).unwrap();
        let text = lint::text_report(&report, baocao::i18n::Lang::En);
        assert!(report.detected, "{name}: profile not detected\n{text}");
        let party = name.starts_with("party");
        assert_eq!(report.system, if party { System::Party } else { System::State }, "{name}\n{text}");
        assert_caught_alone(&report, name, rule.as_deref(), &text, &mut caught);
    }
    for rule in [
        "G-01", "G-03", "G-04", "G-06", "B-01", "B-15", "H-03", "H-09", "H-13", "H-14", "R-01", "R-03", "R-04", "A-02", "A-03", "P-04",
        "C-01", "C-14",
    ] {
        assert!(caught.contains(rule), "no fixture plants a {rule} fault: {caught:?}");
    }
}

/// Runs LibreOffice on `files` with a profile of its own (two at once on one profile fail).
fn soffice(dir: &Path, args: &[&str], files: &[PathBuf]) {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let mut all = vec![profile.as_str(), "--headless"];
    all.extend(args);
    all.extend(files.iter().map(|f| f.to_str().unwrap()));
    tool("soffice", &all).expect("LibreOffice is installed (libreoffice-writer-nogui)");
}

#[test]
fn reports_rewritten_by_libreoffice_keep_their_verdicts() {
    // LibreOffice writes DOCX its own way (its styles, shapes, fields): open each in
    // Writer's format and save it back as Word, then lint again.
    let dir = tempfile::tempdir().unwrap();
    let clerk = clerk_files();
    let keep = ["correct", "party-correct", "body-12pt", "so-without-colon", "tieu-ngu-rule-too-long", "noi-nhan-not-bold-italic"];
    let mut files: Vec<(PathBuf, Option<String>)> =
        clerk.into_iter().filter(|(name, ..)| keep.contains(&name.as_str())).map(|(_, path, rule)| (path, rule)).collect();
    let (sample, _) = sample_docx(&dir.path().join("ours")).into_iter().find(|(p, _)| p.ends_with("vu-quang-2018.docx")).unwrap();
    files.push((sample, None));
    let odt = dir.path().join("odt");
    let back = dir.path().join("back");
    soffice(
        dir.path(),
        &["--convert-to", "odt", "--outdir", odt.to_str().unwrap()],
        &files.iter().map(|f| f.0.clone()).collect::<Vec<_>>(),
    );
    let odts: Vec<PathBuf> = files.iter().map(|(p, _)| odt.join(p.with_extension("odt").file_name().unwrap())).collect();
    soffice(dir.path(), &["--convert-to", "docx:MS Word 2007 XML", "--outdir", back.to_str().unwrap()], &odts);
    for (path, rule) in &files {
        let again = back.join(path.file_name().unwrap());
        let report = lint::lint_file(&again, &Options::default()).unwrap();
        let text = lint::text_report(&report, baocao::i18n::Lang::En);
        let got: BTreeSet<&str> = broken(&report).into_iter().map(|(r, _)| r).collect();
        let want: BTreeSet<&str> = rule.iter().map(String::as_str).collect();
        assert_eq!(got, want, "{} as LibreOffice writes it:\n{text}", path.display());
        assert!(report.detected, "{text}");
    }
}

#[test]
fn the_command_line_names_the_fault_in_either_language_and_exits_1() {
    let files = clerk_files();
    let file = |name: &str| files.iter().find(|f| f.0 == name).unwrap().1.to_str().unwrap().to_string();
    let (wrong, right) = (file("so-without-colon"), file("correct"));
    let out = baocao().args(["lint", &wrong]).output().unwrap();
    let vi = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{vi}");
    assert!(vi.contains("LỖI       H-09  đoạn 6 “Số 15/BC-UBND”: thiếu dấu hai chấm sau “Số”; quy định: dòng “Số:”: 13 pt"), "{vi}");
    assert!(vi.contains("0 cảnh báo, 0 bỏ qua — thể thức nhà nước (tự nhận biết)"), "{vi}");
    let out = baocao().args(["lint", "--lang", "en", &wrong]).output().unwrap();
    let en = String::from_utf8(out.stdout).unwrap();
    assert!(
        en.contains("FAIL  H-09  paragraph 6 “Số 15/BC-UBND”: no colon after “Số”; wanted: the “Số:” line: 13 pt, not bold, upright"),
        "{en}"
    );
    let out = baocao().args(["lint", &right]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // JSON: the place of a DOCX finding is its paragraph.
    let out = baocao().args(["lint", "--json", "--lang", "en", &wrong]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let h09 = findings.iter().find(|f| f["rule"] == "H-09").unwrap();
    assert_eq!((h09["status"].as_str(), h09["source"].as_str()), (Some("fail"), Some("xml")));
    assert_eq!((h09["place"]["kind"].as_str(), h09["place"]["index"].as_u64()), (Some("paragraph"), Some(6)));
    // --profile party on a state document: judged by the Party's rules, not detected.
    let report = lint::lint_file(Path::new(&right), &Options { system: Some(System::Party), layout: false }).unwrap();
    assert!(!report.detected && report.system == System::Party);
    assert!(broken(&report).iter().any(|(r, _)| *r == "P-01"), "the Quốc hiệu on a Party document");
}

#[test]
fn layout_adds_libreoffice_pages_checked_as_pdf_and_tagged_and_every_sample_holds_there_too() {
    let dir = tempfile::tempdir().unwrap();
    let files = sample_docx(dir.path());
    tool("soffice", &["--version"]).expect("LibreOffice is installed (libreoffice-writer-nogui)");
    // Issue 7: LibreOffice's pages of our DOCX hold the same rules as our PDF.
    let out = baocao().args(["lint", "--layout", "--json", "--lang", "en", dir.path().to_str().unwrap()]).output().unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let reports = json["files"].as_array().unwrap();
    assert_eq!(reports.len(), files.len(), "{json}");
    for report in reports {
        let findings = report["findings"].as_array().unwrap();
        let sources: BTreeSet<&str> = findings.iter().filter_map(|f| f["source"].as_str()).collect();
        assert_eq!(sources, ["layout", "xml"].into(), "{report}");
        let layout: Vec<&serde_json::Value> = findings.iter().filter(|f| f["source"] == "layout").collect();
        // LibreOffice did lay the file out: its page checks ran (not the "not installed" skip) …
        assert!(layout.iter().any(|f| f["rule"] == "G-01" && f["status"] == "pass"), "A4 pages: {layout:?}");
        // … and nothing fails or warns there.
        let bad: Vec<_> = findings.iter().filter(|f| f["status"] == "fail" || f["status"] == "warn").collect();
        assert!(bad.is_empty(), "{}: {bad:#?}", report["path"]);
    }
    assert_eq!(out.status.code(), Some(0));
    let one = &files[0].0;
    let out = baocao().args(["lint", "--layout", one.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.contains("G-01 [bố cục LibreOffice]")), "{text}");
}

#[test]
fn libreoffice_lays_out_several_files_in_one_run_each_into_its_own_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let files = sample_docx(dir.path());
    let (a, b) = (std::fs::read(&files[0].0).unwrap(), std::fs::read(&files[1].0).unwrap());
    let text = |pdf: &[u8], name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, pdf).unwrap();
        squash(&pdftotext(&path))
    };
    // One run for both, in the reverse order, against one run each.
    let together = lint::office_pdfs(&[b.as_slice(), a.as_slice()]);
    assert_eq!(together.len(), 2);
    let alone: Vec<String> = [&a, &b]
        .iter()
        .enumerate()
        .map(|(i, docx)| text(lint::office_pdfs(&[docx])[0].as_ref().unwrap(), &format!("alone-{i}.pdf")))
        .collect();
    assert_ne!(alone[0], alone[1], "two different reports");
    assert_eq!(text(together[1].as_ref().unwrap(), "together-a.pdf"), alone[0]);
    assert_eq!(text(together[0].as_ref().unwrap(), "together-b.pdf"), alone[1]);
    assert!(lint::office_pdfs(&[]).is_empty(), "no file, no run");
}
