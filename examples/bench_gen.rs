//! Generates synthetic batch input for the benchmark (`scripts/bench.sh`):
//! N communes (default 3,321, the number of communes in Vietnam after the
//! 2025 merger) spread over districts of about 30, each with realistic
//! Vietnamese text, a 15-row task table, models, complaints and indicators;
//! a province `_defaults.yaml` and one per district (two-level inheritance).
//!
//! Usage: cargo run --release --example bench_gen -- [N] DIR [--summary]
//! Deterministic: the same N gives the same files.

use std::fmt::Write as _;
use std::path::Path;

const SYLLABLES: &[&str] = &[
    "An", "Bình", "Cẩm", "Đông", "Hòa", "Hưng", "Khánh", "Lạc", "Lâm", "Long", "Minh", "Mỹ", "Nghĩa", "Phú", "Phúc", "Quang", "Sơn", "Tân",
    "Thạnh", "Thịnh", "Thuận", "Tiến", "Trung", "Vĩnh", "Xuân", "Yên", "Hồng", "Đức", "Thái", "Hải", "Lục", "Hồn", "Vô", "Ngại", "Đồng",
    "Văn", "Hoành", "Mô", "Húc", "Động",
];
const LEADS: &[&str] = &[
    "Văn phòng HĐND và UBND xã",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Văn hóa - Xã hội",
    "Ban Chỉ huy Quân sự xã",
    "Công an xã",
    "Ủy ban MTTQ Việt Nam xã",
    "Hội Nông dân xã",
    "Hội Liên hiệp Phụ nữ xã",
    "Đoàn Thanh niên xã",
];
const TASKS: &[&str] = &[
    "Tuyên truyền, vận động Nhân dân chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
    "Tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo đúng thẩm quyền và quy định của pháp luật",
    "Cuộc vận động \"Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh\"",
    "Phong trào \"Toàn dân bảo vệ an ninh Tổ quốc\" gắn với xây dựng thôn, khu phố an toàn",
    "Hòa giải ở cơ sở, giải quyết kịp thời các mâu thuẫn, tranh chấp nhỏ trong Nhân dân",
    "Cải cách thủ tục hành chính, nâng cao chất lượng phục vụ tại Bộ phận một cửa",
    "Vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn",
    "Thực hiện chính sách đối với người có công, hộ nghèo, hộ cận nghèo",
    "Giữ gìn vệ sinh môi trường, phân loại rác thải tại hộ gia đình",
    "Phong trào \"Toàn dân đoàn kết xây dựng đời sống văn hóa\" ở khu dân cư",
    "Tổ chức lấy ý kiến Nhân dân về các dự án trên địa bàn",
    "Vận động thanh niên thực hiện nghĩa vụ quân sự",
    "Phát triển kinh tế hộ gia đình, chuyển đổi cơ cấu cây trồng, vật nuôi",
    "Chuyển đổi số, hướng dẫn Nhân dân sử dụng dịch vụ công trực tuyến",
    "Phòng, chống thiên tai, tìm kiếm cứu nạn",
    "Xây dựng, nhân rộng mô hình \"Dân vận khéo\" trong phát triển kinh tế",
    "Thực hiện Quy chế dân chủ ở cơ sở",
];
const NOTES: &[&str] = &[
    "Tổ chức 12 buổi tuyên truyền tại các thôn",
    "Hoàn thành trước thời hạn",
    "Còn 01 hồ sơ đang xử lý",
    "Chuyển sang năm sau tiếp tục thực hiện",
    "Được Nhân dân đồng tình, hưởng ứng",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(SYLLABLES), rng.pick(SYLLABLES))
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let summary = args.iter().any(|a| a == "--summary");
    args.retain(|a| a != "--summary");
    let (n, dir) = match args.as_slice() {
        [dir] => (3321, dir.clone()),
        [n, dir] => (n.parse().expect("N is a number"), dir.clone()),
        _ => {
            eprintln!("usage: bench_gen [N] DIR [--summary]");
            std::process::exit(2);
        }
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("_defaults.yaml"), PROVINCE).unwrap();
    if summary {
        std::fs::write(dir.join("summary.yaml"), SUMMARY).unwrap();
    }
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let per_district = 30;
    for i in 0..n {
        let d = i / per_district;
        let district_dir = dir.join(format!("huyen-{d:03}"));
        if i % per_district == 0 {
            std::fs::create_dir_all(&district_dir).unwrap();
            let district = name(&mut rng);
            let defaults = format!(
                "document:\n  place: {district}\nrecipients:\n  - Ủy ban nhân dân huyện {district} (b/c)\n  - Ban Dân vận Huyện ủy {district}\n  - Ủy ban MTTQ Việt Nam huyện {district}\n"
            );
            std::fs::write(district_dir.join("_defaults.yaml"), defaults).unwrap();
        }
        let commune = name(&mut rng);
        std::fs::write(district_dir.join(format!("xa-{i:04}.yaml")), unit(&mut rng, &commune)).unwrap();
    }
    eprintln!("{n} communes written to {}", dir.display());
}

