//! The command line in the user's language: `--help`, descriptions of every
//! subcommand and option, and argument errors, in Vietnamese by default and
//! English with `--lang en` or an English locale.
//!
//! Contract:
//! - [`lang_from_args`] finds the language before clap parses anything (the
//!   help text itself depends on it): `--lang X`/`--lang=X` anywhere in the
//!   arguments, else the locale ([`Lang::from_env`]).
//! - [`command`] is `Cli::command()` with every `about`/`help` replaced from
//!   [`text`], a catalogue keyed by the command path (`render`, `render.out`).
//!   The derive's doc comments stay as the source of truth for English code
//!   readers; the catalogue wins at run time. A test walks the whole command
//!   tree, so a new subcommand or option without both translations fails CI.
//! - [`error_message`] turns clap's English argument errors into a
//!   Vietnamese sentence naming the offending argument.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use baocao::i18n::{Lang, Text};

/// The language asked for on the command line, else from the locale.
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Lang {
    let mut flag = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            flag = it.next();
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        }
    }
    Lang::from_env(flag.as_deref())
}

fn t(vi: &str, en: &str) -> Option<Text> {
    Some(Text::new(vi, en))
}

/// Help texts by command path: "" is the program, "render" a subcommand,
/// "render.out" one of its options (by clap id: the field name).
pub fn text(key: &str) -> Option<Text> {
    match key {
        "" => t(
            "Tạo báo cáo hành chính tiếng Việt (PDF và DOCX) từ tệp YAML, đúng thể thức Nghị định 30/2020/NĐ-CP.",
            "Turns YAML into Vietnamese administrative reports (báo cáo) as PDF and DOCX, formatted to Nghị định 30/2020/NĐ-CP.",
        ),
        "lang" => t(
            "Ngôn ngữ của thông báo: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh)",
            "Language of messages: vi (Vietnamese, the default) or en (English)",
        ),
        "convert_legacy" => t(
            "Tự chuyển chữ gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI sang Unicode (kèm cảnh báo) thay vì báo lỗi",
            "Convert text typed in the legacy TCVN3 (ABC) or VNI encodings to Unicode (with a warning) instead of reporting an error",
        ),
        "help" => t("In hướng dẫn sử dụng", "Print help"),
        "version" => t("In số phiên bản", "Print version"),
        "render" => {
            t("Tạo báo cáo từ từng tệp YAML, ghi ra THƯ_MỤC/<tên>.pdf (và .docx)", "Render each YAML file to DIR/<name>.pdf (and .docx)")
        }
        "render.files" => t(
            "Các tệp YAML viết theo quy ước dữ liệu đầu vào; `-` là đầu vào chuẩn",
            "Input files written to the input contract; `-` is standard input",
        ),
        "check.files" => t(
            "Các tệp YAML, hoặc thư mục của một đợt báo cáo (kiểm tra mọi tệp trong đó, kế thừa `_defaults.yaml`)",
            "Input files, or the folder of a batch (every file in it is checked, `_defaults.yaml` inherited)",
        ),
        "render.out" => t(
            "Thư mục ghi kết quả (tự tạo nếu chưa có); `-` ghi một văn bản ra đầu ra chuẩn",
            "Folder for the outputs (created if missing); `-` writes one document to standard output",
        ),
        "render.format" => t("Định dạng kết quả, cách nhau bằng dấu phẩy", "Output formats, comma-separated"),
        "render.templates" | "check.templates" => {
            t("Thư mục mẫu thay thế các mẫu có sẵn (theo từng tệp)", "Folder of templates that override the built-in ones, file by file")
        }
        "check" => t(
            "Kiểm tra từng tệp YAML và báo mọi lỗi, không ghi tệp nào",
            "Validate each YAML file and report every problem, without writing anything",
        ),
        "batch" => t(
            "Tạo báo cáo cho mọi tệp YAML trong THƯ_MỤC (kể cả thư mục con) cùng lúc, kế thừa `_defaults.yaml`, kèm báo cáo tổng hợp nếu có",
            "Render every YAML file in DIR (and its sub-folders) in parallel, with `_defaults.yaml` inherited and an optional roll-up report",
        ),
        "batch.dir" => t(
            "Thư mục các báo cáo đơn vị (*.yaml, kể cả thư mục con; `_defaults.yaml` được kế thừa xuống dưới; `summary.yaml` là báo cáo tổng hợp)",
            "Folder of unit reports (*.yaml, sub-folders included; `_defaults.yaml` inherited down the tree; `summary.yaml` is the roll-up)",
        ),
        "batch.out" => t(
            "Thư mục ghi kết quả (tự tạo nếu chưa có); các thư mục con giống như trong THƯ_MỤC",
            "Folder for the outputs (created if missing); sub-folders mirror DIR",
        ),
        "batch.jobs" => {
            t("Số báo cáo tạo cùng lúc (mặc định: mỗi nhân CPU một báo cáo)", "Reports rendered at once (default: one per core)")
        }
        "batch.format" => t("Định dạng kết quả, cách nhau bằng dấu phẩy", "Output formats, comma-separated"),
        "batch.templates" => t(
            "Thư mục mẫu thay thế mẫu có sẵn cho mọi đơn vị (mặc định: thư mục `templates/` gần nhất bên cạnh các tệp)",
            "Folder of templates overriding the built-in ones for every unit (default: the nearest `templates/` folder next to the inputs)",
        ),
        "batch.summary" => {
            t("Tệp báo cáo tổng hợp (mặc định: THƯ_MỤC/summary.yaml nếu có)", "The roll-up report (default: DIR/summary.yaml if present)")
        }
        "batch.quiet" => t("Không hiện tiến độ", "No progress display"),
        "batch.data" | "check.data" => t(
            "Bảng tính (.xlsx, .xls, .ods, .csv), mỗi hàng là một đơn vị, kế thừa `_defaults.yaml` của THƯ_MỤC",
            "A spreadsheet (.xlsx, .xls, .ods, .csv) with one unit per row, inheriting DIR's `_defaults.yaml`",
        ),
        "init" => t(
            "Ghi một báo cáo mẫu có chú thích tiếng Việt để bắt đầu (hoặc, với --district, một thư mục huyện)",
            "Write a commented report to start from (or, with --district, a district folder)",
        ),
        "init.dir" => t(
            "Thư mục sẽ ghi vào (tự tạo nếu chưa có), hoặc tên tệp báo cáo (`*.yaml`)",
            "Folder to write into (created if missing), or the report's own file name (`*.yaml`)",
        ),
        "init.district" => t(
            "Một thư mục huyện: `_defaults.yaml`, hai xã và báo cáo tổng hợp `summary.yaml`",
            "A district folder: `_defaults.yaml`, two communes and the roll-up `summary.yaml`",
        ),
        "init.force" | "templates.export.force" => t("Ghi đè các tệp đã có", "Overwrite files that already exist"),
        "schema" => t(
            "In JSON Schema của dữ liệu đầu vào (cho trình soạn thảo như VS Code)",
            "Print the JSON Schema of the input (for editors such as VS Code)",
        ),
        "schema.out" => t("Ghi ra TỆP thay vì đầu ra chuẩn", "Write it to FILE instead of standard output"),
        "completions" => t("In đoạn lệnh tự hoàn thành cho shell", "Print a shell completion script"),
        "completions.shell" => t("bash, zsh, fish, powershell hoặc elvish", "bash, zsh, fish, powershell or elvish"),
        "sheet" => t(
            "Ghi một bảng tính trống (.csv hoặc .xlsx) có hàng tiêu đề đúng để dùng với `batch --data`",
            "Write a blank spreadsheet (.csv or .xlsx) with the right header row for `batch --data`",
        ),
        "lint" => t(
            "Kiểm tra báo cáo đã hoàn thành (PDF hoặc DOCX, do bất kỳ phần mềm nào tạo) theo các quy định thể thức",
            "Check finished reports (PDF or DOCX, from any program) against the format rules",
        ),
        "lint.files" => t("Các tệp PDF hoặc DOCX, hoặc thư mục chứa chúng", "PDF or DOCX files, or folders of them"),
        "lint.profile" => t(
            "Bộ quy định: state (nhà nước), party (Đảng), front (Mặt trận) hoặc auto (nhận biết từ phần đầu văn bản)",
            "The rulebook: state, party, front, or auto (read off the header)",
        ),
        "lint.layout" => t(
            "Với DOCX: dàn trang bằng LibreOffice (nếu đã cài) và kiểm tra cả các trang đó",
            "DOCX: also lay the file out with LibreOffice (when installed) and check its pages",
        ),
        "lint.json" => t("In kết quả dạng JSON", "Print the findings as JSON"),
        "sheet.file" => t("Tệp bảng tính sẽ ghi", "The spreadsheet to write"),
        "sheet.dir" => t(
            "Thư mục đợt báo cáo: thêm một cột cho mỗi nội dung, chỉ tiêu có trong `_defaults.yaml` của thư mục",
            "A batch folder: one column per task and indicator of its `_defaults.yaml`",
        ),
        "sheet.force" => t("Ghi đè nếu tệp đã có", "Overwrite the file if it exists"),
        "batch.allow_partial" => t(
            "Vẫn tạo báo cáo tổng hợp khi có đơn vị lỗi (chỉ tổng hợp các đơn vị không lỗi)",
            "Write the roll-up even when some units failed (from the units that rendered)",
        ),
        "batch.stats" => t(
            "Cuối cùng in thời gian, số báo cáo mỗi giây, bộ nhớ dùng nhiều nhất và dung lượng trung bình",
            "Print time, reports per second, peak memory and average sizes at the end",
        ),
        "templates" => t("Xuất hoặc liệt kê các mẫu", "Export or list the templates"),
        "templates.export" => t(
            "Ghi các mẫu có sẵn ra THƯ_MỤC để làm điểm bắt đầu cho mẫu riêng",
            "Write the built-in templates to DIR as a starting point for overrides",
        ),
        "templates.export.dir" => t("Thư mục sẽ ghi các mẫu vào", "Folder to write the templates to"),
        "templates.list" => t("Liệt kê tên mọi mẫu và tệp của mẫu đó", "Show every template name and the file it comes from"),
        "templates.list.templates" => t("Thư mục mẫu thay thế cần tính đến", "Folder of override templates to take into account"),
        _ => None,
    }
}

