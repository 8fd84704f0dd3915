//! `baocao batch` and `baocao templates`: the printing side of
//! [`baocao::batch`]. Writes each document as soon as it is rendered (never
//! holding them all), shows progress on stderr, lists every failed unit with
//! its located errors at the end, and returns the exit code: 0 all rendered,
//! 1 some unit failed (no file is left for it), 2 the run could not start.
//!
//! Everything printed is in the language the CLI chose (`--lang`, else the
//! locale; Vietnamese by default). Progress is a redrawn bar on a terminal,
//! else one plain line every few seconds and always one for the last unit,
//! in a stable form that logs and scripts may read:
//!
//! ```text
//! Đã xong 120/3321 đơn vị, 2 lỗi, còn khoảng 14 giây
//! 120/3321 done, 2 failed, ~14s left
//! ```

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use super::{FormatArg, dedup, help, lang, output, print_diagnostics, remove_stale, write_atomically};
use baocao::batch::{self, Options, Outcome, Unit};
use baocao::diag::Diagnostic;
use baocao::i18n::Lang;
use baocao::{Format, Rendered};

/// User-facing texts of the batch commands, each in both languages
/// ([`Text::new`]`(vi, en)`), printed in the language the CLI chose.
/// Vietnamese numbers use a decimal comma ("1,25 giây").
mod text {
    use std::path::Path;

    use baocao::i18n::Text;

    /// `1.25` -> "1,25" (Vietnamese decimal comma).
    fn comma(number: String) -> String {
        number.replace('.', ",")
    }

