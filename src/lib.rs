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
pub(crate) mod checks;
pub mod compose;
pub mod data;
pub(crate) mod deflate;
pub mod diag;
pub mod doc;
pub(crate) mod docx;
pub mod fonts;
pub mod i18n;
pub mod input;
pub mod layout;
pub(crate) mod linebreak;
pub mod lint;
pub(crate) mod pdf;
pub(crate) mod profile;
pub mod scaffold;
pub mod schema;
pub mod sheet;
pub(crate) mod slug;
pub mod template;
pub(crate) mod units;
pub(crate) mod vi;
pub(crate) mod vocab;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use data::model::{Report, Rollup};
use diag::Diagnostic;
use input::Input;

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

/// A report read, validated, reviewed and composed: what `render` writes
/// and `check` stops at.
#[derive(Debug, Clone)]
pub struct Composed {
    pub document: doc::Document,
    /// Warnings of validation and of the reviewer checks.
    pub(crate) warnings: Vec<Diagnostic>,
    pub report: Report,
}

/// How a [`Renderer`] is used, which decides how it spends the cores and
/// memory of the machine. The bytes of a document are the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Many documents at once (`batch`, the default): every core renders
    /// whole documents, and each thread keeps what it set up (deflate
    /// states, compressed parts) for its next document.
    Many,
    /// One document at a time (`render`), while the other cores would wait:
    /// its PDF and DOCX are written on a thread each, and nothing is kept
    /// for a next document.
    One,
}

/// The one production path from a report file to its outputs: `render`,
/// `check`, `batch` and the tests all go through it.
///
/// What stays the same across many documents: the compiled templates (fonts
/// are parsed once per process on first use), and one compiled engine per
/// template folder a report names, built on first use and shared by all
/// threads.
pub struct Renderer {
    engine: template::Engine,
    /// How input files are read (e.g. converting legacy encodings).
    options: data::Options,
    /// The caller fixed the templates (`--templates`): `templates/` folders
    /// next to a file are not looked for.
    fixed: bool,
    workload: Workload,
    folders: Mutex<HashMap<PathBuf, Compiled>>,
}

/// A folder's engine, or why its templates do not compile.
type Compiled = Arc<Result<template::Engine, Vec<Diagnostic>>>;

impl Renderer {
    /// The built-in templates.
    pub fn new() -> Result<Renderer, Vec<Diagnostic>> {
        Ok(Renderer::with_engine(template::Engine::builtin()?, false))
    }

    /// Built-in templates overridden by the files in `dir`, for every report
    /// (no `templates/` folder next to a file is looked for).
    pub fn with_templates(dir: &Path) -> Result<Renderer, Vec<Diagnostic>> {
        Ok(Renderer::with_engine(template::Engine::with_overrides(dir)?, true))
    }

    fn with_engine(engine: template::Engine, fixed: bool) -> Renderer {
        Renderer { engine, options: data::Options::default(), fixed, workload: Workload::Many, folders: Mutex::new(HashMap::new()) }
    }

    /// The same renderer, tuned for `workload`; the bytes are the same either way.
    pub fn with_workload(mut self, workload: Workload) -> Renderer {
        self.workload = workload;
        self
    }

    /// The same renderer reading inputs with `options`.
    pub fn with_options(mut self, options: data::Options) -> Renderer {
        self.options = options;
        self
    }

    pub fn engine(&self) -> &template::Engine {
        &self.engine
    }

    /// The built-in templates overridden by `dir` (compiled once).
    pub(crate) fn for_folder(&self, dir: &Path) -> Compiled {
        let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        folders.entry(key).or_insert_with(|| Arc::new(template::Engine::with_overrides(dir))).clone()
    }

    /// Reads, validates and renders one file as `batch` would render it:
    /// with the `_defaults.yaml` chain above it ([`input::defaults_above`]),
    /// the nearest `templates/` folder of that chain, and a `template:` folder.
    pub fn render_file(&self, path: &Path, formats: &[Format]) -> Result<Rendered, Vec<Diagnostic>> {
        let (input, folder) = self.lone(path)?;
        self.render_input(path, &input, folder.as_deref(), formats, None).map(|(rendered, _)| rendered)
    }