/// Section headings clap would print in English.
struct Headings {
    usage: &'static str,
    commands: &'static str,
    options: &'static str,
    arguments: &'static str,
}

fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Vi => Headings { usage: "Cách dùng:", commands: "Lệnh", options: "Tùy chọn", arguments: "Tham số" },
        Lang::En => Headings { usage: "Usage:", commands: "Commands", options: "Options", arguments: "Arguments" },
    }
}

/// The whole command tree with texts in `lang`.
pub fn command(lang: Lang) -> Command {
    localize(Cli::command(), lang, "")
}

fn localize(mut cmd: Command, lang: Lang, path: &str) -> Command {
    let h = headings(lang);
    let key = |id: &str| if path.is_empty() { id.to_string() } else { format!("{path}.{id}") };
    if let Some(about) = text(path) {
        cmd = cmd.about(about.get(lang).to_string());
    }
    // Our own help and version flags, so that their descriptions translate.
    let is_root = path.is_empty();
    cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(h.commands)
        .help_template(format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", h.usage));
    if is_root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help_heading(h.options)
                .help(text("version").map(|t| t.get(lang).to_string()).unwrap_or_default()),
        );
    }
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help_heading(h.options)
            .help(text("help").map(|t| t.get(lang).to_string()).unwrap_or_default()),
    );
    let ids: Vec<(String, bool, bool)> =
        cmd.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set())).collect();
    for (id, positional, global) in ids {
        if id == "help" || id == "version" {
            continue;
        }
        // Global options are described once, by their own id.
        let k = if global { id.clone() } else { key(&id) };
        let help = text(&k).map(|t| t.get(lang).to_string());
        let heading = if positional { h.arguments } else { h.options };
        cmd = cmd.mut_arg(&id, |a| {
            let a = a.help_heading(heading);
            let Some(mut help) = help else { return a };
            // clap prints "[default: …]" and "[possible values: …]" in English.
            if lang == Lang::Vi && a.get_action().takes_values() {
                let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
                let possible: Vec<String> = a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
                if !defaults.is_empty() {
                    help.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
                }
                if !possible.is_empty() {
                    help.push_str(&format!(" [chọn một trong: {}]", possible.join(", ")));
                }
                return a.help(help).hide_default_value(true).hide_possible_values(true);
            }
            a.help(help)
        });
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        let sub_path = key(&name);
        cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, &sub_path));
    }
    cmd
}

