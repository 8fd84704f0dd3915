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
//!   [`Report::rollup`] filled from the units that rendered, using the
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

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::data::model::{Report, Rollup, RollupIndicator, RollupRow, TaskStatus};
use crate::data::{self, Node};
use crate::diag::Diagnostic;
use crate::input::{DEFAULTS_FILE, Input, SUMMARY_FILE, TEMPLATES_DIR, defaults_chain};
use crate::{Format, Rendered, Renderer};

/// The total row of the roll-up table. Document text, not a message: the
/// report itself is always in Vietnamese, whatever the CLI's language.
pub const ROLLUP_TOTAL: &str = "Tổng cộng";

/// User-facing messages of this module, each in both languages
/// ([`Text::new`]`(vi, en)`); the CLI picks the language when it prints.
mod text {
    use crate::i18n::Text;

    pub fn cannot_read_folder(e: &std::io::Error) -> Text {
        let e = crate::i18n::os_error(e);
        Text::new(format!("không đọc được thư mục đầu vào: {}", e.vi), format!("cannot read the input folder: {}", e.en))
    }
    pub fn cannot_read_folder_hint() -> Text {
        Text::new("kiểm tra lại tên thư mục và quyền đọc thư mục", "check the folder name and its permissions")
    }
    pub fn no_units() -> Text {
        Text::new(
            "không tìm thấy báo cáo (*.yaml) nào trong thư mục và các thư mục con",
            "no report (*.yaml) found in the folder or its sub-folders",
        )
    }
    pub fn no_units_hint() -> Text {
        Text::new(
            "_defaults.yaml và summary.yaml tự chúng không phải là báo cáo của đơn vị",
            "_defaults.yaml and summary.yaml are not reports by themselves",
        )
    }
    pub fn rollup_withheld(failed: usize) -> Text {
        Text::new(
            format!("chưa tạo báo cáo tổng hợp vì {failed} báo cáo đơn vị còn lỗi"),
            format!("the roll-up was not written because {failed} unit report(s) failed"),
        )
    }
    pub fn rollup_withheld_hint() -> Text {
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
    pub templates: Option<PathBuf>,
    /// The spreadsheet row this unit comes from (`source` is the spreadsheet).
    pub row: Option<Arc<crate::sheet::Row>>,
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
    pub root: PathBuf,
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
pub fn is_yaml(name: &str) -> bool {
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
    Ok(Plan { root: root.to_path_buf(), units, summary, skipped })
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

/// A unit's figures for the roll-up (small: kept for every unit).
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub row: RollupRow,
    /// (name, unit, value, of)
    pub indicators: Vec<(String, Option<String>, f64, Option<f64>)>,
}

impl Figures {
    fn of(report: &Report) -> Figures {
        let r = &report.results;
        let count = |s: TaskStatus| r.tasks.iter().filter(|t| t.status == s).count() as u64;
        let mut row = RollupRow {
            name: unit_name(report),
            tasks: r.tasks.len() as u64,
            tasks_done: count(TaskStatus::Done),
            tasks_in_progress: count(TaskStatus::InProgress),
            tasks_not_done: count(TaskStatus::NotDone),
            ..RollupRow::default()
        };
        if let Some(m) = &r.models {
            row.models_registered = m.registered.unwrap_or(0);
            row.models_recognized = m.recognized.iter().map(|l| l.count).sum();
        }
        if let Some(c) = &r.complaints {
            row.complaints_received = c.received;
            row.complaints_resolved = c.resolved;
        }
        set_rates(&mut row);
        let indicators = r.indicators.iter().map(|i| (i.name.clone(), i.unit.clone(), i.value, i.of)).collect();
        Figures { row, indicators }
    }
}

fn set_rates(row: &mut RollupRow) {
    let rate = |part: u64, whole: u64| (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
    row.tasks_rate = rate(row.tasks_done, row.tasks);
    row.complaints_rate = rate(row.complaints_resolved, row.complaints_received);
}

/// "Xã Lục Hồn" from the lead issuer's last name line "XÃ LỤC HỒN": the
/// administrative prefix in sentence case, the place name in title case.
pub fn unit_name(report: &Report) -> String {
    let Some(line) = report.issuers.first().and_then(|i| i.name.last()) else { return String::new() };
    unit_name_of(line)
}

/// [`unit_name`] of one name line.
fn unit_name_of(line: &str) -> String {
    let lower = line.trim().to_lowercase();
    const PREFIXES: &[&str] = &["thị trấn", "thị xã", "thành phố", "xã", "phường", "huyện", "quận", "tỉnh"];
    let (prefix, rest) = match PREFIXES.iter().find(|p| lower.starts_with(*p) && lower[p.len()..].starts_with(' ')) {
        Some(p) => (capitalise(p), &lower[p.len()..]),
        None => (String::new(), lower.as_str()),
    };
    let rest: Vec<String> = rest.split_whitespace().map(capitalise).collect();
    if prefix.is_empty() { rest.join(" ") } else { format!("{prefix} {}", rest.join(" ")) }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Totals, ranking and indicator sums over the units that rendered.
pub fn rollup(figures: &[Figures], expected: usize, missing: Vec<String>) -> Rollup {
    let mut total = RollupRow { name: ROLLUP_TOTAL.to_string(), ..RollupRow::default() };
    for f in figures {
        let r = &f.row;
        total.tasks += r.tasks;
        total.tasks_done += r.tasks_done;
        total.tasks_in_progress += r.tasks_in_progress;
        total.tasks_not_done += r.tasks_not_done;
        total.models_registered += r.models_registered;
        total.models_recognized += r.models_recognized;
        total.complaints_received += r.complaints_received;
        total.complaints_resolved += r.complaints_resolved;
    }
    set_rates(&mut total);
    let mut rows: Vec<RollupRow> = figures.iter().map(|f| f.row.clone()).collect();

    // Rank by task completion, then complaints resolved, then models
    // recognised; equal keys share a rank (1, 2, 2, 4).
    let key = |r: &RollupRow| (r.tasks_rate.unwrap_or(0.0), r.complaints_rate.unwrap_or(100.0), r.models_recognized as f64);
    let mut order: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].tasks > 0).collect();
    let ranked = order.len() >= 2;
    if ranked {
        order.sort_by(|&a, &b| key(&rows[b]).partial_cmp(&key(&rows[a])).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b)));
        let mut previous: Option<((f64, f64, f64), u32)> = None;
        for (place, &i) in order.iter().enumerate() {
            let k = key(&rows[i]);
            let rank = match previous {
                Some((pk, pr)) if pk == k => pr,
                _ => place as u32 + 1,
            };
            rows[i].rank = Some(rank);
            previous = Some((k, rank));
        }
    }
    // Name the leaders when few; when many tie, the template counts them.
    let leaders: Vec<RollupRow> = order.iter().map(|&i| rows[i].clone()).take_while(|r| r.rank.is_some_and(|k| k <= 3)).collect();
    let leaders_tied = order.iter().filter(|&&i| rows[i].rank == Some(1)).count();
    let leaders = if ranked && leaders.len() <= 5 { leaders } else { Vec::new() };

