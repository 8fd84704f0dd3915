//! Templates: the typed [`Report`] -> body Markdown (Handlebars, strict mode)
//! -> document blocks ([`markdown::to_blocks`]).
//!
//! Contract:
//! - [`Engine`] compiles each template once; it is `Send + Sync` and renders
//!   any number of reports, from any thread. An override folder is compiled
//!   and checked whole when the engine is built (every problem at once); the
//!   built-ins, checked by the tests, compile on first use, each template with
//!   the partials it includes, so a process that renders one report compiles
//!   only what that report needs.
//! - Built-in templates are embedded in the binary (`templates/*.hbs` are
//!   templates, `templates/partials/*.hbs` partials). Every file registers
//!   under its file stem (`partials/tasks.hbs` -> `tasks`), one at a time, so a
//!   syntax error is reported with the template's file, line and column, and
//!   every broken file is reported, not only the first.
//! - [`Engine::with_overrides`] reads a folder laid out the same way: each
//!   `.hbs` file replaces the built-in of the same stem (partial by partial) or
//!   adds a new template.
//! - A report's `template:` is resolved by [`resolve`] alone: a registered
//!   name, else a folder relative to the file that wrote the key (the caller
//!   builds the engine with that folder and clears the key, so the engine
//!   renders the default template, whose parts the folder may override), else
//!   a missing folder (a path) or an unknown name (refused by the engine with
//!   the known names).
//! - The template sees the report as serialised by serde (see `data::model`):
//!   absent options are null, dates ISO strings. Strict mode plus strict
//!   `if`/`unless` make a misspelt field an error, never a silent blank.
//! - Data values are escaped for Markdown (`{{x}}` prints `x` literally, even
//!   "*", "#", "|" or a leading "1. "); narrative Markdown from the report's
//!   `sections` is inserted raw with `{{{x}}}`, so users' **bold** and lists work.
//! - Heading numbers (I., 1., a)) are assigned when the Markdown becomes
//!   blocks; templates write `## TITLE` without numbers.
//! - No template can crash or hang the process: override files are regular
//!   files of at most [`MAX_TEMPLATE_BYTES`], and rendering runs on the
//!   budget of [`budget`] (nesting, include cycles and depth, loop steps,
//!   output size), each refusal naming the template file and line.

mod budget;
mod helpers;
mod include;
pub(crate) mod markdown;
mod messages;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use handlebars::{Handlebars, RenderError, TemplateError};

use crate::data::model::Report;
use crate::diag::Diagnostic;

/// Largest template file: the built-in ones are a few kilobytes.
pub(crate) const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// The template used when a report names none.
pub(crate) const DEFAULT_TEMPLATE: &str = "bao-cao-ket-qua";

/// The template for a report that names none: the type decides the wording,
/// so a programme (`CTr`) is never worded as a report.
pub(crate) fn default_template(report: &Report) -> &'static str {
    if report.document.doc_type == "CTr" { PROGRAMME_TEMPLATE } else { DEFAULT_TEMPLATE }
}

/// The template of a cooperation programme (type `CTr`).
pub(crate) const PROGRAMME_TEMPLATE: &str = "chuong-trinh-phoi-hop";

/// The template of a roll-up (`batch`'s summary) that names none.
pub(crate) const ROLLUP_TEMPLATE: &str = "tong-hop";

/// What a report's `template:` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// A registered template, or a name the engine refuses as unknown.
    Name,
    /// A folder of override templates (relative to the file that wrote the key).
    Folder(PathBuf),
    /// A path to a folder that does not exist.
    MissingFolder(PathBuf),
}

/// The one resolver of `template:`: `wanted` (trimmed) as written in
/// `written_in` (the unit or an inherited `_defaults.yaml`), given the names
/// the engine has registered. A registered name wins over a folder of the
/// same name.
pub(crate) fn resolve(wanted: &str, written_in: &Path, registered: impl Fn(&str) -> bool) -> Choice {
    if registered(wanted) {
        return Choice::Name;
    }
    let folder = written_in.parent().unwrap_or(Path::new("")).join(wanted);
    if folder.is_dir() {
        return Choice::Folder(folder);
    }
    let looks_like_path = wanted.contains('/') || wanted.contains('\\') || wanted.starts_with('.');
    if looks_like_path { Choice::MissingFolder(folder) } else { Choice::Name }
}

