//! Batch rendering: a folder of unit reports (one per commune) -> one result
//! per unit, rendered in parallel. Never prints, never exits: the caller
//! (`cli::batch`) writes the outputs, shows progress and picks the exit code.
//!
//! Contract:
//! - [`plan`] finds every `*.yaml` and `*.yml` (in any case) under the input
//!   folder, sub-folders included, in path order, and lists every other file
//!   it passes over ([`Plan::skipped`]). Output names are ASCII slugs of the
//!   folder and file names, `-2`, `-3` … on collisions ([`crate::slug`]).
//!   `_defaults.yaml` files are not units: each unit inherits the chain of `_defaults.yaml` from the input folder down to its
//!   own folder, the nearer one winning key by key, the unit's own keys last
//!   ([`crate::data::merge`]). A `summary.yaml` in the input folder (or the
//!   file given as `summary`) is not a unit either: it is the roll-up report.
//!   Folders named `templates`, hidden folders and the output folder are
//!   skipped. A `_defaults.yaml` that is not a regular file fails the units
//!   below it.
//! - Templates: `Options::templates` if given, else the nearest `templates/`
//!   folder from the unit's folder up to the input folder, else the built-in
//!   set; a report's own `template:` naming a folder (relative to the file
//!   that wrote the key) replaces that for this report. One compiled engine
//!   per distinct folder, shared by all threads ([`Renderer`]). A folder
//!   that does not compile fails the units that use it, with its errors;
//!   only a broken `Options::templates` stops the run.
//! - [`run`] renders every unit on a rayon pool and hands each finished
//!   document to the caller's `sink` at once (so memory does not grow with
//!   the number of units), then reports each unit's outcome to `progress`.
//!   One unit's failure (bad YAML, a template error, a sink error) never
//!   stops the others.
//! - The roll-up: after the units, the summary report is rendered with
//!   [`crate::data::model::Report::rollup`] filled from the units that
//!   rendered (the arithmetic is [`crate::data::rollup`]), using the
//!   built-in template `tong-hop` unless the summary names another template.
//!   It is the district's own document: it inherits only
//!   [`crate::input::SUMMARY_INHERITS`] from the `_defaults.yaml` chain, names units by
//!   their names (never files), and is not written at all when a unit
//!   failed, unless `Options::allow_partial`.
//! - With `Options::data`, each row of a spreadsheet is one more unit
//!   ([`crate::sheet`]): its cells written into the input folder's
//!   `_defaults.yaml`, its output named after its `unit` (a slug), its
//!   diagnostics located at cells (`file:sheet!C7`).
//! - Outside `batch`, a single file gets the same inheritance:
//!   [`crate::input::defaults_above`] finds its chain, [`Renderer::render_file`] and
//!   [`Renderer::check_file`] use it. `Options::check_only` runs a whole
//!   plan through validation and templates without rendering
//!   (`baocao check DIR`).
//! - Diagnostics are those of `Renderer` (validation, reviewer checks from
//!   [`crate::checks`]: errors fail the unit, warnings travel with it), each
//!   message in both languages; a template error about the report itself
//!   (an unknown `template:` name) points at that key in the file that wrote
//!   it, the unit or an inherited `_defaults.yaml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::data;
use crate::data::model::Rollup;
use crate::data::rollup::{Figures, rollup, unit_name_in_tree};
use crate::diag::Diagnostic;
use crate::input::{DEFAULTS_FILE, Input, SUMMARY_FILE, TEMPLATES_DIR, defaults_chain};
use crate::{Format, Rendered, Renderer};

/// User-facing messages of this module, each in both languages
/// ([`Text::new`]`(vi, en)`); the CLI picks the language when it prints.
mod text {
    use crate::i18n::Text;

