//! Property test: any report written to the input contract renders, and
//! `baocao lint` finds nothing wrong in either format.
//!
//! Each case draws a report from a seed: one to three issuers of any system
//! (so joint documents of both systems, stacked or side by side), any period
//! form, every part of `results` present or not, narrative as strings, lists
//! and Markdown lists, one to three signers with every authority their system
//! allows, long and short names. Written this way, 1,600 generated reports
//! found the faults that `tests/fixtures/shapes/` now pins; this keeps looking.
//!
//! The number of cases comes from PROPTEST_CASES (default 64 here; run
//! `PROPTEST_CASES=2000 cargo test --release --test integration prop_contract`
//! after a change to compose, layout, the writers or lint).

use std::fmt::Write as _;
use std::path::Path;

use baocao::lint::{self, Options, Status};
use baocao::{Format, Renderer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// A small deterministic generator (xorshift64*), seeded by proptest.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// (parent, name lines, code) per system.
const STATE: &[(Option<&str>, &[&str], &str)] = &[
    (Some("UBND TỈNH QUẢNG NINH"), &["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH LIÊU"], "UBND"),
    (Some("UBND HUYỆN ĐỨC THỌ"), &["ỦY BAN NHÂN DÂN", "XÃ TÙNG ẢNH"], "UBND"),
    (None, &["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"], "UBND"),
    (Some("UBND TỈNH BÀ RỊA - VŨNG TÀU"), &["ỦY BAN NHÂN DÂN", "THÀNH PHỐ BÀ RỊA"], "UBND"),
];
const PARTY: &[(Option<&str>, &[&str], &str)] = &[
    (Some("TỈNH ỦY HÀ TĨNH"), &["BAN DÂN VẬN"], "BDVTU"),
    (Some("HUYỆN ỦY U MINH THƯỢNG"), &["BAN DÂN VẬN"], "BDVHU"),
    (Some("ĐẢNG BỘ TỈNH KIÊN GIANG"), &["HUYỆN ỦY U MINH THƯỢNG"], "HU"),
    (None, &["HUYỆN ỦY U MINH THƯỢNG"], "HU"),
];
const FRONT: &[(Option<&str>, &[&str], &str)] = &[
    (Some("ỦY BAN MTTQ VIỆT NAM TỈNH HÀ TĨNH"), &["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "HUYỆN ĐỨC THỌ"], "MTTQ"),
    (None, &["HỘI NÔNG DÂN", "HUYỆN VŨ QUANG"], "HND"),
    (Some("TỈNH ĐOÀN QUẢNG NINH"), &["HUYỆN ĐOÀN BÌNH LIÊU"], "HĐ"),
];
const PLACES: &[&str] =
    &["Bình Liêu", "Đức Thọ", "Hà Tĩnh", "Thành phố Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm", "U Minh Thượng"];
const PEOPLE: &[&str] = &["Nguyễn Thị Tuyết Hạnh", "Võ Công Hàm", "Bùi Lê Văn", "Phạm Văn Út", "Lê Thị Minh Nguyệt", "Trần Văn An"];
const UNITS: &[&str] =
    &["Phòng Văn hóa và Thông tin", "Ủy ban MTTQ huyện", "Công an huyện", "Hội Nông dân huyện", "Huyện đoàn", "Phòng Nội vụ"];
const CLAUSES: &[&str] = &[
    "tuyên truyền, vận động Nhân dân thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
    "phối hợp xây dựng nông thôn mới, đô thị văn minh",
    "giảm nghèo bền vững và bảo vệ môi trường",
    "giữ vững quốc phòng, an ninh, trật tự an toàn xã hội",
    "thực hiện Quy chế dân chủ ở cơ sở",
    "giải quyết kịp thời đơn thư khiếu nại, tố cáo của công dân",
    "nhân rộng các mô hình “Dân vận khéo”",
    "chăm lo đời sống đồng bào dân tộc thiểu số",
];

fn sentence(d: &mut Draw) -> String {
    let n = d.range(1, 3);
    let parts: Vec<&str> = (0..n).map(|_| d.pick(CLAUSES)).collect();
    format!("Các cơ quan, đơn vị đã {}.", parts.join("; "))
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\\\""))
}

/// One report written to the contract, drawn from `seed`.
fn report(seed: u64) -> String {
    let d = &mut Draw(seed | 1);
    let mut y = String::new();
    let doc_type = d.pick(&["BC", "BC", "BC", "BC", "CTr", "KH", "TB"]);
    let year = d.range(2016, 2025);
    let quarter = d.range(1, 4);
    let from = year - d.range(1, 5);
    let kind = d.below(3);
    let (end_month, end_day) = if kind == 1 { (3 * quarter, 28) } else { (12, 28) };
    let (dy, dm) = if end_month == 12 { (year + 1, 1) } else { (year, end_month + 1) };
    let day = d.range(1, 28);
    writeln!(y, "document:\n  type: {doc_type}").unwrap();
    if d.chance(70) {
        writeln!(y, "  number: {}", d.range(1, 999)).unwrap();
    }
    writeln!(y, "  place: {}\n  date: {dy:04}-{dm:02}-{day:02}", d.pick(PLACES)).unwrap();
    writeln!(y, "  summary: Kết quả phối hợp công tác dân vận {}", d.pick(&["năm nay", "trong kỳ", "và nhiệm vụ thời gian tới"])).unwrap();
    if d.chance(50) {
        let to: Vec<&str> =
            (0..d.range(1, 3)).map(|k| ["Ban Thường vụ Huyện ủy", "Ban Dân vận Tỉnh ủy", "Ủy ban nhân dân tỉnh"][k as usize]).collect();
        writeln!(y, "  to: [{}]", to.join(", ")).unwrap();
    }
    if d.chance(40) {
        writeln!(y, "  size_set: {}", d.pick(&["13", "14"])).unwrap();
    }
    // Issuers: codes unique, each remembered with its system for the signers.
    y.push_str("issuers:\n");
    let mut issuers: Vec<(String, &str)> = Vec::new();
    for k in 0..d.pick(&[1u64, 1, 1, 2, 2, 3]) {
        let system = d.pick(&["state", "party", "front"]);
        let table = match system {
            "state" => STATE,
            "party" => PARTY,
            _ => FRONT,
        };
        let (parent, name, code) = table[d.below(table.len() as u64) as usize];
        let code = if issuers.iter().any(|(c, _)| c == code) { format!("{code}{k}") } else { code.to_string() };
        writeln!(y, "  - system: {system}").unwrap();
        if let Some(p) = parent.filter(|_| d.chance(80)) {
            writeln!(y, "    parent: {p}").unwrap();
        }
        writeln!(y, "    name: [{}]\n    code: {code}", name.join(", ")).unwrap();
        if k > 0 && d.chance(50) {
            writeln!(y, "    number: {}", d.range(1, 99)).unwrap();
        }
        issuers.push((code, system));
    }
    y.push_str("period:\n");
    match kind {
        0 => writeln!(y, "  year: {year}").unwrap(),
        1 => writeln!(y, "  year: {year}\n  quarter: {quarter}").unwrap(),
        _ => writeln!(y, "  from: {from}\n  to: {year}").unwrap(),
    }
    if d.chance(30) {
        writeln!(y, "  cutoff: {year:04}-{end_month:02}-{:02}", end_day.min(15)).unwrap();
    }
    writeln!(y, "programme:\n  name: Chương trình phối hợp công tác dân vận năm {year}").unwrap();
    let parties: Vec<&str> = (0..d.range(1, 3)).map(|_| d.pick(UNITS)).collect();
    writeln!(y, "  parties: [{}]", parties.join(", ")).unwrap();
    if d.chance(50) {
        writeln!(y, "meeting:\n  date: {dy:04}-{dm:02}-{:02}\n  chairs:", day.max(2) - 1).unwrap();
        for _ in 0..d.range(1, 2) {
            writeln!(y, "    - name: {}\n      title: Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", d.pick(PEOPLE)).unwrap();
        }
    }
    if d.chance(80) {
        y.push_str("results:\n");
        if d.chance(60) {
            y.push_str("  tasks:\n");
            for _ in 0..d.range(1, 16) {
                writeln!(y, "    - name: {}", quoted(&sentence(d))).unwrap();
                writeln!(y, "      lead: {}", d.pick(UNITS)).unwrap();
                if d.chance(50) {
                    writeln!(y, "      partners: [{}]", d.pick(UNITS)).unwrap();
                }
                writeln!(y, "      status: {}", d.pick(&["done", "in_progress", "not_done"])).unwrap();
            }
        }
        if d.chance(50) {
            let registered = d.range(0, 200);
            writeln!(y, "  models:\n    registered: {registered}\n    recognized:\n      district: {}", d.range(0, registered / 2))
                .unwrap();
            if d.chance(50) {
                writeln!(y, "    examples:\n      - name: Mô hình “Tổ liên gia tự quản”\n        unit: Xã Lục Hồn").unwrap();
            }
        }
        if d.chance(50) {
            let received = d.range(0, 120);
            writeln!(y, "  complaints:\n    received: {received}\n    resolved: {}", d.range(0, received)).unwrap();
        }
        if d.chance(50) {
            y.push_str("  indicators:\n");
            for k in 0..d.range(1, 4) {
                writeln!(y, "    - name: Chỉ tiêu {}", k + 1).unwrap();
                if d.chance(30) {
                    let of = d.range(1, 30);
                    writeln!(y, "      value: {}\n      of: {of}\n      unit: xã", d.range(0, of)).unwrap();
                } else {
                    writeln!(y, "      value: {}.{}\n      unit: \"%\"", d.range(0, 120), d.below(10)).unwrap();
                    if d.chance(50) {
                        writeln!(y, "      target: {}", d.range(1, 100)).unwrap();
                    }
                    if d.chance(50) {
                        writeln!(y, "      previous: {}", d.range(0, 100)).unwrap();
                    }
                }
            }
        }
        if d.chance(50) {
            writeln!(
                y,
                "  commendations:\n    - by: Ủy ban nhân dân huyện\n      collectives: {}\n      individuals: {}",
                d.range(0, 20),
                d.range(0, 40)
            )
            .unwrap();
        }
    }
    y.push_str("sections:\n");
    for section in ["situation", "achievements", "limitations", "causes", "lessons", "next_tasks", "proposals"] {
        match d.below(4) {
            0 => {}
            1 => writeln!(y, "  {section}: {}", quoted(&sentence(d))).unwrap(),
            2 => writeln!(y, "  {section}:\n    - {}\n    - {}", quoted(&sentence(d)), quoted(&sentence(d))).unwrap(),
            _ => writeln!(y, "  {section}:\n    - |-\n      - {};\n      - {}.", d.pick(CLAUSES), d.pick(CLAUSES)).unwrap(),
        }
    }
    y.push_str("signers:\n");
    let signing = if d.chance(80) { issuers.len() } else { 1 };
    for (code, system) in &issuers[..signing] {
        let authorities: &[&str] = if *system == "party" { &["TM", "KT", "TL", "none"] } else { &["TM", "KT", "Q", "TL", "TUQ", "none"] };
        let authority = d.pick(authorities);
        writeln!(y, "  - issuer: {code}\n    authority: {authority}").unwrap();
        if matches!(authority, "TM" | "KT") && d.chance(80) {
            writeln!(y, "    on_behalf_of: {}", d.pick(&["ỦY BAN NHÂN DÂN", "BAN THƯỜNG VỤ", "BAN THƯỜNG TRỰC"])).unwrap();
        }
        if matches!(authority, "KT" | "Q" | "TL" | "TUQ") {
            writeln!(y, "    head: {}", d.pick(&["CHỦ TỊCH", "TRƯỞNG BAN", "BÍ THƯ"])).unwrap();
        }
        writeln!(y, "    title: {}\n    name: {}", d.pick(&["CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]), d.pick(PEOPLE))
            .unwrap();
    }
    y.push_str("recipients:\n");
    for r in ["Thường trực Huyện ủy (b/c)", "Ban Dân vận Tỉnh ủy", "Ủy ban MTTQ huyện", "UBND các xã, thị trấn"]
        .iter()
        .take(d.range(1, 4) as usize)
    {
        writeln!(y, "  - {r}").unwrap();
    }
    writeln!(y, "archive: [VT, {}]", d.pick(&["VP", "NV", "BDV"])).unwrap();
    y
}

#[test]
fn reports_written_to_the_contract_render_and_lint_clean_in_both_formats() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let renderer = Renderer::new().unwrap();
    let name = Path::new("generated.yaml");
    runner
        .run(&any::<u64>(), |seed| {
            let text = report(seed);
            let rendered = renderer
                .render_text(name, text.clone(), &[Format::Pdf, Format::Docx])
                .map_err(|d| TestCaseError::fail(format!("seed {seed}: refused {d:?}\n{text}")))?;
            for (format, bytes) in &rendered.outputs {
                let found = lint::lint_bytes(name, bytes, &Options::default()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                let failed: Vec<String> = found
                    .findings
                    .iter()
                    .filter(|f| matches!(f.status, Status::Fail | Status::Warn))
                    .map(|f| format!("{} {}", f.rule, f.found.en))
                    .collect();
                if !failed.is_empty() {
                    return Err(TestCaseError::fail(format!("seed {seed}, {format:?}: {failed:#?}\n{text}")));
                }
            }
            Ok(())
        })
        .unwrap();
}