    /// The progress line. Its plain (non-terminal) form is read by scripts
    /// and logs: keep it stable in both languages.
    pub fn progress(done: usize, total: usize, failed: usize, left: Option<u64>) -> Text {
        let left_vi = left.map(|s| format!(", còn khoảng {s} giây")).unwrap_or_default();
        let left_en = left.map(|s| format!(", ~{s}s left")).unwrap_or_default();
        Text::new(format!("Đã xong {done}/{total} đơn vị, {failed} lỗi{left_vi}"), format!("{done}/{total} done, {failed} failed{left_en}"))
    }
    pub fn failed_units(failed: usize, total: usize) -> Text {
        Text::new(format!("Có {failed}/{total} đơn vị lỗi:"), format!("{failed} of {total} unit(s) failed:"))
    }
    pub fn failed_unit(source: &str) -> Text {
        Text::new(format!("không tạo được báo cáo: {source}"), format!("failed: {source}"))
    }
    pub fn finished(rendered: usize, total: usize, failed: usize, secs: f64) -> Text {
        Text::new(
            format!("Đã tạo {rendered}/{total} báo cáo, {failed} lỗi, trong {} giây", comma(format!("{secs:.2}"))),
            format!("{rendered} of {total} report(s) rendered, {failed} failed, in {secs:.2} s"),
        )
    }
    /// Names of the units missing from the roll-up shown at most.
    const MISSING_SHOWN: usize = 10;
    pub fn rollup(reported: usize, expected: usize, missing: &[String]) -> Text {
        let (mut vi, mut en) = (
            format!("Báo cáo tổng hợp: có số liệu của {reported}/{expected} đơn vị"),
            format!("Roll-up: figures from {reported} of {expected} unit(s)"),
        );
        if !missing.is_empty() {
            let shown = missing.iter().take(MISSING_SHOWN).cloned().collect::<Vec<_>>().join(", ");
            vi.push_str(&format!(", thiếu: {shown}"));
            en.push_str(&format!(", missing: {shown}"));
            let more = missing.len().saturating_sub(MISSING_SHOWN);
            if more > 0 {
                vi.push_str(&format!(" và {more} đơn vị khác"));
                en.push_str(&format!(" and {more} more"));
            }
        }
        Text::new(vi, en)
    }
    pub fn stats(units: usize, secs: f64, peak_kb: Option<u64>, pdf: Option<(u64, u64)>, docx: Option<(u64, u64)>) -> Text {
        let per_second = if secs > 0.0 { units as f64 / secs } else { 0.0 };
        let peak = peak_kb.map(|kb| format!("{:.1} MB", kb as f64 / 1024.0));
        let avg = |x: Option<(u64, u64)>| match x {
            Some((bytes, n)) if n > 0 => Some(bytes / n),
            _ => None,
        };
        let (pdf, docx) = (avg(pdf), avg(docx));
        let bytes_vi = |x: Option<u64>| x.map_or("-".to_string(), |b| format!("{b} byte"));
        let bytes_en = |x: Option<u64>| x.map_or("-".to_string(), |b| format!("{b} bytes"));
        Text::new(
            format!(
                "thống kê: {units} báo cáo trong {} giây, {} báo cáo/giây, bộ nhớ dùng nhiều nhất (VmHWM) {}, \
                 PDF trung bình {}, DOCX trung bình {}",
                comma(format!("{secs:.3}")),
                comma(format!("{per_second:.1}")),
                peak.as_ref().map_or("không rõ".to_string(), |p| comma(p.clone())),
                bytes_vi(pdf),
                bytes_vi(docx)
            ),
            format!(
                "stats: {units} report(s) in {secs:.3} s, {per_second:.1} reports/s, peak memory (VmHWM) {}, \
                 average PDF {}, average DOCX {}",
                peak.unwrap_or_else(|| "unknown".into()),
                bytes_en(pdf),
                bytes_en(docx)
            ),
        )
    }
    /// A file of the input folder that is not rendered.
    pub fn skipped(path: &Path, why: baocao::batch::Skip) -> Text {
        use baocao::batch::Skip;
        let (vi, en) = match why {
            Skip::NotYaml => ("không phải tệp .yaml/.yml", "not a .yaml/.yml file"),
            Skip::Hidden => ("tệp ẩn", "a hidden file"),
            Skip::Reserved => {
                ("tên bắt đầu bằng `_` (chỉ `_defaults.yaml` được dùng)", "its name starts with `_` (only `_defaults.yaml` is used)")
            }
        };
        Text::new(format!("bỏ qua {}: {vi}", path.display()), format!("skipped {}: {en}", path.display()))
    }
    pub fn more_skipped(more: usize) -> Text {
        Text::new(format!("… và {more} tệp khác bị bỏ qua"), format!("… and {more} more skipped"))
    }
    /// An output of a unit that no longer exists.
    pub fn stale_removed(path: &Path, source: &Path) -> Text {
        Text::new(
            format!("đã xóa {}: báo cáo cũ của {}, tệp này không còn", path.display(), source.display()),
            format!("removed {}: an old report of {}, which no longer exists", path.display(), source.display()),
        )
    }
    pub fn stale_kept(path: &Path, source: &Path) -> Text {
        Text::new(
            format!(
                "còn lại {}: báo cáo cũ của {} (tệp này không còn); đã bị sửa sau khi tạo nên không xóa",
                path.display(),
                source.display()
            ),
            format!(
                "left {}: an old report of {} (which no longer exists); edited since it was written, so it is kept",
                path.display(),
                source.display()
            ),
        )
    }
    pub fn same_as_above() -> Text {
        Text::new("  (cùng lỗi như đã nêu ở trên)", "  (the same errors as above)")
    }
    pub fn exists(path: &Path) -> Text {
        Text::new(
            format!("lỗi: {} đã có (thêm --force để ghi đè)", path.display()),
            format!("error: {} already exists (use --force to overwrite)", path.display()),
        )
    }
    pub fn sheet_format(path: &Path) -> Text {
        Text::new(
            format!("lỗi: không ghi được bảng tính {}: chỉ ghi được tệp .csv hoặc .xlsx", path.display()),
            format!("error: cannot write the spreadsheet {}: only .csv and .xlsx are written", path.display()),
        )
    }
    /// Where a template comes from in `templates list`, for a built-in one.
    pub fn built_in(rel: &str) -> Text {
        Text::new(format!("có sẵn (templates/{rel})"), format!("built-in (templates/{rel})"))
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
    /// Write the roll-up even when some units failed (from the units that rendered).
    #[arg(long)]
    pub allow_partial: bool,
    /// A spreadsheet (.xlsx, .xls, .ods, .csv) with one unit per row, inheriting DIR's `_defaults.yaml`.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
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

pub fn run_batch(args: BatchArgs, read: baocao::data::Options) -> u8 {
    let formats: Vec<Format> = dedup(args.format.iter().copied().map(Format::from).collect());
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("{}", help::msg::cannot_create_out(&args.out, &e).get(lang()));
        return 2;
    }
    let options = Options {
        formats: formats.clone(),
        templates: args.templates.clone(),
        summary: args.summary.clone(),
        jobs: args.jobs.map(usize::from),
        skip: Some(args.out.clone()),
        allow_partial: args.allow_partial,
        check_only: false,
        data: args.data.clone(),
        read,
    };
    let plan = match batch::plan(&args.dir, &options) {
        Ok(plan) => plan,
        Err(d) => {
            print_diagnostics(&d);
            return 2;
        }
    };
    const SKIPPED_SHOWN: usize = 20;
    for (path, why) in plan.skipped.iter().take(SKIPPED_SHOWN) {
        eprintln!("{}", text::skipped(path, *why).get(lang()));
    }
    if plan.skipped.len() > SKIPPED_SHOWN {
        eprintln!("{}", text::more_skipped(plan.skipped.len() - SKIPPED_SHOWN).get(lang()));
    }
    let total = plan.units.len() + usize::from(plan.summary.is_some());
    // No fsync per file: about 1.3 ms of waiting per file on ext4, more than
    // 4 s of a 3,321-unit batch on two cores; a batch is cheap to rerun after
    // a power cut, and the renames still never leave half a file.
    let writer = output::Writer::new(false);
    let inputs: Vec<PathBuf> = plan.units.iter().chain(&plan.summary).map(|u| u.source.clone()).collect();
    super::interrupt::start(inputs);
    let siblings = Mutex::new(Vec::new());
    let bar = Bar::new(total, args.quiet, lang());
    let sizes: Vec<(AtomicU64, AtomicU64)> = (0..2).map(|_| (AtomicU64::new(0), AtomicU64::new(0))).collect();
    let out = args.out.as_path();
    let sink = |unit: &Unit, rendered: &Rendered| -> Result<(), Vec<Diagnostic>> {
        write_unit(&writer, out, unit, rendered, &formats)?;
        let others: Vec<PathBuf> =
            [Format::Pdf, Format::Docx].into_iter().filter(|f| !formats.contains(f)).map(|f| unit.target(out, f)).collect();
        let found = super::older_siblings(&writer, &others);
        siblings.lock().unwrap_or_else(|e| e.into_inner()).extend(found);
        for (format, bytes) in &rendered.outputs {
            let (sum, n) = &sizes[*format as usize];
            sum.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            n.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    };
    let progress = |o: &Outcome| {
        super::interrupt::finished(&o.unit.source);
        bar.tick(o.result.is_err())
    };
    let summary = match batch::run(&plan, &options, &sink, &progress) {
        Ok(s) => s,
        Err(d) => {
            bar.finish();
            print_diagnostics(&d);
            return 2;
        }
    };
    bar.finish();
    print_diagnostics(&siblings.into_inner().unwrap_or_else(|e| e.into_inner()));
    // Outputs of units that are gone: removed when ours, else listed.
    let mut targets: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for unit in plan.units.iter().chain(&plan.summary) {
        for f in [Format::Pdf, Format::Docx] {
            targets.insert(unit.target(out, f));
        }
    }
    for (path, source, removed) in stale_outputs(&writer, out, &targets) {
        let line = if removed { text::stale_removed(&path, &source) } else { text::stale_kept(&path, &source) };
        eprintln!("{}", line.get(lang()));
    }

    // Warnings first, in plan order; then every failed unit with its errors,
    // so that the end of a long run says what needs fixing.
    for outcome in &summary.outcomes {
        if let Ok(warnings) = &outcome.result {
            print_diagnostics(warnings);
        }
    }
    let failed = summary.failed().count();
    if failed > 0 {
        eprintln!("{}", text::failed_units(failed, total).get(lang()));
    }
    // A district's broken templates fail each of its units with the same
    // errors: they are printed once, the other units point back to them.
    let mut printed: std::collections::HashSet<(PathBuf, u32, u32, String)> = std::collections::HashSet::new();
    for outcome in summary.failed() {
        let targets: Vec<PathBuf> = formats.iter().map(|&f| outcome.unit.target(out, f)).collect();
        remove_stale(&writer, &targets);
        eprintln!("{}", text::failed_unit(&outcome.unit.label()).get(lang()));
        if let Err(diagnostics) = &outcome.result {
            let key = |d: &Diagnostic| (d.file.clone(), d.line, d.column, d.message.en.clone());
            let fresh: Vec<Diagnostic> =
                diagnostics.iter().filter(|d| d.file == outcome.unit.source || !printed.contains(&key(d))).cloned().collect();
            if fresh.is_empty() && !diagnostics.is_empty() {
                eprintln!("{}", text::same_as_above().get(lang()));
            }
            printed.extend(fresh.iter().map(key));
            print_diagnostics(&fresh);
        }
    }
    let secs = summary.elapsed.as_secs_f64();
    if !args.quiet {
        eprintln!("{}", text::finished(total - failed, total, failed, secs).get(lang()));
        let rollup_written = summary.outcomes.iter().any(|o| o.is_summary && o.result.is_ok());
        if let (Some(r), true) = (&summary.rollup, rollup_written) {
            // The console names the files (the roll-up itself names units).
            let missing: Vec<String> =
                summary.failed().filter(|o| !o.is_summary).map(|o| o.unit.output_stem.display().to_string()).collect();
            eprintln!("{}", text::rollup(r.reported, r.expected, &missing).get(lang()));
        }
    }
    if args.stats {
        let get = |f: Format| {
            let (sum, n) = &sizes[f as usize];
            formats.contains(&f).then(|| (sum.load(Ordering::Relaxed), n.load(Ordering::Relaxed)))
        };
        eprintln!("{}", text::stats(total, secs, peak_memory_kb(), get(Format::Pdf), get(Format::Docx)).get(lang()));
    }
    u8::from(failed > 0)
}

/// `baocao check DIR`: every unit and the roll-up of a batch folder,
/// defaults inherited, validated and run through their templates; nothing is
/// written. One line per valid file on stdout, diagnostics on stderr, in
/// plan order. Returns (failed, checked), or None when the run could not start.
pub fn check_dir(dir: &Path, templates: Option<&Path>, data: Option<&Path>, read: &baocao::data::Options) -> Option<(usize, usize)> {
    let options = Options {
        templates: templates.map(Path::to_path_buf),
        data: data.map(Path::to_path_buf),
        check_only: true,
        read: read.clone(),
        ..Options::default()
    };
    let plan = match batch::plan(dir, &options) {
        Ok(plan) => plan,
        Err(d) => {
            print_diagnostics(&d);
            return None;
        }
    };
    let summary = match batch::run(&plan, &options, &|_, _| Ok(()), &|_| {}) {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&d);
            return None;
        }
    };
    for outcome in &summary.outcomes {
        match &outcome.result {
            Ok(warnings) => super::print_valid(&outcome.unit.label(), warnings),
            Err(diagnostics) => print_diagnostics(diagnostics),
        }
    }
    Some((summary.failed().count(), summary.outcomes.len()))
}

