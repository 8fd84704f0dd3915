//! Command line: the only place that prints and chooses the exit code.
//!
//! Exit codes: 0 every input rendered (or checked), 1 some input failed,
//! 2 the run could not start (bad arguments, output folder not writable,
//! templates that do not compile).

mod batch;
pub mod help;
pub mod interrupt;
pub mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use baocao::diag::Diagnostic;
use baocao::i18n::Lang;
use baocao::{Format, Renderer, Workload};

/// The language of everything the CLI prints, chosen once per process in
/// [`main`] (or [`run`]): the CLI is the process boundary, and the print
/// helpers shared with `cli::batch` take no language argument.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn lang() -> Lang {
    *LANG.get_or_init(|| Lang::from_env(None))
}

#[derive(Parser, Debug)]
#[command(
    name = "baocao",
    version,
    about = "Turns YAML into Vietnamese administrative reports (báo cáo) as PDF and DOCX, \
formatted to Nghị định 30/2020/NĐ-CP."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages: vi (Vietnamese, the default) or en (English).
    #[arg(long, global = true, value_name = "vi|en", value_parser = ["vi", "en"])]
    pub lang: Option<String>,
    /// Convert text typed in the legacy TCVN3 (ABC) or VNI encodings to Unicode instead of reporting an error.
    #[arg(long, global = true)]
    pub convert_legacy: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Render each YAML file to DIR/<name>.pdf (and .docx).
    Render {
        /// Input files written to the input contract.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Folder for the outputs (created if missing).
        #[arg(short = 'o', long = "out", value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// Output formats, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = vec![FormatArg::Pdf, FormatArg::Docx])]
        format: Vec<FormatArg>,
        /// Folder of templates that override the built-in ones, file by file.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Validate each YAML file and report every problem, without writing anything.
    Check {
        /// Input files, or batch folders (checked whole, defaults inherited).
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Folder of templates that override the built-in ones.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// With a batch folder: its spreadsheet of units (as `batch --data`).
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
    },
    /// Render every YAML file in DIR (and its sub-folders) in parallel, with
    /// `_defaults.yaml` inherited and an optional roll-up report.
    Batch(batch::BatchArgs),
    /// Export or list the templates.
    Templates {
        #[command(subcommand)]
        command: batch::TemplatesCommand,
    },
    /// Write a commented report to start from (or, with --district, a district folder).
    Init {
        /// Folder to write into (created if missing), or the report's own file name (`*.yaml`).
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// A district folder: `_defaults.yaml`, two communes and the roll-up `summary.yaml`.
        #[arg(long)]
        district: bool,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of the input (for editors such as VS Code).
    Schema {
        /// Write it to FILE instead of standard output.
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Check finished reports (PDF or DOCX, from any program) against the format rules.
    Lint {
        /// PDF or DOCX files, or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// The rulebook: state, party, front, or auto (read off the header).
        #[arg(long, value_enum, default_value_t = ProfileArg::Auto)]
        profile: ProfileArg,
        /// DOCX: also lay the file out with LibreOffice (when installed) and check its pages.
        #[arg(long)]
        layout: bool,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a blank spreadsheet (.csv or .xlsx) for `batch --data`.
    Sheet {
        /// The spreadsheet to write.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// A batch folder whose `_defaults.yaml` lists the common tasks and indicators.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Auto,
    State,
    Party,
    Front,
}

impl ProfileArg {
    fn system(self) -> Option<baocao::data::model::System> {
        use baocao::data::model::System;
        match self {
            ProfileArg::Auto => None,
            ProfileArg::State => Some(System::State),
            ProfileArg::Party => Some(System::Party),
            ProfileArg::Front => Some(System::Front),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Docx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Docx => Format::Docx,
        }
    }
}

pub fn main() -> ExitCode {
    use clap::FromArgMatches;
    interrupt::install();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = *LANG.get_or_init(|| help::lang_from_args(&args));
    let parsed = help::command(lang).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: already in the chosen language.
            let _ = e.print();
            return ExitCode::from(0);
        }
        Err(e) => {
            eprintln!("{}", help::error_message(&e, lang).trim_end());
            return ExitCode::from(2);
        }
    };
    ExitCode::from(run(cli))
}

/// `baocao lint`: 0 every file holds every MUST rule, 1 some file breaks
/// one, 2 some file could not be read. One file prints every finding; several
/// print one summary line each.
fn run_lint(args: &[PathBuf], options: &baocao::lint::Options, json: bool) -> u8 {
    let files = match baocao::lint::files(args) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{}: {}", e.path.display(), e.text.get(lang()));
            return 2;
        }
    };
    if files.is_empty() {
        eprintln!("{}", help::msg::lint_nothing().get(lang()));
        return 2;
    }
    let reports = baocao::lint::lint_files(&files, options);
    if json {
        println!("{}", serde_json::to_string_pretty(&baocao::lint::json_report(&reports, lang())).unwrap_or_default());
    } else {
        let one = reports.len() == 1;
        for report in &reports {
            match report {
                Ok(r) if one => print!("{}", baocao::lint::text_report(r, lang())),
                Ok(r) => println!("{}", baocao::lint::summary_line(r, lang())),
                Err(e) => eprintln!("{}: {}", e.path.display(), e.text.get(lang())),
            }
        }
    }
    if reports.iter().any(|r| r.is_err()) {
        2
    } else if reports.iter().any(|r| r.as_ref().is_ok_and(|r| r.failed())) {
        1
    } else {
        0
    }
}

