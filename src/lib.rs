//! baocao: structured YAML in, Vietnamese administrative reports out (PDF, DOCX).
//!
//! ```text
//! YAML --data::load--> Report (typed, NFC, validated; all problems at once)
//!   --template (Handlebars, strict)--> body Markdown --template::markdown--> doc blocks
//!   --compose (header, title, signatures from the format profile)--> doc::Document
//!        |--layout (pure: fonts, line breaking, pages)--> pdf --> .pdf
//!        '--docx (Word lays out itself)-----------------------> .docx
//! ```

pub mod cli;
pub mod compose;
pub mod data;
pub mod diag;
pub mod doc;
pub mod docx;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod profile;
pub mod template;
pub mod units;

use std::path::Path;

use diag::Diagnostic;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// One rendered report: the bytes of each requested format.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub outputs: Vec<(Format, Vec<u8>)>,
    pub warnings: Vec<Diagnostic>,
    /// Pages of the PDF layout (0 when no PDF was asked for).
    pub pages: usize,
}

/// What stays the same across many documents: the compiled templates (fonts
/// are parsed once per process on first use).
pub struct Renderer {
    engine: template::Engine,
}

impl Renderer {
    /// The built-in templates.
    pub fn new() -> Result<Renderer, Vec<Diagnostic>> {
        Ok(Renderer { engine: template::Engine::builtin()? })
    }

    /// Built-in templates overridden by the files in `dir`.
    pub fn with_templates(dir: &Path) -> Result<Renderer, Vec<Diagnostic>> {
        Ok(Renderer { engine: template::Engine::with_overrides(dir)? })
    }

    pub fn engine(&self) -> &template::Engine {
        &self.engine
    }

    /// Reads, validates and renders one file.
    pub fn render_file(&self, path: &Path, formats: &[Format]) -> Result<Rendered, Vec<Diagnostic>> {
        let text = read_input(path)?;
        let loaded = data::load(path, &text)?;
        self.render_report(&loaded.report, path, formats).map(|mut r| {
            r.warnings.splice(0..0, loaded.warnings);
            r
        })
    }

    /// Renders an already validated report.
    pub fn render_report(&self, report: &data::model::Report, source: &Path, formats: &[Format]) -> Result<Rendered, Vec<Diagnostic>> {
        let body = self.engine.render_body(report, source)?;
        let document = compose::compose(report, body);
        let mut outputs = Vec::new();
        let mut pages = 0;
        for &format in formats {
            let bytes = match format {
                Format::Pdf => {
                    let laid_out = layout::layout(&document);
                    pages = laid_out.len();
                    pdf::write(&laid_out, &document.meta)
                }
                Format::Docx => docx::write(&document),
            };
            outputs.push((format, bytes));
        }
        Ok(Rendered { outputs, warnings: Vec::new(), pages })
    }

    /// Validates one file without rendering: the same checks as `render_file`,
    /// templates included.
    pub fn check_file(&self, path: &Path) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let text = read_input(path)?;
        let loaded = data::load(path, &text)?;
        self.engine.render_body(&loaded.report, path)?;
        Ok(loaded.warnings)
    }
}

/// Largest input file accepted (a real report is a few kilobytes).
pub const MAX_INPUT_BYTES: u64 = 2 * 1024 * 1024;

fn read_input(path: &Path) -> Result<String, Vec<Diagnostic>> {
    let fail = |message: String, hint: &str| vec![Diagnostic::error(path, 0, 0, message).with_hint(hint)];
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read the file: {e}"), "check the file name and that the file exists"))?;
    if meta.len() > MAX_INPUT_BYTES {
        return Err(fail(
            format!("the file is {} bytes, more than the limit of {} bytes", meta.len(), MAX_INPUT_BYTES),
            "a report's YAML is a few kilobytes; split very large data into several reports",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}"), "check the file's permissions"))?;
    String::from_utf8(bytes).map_err(|e| {
        fail(
            format!("the file is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()),
            "save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        )
    })
}