/// Writes every output of one unit, or none (see [`output::Writer`]).
fn write_unit(writer: &output::Writer, out: &Path, unit: &Unit, rendered: &Rendered, formats: &[Format]) -> Result<(), Vec<Diagnostic>> {
    let targets: Vec<PathBuf> = formats.iter().map(|&f| unit.target(out, f)).collect();
    if let Some(parent) = targets.first().and_then(|t| t.parent()) {
        std::fs::create_dir_all(parent).map_err(|e| vec![super::write_error(output::WriteError::Io(parent.to_path_buf(), e))])?;
    }
    let outputs: Vec<(PathBuf, &[u8])> =
        targets.iter().zip(&rendered.outputs).map(|(t, (_, bytes))| (t.clone(), bytes.as_slice())).collect();
    writer.replace_together(&outputs, &unit.source).map_err(|e| vec![super::write_error(e)])
}

/// Files recorded in the ledgers under `out` that no run target names any
/// more and whose input is gone: (file, its input, removed). Removed only
/// when ours (unchanged since written).
fn stale_outputs(writer: &output::Writer, out: &Path, targets: &std::collections::HashSet<PathBuf>) -> Vec<(PathBuf, PathBuf, bool)> {
    let mut found = Vec::new();
    let mut folders = vec![out.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut subfolders: Vec<PathBuf> =
            entries.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_dir())).map(|e| e.path()).collect();
        subfolders.sort();
        folders.extend(subfolders.into_iter().rev());
        for (name, source) in writer.recorded(&dir) {
            let path = dir.join(&name);
            if targets.contains(&path) || source.as_os_str().is_empty() || std::fs::symlink_metadata(&source).is_ok() {
                continue;
            }
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            let removed = writer.remove_if_ours(&path);
            found.push((path, source, removed));
        }
    }
    found
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
    lang: Lang,
    /// When the last line was drawn, and the count it showed.
    last: Mutex<Option<(Instant, usize)>>,
}