/// Runs a parsed command and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let _ = LANG.set(Lang::from_env(cli.lang.as_deref()));
    let options = baocao::data::Options { convert_legacy: cli.convert_legacy };
    match cli.command {
        Command::Render { files, out, format, templates } => {
            let formats: Vec<Format> = dedup(format.into_iter().map(Format::from).collect());
            // `-o -`: the one document of one input, on standard output.
            let to_stdout = out.as_os_str() == "-";
            if to_stdout {
                use std::io::IsTerminal;
                if files.len() != 1 || formats.len() != 1 || std::io::stdout().is_terminal() {
                    eprintln!("{}", help::msg::stdout_needs_one().get(lang()));
                    return 2;
                }
            }
            if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
                eprintln!("{}", help::msg::stdin_once().get(lang()));
                return 2;
            }
            let files = dedup_inputs(files);
            let plan: Vec<(PathBuf, Vec<PathBuf>)> = files.iter().map(|f| (f.clone(), targets(f, &out, &formats))).collect();
            // Two inputs on one output, or an output on an input: refused
            // before anything is written.
            let clashes = clashes(&plan);
            if !clashes.is_empty() {
                print_diagnostics(&clashes);
                return 2;
            }
            let writer = output::Writer::new(true);
            let Some(renderer) = renderer_with(templates.as_deref(), &options).map(|r| r.with_workload(Workload::One)) else {
                // Nothing can be rendered: earlier outputs of these inputs are stale.
                if !to_stdout {
                    plan.iter().for_each(|(_, t)| remove_stale(&writer, t));
                }
                return 2;
            };
            if let Err(e) = if to_stdout { Ok(()) } else { std::fs::create_dir_all(&out) } {
                eprintln!("{}", help::msg::cannot_create_out(&out, &e).get(lang()));
                return 2;
            }
            interrupt::start(files.clone());
            let mut failed = 0;
            for (file, targets) in &plan {
                let rendered = if file.as_os_str() == "-" {
                    read_stdin().and_then(|text| renderer.render_text(Path::new(STDIN_NAME), text, &formats))
                } else {
                    renderer.render_file(file, &formats)
                };
                if to_stdout {
                    match rendered {
                        Ok(rendered) => {
                            print_diagnostics(&rendered.warnings);
                            let mut stdout = std::io::stdout().lock();
                            if let Err(e) = stdout.write_all(&rendered.outputs[0].1).and_then(|_| stdout.flush()) {
                                eprintln!("{}", help::msg::cannot_write(Path::new("-"), &e).get(lang()));
                                failed += 1;
                            }
                        }
                        Err(diagnostics) => {
                            print_diagnostics(&diagnostics);
                            failed += 1;
                        }
                    }
                    continue;
                }
                match rendered {
                    Ok(rendered) => {
                        print_diagnostics(&rendered.warnings);
                        let outputs: Vec<(PathBuf, &[u8])> =
                            targets.iter().zip(&rendered.outputs).map(|(t, (_, bytes))| (t.clone(), bytes.as_slice())).collect();
                        match writer.replace_together(&outputs, file) {
                            Ok(()) => {
                                targets.iter().for_each(|t| println!("{}", t.display()));
                                let others: Vec<Format> =
                                    [Format::Pdf, Format::Docx].into_iter().filter(|f| !formats.contains(f)).collect();
                                print_diagnostics(&older_siblings(&writer, &self::targets(file, &out, &others)));
                            }
                            Err(e) => {
                                print_diagnostics(&[write_error(e)]);
                                failed += 1;
                            }
                        }
                    }
                    Err(diagnostics) => {
                        print_diagnostics(&diagnostics);
                        remove_stale(&writer, targets);
                        failed += 1;
                    }
                }
                interrupt::finished(file);
            }
            summary(failed, files.len(), help::msg::not_rendered)
        }
        Command::Check { files, templates, data } => {
            let Some(renderer) = renderer_with(templates.as_deref(), &options) else { return 2 };
            let (mut failed, mut total) = (0, 0);
            for file in &files {
                if file.is_dir() {
                    match batch::check_dir(file, templates.as_deref(), data.as_deref(), &options) {
                        Some((f, t)) => (failed, total) = (failed + f, total + t),
                        None => return 2,
                    }
                    continue;
                }
                total += 1;
                let checked = if file.as_os_str() == "-" {
                    read_stdin().and_then(|text| renderer.check_text(Path::new(STDIN_NAME), text))
                } else {
                    renderer.check_file(file)
                };
                match checked {
                    Ok(warnings) => print_valid(&file.display(), &warnings),
                    Err(diagnostics) => {
                        print_diagnostics(&diagnostics);
                        failed += 1;
                    }
                }
            }
            summary(failed, total, help::msg::not_valid)
        }
        Command::Batch(args) => batch::run_batch(args, options),
        Command::Templates { command } => batch::run_templates(command),
        Command::Lint { files, profile, layout, json } => {
            run_lint(&files, &baocao::lint::Options { system: profile.system(), layout }, json)
        }
        Command::Sheet { file, dir, force } => batch::run_sheet(&file, dir.as_deref(), force),
        Command::Init { dir, district, force } => run_init(&dir, district, force),
        Command::Schema { out } => match out {
            Some(file) => write_or_report(&file, baocao::schema::to_string().as_bytes()),
            None => {
                print!("{}", baocao::schema::to_string());
                0
            }
        },
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut help::command(lang()), "baocao", &mut std::io::stdout());
            0
        }
    }
}

