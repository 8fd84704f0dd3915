//! `baocao lint` on PDFs: every sample's PDF, and LibreOffice's PDF of every
//! sample's DOCX, lint clean (no failure, no warning); PDFs drawn by another
//! program (ReportLab) with one planted fault each are caught by the rule ID
//! that names the fault; exit codes, JSON and folder summaries.

use std::path::{Path, PathBuf};

use baocao::data::model::System;
use baocao::{Format, Renderer};

use crate::common::{baocao, samples};

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
