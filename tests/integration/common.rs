//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

use baocao::data::model::Report;
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three samples");
    files
}

/// Runs a tool and returns its stdout, or None when the tool is not installed.
pub fn tool(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).expect("tool output is UTF-8"))
}

/// pdftotext is required: CI installs poppler-utils. Failing loudly here keeps
/// a missing tool from turning the round-trip checks into silent passes.
pub fn pdftotext(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]).expect("pdftotext is installed (poppler-utils)")
}

/// Collapses all whitespace to single spaces.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn baocao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
}

pub fn load(path: &Path) -> Report {
    let text = std::fs::read_to_string(path).unwrap();
    match baocao::data::load(path, &text) {
        Ok(loaded) => loaded.report,
        Err(d) => panic!("{} does not load: {d:?}", path.display()),
    }
}

/// Input strings that must come back from the PDF, with Markdown marks removed.
pub fn input_texts(report: &Report) -> Vec<String> {
    let mut out = vec![report.document.summary.clone(), report.document.place.clone()];
    out.extend(report.document.to.iter().cloned());
    out.extend(report.recipients.iter().cloned());
    for t in &report.results.tasks {
        out.push(t.name.clone());
        out.push(t.lead.clone());
        out.extend(t.note.iter().cloned());
    }
    for s in &report.signers {
        out.push(s.name.clone());
    }
    let s = &report.sections;
    for paragraph in [&s.situation, &s.achievements, &s.limitations, &s.causes, &s.lessons, &s.next_tasks, &s.proposals]
        .into_iter()
        .flatten()
    {
        for line in paragraph.lines() {
            let line = line.trim_start().trim_start_matches("- ").trim_start_matches("+ ").trim_start_matches("* ");
            out.push(line.replace("**", "").replace('*', ""));
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

