//! Faults that must never cost a clerk a file: special files and huge
//! templates, templates that loop or include each other, files baocao did
//! not write, two inputs on one output, half-replaced pairs, interrupts and
//! leftovers of killed runs, and the batch folder walk (`.yml`, skipped
//! files, slugs, a broken district template, stale outputs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{baocao, copy_tree, root};

fn sample() -> PathBuf {
    root().join("samples/binh-lieu-2020.yaml")
}

/// `baocao` in Vietnamese whatever the machine's locale.
fn vi() -> Command {
    let mut cmd = baocao();
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    cmd
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

fn temporaries(dir: &Path) -> Vec<String> {
    files(dir).into_iter().filter(|f| f.rsplit('/').next().is_some_and(|n| n.starts_with(".baocao-") && n.ends_with(".tmp"))).collect()
}

/// Runs `cmd` with a deadline: a hang is a failure, not a stuck test.
fn within(mut cmd: Command, secs: u64) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            panic!("still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// `baocao ARGS` with the size of any file it writes limited to `kb` kB (a
/// full disk, as far as baocao can tell).
fn with_file_limit(kb: u64, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kb}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap()
}

// ---- reading ---------------------------------------------------------------

#[test]
fn devices_and_fifos_are_refused_at_once_and_never_read() {
    let mut cmd = vi();
    cmd.args(["check", "/dev/zero"]);
    let out = within(cmd, 10);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "/dev/zero: lỗi: đây không phải là một tệp thông thường mà là một thiết bị\n  = gợi ý: hãy chỉ ra một tệp YAML đã lưu trên đĩa\n1/1 tệp có lỗi\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bao-cao.yaml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut cmd = vi();
    cmd.args(["render", fifo.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "--lang", "en"]);
    let out = within(cmd, 10);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bao-cao.yaml: error: this is not a regular file but a pipe (FIFO)"), "{}", stderr(&out));
}

#[test]
fn a_huge_or_deeply_nested_template_is_refused_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(tpl.join("closing.hbs"), "x".repeat(300 * 1024)).unwrap();
    let check = |t: &Path| {
        let mut cmd = vi();
        cmd.arg("check").arg(sample()).arg("--templates").arg(t).args(["--lang", "en"]);
        within(cmd, 20)
    };
    let out = check(&tpl);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("closing.hbs: error: the template is 307200 bytes; the limit is 262144 bytes"), "{}", stderr(&out));
    // 5,000 nested blocks: refused on the text, before the parser recurses.
    let deep = "{{#if document}}".repeat(5000) + &"{{/if}}".repeat(5000);
    std::fs::write(tpl.join("closing.hbs"), format!("Trân trọng.\n{deep}\n")).unwrap();
    let out = check(&tpl);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("closing.hbs:2:641: error: template `closing` nests more than 40 `{{#…}}` blocks"), "{}", stderr(&out));
}

#[test]
fn a_template_cycle_in_one_district_fails_only_that_districts_units() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tinh");
    copy_tree(&root().join("tests/fixtures/batch/tinh"), &input);
    let partials = input.join("huyen-a/templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(partials.join("closing.hbs"), "{{> proposals}}\n").unwrap();
    std::fs::write(partials.join("proposals.hbs"), "{{> closing}}\n").unwrap();
    let out = dir.path().join("out");
    let mut cmd = vi();
    cmd.args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--allow-partial"]);
    let run = within(cmd, 120);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("Có 2/4 đơn vị lỗi:"), "{err}");
    assert_eq!(err.matches("lỗi: các mẫu chèn lẫn nhau thành vòng").count(), 1, "printed once: {err}");
    assert!(err.contains("(cùng lỗi như đã nêu ở trên)"), "{err}");
    assert!(
        err.contains("templates/partials/closing.hbs:1:1: lỗi: các mẫu chèn lẫn nhau thành vòng: `closing` → `proposals` → `closing`"),
        "{err}"
    );
    assert!(out.join("huyen-b/thi-tran-tien-yen.pdf").is_file(), "the other district is rendered");
    assert!(!out.join("huyen-a/luc-hon.pdf").exists());
}

// ---- ownership -------------------------------------------------------------

/// Renders `input` into `out`; the exit code and stderr.
fn render(input: &Path, out: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let o = vi().arg("render").arg(input).arg("-o").arg(out).args(extra).output().unwrap();
    (o.status.code(), stderr(&o))
}

