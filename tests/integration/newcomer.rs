//! A newcomer's path (issue 12, item 5): `init` (a commented report, or a
//! district folder), `schema` for editors, `render -` from standard input
//! and `-o -` to standard output, shell completions.

use std::io::Write;
use std::process::Stdio;

use crate::common::{baocao, pdftotext, root, squash};

#[test]
fn init_writes_a_commented_report_that_checks_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let run = baocao().args(["init", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let report = dir.path().join("bao-cao.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=baocao.schema.json\n"), "{text}");
    assert!(dir.path().join("baocao.schema.json").is_file());
    // Vietnamese comments on the keys.
    assert!(text.contains("# loại văn bản") && text.contains("# ngày ban hành") && text.contains("# trích yếu"), "{text}");
    let check = baocao().args(["check", report.to_str().unwrap()]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(String::from_utf8_lossy(&check.stdout).ends_with("bao-cao.yaml: hợp lệ\n"));
    // Never overwrites without --force.
    std::fs::write(&report, "document: {}\n").unwrap();
    let again = baocao().args(["init", dir.path().to_str().unwrap(), "--lang", "en"]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists (use --force to overwrite)"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "document: {}\n");
    let forced = baocao().args(["init", dir.path().to_str().unwrap(), "--force"]).output().unwrap();
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), text);
}

#[test]
fn init_with_a_yaml_name_writes_the_report_under_that_name_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("xa-luc-hon-2024.yaml");
    let run = baocao().args(["init", named.to_str().unwrap()]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(named.is_file(), "the report itself, not a folder");
    assert!(dir.path().join("baocao.schema.json").is_file(), "the schema its first line names, beside it");
    assert!(!dir.path().join("bao-cao.yaml").exists());
    let check = baocao().args(["check", named.to_str().unwrap()]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    // Not over an existing report without --force.
    let again = baocao().args(["init", named.to_str().unwrap()]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn init_district_writes_a_batch_folder_that_checks_and_rolls_up() {
    let dir = tempfile::tempdir().unwrap();
    let district = dir.path().join("huyen");
    let run = baocao().args(["init", district.to_str().unwrap(), "--district"]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let check = baocao().args(["check", district.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(stdout.lines().filter(|l| l.ends_with(": valid")).count(), 3, "two communes and the roll-up: {stdout}");
    let out = dir.path().join("out");
    let run =
        baocao().args(["batch", district.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf"]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let rollup = squash(&pdftotext(&out.join("summary.pdf")));
    assert!(rollup.contains("Xã Đồng Văn") && rollup.contains("Xã Lục Hồn") && rollup.contains("2/2 đơn vị"), "{rollup}");
}

#[test]
fn the_schema_is_json_with_vietnamese_descriptions_and_the_docs_copy_is_current() {
    let run = baocao().arg("schema").output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false, "unknown keys are underlined");
    assert_eq!(schema["properties"]["document"]["properties"]["summary"]["description"], "Trích yếu nội dung");
    let received = &schema["properties"]["results"]["properties"]["complaints"]["properties"]["received"];
    assert_eq!((received["type"].as_str(), received["minimum"].as_i64()), (Some("integer"), Some(0)));
    let committed = std::fs::read(root().join("docs/baocao.schema.json")).unwrap();
    assert!(committed == run.stdout, "docs/baocao.schema.json is stale: run `baocao schema -o docs/baocao.schema.json`");
}

fn render_stdin(input: &[u8], args: &[&str], dir: &std::path::Path) -> std::process::Output {
    let mut child = baocao()
        .args(["render", "-"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A refused command exits without reading: the pipe may be closed.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

#[test]
fn render_reads_standard_input_and_writes_one_document_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(root().join("samples/binh-lieu-2020.yaml")).unwrap();
    let run = render_stdin(&sample, &["-o", "out"], dir.path());
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let pdf = dir.path().join("out/stdin.pdf");
    assert!(pdf.is_file() && dir.path().join("out/stdin.docx").is_file());
    assert!(squash(&pdftotext(&pdf)).contains("Nguyễn Thị Tuyết Hạnh"));
    // `-o -`: the PDF bytes on stdout, the same as the file; no folder named `-`.
    let piped = render_stdin(&sample, &["-o", "-", "--format", "pdf"], dir.path());
    assert_eq!(piped.status.code(), Some(0), "{}", String::from_utf8_lossy(&piped.stderr));
    assert!(piped.stdout == std::fs::read(&pdf).unwrap(), "stdout holds the PDF");
    assert!(!dir.path().join("-").exists());
    // Two formats cannot share stdout: refused before anything is written.
    let refused = render_stdin(&sample, &["-o", "-", "--lang", "en"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("`-o -` writes exactly one document"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(refused.stdout.is_empty() && !dir.path().join("-").exists());
    // Errors in standard input are located as `stdin:line:column`.
    let broken = render_stdin(b"document:\n  sumary: x\n", &["-o", "out", "--lang", "en"], dir.path());
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("stdin:2:3: error: unknown key `sumary`"),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
}

#[test]
fn shell_completions_know_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = baocao().args(["completions", shell]).output().unwrap();
        assert_eq!(run.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&run.stdout);
        for word in ["render", "check", "batch", "allow-partial", "data", "init", "sheet"] {
            assert!(script.contains(word), "{shell}: `{word}`");
        }
    }
    let bad = baocao().args(["completions", "cmd"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// `baocao ARGS -` with `input` on standard input, run in `dir`.
fn with_stdin(args: &[&str], input: &[u8], dir: &std::path::Path) -> std::process::Output {
    let mut child =
        baocao().args(args).arg("-").current_dir(dir).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

#[test]
fn check_reads_standard_input_too_and_locates_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(root().join("samples/vu-quang-2018.yaml")).unwrap();
    let ok = with_stdin(&["--lang", "en", "check"], &sample, dir.path());
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let out = String::from_utf8_lossy(&ok.stdout).to_string() + &String::from_utf8_lossy(&ok.stderr);
    assert!(out.contains("-: valid"), "{out}");
    let broken = String::from_utf8(sample).unwrap().replace("date: 2018-08-13", "date: 13/08/2018");
    let bad = with_stdin(&["--lang", "en", "check"], broken.as_bytes(), dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("stdin:"), "{}", String::from_utf8_lossy(&bad.stderr));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "check writes nothing");
}