/// A clap error as one Vietnamese (or English) paragraph.
pub fn error_message(e: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.render().to_string();
    }
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let valid = ctx(ContextKind::ValidValue);
    let sub = ctx(ContextKind::InvalidSubcommand);
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("lỗi: không có tùy chọn `{arg}`"),
        ErrorKind::InvalidSubcommand => format!("lỗi: không có lệnh `{sub}`"),
        ErrorKind::InvalidValue if value.is_empty() => format!("lỗi: `{arg}` cần một giá trị"),
        ErrorKind::InvalidValue => format!("lỗi: giá trị `{value}` không hợp lệ cho `{arg}`"),
        ErrorKind::MissingRequiredArgument => format!("lỗi: thiếu tham số bắt buộc {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "lỗi: cần chọn một lệnh (render, check …)".to_string()
        }
        ErrorKind::ArgumentConflict => format!("lỗi: `{arg}` không dùng cùng được với `{}`", ctx(ContextKind::PriorArg)),
        ErrorKind::TooManyValues => format!("lỗi: `{arg}` được ghi quá nhiều lần"),
        ErrorKind::ValueValidation => format!("lỗi: giá trị `{value}` không hợp lệ cho `{arg}`"),
        _ => format!("lỗi: tham số dòng lệnh không hợp lệ\n{}", e.render()),
    };
    if !valid.is_empty() {
        msg.push_str(&format!("\n  = gợi ý: các giá trị dùng được: {valid}"));
    } else if let Some(ContextValue::String(s)) = e.get(ContextKind::SuggestedArg) {
        msg.push_str(&format!("\n  = gợi ý: có phải ý bạn là `{s}`?"));
    } else if let Some(ContextValue::Strings(v)) = e.get(ContextKind::SuggestedSubcommand) {
        msg.push_str(&format!("\n  = gợi ý: có phải ý bạn là `{}`?", v.join("`, `")));
    }
    msg.push_str("\n\nXem hướng dẫn: baocao --help");
    msg
}

