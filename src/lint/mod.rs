//! `baocao lint`: checks a finished report, PDF or DOCX, made by any program
//! (baocao, Word, LibreOffice, ReportLab, Typst …) against the rules of
//! `format-spec.md` that can be seen in the file, each named by its rule ID.
//!
//! ```text
//! file ──pdf::read──▶ pdf::Pages ──pdf::check(system)──┐
//!      └─docx::read─▶ docx::Package ─docx::check(system)┴▶ Vec<Finding> ──report──▶ text | JSON
//!                      └─(--layout) LibreOffice → PDF → pdf::check, tagged Source::Layout
//! ```
//!
//! Contract:
//! - A reader never panics on a file it did not write; a file that is not a
//!   readable PDF or DOCX is a [`LintError`], not a finding.
//! - A check emits one [`Finding`] per rule it knows, also when the rule holds
//!   ([`Status::Pass`]) or cannot be seen in this file ([`Status::Skip`], with the
//!   reason in `found`), so the output lists every rule the command covers.
//! - [`Status::Fail`] is kept for MUST rules; a SHOULD rule that does not hold
//!   is a [`Status::Warn`]. Only a failure makes the command exit 1.
//! - The issuer system (state, party, front) is detected from the header
//!   ([`detect`]) unless the caller gives it.

pub mod docx;
pub mod pdf;

use std::path::{Path, PathBuf};

use crate::data::model::System;
use crate::i18n::{Lang, Text};

/// The verdict on one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Pass,
    Fail,
    Warn,
    Skip,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Pass, Lang::Vi) => "ĐẠT",
            (Status::Fail, Lang::Vi) => "LỖI",
            (Status::Warn, Lang::Vi) => "CẢNH BÁO",
            (Status::Skip, Lang::Vi) => "BỎ QUA",
            (Status::Pass, Lang::En) => "PASS",
            (Status::Fail, Lang::En) => "FAIL",
            (Status::Warn, Lang::En) => "WARN",
            (Status::Skip, Lang::En) => "SKIP",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Skip => "skip",
        }
    }
}

/// What a finding was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The pages of a PDF.
    Pdf,
    /// The XML of a DOCX.
    Xml,
    /// The pages LibreOffice lays out from a DOCX (`--layout`).
    Layout,
}

impl Source {
    fn key(self) -> &'static str {
        match self {
            Source::Pdf => "pdf",
            Source::Xml => "xml",
            Source::Layout => "layout",
        }
    }
}

/// Where in the file a finding is.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// The file as a whole (page size, fonts, properties).
    Document,
    /// A point on a page: 1-based page, millimetres from the page's left and top edges.
    Page { page: usize, x_mm: f32, y_mm: f32 },
    /// A whole page (1-based).
    PageOnly(usize),
    /// A paragraph of a DOCX: 1-based position in the body and the start of its text.
    Paragraph { index: usize, text: String },
}

impl Place {
    /// A paragraph, its text cut to a length one can read on one line.
    pub fn paragraph(index: usize, text: &str) -> Place {
        const MAX: usize = 48;
        let text = text.trim();
        let cut: String = text.chars().take(MAX).collect();
        let text = if text.chars().count() > MAX { format!("{cut}…") } else { cut };
        Place::Paragraph { index, text }
    }

    fn show(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Place::Document => (if vi { "toàn văn bản" } else { "whole document" }).to_string(),
            Place::Page { page, x_mm, y_mm } if vi => {
                // Vietnamese writes a decimal comma, as the findings do.
                let mm = |v: f32| format!("{v:.1}").replace('.', ",");
                format!("trang {page}, x {} mm, y {} mm", mm(*x_mm), mm(*y_mm))
            }
            Place::Page { page, x_mm, y_mm } => format!("page {page}, x {x_mm:.1} mm, y {y_mm:.1} mm"),
            Place::PageOnly(page) => format!("{} {page}", if vi { "trang" } else { "page" }),
            Place::Paragraph { index, text } => {
                format!("{} {index} “{text}”", if vi { "đoạn" } else { "paragraph" })
            }
        }
    }
}