fn unit(rng: &mut Rng, commune: &str) -> String {
    let upper = commune.to_uppercase();
    let chair = format!(
        "{} {} {}",
        rng.pick(&["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]),
        rng.pick(&["Văn", "Thị", "Đức", "Minh"]),
        rng.pick(SYLLABLES)
    );
    let mut s = String::new();
    let _ = write!(
        s,
        "issuers:\n  - system: state\n    parent: UBND HUYỆN\n    name: [ỦY BAN NHÂN DÂN, XÃ {upper}]\n    code: UBND\n\
         signers:\n  - authority: TM\n    on_behalf_of: ỦY BAN NHÂN DÂN\n    title: CHỦ TỊCH\n    name: {chair}\n\
         results:\n  tasks:\n"
    );
    for k in 0..15 {
        let status = match rng.below(10) {
            0 => "not_done",
            1 | 2 => "in_progress",
            _ => "done",
        };
        let _ = writeln!(
            s,
            "    - name: {}\n      lead: {}\n      status: {status}",
            TASKS[(k + rng.below(3) as usize) % TASKS.len()],
            rng.pick(LEADS)
        );
        if rng.below(2) == 0 {
            let _ = writeln!(s, "      note: {}", rng.pick(NOTES));
        }
    }
    let received = rng.below(20);
    let resolved = received - rng.below(received.min(3) + 1);
    let _ = write!(
        s,
        concat!(
            "  models:\n    registered: {}\n    recognized: {{district: {}, province: {}}}\n",
            "  complaints: {{received: {}, resolved: {}}}\n",
            "  indicators:\n    - {{name: Số thôn đạt chuẩn nông thôn mới, value: {}, of: 12, unit: thôn}}\n    - {{name: Tỷ lệ hộ nghèo, value: {}.{}, unit: \"%\", previous: 6.1}}\n"
        ),
        3 + rng.below(8),
        rng.below(3),
        rng.below(2),
        received,
        resolved,
        4 + rng.below(8),
        2 + rng.below(4),
        rng.below(10),
    );
    // Written line by line: a `\` line continuation would eat the indentation.
    let sections = [
        "sections:".to_string(),
        "  situation:".to_string(),
        format!("    - Năm 2020, xã {commune} triển khai nhiệm vụ phát triển kinh tế - xã hội trong điều kiện còn nhiều khó khăn; Ủy ban nhân dân xã phối hợp chặt chẽ với Ủy ban MTTQ và các đoàn thể chính trị - xã hội xã tổ chức thực hiện các nội dung của chương trình phối hợp, xác định rõ trách nhiệm của từng bên."),
        "    - Tình hình tư tưởng của cán bộ, đảng viên và Nhân dân cơ bản ổn định; Nhân dân tin tưởng vào sự lãnh đạo của Đảng, sự điều hành của chính quyền, tích cực tham gia các phong trào thi đua yêu nước.".to_string(),
        "  achievements:".to_string(),
        "    - Công tác tuyên truyền, vận động được thực hiện thường xuyên, với nhiều hình thức phù hợp; các phong trào thi đua, cuộc vận động được Nhân dân hưởng ứng tích cực, góp phần hoàn thành các chỉ tiêu kinh tế - xã hội của xã.".to_string(),
        "  limitations:".to_string(),
        "    - Việc phối hợp ở một số nội dung có lúc chưa chặt chẽ; chế độ thông tin, báo cáo còn chậm so với yêu cầu.".to_string(),
        "  next_tasks:".to_string(),
        "    - Tiếp tục phối hợp tuyên truyền, vận động Nhân dân thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; nâng cao chất lượng tiếp công dân, giải quyết đơn thư ngay từ cơ sở.".to_string(),
        "  proposals:".to_string(),
        "    - Đề nghị Ủy ban nhân dân huyện quan tâm hỗ trợ kinh phí cho các mô hình \"Dân vận khéo\" tiêu biểu của xã.".to_string(),
    ];
    s.push_str(&sections.join("\n"));
    s.push('\n');
    s
}

const PROVINCE: &str = "\
# Province level: shared by every commune (generated for the benchmark).
document:
  type: BC
  place: Quảng Ninh
  date: 2021-01-15
  summary: Kết quả thực hiện Chương trình phối hợp công tác dân vận chính quyền năm 2020
period:
  year: 2020
  cutoff: 2020-12-15
programme:
  name: Chương trình phối hợp công tác dân vận chính quyền năm 2020
  parties: [Ủy ban nhân dân xã, Ủy ban MTTQ Việt Nam xã và các đoàn thể chính trị - xã hội xã]
archive: [VT, VP]
";

const SUMMARY: &str = "\
document:
  summary: Tổng hợp kết quả thực hiện công tác dân vận chính quyền năm 2020 của các xã
issuers:
  - system: state
    name: [ỦY BAN NHÂN DÂN, TỈNH QUẢNG NINH]
    code: UBND
signers:
  - authority: TM
    on_behalf_of: ỦY BAN NHÂN DÂN
    title: CHỦ TỊCH
    name: Nguyễn Văn Thắng
recipients: [Ban Thường vụ Tỉnh ủy (b/c)]
";
