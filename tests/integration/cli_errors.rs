//! Broken inputs through the real binary: every file in `tests/broken/`
//! gets its exact message and exit code, in Vietnamese (the default) and in
//! English, and no failure leaves a file behind, not even an old report.
//!
//! Layout of `tests/broken/`: `NAME.yaml` is the input; `NAME.expected` the
//! exact stderr in Vietnamese and `NAME.en.expected` in English (paths are
//! relative: the binary runs in the crate root); `NAME.args` extra arguments,
//! one per line (e.g. `--templates` and a `NAME.tpl/` folder); `NAME.code` the
//! exit code when it is not 1. Run with `BLESS=1` to rewrite the expected
//! files after an intended change, then read the diff. The old report each
//! case starts with is one baocao wrote (recorded in the folder's ledger):
//! files it did not write are never removed (see `faults.rs`).

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{LEDGER, baocao, root, written_earlier};

struct Case {
    name: String,
    yaml: PathBuf,
    args: Vec<String>,
    code: i32,
}

fn cases() -> Vec<Case> {
    let dir = root().join("tests/broken");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/broken")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).ok();
            Case {
                yaml: Path::new("tests/broken").join(format!("{name}.yaml")),
                args: read("args").map(|a| a.lines().map(str::to_string).collect()).unwrap_or_default(),
                code: read("code").map(|c| c.trim().parse().unwrap()).unwrap_or(1),
                name,
            }
        })
        .collect()
}

/// `baocao render` of one case into `out`, with a clean locale; `lang` is
/// passed as `--lang` when given.
fn run(case: &Case, out: &Path, lang: Option<&str>, env_lang: Option<&str>) -> Output {
    let mut cmd = baocao();
    cmd.current_dir(root()).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    if let Some(l) = env_lang {
        cmd.env("LANG", l);
    }
    cmd.arg("render").args(&case.args).arg(&case.yaml).arg("-o").arg(out);
    if let Some(l) = lang {
        cmd.args(["--lang", l]);
    }
    cmd.output().unwrap()
}

/// The run's stderr, compared with (or, under BLESS, written to) `expected`.
fn compare(case: &Case, output: &Output, expected: &str, problems: &mut Vec<String>) {
    let stderr = String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8");
    let path = root().join("tests/broken").join(expected);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &stderr).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| format!("<missing {expected}>"));
    if stderr != want {
        problems.push(format!("{}: stderr differs from {expected}\n--- expected\n{want}--- got\n{stderr}", case.name));
    }
    if output.status.code() != Some(case.code) {
        problems.push(format!("{}: exit code {:?}, expected {}", case.name, output.status.code(), case.code));
    }
    if !output.stdout.is_empty() {
        problems.push(format!("{}: printed on stdout: {}", case.name, String::from_utf8_lossy(&output.stdout)));
    }
}

/// An output folder holding an old report of the case, written (and
/// recorded) by baocao, which must go.
fn stale_out(case: &Case) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let old: Vec<(PathBuf, &[u8])> =
        ["pdf", "docx"].iter().map(|ext| (out.path().join(format!("{}.{ext}", case.name)), &b"old report"[..])).collect();
    written_earlier(&old, &case.yaml);
    out
}

/// Files left in an output folder (the ledger of what baocao wrote aside).
fn left_behind(out: &Path) -> Vec<String> {
    std::fs::read_dir(out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n != LEDGER).collect()
}

#[test]
fn every_broken_input_gets_its_exact_message_in_both_languages_and_leaves_nothing() {
    let cases = cases();
    assert!(cases.len() >= 30, "at least 30 broken inputs, found {}", cases.len());
    let mut problems = Vec::new();
    for case in &cases {
        let out = stale_out(case);
        let vi = run(case, out.path(), None, None);
        compare(case, &vi, &format!("{}.expected", case.name), &mut problems);
        let files = left_behind(out.path());
        if !files.is_empty() {
            problems.push(format!("{}: left in the output folder: {files:?}", case.name));
        }
        let en = run(case, out.path(), Some("en"), None);
        compare(case, &en, &format!("{}.en.expected", case.name), &mut problems);
    }
    assert!(problems.is_empty(), "{} problem(s):\n\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn an_english_locale_chooses_english_and_the_flag_wins() {
    let case = cases().into_iter().find(|c| c.name == "unknown-key").unwrap();
    let out = tempfile::tempdir().unwrap();
    let en = std::fs::read_to_string(root().join("tests/broken/unknown-key.en.expected")).unwrap();
    let vi = std::fs::read_to_string(root().join("tests/broken/unknown-key.expected")).unwrap();
    let by_locale = run(&case, out.path(), None, Some("en_US.UTF-8"));
    assert_eq!(String::from_utf8_lossy(&by_locale.stderr), en);
    let flag_wins = run(&case, out.path(), Some("vi"), Some("en_US.UTF-8"));
    assert_eq!(String::from_utf8_lossy(&flag_wins.stderr), vi);
    let vietnamese_locale = run(&case, out.path(), None, Some("vi_VN.UTF-8"));
    assert_eq!(String::from_utf8_lossy(&vietnamese_locale.stderr), vi);
}

#[test]
fn help_is_vietnamese_by_default_and_english_with_the_flag() {
    let help = |args: &[&str]| {
        let out = baocao().env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let vi = help(&["--help"]);
    assert!(vi.contains("Cách dùng: baocao") && vi.contains("Kiểm tra từng tệp YAML"), "{vi}");
    for sub in ["render", "check", "batch", "templates"] {
        let text = help(&[sub, "--help"]);
        assert!(text.contains("Cách dùng:") && text.contains("In hướng dẫn sử dụng"), "{sub}: {text}");
        assert!(!text.contains("Print help") && !text.contains("[default:"), "{sub}: {text}");
    }
    let en = help(&["--lang", "en", "render", "--help"]);
    assert!(en.contains("Usage:") && en.contains("Folder for the outputs"), "{en}");
}

#[test]
fn argument_errors_are_explained_in_vietnamese() {
    let out = baocao().env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").args(["rendr"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "lỗi: không có lệnh `rendr`\n  = gợi ý: có phải ý bạn là `render`?\n\nXem hướng dẫn: baocao --help\n"
    );
}

#[test]
fn a_failed_write_keeps_the_good_report_and_leaves_no_temporary_file() {
    // A good report exists; the new render cannot be written (the target
    // name is a folder): the folder stays, no temporary file is left.
    let out = tempfile::tempdir().unwrap();
    let sample = root().join("samples/binh-lieu-2020.yaml");
    std::fs::create_dir(out.path().join("binh-lieu-2020.pdf")).unwrap();
    std::fs::write(out.path().join("binh-lieu-2020.pdf/keep"), b"x").unwrap();
    let run = baocao().arg("render").arg(&sample).arg("-o").arg(out.path()).args(["--format", "pdf"]).output().unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
    let mut names = left_behind(out.path());
    names.sort();
    assert_eq!(names, vec!["binh-lieu-2020.pdf"], "no temporary file is left");
    assert!(out.path().join("binh-lieu-2020.pdf/keep").exists());
}
