//! `baocao batch DIR --data FILE` (issue 12, item 4): one unit per row of an
//! xlsx, ods or csv file, merged over DIR's `_defaults.yaml`; bad cells
//! located as `file:sheet!C7` with the YAML diagnostics; the blank sheet of
//! `baocao sheet` reads back.

use std::path::{Path, PathBuf};

use crate::common::{baocao, pdftotext, root, squash};

fn sample() -> PathBuf {
    root().join("samples/binh-lieu-bang-tinh")
}

fn text_of(pdf: &Path) -> String {
    squash(&pdftotext(pdf))
}

fn batch(dir: &Path, data: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args =
        vec!["batch", dir.to_str().unwrap(), "--data", data.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet", "--format", "pdf"];
    args.extend(extra);
    baocao().args(args).output().unwrap()
}

/// The sample folder with its `_defaults.yaml` and `summary.yaml`, and `data` as its spreadsheet.
fn folder_with(data_name: &str, data: &[u8]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in ["_defaults.yaml", "summary.yaml"] {
        std::fs::copy(sample().join(f), input.join(f)).unwrap();
    }
    let file = dir.path().join(data_name);
    std::fs::write(&file, data).unwrap();
    (dir, input, file)
}

#[test]
fn xlsx_ods_and_csv_rows_render_like_yaml_units_with_the_rollup() {
    let sources = [sample().join("cac-xa.xlsx"), sample().join("cac-xa.csv"), root().join("tests/fixtures/sheet/cac-xa.ods")];
    let mut rollups = Vec::new();
    for data in &sources {
        let out = tempfile::tempdir().unwrap();
        let run = batch(&sample(), data, out.path(), &[]);
        assert_eq!(run.status.code(), Some(0), "{}: {}", data.display(), String::from_utf8_lossy(&run.stderr));
        // Eight communes named after their unit, and the roll-up.
        for stem in [
            "thi-tran-binh-lieu",
            "xa-hoanh-mo",
            "xa-dong-tam",
            "xa-dong-van",
            "xa-tinh-huc",
            "xa-vo-ngai",
            "xa-luc-hon",
            "xa-huc-dong",
            "summary",
        ] {
            assert!(out.path().join(format!("{stem}.pdf")).is_file(), "{stem}.pdf from {}", data.display());
        }
        let luc_hon = text_of(&out.path().join("xa-luc-hon.pdf"));
        // The row's cells: unit in the header, place, signer, statuses in Vietnamese, counts.
        assert!(luc_hon.contains("XÃ LỤC HỒN") && luc_hon.contains("Lục Hồn, ngày 08 tháng 01 năm 2021"), "{luc_hon}");
        assert!(luc_hon.contains("Hoàng Văn Minh") && !luc_hon.contains("Chưa ghi tên"), "{luc_hon}");
        // The defaults' task names with the row's results; the defaults' recipients.
        assert!(
            luc_hon.contains("Vận động Nhân dân tham gia xây dựng nông thôn mới") && luc_hon.contains("Thường trực Đảng ủy xã"),
            "{luc_hon}"
        );
        assert!(luc_hon.contains("9/12 thôn, khu phố") || luc_hon.contains("9/12"), "{luc_hon}");
        rollups.push(text_of(&out.path().join("summary.pdf")));
    }
    // The three files hold the same figures: the same roll-up, with the district's totals.
    assert_eq!(rollups[0], rollups[1]);
    assert_eq!(rollups[0], rollups[2]);
    assert!(rollups[0].contains("53") && rollups[0].contains("Xã Lục Hồn") && rollups[0].contains("8/8 đơn vị"), "{}", rollups[0]);
}

#[test]
fn a_bad_cell_is_located_at_its_cell_with_the_yaml_diagnostics() {
    let csv = std::fs::read_to_string(sample().join("cac-xa.csv")).unwrap();
    // Row 3 (Xã Hoành Mô): a decimal comma in a count (column H), more resolved than received (K, L);
    // row 5: a status that is not one.
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[2] = lines[2].replace(",7,,2,2,2,", ",\"7,5\",,2,2,5,");
    lines[4] = lines[4].replace("đang thực hiện,7", "xong rồi,7");
    let (dir, input, file) = folder_with("cac-xa.csv", lines.join("\n").as_bytes());
    let out = dir.path().join("out");
    let run = batch(&input, &file, &out, &["--lang", "en"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let at = |cell: &str| format!("{}!{cell}: error: ", file.display());
    assert!(stderr.contains(&at("H3")), "the count: {stderr}");
    assert!(stderr.contains(&at("L3")) && stderr.contains("resolved"), "resolved > received: {stderr}");
    assert!(stderr.contains(&at("G5")) && stderr.contains("xong rồi"), "the status: {stderr}");
    assert!(stderr.contains(&format!("failed: {}!3:3", file.display())), "the failed unit is its row: {stderr}");
    assert!(!out.join("xa-hoanh-mo.pdf").exists() && out.join("xa-luc-hon.pdf").is_file());
    // Vietnamese messages too, and the same text as for YAML.
    let run = batch(&input, &file, &out, &["--lang", "vi"]);
    let stderr_vi = String::from_utf8_lossy(&run.stderr);
    assert!(stderr_vi.contains(&format!("{}!H3: lỗi: ", file.display())), "{stderr_vi}");
    assert!(stderr_vi.contains("gợi ý"), "{stderr_vi}");
}

#[test]
fn a_header_that_names_nothing_stops_the_run_at_its_cell() {
    let csv = std::fs::read_to_string(sample().join("cac-xa.csv")).unwrap().replacen("Đơn thư tiếp nhận", "Đơn thư tiếp nhân", 1);
    let (dir, input, file) = folder_with("cac-xa.csv", csv.as_bytes());
    let run = batch(&input, &file, &dir.path().join("out"), &["--lang", "en"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{}!K1: error: column `Đơn thư tiếp nhân` does not name any key", file.display())), "{stderr}");
    assert!(stderr.contains("did you mean `Đơn thư tiếp nhận`?"), "{stderr}");
    // An xlsx names its sheet.
    let bytes = std::fs::read(sample().join("cac-xa.xlsx")).unwrap();
    let (dir, input, file) = folder_with("x.xlsx", &bytes);
    std::fs::write(
        input.join("_defaults.yaml"),
        std::fs::read_to_string(sample().join("_defaults.yaml")).unwrap().replace("  year: 2020", "  year: hai nghìn"),
    )
    .unwrap();
    let run = batch(&input, &file, &dir.path().join("out"), &["--lang", "en"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("_defaults.yaml:") && stderr.contains("year"), "a problem of the defaults stays in the defaults: {stderr}");
}

#[test]
fn editing_a_figure_in_the_spreadsheet_changes_the_report() {
    let csv = std::fs::read_to_string(sample().join("cac-xa.csv")).unwrap();
    // Xã Húc Động: 1 complaint received and resolved -> 4 received, 3 resolved.
    let edited = csv.replace(
        "Dương Văn Hải,hoàn thành,hoàn thành,hoàn thành,hoàn thành,5,,1,1,1,",
        "Dương Văn Hải,hoàn thành,hoàn thành,hoàn thành,hoàn thành,5,,1,4,3,",
    );
    assert_ne!(edited, csv);
    let (dir, input, file) = folder_with("cac-xa.csv", edited.as_bytes());
    let out = dir.path().join("out");
    let run = batch(&input, &file, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let text = text_of(&out.join("xa-huc-dong.pdf"));
    assert!(text.contains("3/4") && text.contains("75%"), "{text}");
    // `check DIR --data` checks the rows without writing.
    let check = baocao().args(["check", input.to_str().unwrap(), "--data", file.to_str().unwrap(), "--lang", "en"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(stdout.lines().filter(|l| l.ends_with(": valid")).count(), 9, "{stdout}");
    assert!(stdout.contains(&format!("{}!9:9: valid", file.display())), "{stdout}");
}

#[test]
fn the_blank_sheet_has_the_right_header_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["trong.csv", "trong.xlsx"] {
        let file = dir.path().join(name);
        let run = baocao().args(["sheet", file.to_str().unwrap(), sample().to_str().unwrap()]).output().unwrap();
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        // No row yet: the header reads, and only the missing rows are reported.
        let out = dir.path().join("out");
        let run = batch(&sample(), &file, &out, &["--lang", "en"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("the spreadsheet has no data row under its header"), "{stderr}");
        // A second run refuses to overwrite.
        let again = baocao().args(["sheet", file.to_str().unwrap()]).output().unwrap();
        assert_eq!(again.status.code(), Some(2));
    }
    let csv = std::fs::read_to_string(dir.path().join("trong.csv")).unwrap();
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    // One result column per task and indicator of the folder's defaults.
    assert!(header.starts_with("Đơn vị,Địa danh,"), "{header}");
    for label in ["Nội dung 4: kết quả", "Chỉ tiêu 1: giá trị", "Đơn thư đã giải quyết"] {
        assert!(header.contains(label), "{label} in {header}");
    }
    assert!(!header.contains("Nội dung 5"), "{header}");
    // Filled with one row, it renders.
    let value = |label: &str| match label {
        "Đơn vị" => "Xã Mới",
        "Địa danh" => "Bình Liêu",
        l if l.starts_with("Nội dung") => "hoàn thành",
        "Chỉ tiêu 1: giá trị" => "3",
        _ => "",
    };
    let row: Vec<&str> = header.split(',').map(value).collect();
    let filled = format!("{header}\n{}\n", row.join(","));
    let (dir2, input, file) = folder_with("mot.csv", filled.as_bytes());
    let run = batch(&input, &file, &dir2.path().join("out"), &[]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(dir2.path().join("out/xa-moi.pdf").is_file());
}