/// The verdict on one rule in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule ID of `format-spec.md` ("H-07").
    pub rule: &'static str,
    pub status: Status,
    /// What the file has ("rule 62.0 mm long"); for a skip, why the rule cannot be seen.
    pub found: Text,
    /// What the rule wants ("1/3 to 1/2 of the agency name, 24.3–36.4 mm").
    pub wants: Text,
    pub place: Place,
    pub source: Source,
}

impl Finding {
    pub fn new(rule: &'static str, status: Status, found: Text, wants: Text, place: Place, source: Source) -> Finding {
        Finding { rule, status, found, wants, place, source }
    }
}

/// A file that could not be read as a report.
#[derive(Debug, Clone, PartialEq)]
pub struct LintError {
    pub path: PathBuf,
    pub text: Text,
}

/// The result for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    pub system: System,
    /// The system was read off the header (not given with `--profile`).
    pub detected: bool,
    pub findings: Vec<Finding>,
}

impl FileReport {
    pub fn count(&self, status: Status) -> usize {
        self.findings.iter().filter(|f| f.status == status).count()
    }

    /// A MUST rule does not hold.
    pub fn failed(&self) -> bool {
        self.count(Status::Fail) > 0
    }
}

/// How to lint.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The issuer system; None: detected from the header.
    pub system: Option<System>,
    /// DOCX: also lay the file out with LibreOffice (when installed) and check its pages.
    pub layout: bool,
}

/// The kinds of file lint reads, told by content, not by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Docx,
}

fn kind_of(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") || bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(Kind::Docx)
    } else {
        None
    }
}

/// The issuer system of a report from the text lines of its header (page 1's
/// top, or a DOCX's header table), top to bottom. "ĐẢNG CỘNG SẢN VIỆT NAM" is
/// the Party's motto (P-01); the Quốc hiệu (H-01) is the state's, and a header
/// whose issuing body is a Fatherland Front committee ("MẶT TRẬN TỔ QUỐC",
/// or abbreviated "MTTQ" as H-08 allows) follows the front's rules on the
/// state layout. None when neither motto is there.
pub fn detect(lines: &[String]) -> Option<System> {
    let upper: Vec<String> = lines.iter().map(|l| l.trim().to_uppercase()).collect();
    let has = |needle: &str| upper.iter().any(|l| l.contains(needle));
    if has("ĐẢNG CỘNG SẢN VIỆT NAM") {
        Some(System::Party)
    } else if has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || has("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
        // Local committees abbreviate their name to fit the column: "ỦY BAN MTTQ VIỆT NAM" (H-08).
        if has("MẶT TRẬN TỔ QUỐC") || has("MTTQ") { Some(System::Front) } else { Some(System::State) }
    } else {
        None
    }
}

/// H-12: a place name as ND30 writes it, each word capitalised ("Bà Rịa -
/// Vũng Tàu", "Quận 1") except the second word of the unit's own kind when it
/// is written in full ("Thành phố Hồ Chí Minh", "Thị xã Sơn Tây").
pub(crate) fn place_is_capitalised(name: &str) -> bool {
    const KINDS: [&str; 3] = ["Thành phố ", "Thị xã ", "Thị trấn "];
    let name = name.trim();
    let named = KINDS.iter().find_map(|kind| name.strip_prefix(kind)).unwrap_or(name);
    let capital = |w: &str| w.chars().next().is_some_and(|c| !c.is_lowercase());
    !name.is_empty() && capital(name) && named.split_whitespace().all(capital)
}

/// Lints the bytes of one file. `path` is only used to name it.
pub fn lint_bytes(path: &Path, bytes: &[u8], options: &Options) -> Result<FileReport, LintError> {
    lint_with_layout(path, bytes, options, || office_pdf(bytes))
}