/// The refusal of a [`Choice::MissingFolder`], at the `template:` key.
pub(crate) fn missing_folder(folder: &Path, written_in: &Path, line: u32, column: u32) -> Diagnostic {
    Diagnostic::error(written_in, line, column, messages::template_folder_missing(folder)).with_hint(messages::template_folder_hint())
}

/// The names after `{{>` and `{{#>` in a template: the partials it includes.
fn partial_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("{{") {
        let rest = text[at + 2..].trim_start_matches('~').trim_start_matches('#').trim_start();
        if let Some(rest) = rest.strip_prefix('>') {
            let name: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')).collect();
            names.push(name);
        }
    }
    names
}

/// Built-in files: (path under `templates/`, text).
const BUILTIN: &[(&str, &str)] = &[
    ("bao-cao-ket-qua.hbs", include_str!("../../templates/bao-cao-ket-qua.hbs")),
    ("bao-cao-giao-ban.hbs", include_str!("../../templates/bao-cao-giao-ban.hbs")),
    ("bao-cao-tong-ket.hbs", include_str!("../../templates/bao-cao-tong-ket.hbs")),
    ("chuong-trinh-phoi-hop.hbs", include_str!("../../templates/chuong-trinh-phoi-hop.hbs")),
    ("partials/opening.hbs", include_str!("../../templates/partials/opening.hbs")),
    ("partials/meeting.hbs", include_str!("../../templates/partials/meeting.hbs")),
    ("partials/cutoff.hbs", include_str!("../../templates/partials/cutoff.hbs")),
    ("partials/situation.hbs", include_str!("../../templates/partials/situation.hbs")),
    ("partials/paragraphs.hbs", include_str!("../../templates/partials/paragraphs.hbs")),
    ("partials/results.hbs", include_str!("../../templates/partials/results.hbs")),
    ("partials/tasks.hbs", include_str!("../../templates/partials/tasks.hbs")),
    ("partials/models.hbs", include_str!("../../templates/partials/models.hbs")),
    ("partials/complaints.hbs", include_str!("../../templates/partials/complaints.hbs")),
    ("partials/indicators.hbs", include_str!("../../templates/partials/indicators.hbs")),
    ("partials/commendations.hbs", include_str!("../../templates/partials/commendations.hbs")),
    ("partials/assessment.hbs", include_str!("../../templates/partials/assessment.hbs")),
    ("partials/next_tasks.hbs", include_str!("../../templates/partials/next_tasks.hbs")),
    ("partials/proposals.hbs", include_str!("../../templates/partials/proposals.hbs")),
    ("partials/closing.hbs", include_str!("../../templates/partials/closing.hbs")),
    ("tong-hop.hbs", include_str!("../../templates/tong-hop.hbs")),
    ("partials/rollup.hbs", include_str!("../../templates/partials/rollup.hbs")),
    ("partials/rollup_table.hbs", include_str!("../../templates/partials/rollup_table.hbs")),
];