/// Messages the CLI itself prints.
pub mod msg {
    use std::path::Path;

    use baocao::i18n::Text;

    pub fn cannot_create_out(dir: &Path, e: &std::io::Error) -> Text {
        let e = baocao::i18n::os_error(e);
        Text::new(
            format!("lỗi: không tạo được thư mục kết quả {}: {}", dir.display(), e.vi),
            format!("error: cannot create the output folder {}: {}", dir.display(), e.en),
        )
    }

    pub fn cannot_write(target: &Path, e: &std::io::Error) -> Text {
        let e = baocao::i18n::os_error(e);
        Text::new(
            format!("lỗi: không ghi được {}: {}", target.display(), e.vi),
            format!("error: cannot write {}: {}", target.display(), e.en),
        )
    }

    /// A file at an output's name that baocao cannot prove it wrote.
    pub fn not_ours() -> (Text, Text) {
        (
            Text::new(
                "tệp này đã có nhưng không phải do baocao tạo ra (hoặc đã được sửa sau đó), nên không ghi đè lên nó",
                "this file exists but baocao did not write it (or it was edited since), so it is not replaced",
            ),
            Text::new(
                "đổi tên hoặc chuyển tệp này đi, hoặc chọn thư mục kết quả khác bằng -o",
                "rename or move the file, or choose another output folder with -o",
            ),
        )
    }

    pub fn write_failed(e: &std::io::Error) -> (Text, Text) {
        let e = baocao::i18n::os_error(e);
        (
            Text::new(
                format!("không ghi được báo cáo: {}; báo cáo cũ (nếu có) được giữ nguyên", e.vi),
                format!("cannot write the report: {}; the previous report, if any, is kept whole", e.en),
            ),
            Text::new(
                "kiểm tra dung lượng còn trống của ổ đĩa và quyền ghi vào thư mục kết quả",
                "check free disk space and the output folder's permissions",
            ),
        )
    }

    /// Two inputs whose outputs have the same name.
    pub fn same_output(target: &Path, first: &Path) -> (Text, Text) {
        (
            Text::new(
                format!("tệp này và {} cùng cho ra {}; không tệp nào được tạo", first.display(), target.display()),
                format!("this file and {} both give {}; nothing was written", first.display(), target.display()),
            ),
            Text::new(
                "đổi tên một trong hai tệp, hoặc tạo chúng trong hai lần chạy với -o khác nhau",
                "rename one of them, or render them in two runs with different -o folders",
            ),
        )
    }

    pub fn output_is_input(target: &Path) -> (Text, Text) {
        (
            Text::new(
                format!("kết quả {} sẽ ghi đè lên chính một tệp đầu vào; không tệp nào được tạo", target.display()),
                format!("the output {} would overwrite an input; nothing was written", target.display()),
            ),
            Text::new("chọn thư mục kết quả khác bằng -o", "choose another output folder with -o"),
        )
    }

    /// An older output of another format next to the new one.
    pub fn sibling_removed() -> Text {
        Text::new(
            "đã xóa tệp này của lần chạy trước vì nó không còn khớp với báo cáo vừa tạo",
            "removed this output of an earlier run: it no longer matches the new report",
        )
    }