    /// Validates one file without rendering: the same checks as
    /// [`Renderer::render_file`], templates included, with the same inheritance.
    pub fn check_file(&self, path: &Path) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let (input, folder) = self.lone(path)?;
        self.compose_input(path, &input, folder.as_deref(), None).map(|c| c.warnings)
    }

    /// Reads, validates, reviews and composes one file (as [`Renderer::render_file`]
    /// does before the writers).
    pub fn compose_file(&self, path: &Path) -> Result<Composed, Vec<Diagnostic>> {
        let (input, folder) = self.lone(path)?;
        self.compose_input(path, &input, folder.as_deref(), None)
    }

    /// [`Renderer::compose_file`] for YAML text that has no folder.
    pub fn compose_text(&self, name: &Path, text: String) -> Result<Composed, Vec<Diagnostic>> {
        let input = Input::from_text(name, text)?;
        self.compose_input(name, &input, None, None)
    }

    /// Reads and renders YAML text that has no folder (standard input):
    /// nothing is inherited; `name` stands for the file in diagnostics.
    pub fn render_text(&self, name: &Path, text: String, formats: &[Format]) -> Result<Rendered, Vec<Diagnostic>> {
        let input = Input::from_text(name, text)?;
        self.render_input(name, &input, None, formats, None).map(|(rendered, _)| rendered)
    }

    /// Checks YAML text that has no folder (standard input), like [`Renderer::render_text`].
    pub fn check_text(&self, name: &Path, text: String) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let input = Input::from_text(name, text)?;
        self.compose_input(name, &input, None, None).map(|c| c.warnings)
    }

    /// A file outside `batch`: its defaults chain merged in, and the
    /// `templates/` folder `batch` would give it.
    fn lone(&self, path: &Path) -> Result<(Input, Option<PathBuf>), Vec<Diagnostic>> {
        let chain = input::defaults_above(path);
        let input = Input::resolve(path, &chain, input::is_summary_file(path))?;
        let folder = if self.fixed { None } else { input::templates_near(path, &chain) };
        Ok((input, folder))
    }

    /// The composed document of a validated report: template, body blocks
    /// with the lead profile's conventions, then the fixed parts, every line
    /// break and width resolved. Both writers print exactly this. (The
    /// reviewer checks are not run: [`Renderer::compose_file`] runs them.)
    pub fn document(&self, report: &Report, source: &Path) -> Result<doc::Document, Vec<Diagnostic>> {
        fill(&self.engine, report, source, compose::frame(report))
    }

    /// Validates `input`, reviews it and composes it with the engine its
    /// `template:` asks for, else `default_folder`'s, else the base engine:
    /// the frame the reviewer checks read is the one that is filled and
    /// printed (composed once).
    pub(crate) fn compose_input(
        &self,
        path: &Path,
        input: &Input,
        default_folder: Option<&Path>,
        rollup: Option<Rollup>,
    ) -> Result<Composed, Vec<Diagnostic>> {
        let Loaded { report, warnings, frame, folder } = self.prepare(path, input, rollup)?;
        let folder = folder.as_deref().or(default_folder);
        let document =
            self.with_folder(folder, |engine| fill(engine, &report, path, frame)).map_err(|d| input.locate_template_key(d, path))?;
        Ok(Composed { document, warnings, report })
    }

    /// Validates, reviews, composes and writes `input` in each of `formats`.
    pub(crate) fn render_input(
        &self,
        path: &Path,
        input: &Input,
        default_folder: Option<&Path>,
        formats: &[Format],
        rollup: Option<Rollup>,
    ) -> Result<(Rendered, Report), Vec<Diagnostic>> {
        let composed = self.compose_input(path, input, default_folder, rollup)?;
        let mut rendered = write(&composed.document, formats, self.workload);
        rendered.warnings = composed.warnings;
        Ok((rendered, composed.report))
    }

    /// [`Renderer::load`], then the roll-up filled in (with its template).
    fn prepare(&self, path: &Path, input: &Input, rollup: Option<Rollup>) -> Result<Loaded, Vec<Diagnostic>> {
        let mut loaded = self.load(path, input)?;
        if let Some(rollup) = rollup {
            loaded.report.rollup = Some(rollup);
            if loaded.report.template.is_none() {
                loaded.report.template = Some(template::ROLLUP_TEMPLATE.to_string());
            }
        }
        Ok(loaded)
    }

    /// The engine of `folder` (compiled once), else the base engine.
    fn with_folder<T>(
        &self,
        folder: Option<&Path>,
        f: impl FnOnce(&template::Engine) -> Result<T, Vec<Diagnostic>>,
    ) -> Result<T, Vec<Diagnostic>> {
        match folder {
            None => f(&self.engine),
            Some(dir) => match &*self.for_folder(dir) {
                Ok(engine) => f(engine),
                Err(d) => Err(d.clone()),
            },
        }
    }

    /// Validates and reviews `input` (diagnostics with source lines from
    /// whichever file they point at); resolves its `template:` ([`template::resolve`]):
    /// a folder is returned and cleared from the report, whose engine then
    /// already holds the folder's templates.
    fn load(&self, path: &Path, input: &Input) -> Result<Loaded, Vec<Diagnostic>> {
        let tree = &input.tree;
        let snippets = |d: Vec<Diagnostic>| input.with_snippets(d);
        // Reading and validating: one call on the parsed input.
        let data::Loaded { mut report, warnings } = data::validate_with(path, tree, &self.options).map_err(snippets)?;
        let frame = compose::frame(&report);
        let mut warnings = warnings;
        warnings.extend(checks::check(&report, &frame, path, Some(tree)));
        let warnings = snippets(warnings);
        if diag::has_errors(&warnings) {
            return Err(warnings);
        }
        let Some(wanted) = report.template.as_deref().map(str::trim).map(str::to_string) else {
            return Ok(Loaded { report, warnings, frame, folder: None });
        };
        let (node, written_in) = input.template_key(path);
        match template::resolve(&wanted, written_in, |name| self.engine.has(name)) {
            // An unknown name: the engine reports it with the known names.
            template::Choice::Name => Ok(Loaded { report, warnings, frame, folder: None }),
            template::Choice::Folder(folder) => {
                report.template = None;
                Ok(Loaded { report, warnings, frame, folder: Some(folder) })
            }
            template::Choice::MissingFolder(folder) => {
                let (line, column) = node.map(|n| (n.line, n.column)).unwrap_or((0, 0));
                let mut diags = vec![template::missing_folder(&folder, written_in, line, column)];
                diags.extend(warnings);
                Err(snippets(diags))
            }
        }
    }
}