/// The built-in files as (path under `templates/`, text), for
/// `baocao templates export`.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// Where a registered template comes from.
#[derive(Debug, Clone)]
enum Origin {
    /// Path under `templates/` in this repository.
    BuiltIn(&'static str),
    File(PathBuf),
}

impl Origin {
    /// The file a diagnostic names.
    fn file(&self) -> PathBuf {
        match self {
            Origin::BuiltIn(rel) => Path::new("templates").join(rel),
            Origin::File(p) => p.clone(),
        }
    }
}

/// Compiled templates and helpers.
pub struct Engine {
    compiled: Compiled,
    /// Template name -> origin, sorted by name.
    origins: BTreeMap<String, Origin>,
    /// Template name -> source text, for the snippet of a render error.
    texts: BTreeMap<String, String>,
}

enum Compiled {
    /// Every template, compiled and checked when the engine was built.
    All(Handlebars<'static>),
    /// Per top-level template: compiled with the partials it includes on first use.
    OnDemand(BTreeMap<String, OnceLock<Handlebars<'static>>>),
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("templates", &self.origins).finish()
    }
}

impl Engine {
    /// The embedded templates only.
    pub(crate) fn builtin() -> Result<Engine, Vec<Diagnostic>> {
        let mut origins = BTreeMap::new();
        let mut texts = BTreeMap::new();
        let mut slots = BTreeMap::new();
        for (rel, text) in BUILTIN {
            origins.insert(stem(rel), Origin::BuiltIn(rel));
            texts.insert(stem(rel), text.to_string());
            slots.insert(stem(rel), OnceLock::new());
        }
        Ok(Engine { compiled: Compiled::OnDemand(slots), origins, texts })
    }

    /// The built-in templates compiled and checked whole, as an override
    /// folder is (for the tests: the built-ins must pass every check).
    #[cfg(test)]
    pub(crate) fn builtin_checked() -> Result<Engine, Vec<Diagnostic>> {
        let sources = BUILTIN.iter().map(|(rel, text)| (stem(rel), Origin::BuiltIn(rel), text.to_string())).collect();
        Engine::compile(sources)
    }