    pub(crate) fn cannot_read_folder(e: &std::io::Error) -> Text {
        let e = crate::i18n::os_error(e);
        Text::new(format!("không đọc được thư mục đầu vào: {}", e.vi), format!("cannot read the input folder: {}", e.en))
    }
    pub(crate) fn cannot_read_folder_hint() -> Text {
        Text::new("kiểm tra lại tên thư mục và quyền đọc thư mục", "check the folder name and its permissions")
    }
    pub(crate) fn no_units() -> Text {
        Text::new(
            "không tìm thấy báo cáo (*.yaml) nào trong thư mục và các thư mục con",
            "no report (*.yaml) found in the folder or its sub-folders",
        )
    }
    pub(crate) fn no_units_hint() -> Text {
        Text::new(
            "_defaults.yaml và summary.yaml tự chúng không phải là báo cáo của đơn vị",
            "_defaults.yaml and summary.yaml are not reports by themselves",
        )
    }
    pub(crate) fn rollup_withheld(failed: usize) -> Text {
        Text::new(
            format!("chưa tạo báo cáo tổng hợp vì {failed} báo cáo đơn vị còn lỗi"),
            format!("the roll-up was not written because {failed} unit report(s) failed"),
        )
    }
    pub(crate) fn rollup_withheld_hint() -> Text {
        Text::new(
            "sửa các lỗi nêu trên rồi chạy lại, hoặc thêm --allow-partial để tổng hợp từ các đơn vị không lỗi",
            "fix the errors above and run again, or add --allow-partial to roll up the units that rendered",
        )
    }
}

/// What a batch renders and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub formats: Vec<Format>,
    /// Override templates for every unit (instead of `templates/` folders).
    pub templates: Option<PathBuf>,
    /// The roll-up report (instead of `summary.yaml` in the input folder).
    pub summary: Option<PathBuf>,
    /// Worker threads; None = one per core.
    pub jobs: Option<usize>,
    /// A folder to skip while looking for inputs (the output folder).
    pub skip: Option<PathBuf>,
    /// Render the roll-up even when some units failed (their figures are
    /// then missing from it); by default a failed unit means no roll-up.
    pub allow_partial: bool,
    /// Validate every unit and the roll-up, templates included, without
    /// rendering anything (`baocao check DIR`): the sink is never called.
    pub check_only: bool,
    /// A spreadsheet of units, one per row ([`crate::sheet`]), inheriting
    /// the input folder's `_defaults.yaml`.
    pub data: Option<PathBuf>,
    /// How inputs are read (`--convert-legacy`), as for `render`.
    pub read: data::Options,
}

/// One report to render.
#[derive(Debug, Clone)]
pub struct Unit {
    pub source: PathBuf,
    /// Output path without extension, relative to the output folder
    /// (`district/xa-a` for `DIR/district/xa-a.yaml`).
    pub output_stem: PathBuf,
    /// The `_defaults.yaml` files it inherits, outermost first.
    pub defaults: Vec<PathBuf>,
    /// Override templates folder for this unit, if any.
    pub(crate) templates: Option<PathBuf>,
    /// The spreadsheet row this unit comes from (`source` is the spreadsheet).
    pub(crate) row: Option<Arc<crate::sheet::Row>>,
}

impl Unit {
    /// Where the unit was written, for people: its file, or its spreadsheet row.
    pub fn label(&self) -> String {
        match &self.row {
            Some(row) => row.origin.cell(row.number, 0),
            None => self.source.display().to_string(),
        }
    }

    /// Output file for `format`, under `out`.
    pub fn target(&self, out: &Path, format: Format) -> PathBuf {
        let mut name = self.output_stem.as_os_str().to_owned();
        name.push(".");
        name.push(format.extension());
        out.join(name)
    }
}

/// The inputs found in a folder.
#[derive(Debug, Clone)]
pub struct Plan {
    pub units: Vec<Unit>,
    pub summary: Option<Unit>,
    /// Files under the folder that are not rendered, and why.
    pub skipped: Vec<(PathBuf, Skip)>,
}

/// Why a file in the input folder is not a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Not `.yaml`/`.yml`.
    NotYaml,
    /// A hidden file (name starting with `.`).
    Hidden,
    /// A name starting with `_` other than `_defaults.yaml`.
    Reserved,
}

