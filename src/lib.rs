//! baocao: structured YAML in, Vietnamese administrative reports out (PDF, DOCX).
//!
//! ```text
//! YAML --data::load--> Report (typed, NFC, validated; all problems at once)
//!   --template (Handlebars, strict)--> body Markdown --template::markdown--> doc blocks
//!   --compose (header, title, signatures from the format profile)--> doc::Document
//!        |--layout (pure: fonts, line breaking, pages)--> pdf --> .pdf
//!        '--docx (Word lays out itself)-----------------------> .docx
//! ```

pub mod batch;
pub mod checks;
pub mod compose;
pub mod data;
pub mod diag;
pub mod doc;
pub mod docx;
pub mod fonts;
pub mod i18n;
pub mod layout;
pub mod linebreak;
pub mod lint;
pub mod pdf;
pub mod profile;
pub mod scaffold;
pub mod schema;
pub mod sheet;
pub mod slug;
pub mod template;
pub mod units;
pub mod vi;

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
    /// How input files are read (e.g. converting legacy encodings).
    options: data::Options,
}

impl Renderer {
    /// The built-in templates.
    pub fn new() -> Result<Renderer, Vec<Diagnostic>> {
        Ok(Renderer { engine: template::Engine::builtin()?, options: data::Options::default() })
    }

    /// Built-in templates overridden by the files in `dir`.
    pub fn with_templates(dir: &Path) -> Result<Renderer, Vec<Diagnostic>> {
        Ok(Renderer { engine: template::Engine::with_overrides(dir)?, options: data::Options::default() })
    }

    /// The same renderer reading inputs with `options`.
    pub fn with_options(mut self, options: data::Options) -> Renderer {
        self.options = options;
        self
    }

    pub fn options(&self) -> &data::Options {
        &self.options
    }

    pub fn engine(&self) -> &template::Engine {
        &self.engine
    }

    /// Reads, validates and renders one file.
    pub fn render_file(&self, path: &Path, formats: &[Format]) -> Result<Rendered, Vec<Diagnostic>> {
        let text = data::read(path)?;
        let (tree, loaded) = data::load_tree_with(path, &text, &self.options)?;
        let mut warnings = loaded.warnings;
        warnings.extend(review(&loaded.report, path, &text, &tree));
        if diag::has_errors(&warnings) {
            return Err(warnings);
        }
        self.render_report(&loaded.report, path, formats)
            .map(|mut r| {
                r.warnings.splice(0..0, warnings);
                r
            })
            .map_err(|d| data::locate_in_source(d, path, &text))
    }

    /// The composed document of a validated report: template, body blocks
    /// with the lead profile's conventions, then the fixed parts, every line
    /// break and width resolved. Both writers print exactly this.
    pub fn document(&self, report: &data::model::Report, source: &Path) -> Result<doc::Document, Vec<Diagnostic>> {
        // Mục numbering follows the lead's profile ("I." or Party "I-", P-12).
        let markdown = self.engine.render_markdown(report, source)?;
        let body = template::markdown::to_blocks_with(&markdown, compose::section_suffix(report));
        Ok(compose::compose(report, body))
    }

    /// Renders an already validated report.
    pub fn render_report(&self, report: &data::model::Report, source: &Path, formats: &[Format]) -> Result<Rendered, Vec<Diagnostic>> {
        let document = self.document(report, source)?;
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
        let text = data::read(path)?;
        let (tree, loaded) = data::load_tree_with(path, &text, &self.options)?;
        self.engine.render_body(&loaded.report, path).map_err(|d| data::locate_in_source(d, path, &text))?;
        let mut diagnostics = loaded.warnings;
        diagnostics.extend(review(&loaded.report, path, &text, &tree));
        if diag::has_errors(&diagnostics) { Err(diagnostics) } else { Ok(diagnostics) }
    }
}

/// The reviewer checks ([`checks`]) of a loaded report, located in its YAML.
fn review(report: &data::model::Report, path: &Path, text: &str, tree: &data::Node) -> Vec<Diagnostic> {
    let mut found = checks::check(report, path, Some(tree));
    diag::attach_snippets(&mut found, path, text);
    found
}