/// Lints files, a report or an error per path, in order. With `--layout`,
/// LibreOffice lays out every DOCX among them in one run: it takes seconds
/// to start, so a folder of ten reports no longer starts it ten times.
pub fn lint_files(paths: &[PathBuf], options: &Options) -> Vec<Result<FileReport, LintError>> {
    let read: Vec<Result<Vec<u8>, LintError>> = paths
        .iter()
        .map(|path| std::fs::read(path).map_err(|e| LintError { path: path.clone(), text: crate::i18n::os_error(&e) }))
        .collect();
    let mut laid_out: Vec<Option<Result<Vec<u8>, Text>>> = paths.iter().map(|_| None).collect();
    if options.layout {
        let docx: Vec<usize> = (0..paths.len()).filter(|&i| matches!(&read[i], Ok(b) if kind_of(b) == Some(Kind::Docx))).collect();
        let bytes: Vec<&[u8]> = docx.iter().filter_map(|&i| read[i].as_ref().ok().map(Vec::as_slice)).collect();
        for (&i, pdf) in docx.iter().zip(office_pdfs(&bytes)) {
            laid_out[i] = Some(pdf);
        }
    }
    read.into_iter()
        .zip(paths)
        .zip(laid_out)
        .map(|((bytes, path), pdf)| {
            let bytes = bytes?;
            lint_with_layout(path, &bytes, options, || pdf.unwrap_or_else(|| office_pdf(&bytes)))
        })
        .collect()
}

/// [`lint_bytes`], with the PDF LibreOffice makes of the file (asked for only
/// with `--layout` on a DOCX).
fn lint_with_layout(
    path: &Path,
    bytes: &[u8],
    options: &Options,
    office_pdf: impl FnOnce() -> Result<Vec<u8>, Text>,
) -> Result<FileReport, LintError> {
    let error = |text: Text| LintError { path: path.to_path_buf(), text };
    let kind = kind_of(bytes).ok_or_else(|| error(Text::new("không phải tệp PDF hay DOCX", "not a PDF or DOCX file")))?;
    let (header, read) = match kind {
        Kind::Pdf => {
            let pages = pdf::read(bytes).map_err(error)?;
            (pdf::header_lines(&pages), Read::Pdf(pages))
        }
        Kind::Docx => {
            let package = docx::read(bytes).map_err(error)?;
            (docx::header_lines(&package), Read::Docx(package))
        }
    };
    let detected = detect(&header);
    let system = options.system.or(detected).unwrap_or(System::State);
    let mut findings = match &read {
        Read::Pdf(pages) => pdf::check(pages, system, Source::Pdf),
        Read::Docx(package) => docx::check(package, system),
    };
    if options.system.is_none() && detected.is_none() {
        findings.insert(
            0,
            Finding::new(
                "H-01",
                Status::Warn,
                Text::new(
                    "không thấy Quốc hiệu hay “ĐẢNG CỘNG SẢN VIỆT NAM” ở đầu trang 1; kiểm tra theo thể thức nhà nước",
                    "neither the Quốc hiệu nor “ĐẢNG CỘNG SẢN VIỆT NAM” at the top of page 1; checked as a state document",
                ),
                Text::new(
                    "Quốc hiệu (H-01) hoặc dòng “ĐẢNG CỘNG SẢN VIỆT NAM” (P-01)",
                    "the Quốc hiệu (H-01) or “ĐẢNG CỘNG SẢN VIỆT NAM” (P-01)",
                ),
                Place::PageOnly(1),
                match kind {
                    Kind::Pdf => Source::Pdf,
                    Kind::Docx => Source::Xml,
                },
            ),
        );
    }
    if kind == Kind::Docx && options.layout {
        findings.extend(layout_findings(office_pdf(), system));
    }
    Ok(FileReport { path: path.to_path_buf(), system, detected: options.system.is_none() && detected.is_some(), findings })
}