/// `baocao init`: writes the scaffold, refusing to overwrite without `--force`.
fn run_init(target: &Path, district: bool, force: bool) -> u8 {
    // `baocao init bao-cao-2024.yaml`: the report under that name, the
    // schema beside it (a folder named "….yaml" is never what was meant).
    let yaml = matches!(target.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
    let report_name = target.file_name().filter(|_| yaml && !district && !target.is_dir());
    let dir = match report_name {
        Some(_) => target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")),
        None => target,
    };
    let files: Vec<(PathBuf, String)> = baocao::scaffold::files(district)
        .into_iter()
        .map(|(name, body)| match report_name {
            Some(own) if name.ends_with(".yaml") => (dir.join(own), body),
            _ => (dir.join(name), body),
        })
        .collect();
    if !force {
        let existing: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).filter(|p| p.exists()).collect();
        for p in &existing {
            eprintln!("{}", help::msg::exists(p).get(lang()));
        }
        if !existing.is_empty() {
            return 2;
        }
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}", help::msg::cannot_create_out(dir, &e).get(lang()));
        return 2;
    }
    for (path, body) in files {
        let code = write_or_report(&path, body.as_bytes());
        if code != 0 {
            return code;
        }
    }
    0
}

/// Writes one file (printing its path), or reports why not (exit code 2).
fn write_or_report(file: &Path, bytes: &[u8]) -> u8 {
    match write_atomically(file, bytes) {
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

/// `render -`: the report from standard input, at most the size of an
/// input file, named `stdin` in messages and outputs.
fn read_stdin() -> Result<String, Vec<Diagnostic>> {
    use std::io::Read;
    let name = Path::new(STDIN_NAME);
    let mut bytes = Vec::new();
    let limit = baocao::data::MAX_INPUT_BYTES as u64 + 1;
    if let Err(e) = std::io::stdin().take(limit).read_to_end(&mut bytes) {
        let m = baocao::data::messages::cannot_read(&baocao::i18n::os_error(&e));
        return Err(vec![Diagnostic { hint: m.hint, ..Diagnostic::error(name, 0, 0, m.text) }]);
    }
    String::from_utf8(bytes).map_err(|e| {
        let m = baocao::data::messages::not_utf8(e.utf8_error().valid_up_to(), baocao::data::legacy::bytes_look_legacy(e.as_bytes()));
        vec![Diagnostic { hint: m.hint, ..Diagnostic::error(name, 0, 0, m.text) }]
    })
}

/// The name standard input goes by (`render -`).
const STDIN_NAME: &str = "stdin";

/// The outputs of one input: `OUT/<file stem>.<ext>` per format. The stem
/// is kept as the file system gave it (a name that is not UTF-8 is not
/// folded, so two such names cannot meet on one output).
fn targets(file: &Path, out: &Path, formats: &[Format]) -> Vec<PathBuf> {
    let stem = if file.as_os_str() == "-" {
        STDIN_NAME.into()
    } else {
        file.file_stem().map(|s| s.to_os_string()).unwrap_or_else(|| "report".into())
    };
    formats
        .iter()
        .map(|f| {
            let mut name = stem.clone();
            name.push(".");
            name.push(f.extension());
            out.join(name)
        })
        .collect()
}

/// The same file named twice is rendered once.
fn dedup_inputs(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    files.into_iter().filter(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone()))).collect()
}