/// `.yaml` or `.yml`, in any case.
pub(crate) fn is_yaml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Finds the units, their defaults chains and template folders.
pub fn plan(root: &Path, options: &Options) -> Result<Plan, Vec<Diagnostic>> {
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    let skip = options.skip.as_ref().and_then(|p| p.canonicalize().ok());
    let fixed = options.templates.is_some();
    let mut found = Found { units: &mut units, skipped: &mut skipped };
    walk(root, root, &[], None, fixed, skip.as_deref(), &mut found)
        .map_err(|e| vec![Diagnostic::error(root, 0, 0, text::cannot_read_folder(&e)).with_hint(text::cannot_read_folder_hint())])?;
    let root_defaults: Vec<PathBuf> = Some(root.join(DEFAULTS_FILE)).filter(|p| exists(p)).into_iter().collect();
    let root_templates = Some(root.join(TEMPLATES_DIR)).filter(|p| !fixed && p.is_dir());
    // Whatever it is: a summary.yaml that is not a regular file fails (with
    // the reader's message) rather than being ignored.
    let summary_source = options.summary.clone().or_else(|| Some(root.join(SUMMARY_FILE)).filter(|p| exists(p)));
    let summary = summary_source.map(|source| {
        let stem = source.file_stem().map_or_else(|| "summary".to_string(), |s| crate::slug::slug(&s.to_string_lossy()));
        let stem = PathBuf::from(stem);
        Unit { source, output_stem: stem, defaults: root_defaults.clone(), templates: root_templates.clone(), row: None }
    });
    if let Some(data) = &options.data {
        // Rows are named after their unit, next to the folder's own files.
        let mut names = crate::slug::Slugs::new();
        for unit in units.iter().chain(&summary) {
            names.reserve(&unit.output_stem.display().to_string());
        }
        let fallback = data.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for row in crate::sheet::read(data)? {
            let name = row.unit().unwrap_or_else(|| format!("{fallback}-{}", row.number));
            units.push(Unit {
                source: data.clone(),
                output_stem: PathBuf::from(names.allocate(&name)),
                defaults: root_defaults.clone(),
                templates: root_templates.clone(),
                row: Some(Arc::new(row)),
            });
        }
    }
    // A --summary file inside the folder is not also a unit.
    if let Some(s) = &summary {
        let canonical = s.source.canonicalize().ok();
        units.retain(|u| u.source.canonicalize().ok() != canonical);
    }
    if units.is_empty() && summary.is_none() {
        return Err(vec![Diagnostic::error(root, 0, 0, text::no_units()).with_hint(text::no_units_hint())]);
    }
    assign_output_names(&mut units, summary.as_ref());
    Ok(Plan { units, summary, skipped })
}

/// Output names are ASCII slugs of the folder and file names
/// ([`crate::slug`]); names that fold to the same slug in one output folder
/// get `-2`, `-3` … in path order (the order of the plan), so the result is
/// the same on every run.
fn assign_output_names(units: &mut [Unit], summary: Option<&Unit>) {
    use crate::slug::Slugs;
    let mut files: HashMap<PathBuf, Slugs> = HashMap::new();
    let mut folders: HashMap<PathBuf, Slugs> = HashMap::new();
    // Input folder (relative) -> output folder (relative).
    let mut folder_names: HashMap<PathBuf, PathBuf> = HashMap::new();
    if let Some(s) = summary {
        files.entry(PathBuf::new()).or_default().reserve(&s.output_stem.to_string_lossy());
    }
    for unit in units.iter_mut() {
        let rel = unit.output_stem.clone();
        let mut out_dir = PathBuf::new();
        let mut in_dir = PathBuf::new();
        let parent = rel.parent().unwrap_or(Path::new(""));
        for part in parent.components() {
            in_dir.push(part);
            let name = folder_names
                .entry(in_dir.clone())
                .or_insert_with(|| {
                    let slugs = folders.entry(out_dir.clone()).or_default();
                    out_dir.join(slugs.allocate(&part.as_os_str().to_string_lossy()))
                })
                .clone();
            out_dir = name;
        }
        let stem = rel.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let file = files.entry(out_dir.clone()).or_default().allocate(&stem);
        unit.output_stem = out_dir.join(file);
    }
}

/// Something is at `path`, whatever it is (even a dangling link).
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// What [`walk`] collects.
struct Found<'a> {
    units: &'a mut Vec<Unit>,
    skipped: &'a mut Vec<(PathBuf, Skip)>,
}

