//! `baocao batch`: defaults inherited over two levels, a district template
//! override, a failing unit among good ones, the roll-up totals, reviewer
//! checks on every unit, progress and summary lines in both languages,
//! unknown templates located at their key, and `template:` folders in
//! `render`.

use std::path::{Path, PathBuf};

use baocao::batch::{self, Options};
use baocao::data::model::TaskStatus;
use baocao::{Format, Rendered};

use crate::common::{baocao, copy_tree, pdftotext, root, squash, written_earlier};

fn fixture() -> PathBuf {
    root().join("tests/fixtures/batch/tinh")
}

fn text_of(pdf: &Path) -> String {
    squash(&pdftotext(pdf))
}

#[test]
fn defaults_chain_over_two_levels_and_a_district_template_override() {
    let out = tempfile::tempdir().unwrap();
    let run = baocao().args(["batch", fixture().to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--quiet"]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    for stem in ["huyen-a/luc-hon", "huyen-a/dong-van", "huyen-b/thi-tran-tien-yen", "summary"] {
        for ext in ["pdf", "docx"] {
            assert!(out.path().join(format!("{stem}.{ext}")).is_file(), "{stem}.{ext} written");
        }
    }
    // huyen-a/_defaults.yaml wins over the province's place and recipients ...
    let luc_hon = text_of(&out.path().join("huyen-a/luc-hon.pdf"));
    assert!(luc_hon.contains("Bình Liêu, ngày 15 tháng 01 năm 2021"), "{luc_hon}");
    assert!(luc_hon.contains("Ban Dân vận Huyện ủy"));
    assert!(!luc_hon.contains("Ủy ban nhân dân tỉnh (b/c)"));
    // ... the unit's own signer wins over both, the province's summary and period stay.
    assert!(luc_hon.contains("Hoàng Văn Minh") && !luc_hon.contains("Chưa ghi tên"));
    assert!(luc_hon.contains("Kết quả thực hiện công tác dân vận chính quyền năm 2020"));
    let dong_van = text_of(&out.path().join("huyen-a/dong-van.pdf"));
    assert!(dong_van.contains("Chưa ghi tên"), "the province's signer is inherited");
    // huyen-b has no _defaults.yaml: the province's recipients apply; its
    // templates/ folder replaces the closing partial for its units only.
    let tien_yen = text_of(&out.path().join("huyen-b/thi-tran-tien-yen.pdf"));
    assert!(tien_yen.contains("Ủy ban nhân dân tỉnh (b/c)"));
    assert!(tien_yen.contains("Ủy ban nhân dân thị trấn trân trọng báo cáo./."), "{tien_yen}");
    assert!(!luc_hon.contains("trân trọng báo cáo"));
    assert!(luc_hon.contains("Trên đây là báo cáo"));
}

#[test]
fn a_failing_unit_is_listed_leaves_no_file_and_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&fixture(), &input);
    // Two errors in one unit: an unknown key and more resolved than received.
    std::fs::write(
        input.join("huyen-a/hong.yaml"),
        "issuers:\n  - system: state\n    name: [ỦY BAN NHÂN DÂN, XÃ HỎNG]\n    code: UBND\nresults:\n  complaints: {received: 1, resolved: 3}\nsumary: x\n",
    )
    .unwrap();
    // A file from an earlier run (written by baocao) must not survive for
    // the failed unit.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("huyen-a")).unwrap();
    let old = [(out.join("huyen-a/hong.pdf"), &b"old"[..])];
    written_earlier(&old, &input.join("huyen-a/hong.yaml"));

    let run = baocao()
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--lang", "en", "--allow-partial"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("failed: ") && stderr.contains("hong.yaml"), "{stderr}");
    assert!(stderr.contains("hong.yaml:7:1"), "the unknown key is located: {stderr}");
    assert!(stderr.contains("hong.yaml:6:"), "resolved > received is located: {stderr}");
    assert_eq!(stderr.matches("failed: ").count(), 1, "only one unit failed: {stderr}");
    assert!(stderr.contains("1 of 5 unit(s) failed:\n"), "{stderr}");
    assert!(!out.join("huyen-a/hong.pdf").exists() && !out.join("huyen-a/hong.docx").exists());
    for stem in ["huyen-a/luc-hon", "huyen-a/dong-van", "huyen-b/thi-tran-tien-yen", "summary"] {
        assert!(out.join(format!("{stem}.pdf")).is_file(), "{stem}.pdf written");
    }
    // The roll-up says which unit is missing from its totals, by its name.
    let summary = text_of(&out.join("summary.pdf"));
    assert!(summary.contains("3/4 đơn vị; chưa có số liệu của Xã Hỏng."), "{summary}");
    assert!(!summary.contains("huyen-a/hong") && !summary.contains("lỗi"), "no file, no error in the official text: {summary}");
}