    pub fn sibling_kept() -> (Text, Text) {
        (
            Text::new(
                "tệp cũ này vẫn nằm cạnh báo cáo vừa tạo và có thể không khớp với nó (không phải do baocao tạo ra, nên không xóa)",
                "this older file sits next to the new report and may not match it (baocao did not write it, so it is kept)",
            ),
            Text::new("xóa hoặc tạo lại tệp này nếu nó đã cũ", "delete or regenerate it if it is out of date"),
        )
    }

    /// The output of a failed input that could not be removed.
    pub fn stale_kept() -> (Text, Text) {
        (
            Text::new(
                "tệp kết quả cũ mang tên này không phải do baocao tạo ra (hoặc đã được sửa), nên được giữ nguyên; nó không ứng với dữ liệu hiện tại",
                "an older file with this output's name was not written by baocao (or was edited), so it is kept; it does not match the current input",
            ),
            Text::new("đừng dùng tệp này thay cho báo cáo mới", "do not use it in place of the new report"),
        )
    }

    pub fn not_rendered(failed: usize, total: usize) -> Text {
        Text::new(format!("{failed}/{total} tệp chưa tạo được báo cáo"), format!("{failed} of {total} file(s) not rendered"))
    }

    pub fn valid(file: &str, warnings: usize) -> Text {
        let (vi, en) = match warnings {
            0 => (String::new(), String::new()),
            1 => (" (1 cảnh báo)".to_string(), " (1 warning)".to_string()),
            n => (format!(" ({n} cảnh báo)"), format!(" ({n} warnings)")),
        };
        Text::new(format!("{file}: hợp lệ{vi}"), format!("{file}: valid{en}"))
    }

    pub fn exists(path: &Path) -> Text {
        Text::new(
            format!("lỗi: {} đã có (thêm --force để ghi đè)", path.display()),
            format!("error: {} already exists (use --force to overwrite)", path.display()),
        )
    }

    pub fn stdout_needs_one() -> Text {
        Text::new(
            "lỗi: `-o -` ghi đúng một văn bản ra đầu ra chuẩn: cần một tệp đầu vào, một định dạng (--format pdf hoặc --format docx) và đầu ra được chuyển sang tệp hoặc lệnh khác, không phải màn hình",
            "error: `-o -` writes exactly one document to standard output: give one input, one format (--format pdf or --format docx), and redirect the output to a file or a pipe, not the terminal",
        )
    }

    pub fn lint_nothing() -> Text {
        Text::new("lỗi: không có tệp PDF hay DOCX nào để kiểm tra", "error: no PDF or DOCX file to check")
    }

    pub fn stdin_once() -> Text {
        Text::new("lỗi: chỉ đọc được đầu vào chuẩn (`-`) một lần", "error: standard input (`-`) can be read only once")
    }

    pub fn not_valid(failed: usize, total: usize) -> Text {
        Text::new(format!("{failed}/{total} tệp có lỗi"), format!("{failed} of {total} file(s) not valid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key [`localize`] looks up, for the completeness test.
    fn keys(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        let key = |id: &str| if path.is_empty() { id.to_string() } else { format!("{path}.{id}") };
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            out.push(if a.is_global_set() { id.to_string() } else { key(id) });
        }
        for s in cmd.get_subcommands() {
            keys(s, &key(s.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_option_has_both_texts() {
        let mut all = Vec::new();
        keys(&Cli::command(), "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|k| text(k).is_none()).collect();
        assert!(missing.is_empty(), "add these to cli::help::text: {missing:?}");
        for k in &all {
            let t = text(k).unwrap();
            assert!(!t.vi.is_empty() && !t.en.is_empty() && t.vi != t.en, "{k}");
        }
    }

    #[test]
    fn help_is_vietnamese_by_default_and_english_on_request() {
        let vi = command(Lang::Vi).render_long_help().to_string();
        assert!(vi.contains("Cách dùng:") && vi.contains("Lệnh") && vi.contains("Kiểm tra từng tệp YAML"), "{vi}");
        assert!(!vi.contains("Print help"), "{vi}");
        let mut render = command(Lang::Vi);
        let sub = render.find_subcommand_mut("render").unwrap().render_long_help().to_string();
        assert!(sub.contains("Thư mục ghi kết quả") && sub.contains("Tham số") && sub.contains("Tùy chọn"), "{sub}");
        let en = command(Lang::En).render_long_help().to_string();
        assert!(en.contains("Usage:") && en.contains("Validate each YAML file"), "{en}");
    }

    #[test]
    fn lang_flag_is_found_before_parsing() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_from_args(&args(&["baocao", "--lang", "en", "--help"])), Lang::En);
        assert_eq!(lang_from_args(&args(&["baocao", "check", "--lang=vi", "x.yaml"])), Lang::Vi);
    }
}