    /// The embedded templates, with every `.hbs` file in `dir` and in
    /// `dir/partials` replacing the built-in of the same stem (or adding one).
    pub(crate) fn with_overrides(dir: &Path) -> Result<Engine, Vec<Diagnostic>> {
        let mut by_name: BTreeMap<String, (Origin, String)> =
            BUILTIN.iter().map(|(rel, text)| (stem(rel), (Origin::BuiltIn(rel), text.to_string()))).collect();
        let mut diags = Vec::new();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        for folder in [dir.to_path_buf(), dir.join("partials")] {
            if folder != dir && !folder.is_dir() {
                continue;
            }
            let entries = match std::fs::read_dir(&folder) {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(&folder, 0, 0, messages::cannot_read_folder(&crate::i18n::os_error(&e))));
                    continue;
                }
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "hbs") && !p.is_dir())
                .collect();
            files.sort();
            for path in files {
                let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
                if let Some(first) = seen.get(&name) {
                    let (m, h) = messages::second_template(&name, &first.display().to_string());
                    diags.push(Diagnostic::error(&path, 0, 0, m).with_hint(h));
                    continue;
                }
                // Only files really inside the folder: a link in a district
                // folder must not read an arbitrary file into a template.
                if !inside(&root, &path) {
                    let (m, h) = messages::outside_folder(&name);
                    diags.push(Diagnostic::error(&path, 0, 0, m).with_hint(h));
                    continue;
                }
                match read_template(&path) {
                    Ok(text) => {
                        seen.insert(name.clone(), path.clone());
                        by_name.insert(name, (Origin::File(path), text));
                    }
                    Err(d) => diags.push(*d),
                }
            }
        }
        let sources = by_name.into_iter().map(|(name, (origin, text))| (name, origin, text)).collect();
        match Engine::compile(sources) {
            Ok(engine) if diags.is_empty() => Ok(engine),
            Ok(_) => Err(diags),
            Err(more) => {
                diags.extend(more);
                Err(diags)
            }
        }
    }

    /// A registry with our settings and helpers and no templates.
    fn registry() -> Handlebars<'static> {
        let mut registry = Handlebars::new();
        // Never dev mode: partials resolve only to the templates registered
        // here (built-ins and the override folder's files), by name; a
        // `{{> ../../etc/passwd}}` is "partial not found", never a file read.
        registry.set_dev_mode(false);
        registry.set_strict_mode(true);
        // Partials are written at column 0 of their own lines; indenting their
        // output would turn Markdown paragraphs into code blocks.
        registry.set_prevent_indent(true);
        registry.register_escape_fn(helpers::escape_markdown);
        helpers::register(&mut registry);
        registry.register_helper("each", Box::new(budget::Each));
        registry
    }

    fn compile(sources: Vec<(String, Origin, String)>) -> Result<Engine, Vec<Diagnostic>> {
        let mut registry = Engine::registry();
        let mut origins = BTreeMap::new();
        let mut texts = BTreeMap::new();
        let mut diags = Vec::new();
        for (name, origin, text) in sources {
            if let Some((line, column)) = budget::check_source(&text) {
                diags.push(structure_error(&name, &origin, &text, line, column, &budget::Problem::TooDeep));
            } else if let Err(e) = registry.register_template_string(&name, &text) {
                diags.push(template_error(&name, &origin, &text, &e));
            }
            origins.insert(name.clone(), origin);
            texts.insert(name, text);
        }
        if diags.is_empty() {
            for (name, line, column, problem) in budget::check_structure(registry.get_templates()) {
                let (Some(origin), Some(text)) = (origins.get(&name), texts.get(&name)) else { continue };
                diags.push(structure_error(&name, origin, text, line, column, &problem));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        include::inline(&mut registry);
        Ok(Engine { compiled: Compiled::All(registry), origins, texts })
    }

    /// The registry that renders template `name`.
    fn registry_for(&self, name: &str) -> &Handlebars<'static> {
        match &self.compiled {
            Compiled::All(registry) => registry,
            Compiled::OnDemand(slots) => match slots.get(name) {
                Some(slot) => slot.get_or_init(|| {
                    let mut registry = Engine::registry();
                    for part in self.included(name) {
                        // Built-ins compile: `builtin_checked` is tested.
                        let _ = registry.register_template_string(&part, &self.texts[&part]);
                    }
                    include::inline(&mut registry);
                    registry
                }),
                None => unreachable!("template_for returns registered names only"),
            },
        }
    }

    /// `name` and every template it includes, directly or through another.
    fn included(&self, name: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut todo = vec![name.to_string()];
        while let Some(next) = todo.pop() {
            if !self.texts.contains_key(&next) || !found.insert(next.clone()) {
                continue;
            }
            for part in partial_names(&self.texts[&next]) {
                if part.is_empty() {
                    // A computed partial name: any template may be needed.
                    todo.extend(self.texts.keys().cloned());
                } else {
                    todo.push(part);
                }
            }
        }
        found
    }

    /// (template name, "built-in" or the file path), sorted by name.
    pub fn names(&self) -> Vec<(String, String)> {
        self.origins
            .iter()
            .map(|(name, origin)| {
                let from = match origin {
                    Origin::BuiltIn(_) => "built-in".to_string(),
                    Origin::File(p) => p.display().to_string(),
                };
                (name.clone(), from)
            })
            .collect()
    }

    /// Whether `name` is a registered template.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// The template a report asks for: its `template:` when that names a
    /// registered template, the default when it is absent (a folder named
    /// there was resolved by [`resolve`] and cleared by the caller).
    fn template_for(&self, report: &Report, source: &Path) -> Result<String, Box<Diagnostic>> {
        let Some(wanted) = report.template.as_deref().map(str::trim) else {
            return Ok(default_template(report).to_string());
        };
        if self.has(wanted) {
            return Ok(wanted.to_string());
        }
        let known: Vec<String> = self.names().into_iter().map(|(n, _)| n).collect();
        let (m, h) = messages::unknown_template(wanted, &known.join(", "));
        Err(Box::new(Diagnostic::error(source, 0, 0, m).with_hint(h)))
    }

    /// The body Markdown of `report` (before conversion to blocks): useful for
    /// debugging templates. `source` is the report's file, named in diagnostics.
    pub(crate) fn render_markdown(&self, report: &Report, source: &Path) -> Result<String, Vec<Diagnostic>> {
        let name = self.template_for(report, source).map_err(|d| vec![*d])?;
        let data =
            serde_json::to_value(report).map_err(|e| vec![Diagnostic::error(source, 0, 0, messages::cannot_pass_data(&e.to_string()))])?;
        budget::reset();
        let mut out = budget::Capped::default();
        self.registry_for(&name).render_to_write(&name, &data, &mut out).map_err(|e| vec![self.render_error(&name, source, &e)])?;
        // Handlebars writes whole strings.
        Ok(String::from_utf8(out.bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// Body of the report: template output (Markdown) parsed into doc blocks
    /// with the default "I." numbering (the product adds the lead profile's
    /// numbering and composes: `Renderer::document`). For this module's tests.
    #[cfg(test)]
    pub(crate) fn render_body(&self, report: &Report, source: &Path) -> Result<Vec<crate::doc::Block>, Vec<Diagnostic>> {
        let markdown = self.render_markdown(report, source)?;
        Ok(markdown::to_blocks(&markdown))
    }

    fn render_error(&self, top: &str, source: &Path, e: &RenderError) -> Diagnostic {
        let name = e.template_name.clone().unwrap_or_else(|| top.to_string());
        let file = self.origins.get(&name).map(Origin::file).unwrap_or_else(|| PathBuf::from(&name));
        let line = e.line_no.unwrap_or(0) as u32;
        let column = e.column_no.unwrap_or(0) as u32;
        let (message, hint) = match budget::exhausted(e.reason()) {
            Some(what) => {
                let (m, h) = messages::budget_exhausted(&name, &source.display().to_string(), what);
                (m, Some(h))
            }
            None => messages::render_error(&name, &source.display().to_string(), e.reason()),
        };
        let mut d = Diagnostic::error(file, line, column, message);
        d.hint = hint;
        if let Some(text) = self.texts.get(&name) {
            let file = d.file.clone();
            crate::diag::attach_snippets(std::slice::from_mut(&mut d), &file, text);
        }
        d
    }
}

/// One override template: a regular file of at most [`MAX_TEMPLATE_BYTES`],
/// UTF-8 (a bad byte is located by line and column).
fn read_template(path: &Path) -> Result<String, Box<Diagnostic>> {
    use crate::data::ReadError;
    let bytes = crate::data::read_regular(path, MAX_TEMPLATE_BYTES).map_err(|e| {
        Box::new(match e {
            ReadError::Io(e) => Diagnostic::error(path, 0, 0, messages::cannot_read_template(&crate::i18n::os_error(&e))),
            ReadError::NotRegular(_) => Diagnostic::error(path, 0, 0, messages::template_not_regular()),
            ReadError::TooLarge(len) => {
                let (m, h) = messages::template_too_large(len, MAX_TEMPLATE_BYTES);
                Diagnostic::error(path, 0, 0, m).with_hint(h)
            }
        })
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::data::line_column_of_byte(e.as_bytes(), e.utf8_error().valid_up_to());
        Box::new(Diagnostic::error(path, line, column, messages::template_not_utf8()))
    })
}

fn stem(rel: &str) -> String {
    Path::new(rel).file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

fn template_error(name: &str, origin: &Origin, text: &str, e: &TemplateError) -> Diagnostic {
    let (line, column) = e.pos().unwrap_or((0, 0));
    let built_in = matches!(origin, Origin::BuiltIn(_));
    let mut d = Diagnostic::error(origin.file(), line as u32, column as u32, messages::compile_error(name, built_in, e.reason()));
    crate::diag::attach_snippets(std::slice::from_mut(&mut d), &origin.file(), text);
    d
}

fn structure_error(name: &str, origin: &Origin, text: &str, line: usize, column: usize, problem: &budget::Problem) -> Diagnostic {
    let (m, h) = messages::structure(name, problem);
    let mut d = Diagnostic::error(origin.file(), line as u32, column as u32, m).with_hint(h);
    crate::diag::attach_snippets(std::slice::from_mut(&mut d), &origin.file(), text);
    d
}

/// Whether `path` resolves (links followed) to a file under `root`.
fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(root))
}

#[cfg(test)]
mod tests;
