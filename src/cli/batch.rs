//! `baocao batch` and `baocao templates`: the printing side of
//! [`crate::batch`]. Writes each document as soon as it is rendered (never
//! holding them all), shows progress on stderr, lists every failed unit with
//! its located errors at the end, and returns the exit code: 0 all rendered,
//! 1 some unit failed (no file is left for it), 2 the run could not start.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use super::{FormatArg, dedup, print_diagnostics, remove_stale, write_atomically};
use crate::batch::{self, Options, Outcome, Unit};
use crate::diag::Diagnostic;
use crate::{Format, Rendered};

/// User-facing texts of the batch commands, in one place for translation.
mod text {
    use std::path::Path;

    pub fn cannot_create_out(dir: &Path, e: &std::io::Error) -> String {
        format!("error: cannot create the output folder {}: {e}", dir.display())
    }
    pub fn cannot_write(e: &std::io::Error) -> String {
        format!("cannot write the output: {e}")
    }
    pub const CANNOT_WRITE_HINT: &str = "check free disk space and the output folder's permissions";
    pub fn progress(done: usize, total: usize, failed: usize, left: Option<u64>) -> String {
        let left = left.map(|s| format!(", ~{s}s left")).unwrap_or_default();
        format!("{done}/{total} done, {failed} failed{left}")
    }
    pub fn failed_unit(source: &Path) -> String {
        format!("failed: {}", source.display())
    }
    pub fn finished(rendered: usize, total: usize, failed: usize, secs: f64) -> String {
        format!("{rendered} of {total} report(s) rendered, {failed} failed, in {secs:.2} s")
    }
    pub fn stats(units: usize, secs: f64, peak_kb: Option<u64>, pdf: Option<(u64, u64)>, docx: Option<(u64, u64)>) -> String {
        let per_second = if secs > 0.0 { units as f64 / secs } else { 0.0 };
        let peak = peak_kb.map(|kb| format!("{:.1} MB", kb as f64 / 1024.0)).unwrap_or_else(|| "unknown".into());
        let avg = |x: Option<(u64, u64)>| match x {
            Some((bytes, n)) if n > 0 => format!("{} bytes", bytes / n),
            _ => "-".into(),
        };
        format!(
            "stats: {units} report(s) in {secs:.3} s, {per_second:.1} reports/s, peak memory (VmHWM) {peak}, \
             average PDF {}, average DOCX {}",
            avg(pdf),
            avg(docx)
        )
    }
    pub fn exists(path: &Path) -> String {
        format!("error: {} already exists (use --force to overwrite)", path.display())
    }
    pub fn written(path: &Path) -> String {
        format!("{}", path.display())
    }
    pub fn cannot_export(path: &Path, e: &std::io::Error) -> String {
        format!("error: cannot write {}: {e}", path.display())
    }
}

/// `baocao batch`.
#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Folder of unit reports (*.yaml, sub-folders included; `_defaults.yaml`
    /// inherited down the tree; `summary.yaml` is the roll-up).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Folder for the outputs (created if missing); sub-folders mirror DIR.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: PathBuf,
    /// Reports rendered at once (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = vec![FormatArg::Pdf, FormatArg::Docx])]
    pub format: Vec<FormatArg>,
    /// Folder of templates overriding the built-in ones for every unit
    /// (default: the nearest `templates/` folder next to the inputs).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The roll-up report (default: DIR/summary.yaml if present).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// No progress display.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print time, reports per second, peak memory and average sizes at the end.
    #[arg(long)]
    pub stats: bool,
}

