//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};
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