    // Indicators: same name and unit across units; percentages are averaged.
    let mut by_key: BTreeMap<(String, Option<String>), (usize, RollupIndicator, bool)> = BTreeMap::new();
    let mut seen = 0usize;
    for f in figures {
        for (name, unit, value, of) in &f.indicators {
            let entry = by_key.entry((name.clone(), unit.clone())).or_insert_with(|| {
                seen += 1;
                let percent = unit.as_deref().is_some_and(|u| u.trim_start().starts_with('%'));
                let ind = RollupIndicator {
                    name: name.clone(),
                    unit: unit.clone(),
                    units: 0,
                    total: (!percent).then_some(0.0),
                    of: Some(0.0),
                    average: 0.0,
                };
                (seen, ind, percent)
            });
            let ind = &mut entry.1;
            ind.units += 1;
            ind.average += value;
            if let Some(t) = ind.total.as_mut() {
                *t += value;
            }
            ind.of = match (ind.of, of) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
    }
    let mut indicators: Vec<(usize, RollupIndicator)> = by_key
        .into_values()
        .map(|(order, mut ind, percent)| {
            ind.average /= ind.units as f64;
            if percent {
                ind.of = None;
            }
            (order, ind)
        })
        .collect();
    indicators.sort_by_key(|(order, _)| *order);

    Rollup {
        expected,
        reported: figures.len(),
        missing,
        rows,
        total,
        ranked,
        leaders,
        leaders_tied,
        indicators: indicators.into_iter().map(|(_, i)| i).collect(),
    }
}

/// What happened to one unit.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub unit: Unit,
    /// The unit's name ("Xã Lục Hồn") when its issuer could be read.
    pub name: Option<String>,
    /// Ok: the warnings; Err: every diagnostic (errors and warnings).
    pub result: Result<Vec<Diagnostic>, Vec<Diagnostic>>,
    pub pages: usize,
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
pub type Sink<'a> = dyn Fn(&Unit, &Rendered) -> Result<(), Vec<Diagnostic>> + Sync + 'a;
/// Told of each unit as it finishes (from any worker thread).
pub type Progress<'a> = dyn Fn(&Outcome) + Sync + 'a;

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
            (Outcome { unit: summary.clone(), name: None, result: Err(vec![d]), pages: 0, is_summary: true }, None)
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
        let mut pages = 0;
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
            name = name_in_tree(&input.tree);
            if self.check_only {
                let composed = self.renderer.compose_input(&unit.source, &input, unit.templates.as_deref(), rollup)?;
                figures = Some(Figures::of(&composed.report));
                return Ok(composed.warnings);
            }
            let (rendered, report) = self.renderer.render_input(&unit.source, &input, unit.templates.as_deref(), self.formats, rollup)?;
            figures = Some(Figures::of(&report));
            drop(report);
            pages = rendered.pages;
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
        (Outcome { unit: unit.clone(), name, result, pages, is_summary: false }, figures)
    }
}