enum Read {
    Pdf(pdf::Pages),
    Docx(docx::Package),
}

/// Lints one file.
pub fn lint_file(path: &Path, options: &Options) -> Result<FileReport, LintError> {
    let bytes = std::fs::read(path).map_err(|e| LintError { path: path.to_path_buf(), text: crate::i18n::os_error(&e) })?;
    lint_bytes(path, &bytes, options)
}

/// The PDF and DOCX files under each argument (folders are walked, sorted by
/// name; files are taken as given, whatever their extension).
pub fn files(args: &[PathBuf]) -> Result<Vec<PathBuf>, LintError> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            walk(arg, &mut out).map_err(|e| LintError { path: arg.clone(), text: crate::i18n::os_error(&e) })?;
        } else {
            out.push(arg.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.starts_with("~$") {
            continue; // hidden files and Word's lock files
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(), Some("pdf" | "docx")) {
            out.push(path);
        }
    }
    Ok(())
}

/// `--layout`: the DOCX as LibreOffice laid it out (`office_pdf`), checked
/// as a PDF. A machine without LibreOffice gets one skip saying so.
fn layout_findings(office_pdf: Result<Vec<u8>, Text>, system: System) -> Vec<Finding> {
    let skip = |found: Text| {
        vec![Finding::new(
            "G-08",
            Status::Skip,
            found,
            Text::new("bố cục do LibreOffice dàn trang", "the layout LibreOffice gives the file"),
            Place::Document,
            Source::Layout,
        )]
    };
    match office_pdf {
        Ok(pdf_bytes) => match pdf::read(&pdf_bytes) {
            Ok(pages) => pdf::check(&pages, system, Source::Layout),
            Err(text) => skip(text),
        },
        Err(text) => skip(text),
    }
}

/// The PDF LibreOffice makes of a DOCX.
fn office_pdf(bytes: &[u8]) -> Result<Vec<u8>, Text> {
    office_pdfs(&[bytes]).pop().expect("one result per file")
}

/// The PDFs LibreOffice makes of DOCX files (one result per file, in order),
/// in one run of LibreOffice, in a private temporary folder. No file, no run.
pub fn office_pdfs(files: &[&[u8]]) -> Vec<Result<Vec<u8>, Text>> {
    let failed = || Text::new("LibreOffice không chuyển được tệp sang PDF", "LibreOffice could not convert the file to PDF");
    if files.is_empty() {
        return Vec::new();
    }
    let run = || -> Result<tempfile::TempDir, Text> {
        let dir = tempfile::tempdir().map_err(|e| crate::i18n::os_error(&e))?;
        let mut inputs = Vec::new();
        for (i, bytes) in files.iter().enumerate() {
            let input = dir.path().join(format!("lint-{i}.docx"));
            std::fs::write(&input, bytes).map_err(|e| crate::i18n::os_error(&e))?;
            inputs.push(input);
        }
        let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
        let status = std::process::Command::new("soffice")
            .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .args(&inputs)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            // A file LibreOffice could not convert has no PDF: read below.
            Ok(_) => Ok(dir),
            Err(_) => Err(Text::new(
                "máy này chưa cài LibreOffice (soffice) nên không kiểm tra được bố cục",
                "LibreOffice (soffice) is not installed, so the layout cannot be checked",
            )),
        }
    };
    match run() {
        Ok(dir) => (0..files.len()).map(|i| std::fs::read(dir.path().join(format!("lint-{i}.pdf"))).map_err(|_| failed())).collect(),
        Err(text) => files.iter().map(|_| Err(text.clone())).collect(),
    }
}

fn system_name(system: System, lang: Lang) -> &'static str {
    match (system, lang) {
        (System::State, Lang::Vi) => "nhà nước",
        (System::Party, Lang::Vi) => "Đảng",
        (System::Front, Lang::Vi) => "Mặt trận",
        (System::State, Lang::En) => "state",
        (System::Party, Lang::En) => "party",
        (System::Front, Lang::En) => "front",
    }
}