#[test]
fn rollup_totals_match_the_inputs() {
    let options = Options { formats: vec![Format::Pdf], jobs: Some(2), ..Options::default() };
    let plan = batch::plan(&fixture(), &options).unwrap();
    assert_eq!(plan.units.len(), 3);
    assert!(plan.summary.is_some());
    let summary_pdf = std::sync::Mutex::new(Vec::new());
    let sink = |unit: &batch::Unit, r: &Rendered| {
        if unit.output_stem == Path::new("summary") {
            *summary_pdf.lock().unwrap() = r.outputs[0].1.clone();
        }
        Ok(())
    };
    let result = batch::run(&plan, &options, &sink, &|_| {}).unwrap();
    assert!(result.failed().next().is_none());
    let rollup = result.rollup.expect("a roll-up");

    // Expected figures straight from the unit files (the counts live there, not in defaults).
    let (mut tasks, mut done, mut registered, mut recognised, mut received, mut resolved) = (0, 0, 0, 0, 0, 0);
    for unit in &plan.units {
        let text = std::fs::read_to_string(&unit.source).unwrap();
        let tree = baocao::data::parse_tree(&unit.source, &text).unwrap();
        let mut merged = None;
        for d in &unit.defaults {
            let t = baocao::data::parse_tree(d, &std::fs::read_to_string(d).unwrap()).unwrap();
            merged = Some(match merged {
                Some(m) => baocao::data::merge(m, t),
                None => t,
            });
        }
        let tree = match merged {
            Some(m) => baocao::data::merge(m, tree),
            None => tree,
        };
        let report = baocao::data::validate(&unit.source, &tree).unwrap().report;
        tasks += report.results.tasks.len() as u64;
        done += report.results.tasks.iter().filter(|t| t.status == TaskStatus::Done).count() as u64;
        if let Some(m) = &report.results.models {
            registered += m.registered.unwrap_or(0);
            recognised += m.recognized.iter().map(|l| l.count).sum::<u64>();
        }
        if let Some(c) = &report.results.complaints {
            received += c.received;
            resolved += c.resolved;
        }
    }
    let t = &rollup.total;
    assert_eq!((t.tasks, t.tasks_done, t.tasks_in_progress, t.tasks_not_done), (tasks, done, 1, 1));
    assert_eq!((t.tasks, t.tasks_done), (9, 7), "the fixture's own count");
    assert_eq!((t.models_registered, t.models_recognized), (registered, recognised));
    assert_eq!((t.models_registered, t.models_recognized), (10, 4));
    assert_eq!((t.complaints_received, t.complaints_resolved), (received, resolved));
    assert_eq!((t.complaints_received, t.complaints_resolved), (6, 5));
    assert_eq!(rollup.rows.iter().map(|r| r.tasks).sum::<u64>(), t.tasks, "rows add up to the total");
    // Names from the issuers, ranks by completion rate.
    let rows: Vec<(&str, Option<u32>)> = rollup.rows.iter().map(|r| (r.name.as_str(), r.rank)).collect();
    assert_eq!(rows, [("Xã Đồng Văn", Some(3)), ("Xã Lục Hồn", Some(2)), ("Thị trấn Tiên Yên", Some(1))]);
    // Indicators with the same name and unit are summed, `of` too.
    assert_eq!(rollup.indicators.len(), 1);
    assert_eq!((rollup.indicators[0].total, rollup.indicators[0].of), (Some(5.0), Some(11.0)));

    // The rendered roll-up shows the table rows and the totals.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("summary.pdf");
    std::fs::write(&pdf, &*summary_pdf.lock().unwrap()).unwrap();
    let text = text_of(&pdf);
    for expected in ["Xã Lục Hồn 3/4 75%", "Thị trấn Tiên Yên 3/3 100%", "Tổng cộng", "7/9 77,8% 10 4 5/6", "đạt 83,3%", "5/11 thôn"]
    {
        assert!(text.contains(expected), "`{expected}` in the roll-up: {text}");
    }
}