impl Bar {
    fn new(total: usize, quiet: bool, lang: Lang) -> Bar {
        Bar {
            total,
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            quiet,
            lang,
            last: Mutex::new(None),
        }
    }

    fn tick(&self, failed: bool) {
        // Failures counted before completions (SeqCst): the line of the
        // last unit then shows every failure.
        if failed {
            self.failed.fetch_add(1, Ordering::SeqCst);
        }
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        if self.quiet {
            return;
        }
        let every = if self.tty { Duration::from_millis(100) } else { Duration::from_secs(2) };
        let end = done == self.total;
        // try_lock: a worker never waits on the display, except for the
        // last unit, whose line must not be lost.
        let mut last = if end {
            self.last.lock().unwrap_or_else(|e| e.into_inner())
        } else {
            let Ok(last) = self.last.try_lock() else { return };
            last
        };
        let now = Instant::now();
        // A slower worker never draws an older count over a newer one.
        if last.is_some_and(|(t, shown)| shown >= done || (now - t < every && !end)) {
            return;
        }
        *last = Some((now, done));
        self.draw(done, end);
    }

    fn draw(&self, done: usize, end: bool) {
        let failed = self.failed.load(Ordering::SeqCst);
        let elapsed = self.started.elapsed().as_secs_f64();
        let left = (done > 0 && done < self.total).then(|| (elapsed / done as f64 * (self.total - done) as f64).ceil() as u64);
        let line = text::progress(done, self.total, failed, left);
        let line = line.get(self.lang);
        let mut err = std::io::stderr().lock();
        if self.tty {
            const WIDTH: usize = 30;
            let filled = (done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
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

/// `baocao sheet FILE [DIR]`: a blank spreadsheet for `batch --data`,
/// its header row in Vietnamese labels; with DIR, one result column per
/// task and indicator of DIR's `_defaults.yaml`. `.csv` (UTF-8 with a BOM,
/// so that Excel reads it as UTF-8) or `.xlsx`.
pub fn run_sheet(file: &Path, dir: Option<&Path>, force: bool) -> u8 {
    let defaults = match dir.map(|d| d.join(baocao::input::DEFAULTS_FILE)).filter(|p| p.is_file()) {
        Some(path) => match baocao::data::read(&path).and_then(|t| baocao::data::parse_tree(&path, &t)) {
            Ok(tree) => Some(tree),
            Err(d) => {
                print_diagnostics(&d);
                return 2;
            }
        },
        None => None,
    };
    let header = baocao::sheet::blank_header(defaults.as_ref());
    let extension = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let bytes = match extension.as_str() {
        "csv" => Ok(format!("\u{feff}{}\r\n", baocao::sheet::csv_line(&header)).into_bytes()),
        "xlsx" => baocao::sheet::xlsx(&header),
        _ => {
            eprintln!("{}", text::sheet_format(file).get(lang()));
            return 2;
        }
    };
    if !force && file.exists() {
        eprintln!("{}", text::exists(file).get(lang()));
        return 2;
    }
    match bytes.and_then(|b| write_atomically(file, &b)) {
        Ok(()) => {
            println!("{}", file.display());
            0
        }
        Err(e) => {
            eprintln!("{}", help::msg::cannot_write(file, &e).get(lang()));
            2
        }
    }
}

pub fn run_templates(command: TemplatesCommand) -> u8 {
    match command {
        TemplatesCommand::Export { dir, force } => {
            let files = baocao::template::builtin_files();
            if !force {
                let existing: Vec<PathBuf> = files.iter().map(|(rel, _)| dir.join(rel)).filter(|p| p.exists()).collect();
                if !existing.is_empty() {
                    for p in &existing {
                        eprintln!("{}", text::exists(p).get(lang()));
                    }
                    return 2;
                }
            }
            for (rel, body) in files {
                let path = dir.join(rel);
                let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| write_atomically(&path, body.as_bytes()));
                if let Err(e) = result {
                    eprintln!("{}", help::msg::cannot_write(&path, &e).get(lang()));
                    return 2;
                }
                println!("{}", path.display());
            }
            0
        }
        TemplatesCommand::List { templates } => {
            let Some(renderer) = super::renderer(templates.as_deref()) else { return 2 };
            let names = renderer.engine().names();
            let width = names.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0);
            let builtin: std::collections::HashMap<String, &str> = baocao::template::builtin_files()
                .iter()
                .map(|(rel, _)| (Path::new(rel).file_stem().unwrap_or_default().to_string_lossy().into_owned(), *rel))
                .collect();
            let mut stdout = std::io::stdout().lock();
            for (name, from) in names {
                let from = match builtin.get(&name) {
                    Some(rel) if from == "built-in" => text::built_in(rel).get(lang()).to_string(),
                    _ => from,
                };
                let _ = writeln!(stdout, "{name:width$}  {from}");
            }
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_progress_line_is_stable_in_both_languages() {
        let line = text::progress(120, 3321, 2, Some(14));
        assert_eq!(line.get(Lang::Vi), "Đã xong 120/3321 đơn vị, 2 lỗi, còn khoảng 14 giây");
        assert_eq!(line.get(Lang::En), "120/3321 done, 2 failed, ~14s left");
        let last = text::progress(3321, 3321, 0, None);
        assert_eq!(last.get(Lang::Vi), "Đã xong 3321/3321 đơn vị, 0 lỗi");
        assert_eq!(last.get(Lang::En), "3321/3321 done, 0 failed");
    }

    #[test]
    fn summary_lines_in_both_languages() {
        let failed = text::failed_units(2, 3321);
        assert_eq!((failed.get(Lang::Vi), failed.get(Lang::En)), ("Có 2/3321 đơn vị lỗi:", "2 of 3321 unit(s) failed:"));
        let finished = text::finished(3319, 3321, 2, 14.256);
        assert_eq!(finished.get(Lang::Vi), "Đã tạo 3319/3321 báo cáo, 2 lỗi, trong 14,26 giây");
        assert_eq!(finished.get(Lang::En), "3319 of 3321 report(s) rendered, 2 failed, in 14.26 s");
        let rollup = text::rollup(3, 4, &["huyen-a/hong".to_string()]);
        assert_eq!(rollup.get(Lang::Vi), "Báo cáo tổng hợp: có số liệu của 3/4 đơn vị, thiếu: huyen-a/hong");
        assert_eq!(rollup.get(Lang::En), "Roll-up: figures from 3 of 4 unit(s), missing: huyen-a/hong");
        let many: Vec<String> = (0..12).map(|i| format!("x{i}")).collect();
        let rollup = text::rollup(0, 12, &many);
        assert!(rollup.get(Lang::Vi).ends_with("x9 và 2 đơn vị khác"), "{}", rollup.vi);
        assert!(rollup.get(Lang::En).ends_with("x9 and 2 more"), "{}", rollup.en);
    }

    #[test]
    fn stats_use_a_decimal_comma_in_vietnamese() {
        let stats = text::stats(10, 2.5, Some(1536), Some((3000, 2)), None);
        assert_eq!(
            stats.get(Lang::Vi),
            "thống kê: 10 báo cáo trong 2,500 giây, 4,0 báo cáo/giây, bộ nhớ dùng nhiều nhất (VmHWM) 1,5 MB, \
             PDF trung bình 1500 byte, DOCX trung bình -"
        );
        assert_eq!(
            stats.get(Lang::En),
            "stats: 10 report(s) in 2.500 s, 4.0 reports/s, peak memory (VmHWM) 1.5 MB, average PDF 1500 bytes, average DOCX -"
        );
    }
}