/// A path with its folder resolved (the file itself may not exist yet).
fn resolved(path: &Path) -> PathBuf {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    dir.join(path.file_name().unwrap_or_default())
}

/// Inputs whose outputs share a name, and outputs that are inputs.
fn clashes(plan: &[(PathBuf, Vec<PathBuf>)]) -> Vec<Diagnostic> {
    let inputs: std::collections::HashSet<PathBuf> = plan.iter().map(|(f, _)| resolved(f)).collect();
    let mut owner: std::collections::HashMap<PathBuf, &Path> = std::collections::HashMap::new();
    let mut found = Vec::new();
    for (file, targets) in plan {
        for target in targets {
            let key = resolved(target);
            if inputs.contains(&key) {
                let (m, h) = help::msg::output_is_input(target);
                found.push(Diagnostic::error(file, 0, 0, m).with_hint(h));
            } else if let Some(first) = owner.get(&key) {
                let (m, h) = help::msg::same_output(target, first);
                found.push(Diagnostic::error(file, 0, 0, m).with_hint(h));
            } else {
                owner.insert(key, file);
            }
        }
    }
    found
}

fn write_error(e: output::WriteError) -> Diagnostic {
    match e {
        output::WriteError::NotOurs(path) => {
            let (m, h) = help::msg::not_ours();
            Diagnostic::error(path, 0, 0, m).with_hint(h)
        }
        output::WriteError::Io(path, e) => {
            let (m, h) = help::msg::write_failed(&e);
            Diagnostic::error(path, 0, 0, m).with_hint(h)
        }
    }
}