fn walk(
    root: &Path,
    dir: &Path,
    inherited: &[PathBuf],
    templates: Option<PathBuf>,
    fixed: bool,
    skip: Option<&Path>,
    found: &mut Found,
) -> std::io::Result<()> {
    let mut defaults = inherited.to_vec();
    // Whatever it is: a `_defaults.yaml` that is not a regular file fails
    // the units that inherit it (with the reader's message), never ignored.
    let own = dir.join(DEFAULTS_FILE);
    if exists(&own) {
        defaults.push(own);
    }
    // The nearest templates/ folder wins, unless the caller fixed one (then
    // the base engine already holds it and `templates` stays None).
    let here = dir.join(TEMPLATES_DIR);
    let templates = if !fixed && here.is_dir() { Some(here) } else { templates };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            // Follow symlinks to files (any kind: the reader refuses what is
            // not a regular file), not to folders (no loops).
            let path = e.path();
            let ft = e.file_type().ok()?;
            let ft = if ft.is_symlink() { std::fs::metadata(&path).ok().filter(|m| !m.is_dir())?.file_type() } else { ft };
            Some((path, ft))
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut folders = Vec::new();
    for (path, ft) in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if ft.is_dir() {
            let skipped = name.starts_with('.')
                || name == TEMPLATES_DIR
                || name == DEFAULTS_FILE
                || (dir == root && name == SUMMARY_FILE)
                || skip.is_some_and(|s| path.canonicalize().ok().as_deref() == Some(s));
            if !skipped {
                folders.push(path);
            }
        } else if name == DEFAULTS_FILE || (dir == root && name == SUMMARY_FILE) {
            continue;
        } else if name.starts_with('.') {
            // Editors' lock and backup files are hidden: list only inputs.
            if is_yaml(&name) {
                found.skipped.push((path, Skip::Hidden));
            }
        } else if !is_yaml(&name) {
            found.skipped.push((path, Skip::NotYaml));
        } else if name.starts_with('_') {
            found.skipped.push((path, Skip::Reserved));
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
            found.units.push(Unit { source: path, output_stem: rel, defaults: defaults.clone(), templates: templates.clone(), row: None });
        }
    }
    for folder in folders {
        walk(root, &folder, &defaults, templates.clone(), fixed, skip, found)?;
    }
    Ok(())
}

/// What happened to one unit.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub unit: Unit,
    /// The unit's name ("Xã Lục Hồn") when its issuer could be read.
    pub(crate) name: Option<String>,
    /// Ok: the warnings; Err: every diagnostic (errors and warnings).
    pub result: Result<Vec<Diagnostic>, Vec<Diagnostic>>,
    /// True for the roll-up report.
    pub is_summary: bool,
}

/// The whole batch.
#[derive(Debug, Clone)]
pub struct Summary {
    /// In plan order; the roll-up last.
    pub outcomes: Vec<Outcome>,
    pub elapsed: Duration,
    pub rollup: Option<Rollup>,
}

impl Summary {
    pub fn failed(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.result.is_err())
    }
}

/// Where each finished document goes: write it, or fail the unit.
pub(crate) type Sink<'a> = dyn Fn(&Unit, &Rendered) -> Result<(), Vec<Diagnostic>> + Sync + 'a;
/// Told of each unit as it finishes (from any worker thread).
pub(crate) type Progress<'a> = dyn Fn(&Outcome) + Sync + 'a;