#[test]
fn render_honours_a_template_folder_named_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(root().join("samples/binh-lieu-2020.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("mau/partials")).unwrap();
    std::fs::write(dir.path().join("mau/partials/closing.hbs"), "Mẫu riêng của huyện./.\n").unwrap();
    std::fs::write(dir.path().join("a.yaml"), format!("template: mau\n{sample}")).unwrap();
    std::fs::write(dir.path().join("b.yaml"), &sample).unwrap();
    let out = dir.path().join("out");
    let run = baocao()
        .args(["render", "a.yaml", "b.yaml", "-o", out.to_str().unwrap(), "--format", "pdf"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(text_of(&out.join("a.pdf")).contains("Mẫu riêng của huyện./."));
    assert!(!text_of(&out.join("b.pdf")).contains("Mẫu riêng"));
}

#[test]
fn templates_export_then_list_shows_where_each_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("mau");
    let run = baocao().args(["templates", "export", exported.to_str().unwrap()]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(exported.join("tong-hop.hbs").is_file() && exported.join("partials/rollup_table.hbs").is_file());
    // A second export refuses to overwrite without --force.
    let again = baocao().args(["templates", "export", exported.to_str().unwrap()]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    std::fs::remove_dir_all(&exported).unwrap();
    std::fs::create_dir_all(exported.join("partials")).unwrap();
    std::fs::write(exported.join("partials/closing.hbs"), "Hết./.\n").unwrap();
    let list = baocao().args(["templates", "list", "--templates", exported.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&list.stdout);
    let closing = stdout.lines().find(|l| l.starts_with("closing ")).expect("closing listed");
    assert!(closing.contains("partials/closing.hbs") && !closing.contains("built-in"), "{closing}");
    let tasks = stdout.lines().find(|l| l.starts_with("tasks ")).expect("tasks listed");
    assert!(tasks.contains("built-in (templates/partials/tasks.hbs)"), "{tasks}");
    let list = baocao().args(["templates", "list", "--lang", "vi"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&list.stdout);
    let tasks = stdout.lines().find(|l| l.starts_with("tasks ")).expect("tasks listed");
    assert!(tasks.contains("có sẵn (templates/partials/tasks.hbs)"), "{tasks}");
}

/// The fixture in a temporary folder with one unit that fails validation.
fn fixture_with_a_broken_unit() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), &dir.path().join("in"));
    std::fs::write(
        dir.path().join("in/huyen-a/hong.yaml"),
        "issuers:\n  - system: state\n    name: [ỦY BAN NHÂN DÂN, XÃ HỎNG]\n    code: UBND\nsumary: x\n",
    )
    .unwrap();
    dir
}

/// `N/T done, F failed[, ~Ss left]` (or the Vietnamese form) with T = `total`.
fn is_progress_line(line: &str, total: usize, vi: bool) -> bool {
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let (counts, left) = match line.split_once(", ~").or_else(|| line.split_once(", còn khoảng ")) {
        Some((counts, left)) => (counts, Some(left)),
        None => (line, None),
    };
    let left_ok = left.is_none_or(|l| {
        let secs = if vi { l.strip_suffix(" giây") } else { l.strip_suffix("s left") };
        secs.is_some_and(number)
    });
    let counts = if vi {
        counts.strip_prefix("Đã xong ").and_then(|c| c.strip_suffix(" lỗi")).and_then(|c| c.split_once(&format!("/{total} đơn vị, ")))
    } else {
        counts.strip_suffix(" failed").and_then(|c| c.split_once(&format!("/{total} done, ")))
    };
    left_ok && counts.is_some_and(|(done, failed)| number(done) && number(failed))
}

#[test]
fn progress_failures_and_rollup_lines_in_both_languages() {
    let dir = fixture_with_a_broken_unit();
    for (lang, vi) in [("vi", true), ("en", false)] {
        let out = dir.path().join(format!("out-{lang}"));
        // Not a terminal: the plain progress lines.
        let run = baocao()
            .args([
                "batch",
                dir.path().join("in").to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--format",
                "pdf",
                "-j",
                "2",
                "--lang",
                lang,
                "--allow-partial",
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        let progress: Vec<&str> = lines.iter().copied().filter(|l| is_progress_line(l, 5, vi)).collect();
        assert!(!progress.is_empty(), "progress lines: {stderr}");
        let (last, failed_header, failed_unit, finished, rollup) = if vi {
            (
                "Đã xong 5/5 đơn vị, 1 lỗi",
                "Có 1/5 đơn vị lỗi:",
                "không tạo được báo cáo: ",
                "Đã tạo 4/5 báo cáo, 1 lỗi, trong ",
                "Báo cáo tổng hợp: có số liệu của 3/4 đơn vị, thiếu: huyen-a/hong",
            )
        } else {
            (
                "5/5 done, 1 failed",
                "1 of 5 unit(s) failed:",
                "failed: ",
                "4 of 5 report(s) rendered, 1 failed, in ",
                "Roll-up: figures from 3 of 4 unit(s), missing: huyen-a/hong",
            )
        };
        assert_eq!(progress.last(), Some(&last), "the last unit's line is always shown: {stderr}");
        // Progress first, then the failed units with their errors, then the totals.
        let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("`{prefix}` in {stderr}"));
        assert!(at(last) < at(failed_header) && at(failed_header) < at(failed_unit) && at(failed_unit) < at(finished), "{stderr}");
        assert!(lines[at(failed_unit)].ends_with("hong.yaml"), "{stderr}");
        assert_eq!(lines[at(finished) + 1], rollup, "{stderr}");
        assert_eq!(*lines.last().unwrap(), rollup, "{stderr}");
        if vi {
            assert!(lines[at(finished)].ends_with(" giây") && lines[at(finished)].contains(','), "decimal comma: {stderr}");
        }
    }
}

#[test]
fn reviewer_checks_run_on_every_unit() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&fixture(), &input);
    let unit = |name: &str, signer: &str| {
        format!(
            "issuers:\n  - system: state\n    name: [ỦY BAN NHÂN DÂN, {name}]\n    code: UBND\nsigners:\n{signer}    name: Nguyễn Văn An\n"
        )
    };
    // A prefix typed into the title would print twice: an error.
    let typed = unit("XÃ SAI", "  - authority: TM\n    on_behalf_of: ỦY BAN NHÂN DÂN\n    title: KT. CHỦ TỊCH\n");
    std::fs::write(input.join("huyen-a/sai.yaml"), typed).unwrap();
    // The Party spelling of the authority in a state document: a warning.
    let party_form = unit("XÃ GẠCH", "  - authority: T/M\n    on_behalf_of: ỦY BAN NHÂN DÂN\n    title: CHỦ TỊCH\n");
    std::fs::write(input.join("huyen-a/gach.yaml"), party_form).unwrap();
    let out = dir.path().join("out");
    let run = baocao()
        .args([
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "pdf",
            "--quiet",
            "--lang",
            "en",
            "--allow-partial",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 of 6 unit(s) failed:"), "{stderr}");
    assert!(stderr.contains("failed: ") && stderr.lines().any(|l| l.starts_with("failed: ") && l.ends_with("sai.yaml")), "{stderr}");
    assert!(stderr.contains("sai.yaml:8:") && stderr.contains("would be printed twice"), "located in the unit: {stderr}");
    assert!(!out.join("huyen-a/sai.pdf").exists());
    assert!(stderr.contains("gach.yaml:6:") && stderr.contains("warning: `authority: T/M` is the Party form"), "{stderr}");
    assert!(out.join("huyen-a/gach.pdf").is_file(), "a warning does not fail the unit");
}

#[test]
fn an_unknown_template_points_at_its_key_in_the_file_that_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&fixture(), &input);
    // Inherited from a district's defaults: the defaults file is named.
    std::fs::create_dir_all(input.join("huyen-c")).unwrap();
    std::fs::write(input.join("huyen-c/_defaults.yaml"), "document:\n  place: Tiên Yên\ntemplate: khong-co\n").unwrap();
    std::fs::copy(input.join("huyen-a/dong-van.yaml"), input.join("huyen-c/ha-lau.yaml")).unwrap();
    let out = dir.path().join("out");
    let run = baocao()
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf", "--quiet", "--lang", "en"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("huyen-c/_defaults.yaml:3:11: error: unknown template `khong-co`\n  |\n3 | template: khong-co\n"), "{stderr}");
    // `check` of a single file: the unit's own key.
    let file = dir.path().join("mot.yaml");
    let sample = std::fs::read_to_string(root().join("samples/binh-lieu-2020.yaml")).unwrap();
    std::fs::write(&file, format!("# một dòng chú thích\ntemplate: khong-co\n{sample}")).unwrap();
    let check = baocao().args(["check", file.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("mot.yaml:2:11: error: unknown template `khong-co`"), "{stderr}");
}