/// Outputs of the formats not asked for this time (`siblings`), left by an
/// earlier run: removed when ours (they would not match the new report),
/// else reported.
fn older_siblings(writer: &output::Writer, siblings: &[PathBuf]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for sibling in siblings {
        if std::fs::symlink_metadata(sibling).is_err() {
            continue;
        }
        if writer.remove_if_ours(sibling) {
            found.push(Diagnostic::warning(sibling, 0, 0, help::msg::sibling_removed()));
        } else {
            let (m, h) = help::msg::sibling_kept();
            found.push(Diagnostic::warning(sibling, 0, 0, m).with_hint(h));
        }
    }
    found
}

/// `check`'s line for a file that passed, so that a clerk sees it ran; its
/// warnings first (on stderr).
fn print_valid(file: &dyn std::fmt::Display, warnings: &[Diagnostic]) {
    print_diagnostics(warnings);
    println!("{}", help::msg::valid(&file.to_string(), warnings.len()).get(lang()));
}

fn dedup(mut formats: Vec<Format>) -> Vec<Format> {
    formats.sort();
    formats.dedup();
    formats
}

fn renderer(templates: Option<&Path>) -> Option<Renderer> {
    renderer_with(templates, &baocao::data::Options::default())
}

fn renderer_with(templates: Option<&Path>, options: &baocao::data::Options) -> Option<Renderer> {
    let made = match templates {
        Some(dir) => Renderer::with_templates(dir),
        None => Renderer::new(),
    };
    match made {
        Ok(r) => Some(r.with_options(options.clone())),
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            None
        }
    }
}

fn summary(failed: usize, total: usize, text: fn(usize, usize) -> baocao::i18n::Text) -> u8 {
    if failed == 0 {
        0
    } else {
        eprintln!("{}", text(failed, total).get(lang()));
        1
    }
}

/// Prints diagnostics in the chosen language, each with its source line:
/// diagnostics that came without one get it from the file they name.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut diagnostics = diagnostics.to_vec();
    let mut files: Vec<PathBuf> = diagnostics.iter().filter(|d| d.snippet.is_none() && d.line > 0).map(|d| d.file.clone()).collect();
    files.sort();
    files.dedup();
    for file in files {
        // Only a regular file of input size: never a device or a FIFO.
        let bytes = baocao::data::read_regular(&file, baocao::data::MAX_INPUT_BYTES).ok();
        if let Some(text) = bytes.and_then(|b| String::from_utf8(b).ok()) {
            baocao::diag::attach_snippets(&mut diagnostics, &file, &text);
        }
    }
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in &diagnostics {
        let _ = writeln!(err, "{}", d.render(lang()));
    }
}

/// Writes to a temporary file in the target folder, then renames it into
/// place, so a crash never leaves a half-written file under the real name
/// (`templates export`; reports go through [`output::Writer`]).
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".baocao-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Temporary files are private (0600); a report is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// A failed input leaves no output of an earlier run that no longer matches
/// it; a file of that name that baocao did not write is kept and reported.
fn remove_stale(writer: &output::Writer, targets: &[PathBuf]) {
    let mut kept = Vec::new();
    for target in targets {
        if std::fs::symlink_metadata(target).is_ok() && !writer.remove_if_ours(target) {
            let (m, h) = help::msg::stale_kept();
            kept.push(Diagnostic::warning(target, 0, 0, m).with_hint(h));
        }
    }
    print_diagnostics(&kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names in a folder other than the ledger.
    fn left_behind(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != output::LEDGER)
            .collect();
        names.sort();
        names
    }

    #[test]
    fn atomic_write_replaces_whole_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.pdf");
        std::fs::write(&target, b"old").unwrap();
        write_atomically(&target, b"new report").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new report");
        assert_eq!(left_behind(dir.path()), vec!["r.pdf"]);
        // A folder that does not exist: an error, and nothing created.
        let missing = dir.path().join("no/such/folder/r.pdf");
        assert!(write_atomically(&missing, b"x").is_err());
        assert_eq!(left_behind(dir.path()), vec!["r.pdf"]);
    }
}
