//! The batch path of a district clerk (issue 12): `_defaults.yaml` resolved
//! by `render` and `check` on one file, `check DIR`, the roll-up as the
//! district's own document (its own inheritance, units by name, withheld
//! when a unit failed unless `--allow-partial`).

use std::path::{Path, PathBuf};

use crate::common::{baocao, copy_tree, pdftotext, root, squash};

fn fixture() -> PathBuf {
    root().join("tests/fixtures/batch/tinh")
}

/// Every file under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn text_of(pdf: &Path) -> String {
    squash(&pdftotext(pdf))
}

const BROKEN: &str = "issuers:\n  - system: state\n    name: [ỦY BAN NHÂN DÂN, XÃ HỎNG]\n    code: UBND\nresults:\n  complaints: {received: 1, resolved: 3}\n";

#[test]
fn render_and_check_of_one_commune_inherit_its_defaults_chain() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&fixture(), &input);
    // Relative paths, run from inside the district folder: the chain goes up through `..`.
    let district = input.join("huyen-a");
    let check = baocao().args(["check", "luc-hon.yaml", "--lang", "en"]).current_dir(&district).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "no false `missing type/date/period`: {}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(stdout, "luc-hon.yaml: valid\n");
    let check = baocao().args(["check", "luc-hon.yaml"]).current_dir(&district).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&check.stdout), "luc-hon.yaml: hợp lệ\n");

    let out = dir.path().join("out");
    let file = district.join("luc-hon.yaml");
    let render = baocao().args(["render", file.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf"]).output().unwrap();
    assert_eq!(render.status.code(), Some(0), "{}", String::from_utf8_lossy(&render.stderr));
    let text = text_of(&out.join("luc-hon.pdf"));
    // The district's place and recipients, the province's summary and period, the unit's signer.
    assert!(text.contains("Bình Liêu, ngày 15 tháng 01 năm 2021"), "{text}");
    assert!(text.contains("Ban Dân vận Huyện ủy") && !text.contains("Ủy ban nhân dân tỉnh (b/c)"), "{text}");
    assert!(text.contains("Kết quả thực hiện công tác dân vận chính quyền năm 2020") && text.contains("Hoàng Văn Minh"), "{text}");

    // An error in an inherited key is located in the defaults file.
    std::fs::write(
        input.join("_defaults.yaml"),
        std::fs::read_to_string(input.join("_defaults.yaml")).unwrap().replace("date: 2021-01-15", "date: 2021-02-30"),
    )
    .unwrap();
    let check = baocao().args(["check", file.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{}:5:9: error", input.join("_defaults.yaml").display())), "{stderr}");
    assert!(check.stdout.is_empty());
}

#[test]
fn the_defaults_chain_stops_at_the_nearest_folder_without_one() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), &dir.path().join("in"));
    // huyen-b has no _defaults.yaml: read alone, its commune inherits nothing.
    let alone = dir.path().join("in/huyen-b/thi-tran-tien-yen.yaml");
    let check = baocao().args(["check", alone.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("missing required key `period`"), "{stderr}");
    // Given a _defaults.yaml of its own, the chain reaches the province's too.
    std::fs::write(dir.path().join("in/huyen-b/_defaults.yaml"), "document:\n  place: Tiên Yên\n").unwrap();
    let check = baocao().args(["check", alone.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    // ... and `render` uses the district's templates/ folder, as `batch` does.
    let out = dir.path().join("out");
    let render = baocao().args(["render", alone.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf"]).output().unwrap();
    assert_eq!(render.status.code(), Some(0), "{}", String::from_utf8_lossy(&render.stderr));
    assert!(text_of(&out.join("thi-tran-tien-yen.pdf")).contains("Ủy ban nhân dân thị trấn trân trọng báo cáo./."));
}

#[test]
fn check_dir_checks_every_unit_and_the_rollup_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&fixture(), &input);
    let before = listing(dir.path());
    let check = baocao().args(["check", input.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    let valid: Vec<&str> = stdout.lines().filter(|l| l.ends_with(": valid")).collect();
    assert_eq!(valid.len(), 4, "three units and the roll-up: {stdout}");
    assert!(stdout.contains("summary.yaml: valid"), "{stdout}");
    assert_eq!(listing(dir.path()), before, "check writes nothing");

    // A broken unit: located errors, the others still valid, exit 1, nothing written.
    std::fs::write(input.join("huyen-a/hong.yaml"), format!("{BROKEN}sumary: x\n")).unwrap();
    let before = listing(dir.path());
    let check = baocao().args(["check", input.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("hong.yaml:7:1: error: unknown key `sumary`"), "{stderr}");
    assert!(stderr.contains("hong.yaml:6:"), "{stderr}");
    assert_eq!(stdout.lines().filter(|l| l.ends_with(": valid")).count(), 4, "{stdout}");
    assert!(stderr.trim_end().ends_with("1 of 5 file(s) not valid"), "{stderr}");
    assert_eq!(listing(dir.path()), before);
}

#[test]
fn the_rollup_has_its_own_inheritance_and_names_units_by_name() {
    let out = tempfile::tempdir().unwrap();
    let run = baocao()
        .args(["batch", fixture().to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--quiet", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let text = text_of(&out.path().join("summary.pdf"));
    // Not addressed to itself, not signed by the communes' signer.
    assert!(!text.contains("Ủy ban nhân dân tỉnh (b/c)") && !text.contains("Chưa ghi tên"), "{text}");
    assert!(text.contains("Đặng Huy Hậu") && text.contains("Ban Dân vận Tỉnh ủy"), "{text}");
    // The exercise is shared: type, date and period come from the chain.
    assert!(text.contains("Quảng Ninh, ngày 15 tháng 01 năm 2021") && text.contains("năm 2020"), "{text}");
    // Units by their names, never by file.
    assert!(text.contains("Xã Lục Hồn") && text.contains("Thị trấn Tiên Yên"), "{text}");
    for stem in ["luc-hon", "dong-van", "huyen-a", "tien-yen"] {
        assert!(!text.contains(stem), "`{stem}` in {text}");
    }
    // The same inheritance when the roll-up is checked alone.
    let check = baocao().args(["check", fixture().join("summary.yaml").to_str().unwrap()]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn a_failed_unit_withholds_the_rollup_unless_allow_partial() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&fixture(), &input);
    let out = dir.path().join("out");
    // An earlier, complete run leaves a roll-up ...
    let first =
        baocao().args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf"]).output().unwrap();
    assert_eq!(first.status.code(), Some(0));
    assert!(out.join("summary.pdf").is_file());
    // ... which a run with a failed unit removes instead of leaving it stale.
    std::fs::write(input.join("huyen-a/hong.yaml"), BROKEN).unwrap();
    let run =
        baocao().args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!out.join("summary.pdf").exists(), "no roll-up, and no stale one: {stderr}");
    assert!(out.join("huyen-a/luc-hon.pdf").is_file());
    assert!(stderr.contains("chưa tạo báo cáo tổng hợp vì 1 báo cáo đơn vị còn lỗi") && stderr.contains("--allow-partial"), "{stderr}");

    let run = baocao()
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf", "--allow-partial", "--lang", "en"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    // The console lists the file and its errors ...
    assert!(stderr.contains("hong.yaml:6:") && stderr.contains("missing: huyen-a/hong"), "{stderr}");
    // ... the official text only the unit's name.
    let text = text_of(&out.join("summary.pdf"));
    assert!(text.contains("3/4 đơn vị; chưa có số liệu của Xã Hỏng."), "{text}");
    for word in ["huyen-a", "hong.yaml", ".yaml", "lỗi", "error"] {
        assert!(!text.contains(word), "`{word}` in the roll-up: {text}");
    }
    // A unit whose name cannot be read is counted, not named.
    std::fs::write(input.join("huyen-a/hong.yaml"), "issuers: [\n").unwrap();
    let run = baocao()
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf", "--allow-partial"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let text = text_of(&out.join("summary.pdf"));
    assert!(text.contains("3/4 đơn vị; chưa có số liệu của 1 đơn vị."), "{text}");
}

#[test]
fn the_sample_district_renders_with_its_rollup_and_override() {
    let district = root().join("samples/huyen-binh-lieu-2020");
    let units: Vec<PathBuf> = std::fs::read_dir(&district)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && !p.ends_with("_defaults.yaml") && !p.ends_with("summary.yaml"))
        .collect();
    assert!(units.len() >= 8, "eight or more communes: {units:?}");
    let out = tempfile::tempdir().unwrap();
    let run = baocao()
        .args(["batch", district.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--quiet", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let rollup = text_of(&out.path().join("summary.pdf"));
    // Every commune by name; the article's 53 models and 16 commended add up.
    for name in
        ["Thị trấn Bình Liêu", "Xã Hoành Mô", "Xã Đồng Tâm", "Xã Đồng Văn", "Xã Tình Húc", "Xã Vô Ngại", "Xã Lục Hồn", "Xã Húc Động"]
    {
        assert!(rollup.contains(name), "{name} in {rollup}");
    }
    assert!(rollup.contains("8/8 đơn vị") && rollup.contains("có 53 mô hình đăng ký") && rollup.contains("16 mô hình"), "{rollup}");
    // The district's own document: not addressed like a commune's, not the communes' parties.
    assert!(
        !rollup.contains("Thường trực Đảng ủy xã")
            && !rollup.contains("Chưa ghi tên")
            && !rollup.contains("Ban Chỉ đạo công tác dân vận xã"),
        "{rollup}"
    );
    assert!(rollup.contains("Kính gửi: Ban Thường vụ Huyện ủy Bình Liêu") && rollup.contains("Nguyễn Thị Tuyết Hạnh"), "{rollup}");
    // The thị trấn's template override, and only there.
    let town = text_of(&out.path().join("thi-tran-binh-lieu.pdf"));
    assert!(town.contains("Ủy ban nhân dân thị trấn Bình Liêu trân trọng báo cáo"), "{town}");
    assert!(!text_of(&out.path().join("luc-hon.pdf")).contains("trân trọng báo cáo"));
}

#[test]
fn check_dir_and_batch_honour_convert_legacy_as_render_does() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(root().join("tests/broken/legacy-tcvn3.yaml"), input.join("xa-cu.yaml")).unwrap();
    let check = baocao().args(["check", input.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "TCVN3 text is an error by default");
    let check = baocao().args(["check", input.to_str().unwrap(), "--lang", "en", "--convert-legacy"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(String::from_utf8_lossy(&check.stdout).contains("xa-cu.yaml: valid (1 warning)"));
    let out = dir.path().join("out");
    let run = baocao()
        .args(["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf", "--convert-legacy"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(out.join("xa-cu.pdf").is_file());
}