/// `baocao templates`.
#[derive(Subcommand, Debug)]
pub enum TemplatesCommand {
    /// Write the built-in templates to DIR as a starting point for overrides.
    Export {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Show every template name and the file it comes from.
    List {
        /// Folder of override templates to take into account.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
}

pub fn run_batch(args: BatchArgs) -> u8 {
    let formats: Vec<Format> = dedup(args.format.iter().copied().map(Format::from).collect());
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("{}", text::cannot_create_out(&args.out, &e));
        return 2;
    }
    let options = Options {
        formats: formats.clone(),
        templates: args.templates.clone(),
        summary: args.summary.clone(),
        jobs: args.jobs.map(usize::from),
        skip: Some(args.out.clone()),
    };
    let plan = match batch::plan(&args.dir, &options) {
        Ok(plan) => plan,
        Err(d) => {
            print_diagnostics(&d);
            return 2;
        }
    };
    let total = plan.units.len() + usize::from(plan.summary.is_some());
    let bar = Bar::new(total, args.quiet);
    let sizes: Vec<(AtomicU64, AtomicU64)> = (0..2).map(|_| (AtomicU64::new(0), AtomicU64::new(0))).collect();
    let out = args.out.as_path();
    let sink = |unit: &Unit, rendered: &Rendered| -> Result<(), Vec<Diagnostic>> {
        write_unit(out, unit, rendered, &formats)?;
        for (format, bytes) in &rendered.outputs {
            let (sum, n) = &sizes[*format as usize];
            sum.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            n.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    };
    let progress = |o: &Outcome| bar.tick(o.result.is_err());
    let summary = match batch::run(&plan, &options, &sink, &progress) {
        Ok(s) => s,
        Err(d) => {
            bar.finish();
            print_diagnostics(&d);
            return 2;
        }
    };
    bar.finish();

    let mut failed = 0;
    for outcome in &summary.outcomes {
        match &outcome.result {
            Ok(warnings) => print_diagnostics(warnings),
            Err(diagnostics) => {
                failed += 1;
                let targets: Vec<PathBuf> = formats.iter().map(|&f| outcome.unit.target(out, f)).collect();
                remove_stale(&targets);
                eprintln!("{}", text::failed_unit(&outcome.unit.source));
                print_diagnostics(diagnostics);
            }
        }
    }
    let secs = summary.elapsed.as_secs_f64();
    if !args.quiet {
        eprintln!("{}", text::finished(total - failed, total, failed, secs));
    }
    if args.stats {
        let get = |f: Format| {
            let (sum, n) = &sizes[f as usize];
            formats.contains(&f).then(|| (sum.load(Ordering::Relaxed), n.load(Ordering::Relaxed)))
        };
        eprintln!("{}", text::stats(total, secs, peak_memory_kb(), get(Format::Pdf), get(Format::Docx)));
    }
    u8::from(failed > 0)
}

/// Writes every output of one unit, or none: a failed write removes the
/// unit's other outputs.
fn write_unit(out: &Path, unit: &Unit, rendered: &Rendered, formats: &[Format]) -> Result<(), Vec<Diagnostic>> {
    let targets: Vec<PathBuf> = formats.iter().map(|&f| unit.target(out, f)).collect();
    let result = (|| {
        if let Some(parent) = targets.first().and_then(|t| t.parent()) {
            std::fs::create_dir_all(parent)?;
        }
        for (format, bytes) in &rendered.outputs {
            write_renamed(&unit.target(out, *format), bytes)?;
        }
        Ok(())
    })();
    result.map_err(|e: std::io::Error| {
        remove_stale(&targets);
        vec![Diagnostic::error(&unit.source, 0, 0, text::cannot_write(&e)).with_hint(text::CANNOT_WRITE_HINT)]
    })
}

/// Like [`write_atomically`] (temporary file, then rename: a crash never
/// leaves a half-written report under the real name) but without the fsync
/// per file, which costs about 1.3 ms of waiting per file on ext4, i.e. more
/// than 4 s of a 3,321-unit batch on two cores. A batch is cheap to rerun
/// after a power cut; `render` keeps the fsync.
fn write_renamed(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".baocao-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Peak resident memory of this process (Linux), in kB.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Progress on stderr: a redrawn bar on a terminal, a plain line every few
/// seconds otherwise, nothing with --quiet.
struct Bar {
    total: usize,
    done: AtomicUsize,
    failed: AtomicUsize,
    started: Instant,
    tty: bool,
    quiet: bool,
    last: Mutex<Option<Instant>>,
}

impl Bar {
    fn new(total: usize, quiet: bool) -> Bar {
        Bar {
            total,
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            quiet,
            last: Mutex::new(None),
        }
    }

    fn tick(&self, failed: bool) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if failed {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
        if self.quiet {
            return;
        }
        let every = if self.tty { Duration::from_millis(100) } else { Duration::from_secs(2) };
        // try_lock: a worker never waits on the display.
        let Ok(mut last) = self.last.try_lock() else { return };
        let now = Instant::now();
        if last.is_some_and(|t| now - t < every) && done < self.total {
            return;
        }
        *last = Some(now);
        self.draw(done, done == self.total);
    }

    fn draw(&self, done: usize, end: bool) {
        let failed = self.failed.load(Ordering::Relaxed);
        let elapsed = self.started.elapsed().as_secs_f64();
        let left = (done > 0 && done < self.total).then(|| (elapsed / done as f64 * (self.total - done) as f64).ceil() as u64);
        let line = text::progress(done, self.total, failed, left);
        let mut err = std::io::stderr().lock();
        if self.tty {
            const WIDTH: usize = 30;
            let filled = if self.total == 0 { WIDTH } else { done * WIDTH / self.total };
            let _ = write!(err, "\r\x1b[2K[{}{}] {line}", "#".repeat(filled), "-".repeat(WIDTH - filled));
            if end {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{line}");
        }
        let _ = err.flush();
    }

    fn finish(&self) {
        let done = self.done.load(Ordering::Relaxed);
        if self.quiet || done == self.total {
            return;
        }
        // Interrupted early (a run that could not start): end the bar's line.
        if self.tty {
            let _ = writeln!(std::io::stderr());
        }
    }
}

pub fn run_templates(command: TemplatesCommand) -> u8 {
    match command {
        TemplatesCommand::Export { dir, force } => {
            let files = crate::template::builtin_files();
            if !force {
                let existing: Vec<PathBuf> = files.iter().map(|(rel, _)| dir.join(rel)).filter(|p| p.exists()).collect();
                if !existing.is_empty() {
                    for p in &existing {
                        eprintln!("{}", text::exists(p));
                    }
                    return 2;
                }
            }
            for (rel, body) in files {
                let path = dir.join(rel);
                let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| write_atomically(&path, body.as_bytes()));
                if let Err(e) = result {
                    eprintln!("{}", text::cannot_export(&path, &e));
                    return 2;
                }
                println!("{}", text::written(&path));
            }
            0
        }
        TemplatesCommand::List { templates } => {
            let Some(renderer) = super::renderer(templates.as_deref()) else { return 2 };
            let names = renderer.engine().names();
            let width = names.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0);
            let builtin: std::collections::HashMap<String, &str> = crate::template::builtin_files()
                .iter()
                .map(|(rel, _)| (Path::new(rel).file_stem().unwrap_or_default().to_string_lossy().into_owned(), *rel))
                .collect();
            let mut stdout = std::io::stdout().lock();
            for (name, from) in names {
                let from = match builtin.get(&name) {
                    Some(rel) if from == "built-in" => format!("built-in (templates/{rel})"),
                    _ => from,
                };
                let _ = writeln!(stdout, "{name:width$}  {from}");
            }
            0
        }
    }
}