#[test]
fn a_hand_edited_report_survives_a_typo_in_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.yaml");
    std::fs::copy(sample(), &input).unwrap();
    let out = dir.path().join("out");
    assert_eq!(render(&input, &out, &[]).0, Some(0));
    std::fs::write(out.join("x.docx"), b"edited in Word").unwrap();
    let text = std::fs::read_to_string(&input).unwrap().replacen("summary:", "sumary:", 1);
    std::fs::write(&input, text).unwrap();
    let (code, err) = render(&input, &out, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(std::fs::read(out.join("x.docx")).unwrap(), b"edited in Word", "a file we did not write stays");
    assert!(!out.join("x.pdf").exists(), "our stale PDF goes");
    assert!(err.contains("x.docx: cảnh báo: tệp kết quả cũ mang tên này không phải do baocao tạo ra"), "{err}");
    // And it is never overwritten either.
    std::fs::copy(sample(), &input).unwrap();
    let (code, err) = render(&input, &out, &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("x.docx: lỗi: tệp này đã có nhưng không phải do baocao tạo ra"), "{err}");
    assert_eq!(std::fs::read(out.join("x.docx")).unwrap(), b"edited in Word");
    assert!(!out.join("x.pdf").exists(), "nothing of the pair is written");
}

#[test]
fn an_input_is_never_an_output_and_two_inputs_never_share_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("loi.docx");
    std::fs::copy(sample(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let (code, err) = render(&input, dir.path(), &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("lỗi: kết quả") && err.contains("loi.docx sẽ ghi đè lên chính một tệp đầu vào"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(files(dir.path()), ["loi.docx"]);

    for d in ["a", "b"] {
        std::fs::create_dir(dir.path().join(d)).unwrap();
        std::fs::copy(sample(), dir.path().join(d).join("bao-cao.yaml")).unwrap();
    }
    let out = dir.path().join("out");
    let o = vi()
        .arg("render")
        .arg(dir.path().join("a/bao-cao.yaml"))
        .arg(dir.path().join("b/bao-cao.yaml"))
        .arg("-o")
        .arg(&out)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("b/bao-cao.yaml: error: this file and ") && stderr(&o).contains("both give"), "{}", stderr(&o));
    assert!(!out.exists() || files(&out).is_empty(), "nothing written");
}

#[test]
fn a_failed_write_keeps_the_previous_pair_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.yaml");
    std::fs::copy(sample(), &input).unwrap();
    let out = dir.path().join("out");
    assert_eq!(render(&input, &out, &[]).0, Some(0));
    let (pdf, docx) = (std::fs::read(out.join("x.pdf")).unwrap(), std::fs::read(out.join("x.docx")).unwrap());
    assert!(pdf.len() > docx.len() + 2048, "the PDF is the larger file ({} / {})", pdf.len(), docx.len());
    // A new signer; the disk then holds the DOCX but not the PDF.
    let text = std::fs::read_to_string(&input).unwrap().replace("Nguyễn", "Trần");
    std::fs::write(&input, text).unwrap();
    let limit = (docx.len() as u64 + 1024) / 1024 + 1;
    let o = with_file_limit(limit, &["render", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("lỗi: không ghi được báo cáo: tệp vượt quá kích thước hệ thống cho phép; báo cáo cũ (nếu có) được giữ nguyên"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).ends_with("1/1 tệp chưa tạo được báo cáo\n"), "one input, one failure: {}", stderr(&o));
    assert_eq!(std::fs::read(out.join("x.pdf")).unwrap(), pdf, "old PDF kept");
    assert_eq!(std::fs::read(out.join("x.docx")).unwrap(), docx, "old DOCX kept, not the new one beside the old PDF");
    assert!(temporaries(&out).is_empty(), "{:?}", files(&out));
}

#[test]
fn a_pdf_only_run_removes_our_older_docx_and_names_a_foreign_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.yaml");
    std::fs::copy(sample(), &input).unwrap();
    let out = dir.path().join("out");
    assert_eq!(render(&input, &out, &[]).0, Some(0));
    let (code, err) = render(&input, &out, &["--format", "pdf"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.join("x.docx").exists());
    assert!(err.contains("x.docx: cảnh báo: đã xóa tệp này của lần chạy trước"), "{err}");
    std::fs::write(out.join("x.docx"), b"someone's own file").unwrap();
    let (code, err) = render(&input, &out, &["--format", "pdf"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("x.docx: cảnh báo: tệp cũ này vẫn nằm cạnh báo cáo vừa tạo"), "{err}");
    assert_eq!(std::fs::read(out.join("x.docx")).unwrap(), b"someone's own file");
}

// ---- interrupts --------------------------------------------------------------

fn many_units(dir: &Path, n: usize) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        std::fs::copy(sample(), input.join(format!("xa-{i:03}.yaml"))).unwrap();
    }
    input
}

fn interrupted(signal: &str, code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let input = many_units(dir.path(), 60);
    let out = dir.path().join("out");
    let child = vi()
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "2", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !(out.exists() && files(&out).iter().any(|f| f.ends_with(".pdf"))) {
        assert!(started.elapsed() < Duration::from_secs(60), "no output after 60 s");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(Command::new("kill").args(["-s", signal, &child.id().to_string()]).status().unwrap().success());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert!(err.contains("Đã dừng theo yêu cầu: xong ") && err.contains("chưa xong"), "{err}");
    assert!(err.contains("không còn tệp tạm."), "{err}");
    let written = files(&out);
    assert!(temporaries(&out).is_empty(), "{written:?}");
    // Pairs are whole: every PDF has its DOCX.
    for pdf in written.iter().filter(|f| f.ends_with(".pdf")) {
        assert!(written.contains(&pdf.replace(".pdf", ".docx")), "{pdf} without its DOCX: {written:?}");
    }
}

#[test]
fn sigterm_and_sigint_leave_no_temporary_file_and_say_what_finished() {
    interrupted("TERM", 143);
    interrupted("INT", 130);
}

#[test]
fn leftovers_of_a_killed_run_are_cleaned_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A process id above the kernel's maximum: that run is certainly gone.
    std::fs::write(out.join(".baocao-4194999-7.tmp"), b"").unwrap();
    std::fs::write(out.join("notes.tmp"), b"mine").unwrap();
    let (code, err) = render(&sample(), &out, &["--format", "pdf"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(files(&out), [".baocao-outputs", "binh-lieu-2020.pdf", "notes.tmp"]);
}

// ---- batch -------------------------------------------------------------------

#[test]
fn batch_reads_yml_in_any_case_lists_skipped_files_and_slugs_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("Huyện Đồng Văn")).unwrap();
    for name in ["Đồng Văn.yaml", "Dong-Van.YML", "dong van.Yaml"] {
        std::fs::copy(sample(), input.join("Huyện Đồng Văn").join(name)).unwrap();
    }
    std::fs::write(input.join("ghi-chu.txt"), "notes").unwrap();
    std::fs::copy(sample(), input.join("_nhap.yaml")).unwrap();
    let out = dir.path().join("out");
    let o = vi().args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf"]).output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("ghi-chu.txt: không phải tệp .yaml/.yml"), "{err}");
    assert!(err.contains("_nhap.yaml: tên bắt đầu bằng `_`"), "{err}");
    let written: Vec<String> = files(&out).into_iter().filter(|f| f.ends_with(".pdf")).collect();
    assert_eq!(written, ["huyen-dong-van/dong-van-2.pdf", "huyen-dong-van/dong-van-3.pdf", "huyen-dong-van/dong-van.pdf"]);
}

#[test]
fn batch_lists_and_removes_outputs_of_units_that_are_gone() {
    let dir = tempfile::tempdir().unwrap();
    let input = many_units(dir.path(), 3);
    let out = dir.path().join("out");
    let run = || vi().args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf"]).output().unwrap();
    assert_eq!(run().status.code(), Some(0));
    std::fs::remove_file(input.join("xa-001.yaml")).unwrap();
    std::fs::remove_file(input.join("xa-002.yaml")).unwrap();
    std::fs::write(out.join("xa-002.pdf"), b"annotated by hand").unwrap();
    let o = run();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("đã xóa ") && err.contains("xa-001.pdf: báo cáo cũ của"), "{err}");
    assert!(err.contains("còn lại ") && err.contains("xa-002.pdf: báo cáo cũ của"), "{err}");
    assert!(!out.join("xa-001.pdf").exists());
    assert_eq!(std::fs::read(out.join("xa-002.pdf")).unwrap(), b"annotated by hand");
}