/// A validated and reviewed report, its frame and its template folder.
struct Loaded {
    report: Report,
    warnings: Vec<Diagnostic>,
    frame: compose::Frame,
    folder: Option<PathBuf>,
}

/// Template, body blocks with the lead profile's conventions ("I." or Party
/// "I-" Mục numbers, P-12), then into the frame.
fn fill(engine: &template::Engine, report: &Report, source: &Path, frame: compose::Frame) -> Result<doc::Document, Vec<Diagnostic>> {
    let markdown = engine.render_markdown(report, source)?;
    let body = template::markdown::to_blocks_with(&markdown, compose::section_suffix(report));
    Ok(frame.with_body(report, body))
}

/// The writers: the composed document in each of `formats` (see [`Workload`]).
fn write(document: &doc::Document, formats: &[Format], workload: Workload) -> Rendered {
    let deflaters = match workload {
        Workload::Many => pdf::Deflaters::Kept,
        Workload::One => pdf::Deflaters::Freed,
    };
    // (bytes, pages when the format has laid-out pages)
    let one = |format: Format| match format {
        Format::Pdf => {
            let laid_out = layout::layout(document);
            (pdf::write(&laid_out, &document.meta, deflaters), Some(laid_out.len()))
        }
        Format::Docx => (docx::write(document), None),
    };
    let written: Vec<(Vec<u8>, Option<usize>)> = match formats.split_first() {
        Some((&first, rest)) if workload == Workload::One && !rest.is_empty() => std::thread::scope(|scope| {
            let others: Vec<_> = rest.iter().map(|&format| scope.spawn(move || one(format))).collect();
            let mut written = vec![one(first)];
            written.extend(others.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))));
            written
        }),
        _ => formats.iter().map(|&format| one(format)).collect(),
    };
    let pages = written.iter().find_map(|(_, pages)| *pages).unwrap_or(0);
    let outputs = formats.iter().copied().zip(written.into_iter().map(|(bytes, _)| bytes)).collect();
    Rendered { outputs, warnings: Vec::new(), pages }
}