fn system_key(system: System) -> &'static str {
    match system {
        System::State => "state",
        System::Party => "party",
        System::Front => "front",
    }
}

/// One line per finding and a closing count, in `lang`.
pub fn text_report(report: &FileReport, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut out = String::new();
    let width = [Status::Pass, Status::Fail, Status::Warn, Status::Skip].iter().map(|s| s.label(lang).chars().count()).max().unwrap_or(0);
    for f in &report.findings {
        let label = f.status.label(lang);
        let pad = " ".repeat(width - label.chars().count());
        let tag = match f.source {
            Source::Layout => {
                if vi {
                    " [bố cục LibreOffice]"
                } else {
                    " [LibreOffice layout]"
                }
            }
            Source::Pdf | Source::Xml => "",
        };
        let (found, wants) = (f.found.get(lang), f.wants.get(lang));
        let line = match f.status {
            Status::Skip => format!("{label}{pad}  {}{tag}  {found}", f.rule),
            _ if vi => format!("{label}{pad}  {}{tag}  {}: {found}; quy định: {wants}", f.rule, f.place.show(lang)),
            _ => format!("{label}{pad}  {}{tag}  {}: {found}; wanted: {wants}", f.rule, f.place.show(lang)),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&summary_line(report, lang));
    out.push('\n');
    out
}

/// `file: 40 đạt, 1 lỗi (H-07), 2 cảnh báo, 3 bỏ qua — thể thức nhà nước (tự nhận biết)`.
pub fn summary_line(report: &FileReport, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let ids = |status: Status| {
        let mut ids: Vec<&str> = report.findings.iter().filter(|f| f.status == status).map(|f| f.rule).collect();
        ids.dedup();
        if ids.is_empty() { String::new() } else { format!(" ({})", ids.join(", ")) }
    };
    let words: [&str; 4] = if vi { ["đạt", "lỗi", "cảnh báo", "bỏ qua"] } else { ["passed", "failed", "warnings", "skipped"] };
    let how = match (report.detected, vi) {
        (true, true) => "tự nhận biết",
        (false, true) => "theo tùy chọn",
        (true, false) => "detected",
        (false, false) => "as given",
    };
    format!(
        "{}: {} {}, {} {}{}, {} {}{}, {} {} — {} {} ({how})",
        report.path.display(),
        report.count(Status::Pass),
        words[0],
        report.count(Status::Fail),
        words[1],
        ids(Status::Fail),
        report.count(Status::Warn),
        words[2],
        ids(Status::Warn),
        report.count(Status::Skip),
        words[3],
        if vi { "thể thức" } else { "rules for a" },
        if vi { system_name(report.system, lang).to_string() } else { format!("{} document", system_name(report.system, lang)) },
    )
}

/// The reports as one JSON value (texts in `lang`), for machines.
pub fn json_report(reports: &[Result<FileReport, LintError>], lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| match r {
            Ok(report) => json!({
                "path": report.path.display().to_string(),
                "profile": system_key(report.system),
                "profile_detected": report.detected,
                "counts": {
                    "pass": report.count(Status::Pass),
                    "fail": report.count(Status::Fail),
                    "warn": report.count(Status::Warn),
                    "skip": report.count(Status::Skip),
                },
                "findings": report.findings.iter().map(|f| finding_json(f, lang)).collect::<Vec<_>>(),
            }),
            Err(e) => json!({ "path": e.path.display().to_string(), "error": e.text.get(lang) }),
        })
        .collect();
    json!({ "files": files })
}

fn finding_json(f: &Finding, lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let place = match &f.place {
        Place::Document => json!({ "kind": "document" }),
        Place::Page { page, x_mm, y_mm } => {
            json!({ "kind": "page", "page": page, "x_mm": round1(*x_mm), "y_mm": round1(*y_mm) })
        }
        Place::PageOnly(page) => json!({ "kind": "page", "page": page }),
        Place::Paragraph { index, text } => json!({ "kind": "paragraph", "index": index, "text": text }),
    };
    json!({
        "rule": f.rule,
        "status": f.status.key(),
        "source": f.source.key(),
        "found": f.found.get(lang),
        "wants": f.wants.get(lang),
        "place": place,
    })
}