#[test]
fn a_defaults_file_that_is_not_a_regular_file_fails_its_units() {
    let dir = tempfile::tempdir().unwrap();
    let input = many_units(dir.path(), 1);
    std::fs::create_dir(input.join("_defaults.yaml")).unwrap();
    // A FIFO among the units fails that unit at once, it never blocks the run.
    let sub = input.join("huyen");
    std::fs::create_dir(&sub).unwrap();
    assert!(Command::new("mkfifo").arg(sub.join("xa-ong.yaml")).status().unwrap().success());
    let out = dir.path().join("out");
    let mut cmd = vi();
    cmd.args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    let o = within(cmd, 60);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("_defaults.yaml: lỗi: đây không phải là một tệp thông thường mà là một thư mục"), "{err}");
    assert!(err.contains("xa-ong.yaml: lỗi: đây không phải là một tệp thông thường mà là một đường ống (FIFO)"), "{err}");
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_never_fold_onto_one_output() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let names = [&b"xa-\xff.yaml"[..], &b"xa-\xfe.yaml"[..]];
    let files: Vec<PathBuf> = names.iter().map(|n| input.join(std::ffi::OsStr::from_bytes(n))).collect();
    for f in &files {
        std::fs::copy(sample(), f).unwrap();
    }
    let out = dir.path().join("out");
    let o = vi().arg("render").args(&files).arg("-o").arg(&out).args(["--format", "pdf"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdfs = files_in(&out, ".pdf");
    assert_eq!(pdfs.len(), 2, "one PDF per input: {pdfs:?}");
    let batch_out = dir.path().join("batch");
    let o = vi().arg("batch").arg(&input).arg("-o").arg(&batch_out).args(["--format", "pdf", "--quiet"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(files_in(&batch_out, ".pdf"), ["xa-2.pdf", "xa.pdf"], "ASCII slugs, the second numbered");
}

fn files_in(dir: &Path, ext: &str) -> Vec<String> {
    files(dir).into_iter().filter(|f| f.ends_with(ext)).collect()
}