/// Renders every unit of `plan` (then the roll-up). `Err` only when the run
/// cannot start: a defaults-free problem such as override templates that do
/// not compile.
pub fn run(plan: &Plan, options: &Options, sink: &Sink, progress: &Progress) -> Result<Summary, Vec<Diagnostic>> {
    let started = Instant::now();
    // Base templates compile once; a broken --templates folder stops the run.
    let base = match &options.templates {
        Some(dir) => Renderer::with_templates(dir)?,
        None => Renderer::new()?,
    };
    let renderer = base.with_options(options.read.clone());
    // A district's templates/ folder that does not compile fails that
    // district's units (with the template errors), not the whole run.

    // Each defaults chain is parsed and merged once, then cloned per unit.
    let mut chains: HashMap<Vec<PathBuf>, Result<Option<Input>, Vec<Diagnostic>>> = HashMap::new();
    for unit in plan.units.iter().chain(&plan.summary) {
        chains.entry(unit.defaults.clone()).or_insert_with(|| defaults_chain(&unit.defaults));
    }

    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.unwrap_or(0)).build().expect("a thread pool");
    let job = Job { renderer: &renderer, chains: &chains, formats: &options.formats, sink, check_only: options.check_only };
    let results: Vec<(Outcome, Option<Figures>)> = pool.install(|| {
        plan.units
            .par_iter()
            .map(|unit| {
                let (outcome, figures) = job.unit(unit, None);
                progress(&outcome);
                (outcome, figures)
            })
            .collect()
    });

    let mut outcomes = Vec::with_capacity(results.len() + 1);
    let mut figures = Vec::with_capacity(results.len());
    let mut missing = Vec::new();
    for (outcome, f) in results {
        match f {
            Some(f) => figures.push(f),
            // The roll-up is an official text: units by their names, never
            // by file; a unit whose name cannot be read is only counted.
            None => missing.extend(outcome.name.clone()),
        }
        outcomes.push(outcome);
    }
    let mut rollup_value = None;
    if let Some(summary) = &plan.summary {
        let failed = plan.units.len() - figures.len();
        // Names only when every missing unit has one (else only the count).
        if missing.len() < failed {
            missing.clear();
        }
        let r = rollup(&figures, plan.units.len(), missing);
        let (mut outcome, _) = if failed > 0 && !options.allow_partial && !options.check_only {
            let d = Diagnostic::error(&summary.source, 0, 0, text::rollup_withheld(failed)).with_hint(text::rollup_withheld_hint());
            (Outcome { unit: summary.clone(), name: None, result: Err(vec![d]), is_summary: true }, None)
        } else {
            rollup_value = Some(r.clone());
            job.unit(summary, Some(r))
        };
        outcome.is_summary = true;
        progress(&outcome);
        outcomes.push(outcome);
    }
    Ok(Summary { outcomes, elapsed: started.elapsed(), rollup: rollup_value })
}

/// What every unit of a run shares.
struct Job<'a> {
    renderer: &'a Renderer,
    chains: &'a HashMap<Vec<PathBuf>, Result<Option<Input>, Vec<Diagnostic>>>,
    formats: &'a [Format],
    sink: &'a Sink<'a>,
    check_only: bool,
}

impl Job<'_> {
    /// Renders (or checks) one unit; `rollup` is given for the summary only.
    fn unit(&self, unit: &Unit, rollup: Option<Rollup>) -> (Outcome, Option<Figures>) {
        let mut figures = None;
        let mut name = None;
        let summary = rollup.is_some();
        let result = (|| {
            if let Some(dir) = &unit.templates
                && let Err(d) = &*self.renderer.for_folder(dir)
            {
                return Err(d.clone());
            }
            // The unit's own file first: its problems come before the chain's.
            let own = if unit.row.is_some() { None } else { Some(Input::read(&unit.source)?) };
            let chain = match self.chains.get(&unit.defaults) {
                Some(Ok(chain)) => chain.as_ref(),
                Some(Err(d)) => return Err(d.clone()),
                None => None,
            };
            let input = match (own, &unit.row) {
                (Some(own), _) => match chain {
                    Some(defaults) if summary => defaults.clone().for_summary().under(own),
                    Some(defaults) => defaults.clone().under(own),
                    None => own,
                },
                // A spreadsheet row: each cell written into the defaults.
                (None, Some(row)) => {
                    Input { tree: row.apply(chain.map(|c| c.tree.clone())), texts: chain.map(|c| c.texts.clone()).unwrap_or_default() }
                }
                (None, None) => return Err(Vec::new()),
            };
            name = unit_name_in_tree(&input.tree);
            if self.check_only {
                let composed = self.renderer.compose_input(&unit.source, &input, unit.templates.as_deref(), rollup)?;
                figures = Some(Figures::of(&composed.report));
                return Ok(composed.warnings);
            }
            let (rendered, report) = self.renderer.render_input(&unit.source, &input, unit.templates.as_deref(), self.formats, rollup)?;
            figures = Some(Figures::of(&report));
            drop(report);
            (self.sink)(unit, &rendered)?;
            Ok(rendered.warnings)
        })();
        if result.is_err() {
            figures = None;
        }
        let result = match &unit.row {
            Some(row) => result.map(|w| row.origin.locate(w)).map_err(|d| row.origin.locate(d)),
            None => result,
        };
        (Outcome { unit: unit.clone(), name, result, is_summary: false }, figures)
    }
}
