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
    // LibreOffice instances that share a user profile refuse to start side
    // by side (the tests run in parallel): each call gets its own.
    let profile_dir = tempfile::tempdir().ok()?;
    let profile = format!("-env:UserInstallation=file://{}", profile_dir.path().display());
    let private = program == "soffice" && !args.iter().any(|a| a.starts_with("-env:UserInstallation"));
    let args: Vec<&str> = if private { std::iter::once(profile.as_str()).chain(args.iter().copied()).collect() } else { args.to_vec() };
    let out = Command::new(program).args(&args).output().ok()?;
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
    for paragraph in
        [&s.situation, &s.achievements, &s.limitations, &s.causes, &s.lessons, &s.next_tasks, &s.proposals].into_iter().flatten()
    {
        for line in paragraph.lines() {
            let line = line.trim_start().trim_start_matches("- ").trim_start_matches("+ ").trim_start_matches("* ");
            out.push(line.replace("**", "").replace('*', ""));
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// No text outside the margins (the page number in the top margin aside) and
/// no two pieces of text over each other, on laid-out pages.
pub fn inside_margins_and_apart(doc: &baocao::doc::Document, pages: &[baocao::layout::Page]) -> Result<(), String> {
    use baocao::layout::{Item, TextItem};
    const EPS: f32 = 0.5;
    let p = &doc.page;
    let (left, right) = (p.margin_left.pt(), p.width.pt() - p.margin_right.pt());
    let (top, bottom) = (p.margin_top.pt(), p.height.pt() - p.margin_bottom.pt());
    for (n, page) in pages.iter().enumerate() {
        let texts: Vec<&TextItem> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                Item::Line { .. } => None,
            })
            .collect();
        for t in &texts {
            let page_number = t.baseline < top && t.text.trim().chars().all(|c| c.is_ascii_digit());
            if t.x < left - EPS || t.x + t.width > right + EPS {
                return Err(format!("page {}: {:?} at x {:.1}..{:.1} outside {left:.1}..{right:.1}", n + 1, t.text, t.x, t.x + t.width));
            }
            if !page_number && (t.baseline - t.size * 0.8 < top - EPS || t.baseline > bottom + EPS) {
                return Err(format!("page {}: {:?} at baseline {:.1} outside {top:.1}..{bottom:.1}", n + 1, t.text, t.baseline));
            }
        }
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                let same_band = (a.baseline - b.baseline).abs() < a.size.min(b.size) * 0.9;
                let overlap = a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS;
                if same_band && overlap && !a.text.trim().is_empty() && !b.text.trim().is_empty() {
                    return Err(format!(
                        "page {}: {:?} ({:.1},{:.1} w {:.1}) overlaps {:?} ({:.1},{:.1} w {:.1})",
                        n + 1,
                        a.text,
                        a.x,
                        a.baseline,
                        a.width,
                        b.text,
                        b.x,
                        b.baseline,
                        b.width
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Copies a folder tree (the fixtures are small).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The ledger in which baocao records the files it wrote in a folder
/// (one line per file: SHA-256 of the bytes, name, input; tab-separated).
pub const LEDGER: &str = ".baocao-outputs";

/// Writes `files` as if an earlier run of baocao had written them from
/// `source`: each recorded in its folder's ledger, so a later run owns them.
/// Names are plain ASCII (the ledger escapes other bytes).
pub fn written_earlier(files: &[(PathBuf, &[u8])], source: &Path) {
    use sha2::{Digest, Sha256};
    use std::io::Write;
    let source = source.canonicalize().unwrap_or_else(|_| source.to_path_buf());
    for (path, bytes) in files {
        std::fs::write(path, bytes).unwrap();
        let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.bytes().all(|b| b.is_ascii_graphic() && b != b'%'), "a plain name: {name}");
        let ledger = path.parent().unwrap().join(LEDGER);
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(ledger).unwrap();
        writeln!(file, "{hash}\t{name}\t{}", source.display()).unwrap();
    }
}

/// The rules a lint report does not pass (failures and warnings), with their status.
pub fn broken(report: &baocao::lint::FileReport) -> std::collections::BTreeSet<(&'static str, baocao::lint::Status)> {
    use baocao::lint::Status;
    report.findings.iter().filter(|f| matches!(f.status, Status::Fail | Status::Warn)).map(|f| (f.rule, f.status)).collect()
}

/// A fixture's verdict: a correct file (`rule` None) breaks no rule; a file
/// with one planted fault is caught by that rule alone, as a warning for the
/// C- conventions and a failure for the spec's MUST rules. The rule caught
/// is added to `caught`.
pub fn assert_caught_alone(
    report: &baocao::lint::FileReport,
    name: &str,
    rule: Option<&str>,
    text: &str,
    caught: &mut std::collections::BTreeSet<String>,
) {
    use baocao::lint::Status;
    let got = broken(report);
    match rule {
        None => assert!(got.is_empty(), "{name} is a correct report:\n{text}"),
        Some(rule) => {
            let status = if rule.starts_with("C-") { Status::Warn } else { Status::Fail };
            assert_eq!(got, [(rule, status)].into_iter().collect(), "{name} must be caught by {rule} alone:\n{text}");
            assert_eq!(report.failed(), status == Status::Fail, "{name}");
            caught.insert(rule.to_string());
        }
    }
}

/// Every sample rendered to DOCX in `dir` (created if missing): (sample, DOCX path).
pub fn write_sample_docx(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir).unwrap();
    let renderer = baocao::Renderer::new().unwrap();
    samples()
        .into_iter()
        .map(|sample| {
            let rendered = renderer.render_file(&sample, &[baocao::Format::Docx]).unwrap();
            let path = dir.join(format!("{}.docx", sample.file_stem().unwrap().to_str().unwrap()));
            std::fs::write(&path, &rendered.outputs[0].1).unwrap();
            (sample, path)
        })
        .collect()
}

/// A sample and the PDF LibreOffice makes of its DOCX.
pub struct OfficePdf {
    pub sample: PathBuf,
    pub stem: String,
    pub pdf: PathBuf,
}

/// Every sample's DOCX laid out by LibreOffice, converted once (one LibreOffice
/// start for all files) for all the tests that read those pages. The files live
/// under the test build's scratch folder; `dir` holds nothing but the PDFs.
pub fn office_pdfs_of_samples() -> &'static (PathBuf, Vec<OfficePdf>) {
    static DONE: std::sync::OnceLock<(PathBuf, Vec<OfficePdf>)> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("office-pdfs-of-samples");
        let _ = std::fs::remove_dir_all(&dir);
        let written = write_sample_docx(&dir.join("docx"));
        let lo = dir.join("pdf");
        let mut args = vec!["--headless", "--convert-to", "pdf", "--outdir", lo.to_str().unwrap()];
        args.extend(written.iter().map(|(_, docx)| docx.to_str().unwrap()));
        tool("soffice", &args).expect("LibreOffice is installed (libreoffice-writer-nogui)");
        let files = written
            .into_iter()
            .map(|(sample, _)| {
                let stem = sample.file_stem().unwrap().to_str().unwrap().to_string();
                let pdf = lo.join(format!("{stem}.pdf"));
                assert!(pdf.exists(), "LibreOffice did not convert {stem}.docx");
                OfficePdf { sample, stem, pdf }
            })
            .collect();
        (lo, files)
    })
}

/// The reports a clerk "typed in Word" (python-docx, `tests/fixtures/lint/docx_clerk.py`),
/// written once for all the tests that read them: their folder and the script's
/// listing (one line per file: name, then the rule its fault breaks or "-").
pub fn clerk_docx() -> &'static (PathBuf, String) {
    static DONE: std::sync::OnceLock<(PathBuf, String)> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("clerk-docx");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let script = root().join("tests/fixtures/lint/docx_clerk.py");
        let listing = tool("python3", &[script.to_str().unwrap(), dir.to_str().unwrap()])
            .expect("python3 with python-docx (scripts/test installs it)");
        (dir, listing)
    })
}