fn round1(v: f32) -> f64 {
    (f64::from(v) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h12_place_names_are_capitalised_word_by_word_except_the_kind_of_unit() {
        for good in [
            "Bình Liêu",
            "Thành phố Hồ Chí Minh",
            "Thị xã Sơn Tây",
            "Quận 1",
            "Bà Rịa - Vũng Tàu",
            "Phan Rang - Tháp Chàm",
            "TP. Hồ Chí Minh",
        ] {
            assert!(place_is_capitalised(good), "{good}");
        }
        for bad in ["bình Liêu", "Bình liêu", "thành phố Hồ Chí Minh", "Thành phố hồ Chí Minh", "Thành Phố hồ Chí Minh", ""]
        {
            assert!(!place_is_capitalised(bad), "{bad}");
        }
    }

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_system_is_read_off_the_motto_and_the_issuer() {
        assert_eq!(
            detect(&lines(&["UBND XÃ A", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])),
            Some(System::State)
        );
        assert_eq!(detect(&lines(&["HUYỆN ỦY BÌNH LIÊU", "BAN DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM"])), Some(System::Party));
        assert_eq!(
            detect(&lines(&["ỦY BAN MẶT TRẬN TỔ QUỐC", "VIỆT NAM HUYỆN ĐỨC THỌ", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"])),
            Some(System::Front)
        );
        assert_eq!(detect(&lines(&["ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐỨC THỌ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])), Some(System::Front));
        assert_eq!(detect(&lines(&["Báo cáo tổng kết"])), None);
    }

    #[test]
    fn a_file_that_is_neither_pdf_nor_docx_is_an_error_not_a_finding() {
        let e = lint_bytes(Path::new("x.txt"), b"hello", &Options::default()).unwrap_err();
        assert_eq!(e.text.en, "not a PDF or DOCX file");
    }

    #[test]
    fn a_finding_reads_as_one_line_in_either_language() {
        let report = FileReport {
            path: PathBuf::from("a.pdf"),
            system: System::State,
            detected: true,
            findings: vec![
                Finding::new(
                    "H-07",
                    Status::Fail,
                    Text::new("đường kẻ dài 60,0 mm", "a rule 60.0 mm long"),
                    Text::new("từ 1/3 đến 1/2 dòng chữ", "1/3 to 1/2 of the line"),
                    Place::Page { page: 1, x_mm: 30.0, y_mm: 31.5 },
                    Source::Pdf,
                ),
                Finding::new("B-01", Status::Pass, "14 pt".into(), "13–14 pt".into(), Place::PageOnly(1), Source::Pdf),
            ],
        };
        let vi = text_report(&report, Lang::Vi);
        assert!(vi.contains("LỖI       H-07  trang 1, x 30,0 mm, y 31,5 mm: đường kẻ dài 60,0 mm; quy định: từ 1/3"), "{vi}");
        assert!(vi.contains("a.pdf: 1 đạt, 1 lỗi (H-07), 0 cảnh báo, 0 bỏ qua"), "{vi}");
        let en = text_report(&report, Lang::En);
        assert!(en.contains("FAIL  H-07  page 1, x 30.0 mm, y 31.5 mm: a rule 60.0 mm long; wanted: 1/3 to 1/2"), "{en}");
        let json = json_report(&[Ok(report)], Lang::En);
        assert_eq!(json["files"][0]["counts"]["fail"], 1);
        assert_eq!(json["files"][0]["findings"][0]["rule"], "H-07");
        assert_eq!(json["files"][0]["findings"][0]["place"]["y_mm"], 31.5);
    }
}