/// The unit's name ("Xã Hỏng") read from the lead issuer's last name line
/// in the tree, for a unit that failed validation.
fn name_in_tree(tree: &Node) -> Option<String> {
    let (_, issuers) = tree.as_map()?.iter().rev().find(|(k, _)| k.name == "issuers")?;
    let lead = match &issuers.kind {
        data::NodeKind::Seq(items) => items.first()?,
        data::NodeKind::Map(_) => issuers,
        _ => return None,
    };
    let (_, name) = lead.as_map()?.iter().find(|(k, _)| k.name == "name")?;
    let line = match &name.kind {
        data::NodeKind::Seq(lines) => lines.last()?.scalar_text()?,
        _ => name.scalar_text()?,
    };
    let name = unit_name_of(&line);
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, tasks: u64, done: u64, received: u64, resolved: u64) -> Figures {
        let mut row = RollupRow {
            name: name.into(),
            tasks,
            tasks_done: done,
            complaints_received: received,
            complaints_resolved: resolved,
            ..RollupRow::default()
        };
        set_rates(&mut row);
        Figures { row, indicators: vec![] }
    }

    #[test]
    fn totals_rates_and_shared_ranks() {
        let r = rollup(&[row("A", 10, 5, 4, 4), row("B", 10, 10, 2, 1), row("C", 4, 2, 4, 4), row("D", 0, 0, 0, 0)], 5, vec!["e".into()]);
        assert_eq!((r.total.tasks, r.total.tasks_done), (24, 17));
        assert_eq!((r.total.complaints_received, r.total.complaints_resolved), (10, 9));
        assert_eq!(r.total.complaints_rate, Some(90.0));
        assert_eq!((r.expected, r.reported, r.missing.len()), (5, 4, 1));
        let ranks: Vec<Option<u32>> = r.rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![Some(2), Some(1), Some(2), None]);
        assert_eq!(r.leaders.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["B", "A", "C"]);
    }

    #[test]
    fn indicators_sum_counts_and_average_percentages() {
        let mut a = row("A", 1, 1, 0, 0);
        a.indicators =
            vec![("Xã đạt chuẩn".into(), Some("xã".into()), 1.0, Some(2.0)), ("Tăng trưởng".into(), Some("%".into()), 10.0, None)];
        let mut b = row("B", 1, 1, 0, 0);
        b.indicators =
            vec![("Xã đạt chuẩn".into(), Some("xã".into()), 2.0, Some(3.0)), ("Tăng trưởng".into(), Some("%".into()), 20.0, None)];
        let r = rollup(&[a, b], 2, vec![]);
        assert_eq!(r.indicators[0].name, "Xã đạt chuẩn");
        assert_eq!((r.indicators[0].total, r.indicators[0].of), (Some(3.0), Some(5.0)));
        assert_eq!((r.indicators[1].total, r.indicators[1].average), (None, 15.0));
    }
}
