//! Engine-level tests: a full render of a realistic report (Bình Liêu 2020),
//! omitted sections, escaping end to end, overrides and template diagnostics.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::data::model::*;
use crate::doc::{Align, Block, Paragraph, Role, Run};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn s(x: &str) -> String {
    x.to_string()
}

/// The Bình Liêu review of 2020, from the seed article of 02/04/2021.
fn binh_lieu() -> Report {
    Report {
        template: None,
        document: DocumentInfo {
            doc_type: s("BC"),
            number: Some(45),
            place: s("Bình Liêu"),
            date: date(2021, 3, 31),
            summary: s("Tổng kết Chương trình phối hợp công tác năm 2020 và ký kết Chương trình phối hợp năm 2021"),
            to: vec![s("Ban Thường vụ Huyện ủy")],
            size_set: SizeSet::S14,
            type_name: None,
            joint_code: None,
            style: Default::default(),
        },
        issuers: vec![Issuer {
            system: System::State,
            parent: Some(s("UBND TỈNH QUẢNG NINH")),
            name: vec![s("ỦY BAN NHÂN DÂN"), s("HUYỆN BÌNH LIÊU")],
            code: s("UBND"),
            number: None,
        }],
        period: Period { kind: PeriodKind::Year { year: 2020 }, cutoff: Some(date(2020, 12, 15)) },
        programme: Some(Programme {
            name: s("Chương trình phối hợp công tác năm 2020"),
            parties: vec![
                s("Ủy ban nhân dân huyện"),
                s("Ban Dân vận Huyện ủy"),
                s("Cơ quan Khối MTTQ và các đoàn thể chính trị - xã hội huyện"),
            ],
        }),
        meeting: Some(Meeting {
            date: Some(date(2021, 3, 31)),
            chairs: vec![
                Person { name: s("Nguyễn Thị Tuyết Hạnh"), title: s("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện") },
                Person { name: s("Hoàng Thị Lan"), title: s("Trưởng Ban Dân vận Huyện ủy") },
            ],
        }),
        results: Results {
            tasks: vec![
                Task {
                    name: s("Tuyên truyền, vận động Nhân dân thực hiện chủ trương của Đảng, chính sách của Nhà nước"),
                    lead: s("Phòng Văn hóa và Thông tin"),
                    partners: vec![s("Ủy ban MTTQ huyện")],
                    status: TaskStatus::Done,
                    note: Some(s("Tổ chức 24 buổi tuyên truyền")),
                    deadline: None,
                },
                Task {
                    name: s("Phấn đấu đưa 03 xã Đồng Văn, Lục Hồn và Vô Ngại hoàn thành chương trình xây dựng nông thôn mới"),
                    lead: s("Văn phòng Điều phối nông thôn mới"),
                    partners: vec![],
                    status: TaskStatus::InProgress,
                    note: None,
                    deadline: None,
                },
            ],
            models: Some(Models {
                registered: Some(53),
                recognized: vec![LevelCount { level: s("province"), count: 1 }, LevelCount { level: s("district"), count: 15 }],
                examples: vec![ModelExample {
                    name: s("Mô hình \"Tổ liên gia tự quản về an ninh trật tự\""),
                    unit: Some(s("Xã Lục Hồn")),
                    field: Some(s("quốc phòng - an ninh")),
                }],
            }),
            complaints: Some(Complaints { received: 47, resolved: 47 }),
            indicators: vec![
                Indicator {
                    name: s("Tốc độ tăng trưởng kinh tế bình quân"),
                    value: 19.4,
                    unit: Some(s("%/năm")),
                    target: Some(15.0),
                    previous: Some(17.2),
                    of: None,
                    series: vec![],
                },
                Indicator {
                    name: s("Số xã đạt chuẩn nông thôn mới"),
                    value: 7.0,
                    unit: Some(s("xã")),
                    target: None,
                    previous: None,
                    of: Some(11.0),
                    series: vec![],
                },
            ],
            commendations: vec![Commendation { by: s("Ủy ban nhân dân huyện"), collectives: 5, individuals: 10 }],
            series_years: vec![],
        },
        sections: Sections {
            situation: vec![s("Năm 2020, tình hình an ninh chính trị trên địa bàn huyện **ổn định**; \
                 dịch Covid-19 ảnh hưởng đến nhiều hoạt động phối hợp.")],
            achievements: vec![
                s("Các bên đã phối hợp chặt chẽ, đúng kế hoạch."),
                s("Tổ chức thành công Lễ kỷ niệm 70 năm giải phóng huyện."),
            ],
            limitations: vec![s("- Một số nội dung còn chậm;\n- Việc nắm tình hình Nhân dân có lúc chưa kịp thời.")],
            causes: vec![],
            lessons: vec![],
            next_tasks: vec![s("Tiếp tục phối hợp thực hiện *Năm dân vận chính quyền 2021*.")],
            proposals: vec![],
            purpose: vec![],
            implementation: vec![],
        },
        signers: vec![],
        recipients: vec![],
        archive: vec![],
        rollup: None,
    }
}

fn engine() -> Engine {
    Engine::builtin().unwrap_or_else(|d| panic!("built-in templates must compile: {d:?}"))
}

fn text(b: &Block) -> String {
    match b {
        Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
        Block::Table(_) => "<table>".to_string(),
    }
}

fn ptext(p: &Paragraph) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect()
}

fn para(b: &Block) -> &Paragraph {
    match b {
        Block::Paragraph(p) => p,
        Block::Table(t) => panic!("expected a paragraph, got {t:?}"),
    }
}

fn headings(blocks: &[Block]) -> Vec<String> {
    blocks.iter().filter(|b| matches!(b, Block::Paragraph(p) if p.role != Role::Body)).map(text).collect()
}

fn find<'a>(blocks: &'a [Block], start: &str) -> &'a Paragraph {
    blocks
        .iter()
        .find(|b| text(b).starts_with(start))
        .map(para)
        .unwrap_or_else(|| panic!("no paragraph starts with {start:?}; have {:#?}", blocks.iter().map(text).collect::<Vec<_>>()))
}

#[test]
fn engine_is_send_sync_and_lists_its_templates() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Engine>();
    let names = engine().names();
    assert!(names.contains(&(s("bao-cao-ket-qua"), s("built-in"))));
    assert!(names.contains(&(s("tasks"), s("built-in"))));
    assert_eq!(names.len(), BUILTIN.len());
}

#[test]
fn full_report_binh_lieu_2020() {
    let blocks = engine().render_body(&binh_lieu(), Path::new("binh-lieu.yaml")).unwrap();

    assert_eq!(
        headings(&blocks),
        [
            "I. ĐẶC ĐIỂM TÌNH HÌNH",
            "II. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP",
            "1. Kết quả thực hiện các nội dung phối hợp",
            "2. Phong trào thi đua “Dân vận khéo”",
            "3. Công tác tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo",
            "4. Kết quả thực hiện một số chỉ tiêu chủ yếu",
            "5. Công tác thi đua, khen thưởng",
            "III. ĐÁNH GIÁ CHUNG",
            "1. Những kết quả đạt được",
            "2. Tồn tại, hạn chế",
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021",
        ]
    );

    // Opening paragraph: programme, parties, period and the meeting with its two chairs.
    let opening = text(&blocks[0]);
    assert_eq!(
        opening,
        "Thực hiện Chương trình phối hợp công tác năm 2020 giữa Ủy ban nhân dân huyện, Ban Dân vận Huyện ủy \
         và Cơ quan Khối MTTQ và các đoàn thể chính trị - xã hội huyện, các cơ quan, đơn vị đã \
         chủ động tổ chức triển khai các nội dung phối hợp theo chức năng, nhiệm vụ được giao. Ngày 31/3/2021, \
         các bên đã tổ chức hội nghị tổng kết, đánh giá kết quả thực hiện Chương trình; \
         đồng chí Nguyễn Thị Tuyết Hạnh, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện và đồng chí Hoàng Thị Lan, \
         Trưởng Ban Dân vận Huyện ủy đồng chủ trì hội nghị. Số liệu trong báo cáo tính đến ngày 15/12/2020. \
         Kết quả thực hiện cụ thể như sau:"
    );
    let p0 = para(&blocks[0]);
    assert_eq!((p0.role, p0.align, p0.first_line_indent), (Role::Body, Align::Justify, true));

    // Narrative Markdown keeps its emphasis.
    let situation = find(&blocks, "Năm 2020, tình hình");
    assert!(situation.runs.contains(&Run::bold("ổn định")), "{:?}", situation.runs);

    // Tasks: counts, then the table.
    assert_eq!(
        ptext(find(&blocks, "Trong năm 2020, các cơ quan, đơn vị đã triển khai")),
        "Trong năm 2020, các cơ quan, đơn vị đã triển khai 2 nội dung phối hợp; trong đó hoàn thành 1 nội dung, \
         đang thực hiện 1 nội dung. Kết quả cụ thể như sau:"
    );
    let table = blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the tasks table");
    let header: Vec<String> = table.header.iter().map(|c| c.runs.iter().map(|r| r.text.as_str()).collect()).collect();
    assert_eq!(header, ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Kết quả"]);
    let cells = |row: usize| -> Vec<String> { table.rows[row].iter().map(|c| c.runs.iter().map(|r| r.text.as_str()).collect()).collect() };
    assert_eq!(
        cells(0),
        [
            "1",
            "Tuyên truyền, vận động Nhân dân thực hiện chủ trương của Đảng, chính sách của Nhà nước",
            "Phòng Văn hóa và Thông tin; phối hợp: Ủy ban MTTQ huyện",
            "Hoàn thành. Tổ chức 24 buổi tuyên truyền",
        ]
    );
    assert_eq!(cells(1)[0], "2");
    assert_eq!(cells(1)[3], "Đang thực hiện");
    assert_eq!(table.rows[0][0].align, Align::Center);
    assert_eq!(table.rows[0][1].align, Align::Left);
    assert!(table.widths[1] > table.widths[0] * 3.0, "{:?}", table.widths);

    // Models: registered, recognised by level, an example.
    assert_eq!(
        ptext(find(&blocks, "Phong trào thi đua “Dân vận khéo” năm 2020")),
        "Phong trào thi đua “Dân vận khéo” năm 2020 có 53 mô hình đăng ký thực hiện. \
         Kết quả có 16 mô hình, điển hình “Dân vận khéo” được công nhận, tuyên dương (cấp tỉnh 01, cấp huyện 15)."
    );
    assert_eq!(
        ptext(find(&blocks, "- Mô hình")),
        "- Mô hình \"Tổ liên gia tự quản về an ninh trật tự\" (Xã Lục Hồn, lĩnh vực quốc phòng - an ninh)."
    );

    // Complaints with the computed rate.
    assert_eq!(
        ptext(find(&blocks, "Các cơ quan chức năng đã tiếp nhận")),
        "Các cơ quan chức năng đã tiếp nhận 47 đơn thư khiếu nại, tố cáo thuộc thẩm quyền; \
         đã giải quyết 47/47 đơn, đạt 100%."
    );

    // Indicators compared with the plan and with 2019.
    assert_eq!(
        ptext(find(&blocks, "- Tốc độ tăng trưởng")),
        "- Tốc độ tăng trưởng kinh tế bình quân: 19,4%/năm, vượt 4,4 điểm % so với kế hoạch (kế hoạch 15%/năm), \
         tăng 2,2 điểm % so với năm 2019;"
    );
    assert_eq!(ptext(find(&blocks, "- Số xã")), "- Số xã đạt chuẩn nông thôn mới: 7/11 xã.");

    assert_eq!(
        ptext(find(&blocks, "Ủy ban nhân dân huyện đã khen thưởng")),
        "Ủy ban nhân dân huyện đã khen thưởng 5 tập thể và 10 cá nhân có thành tích tiêu biểu trong thực hiện \
         Chương trình phối hợp công tác năm 2020."
    );

    // A user's Markdown list becomes "- " paragraphs.
    assert_eq!(ptext(find(&blocks, "- Một số nội dung")), "- Một số nội dung còn chậm;");
    let next = find(&blocks, "Tiếp tục phối hợp");
    assert!(next.runs.contains(&Run::italic("Năm dân vận chính quyền 2021")));

    // Closing sentence (C-02) ends with "./." for a state lead (C-01).
    let last = blocks.last().unwrap();
    assert_eq!(
        text(last),
        "Trên đây là báo cáo kết quả thực hiện Chương trình phối hợp công tác năm 2020, kính báo cáo \
         Ban Thường vụ Huyện ủy xem xét, chỉ đạo./."
    );
}

#[test]
fn absent_sections_leave_no_gaps_and_party_closes_with_a_dot() {
    let mut r = binh_lieu();
    r.sections.situation.clear();
    r.sections.achievements.clear();
    r.sections.limitations.clear();
    r.results.tasks.clear();
    r.results.models = None;
    r.results.indicators.clear();
    r.results.commendations.clear();
    r.meeting = None;
    r.sections.proposals = vec![s("Đề nghị Ban Thường vụ Huyện ủy quan tâm chỉ đạo.")];
    r.issuers[0].system = System::Party;
    r.document.to.clear();
    r.period = Period { kind: PeriodKind::Quarter { year: 2017, quarter: 3 }, cutoff: None };
    let blocks = engine().render_body(&r, Path::new("q3.yaml")).unwrap();
    assert_eq!(
        headings(&blocks),
        [
            "I. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP",
            "1. Công tác tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo",
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2017",
            "III. ĐỀ XUẤT, KIẾN NGHỊ",
        ]
    );
    assert!(text(&blocks[0]).contains("trong quý III năm 2017 các cơ quan"), "{}", text(&blocks[0]));
    assert!(!text(&blocks[0]).contains("hội nghị"));
    assert_eq!(text(blocks.last().unwrap()), "Trên đây là báo cáo kết quả thực hiện Chương trình phối hợp công tác năm 2020.");
}

#[test]
fn minimal_report_has_only_opening_and_closing() {
    let mut r = binh_lieu();
    r.programme = None;
    r.meeting = None;
    r.results = Results::default();
    r.sections = Sections::default();
    r.document.to.clear();
    r.period = Period { kind: PeriodKind::Span { from: 2016, to: 2021 }, cutoff: None };
    let blocks = engine().render_body(&r, Path::new("min.yaml")).unwrap();
    let texts: Vec<String> = blocks.iter().map(text).collect();
    assert_eq!(
        texts,
        [
            "Trong giai đoạn 2016 - 2021, các cơ quan, đơn vị đã chủ động tổ chức triển khai các nội dung công tác \
             phối hợp theo chức năng, nhiệm vụ được giao. Kết quả thực hiện cụ thể như sau:",
            "Trên đây là báo cáo kết quả thực hiện công tác phối hợp giai đoạn 2016 - 2021./.",
        ]
    );
}

#[test]
fn complaints_partly_resolved_and_none_received() {
    let mut r = binh_lieu();
    r.results.complaints = Some(Complaints { received: 47, resolved: 46 });
    let blocks = engine().render_body(&r, Path::new("a.yaml")).unwrap();
    assert_eq!(
        ptext(find(&blocks, "Các cơ quan chức năng")),
        "Các cơ quan chức năng đã tiếp nhận 47 đơn thư khiếu nại, tố cáo thuộc thẩm quyền; \
         đã giải quyết 46/47 đơn, đạt 97,9%. Còn 1 đơn chưa giải quyết xong."
    );
    r.results.complaints = Some(Complaints { received: 0, resolved: 0 });
    let blocks = engine().render_body(&r, Path::new("a.yaml")).unwrap();
    assert_eq!(
        ptext(find(&blocks, "Trong năm 2020, không phát sinh")),
        "Trong năm 2020, không phát sinh đơn thư khiếu nại, tố cáo thuộc thẩm quyền."
    );
}

#[test]
fn data_values_print_literally_in_the_final_blocks() {
    let nasty = [
        "Tên *có sao* và _gạch_",
        "# Không phải tiêu đề",
        "Cột | ống",
        "[liên kết](http://x)",
        "`mã` và \\ gạch chéo",
        "<b>thẻ</b>",
        "1. Không phải danh sách",
        "- Không phải gạch đầu dòng",
        "+ Không phải dấu cộng",
    ];
    let mut r = binh_lieu();
    r.results.commendations = nasty.iter().map(|n| Commendation { by: s(n), collectives: 1, individuals: 0 }).collect();
    r.results.tasks[0].name = s("Việc | có *ống* và # dấu");
    r.results.tasks[0].lead = s("1. Phòng");
    let blocks = engine().render_body(&r, Path::new("esc.yaml")).unwrap();
    for n in nasty {
        let p = find(&blocks, n);
        assert_eq!(
            ptext(p),
            format!("{n} đã khen thưởng 1 tập thể có thành tích tiêu biểu trong thực hiện Chương trình phối hợp công tác năm 2020.")
        );
        assert_eq!(p.role, Role::Body);
        assert!(p.runs.iter().all(|r| !r.bold && !r.italic), "{n}: {:?}", p.runs);
    }
    let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!() };
    assert_eq!(t.header.len(), 4, "a pipe in a value must not add a column");
    let cell = |i: usize| -> String { t.rows[0][i].runs.iter().map(|r| r.text.as_str()).collect() };
    assert_eq!(cell(1), "Việc | có *ống* và # dấu");
    assert_eq!(cell(2), "1. Phòng; phối hợp: Ủy ban MTTQ huyện");
}

#[test]
fn unknown_template_name_is_a_diagnostic() {
    let mut r = binh_lieu();
    r.template = Some(s("bao-cao-khac"));
    let diags = engine().render_body(&r, Path::new("x.yaml")).unwrap_err();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].file, Path::new("x.yaml"));
    assert!(diags[0].message.contains("unknown template `bao-cao-khac`"), "{}", diags[0]);
    assert!(diags[0].hint.as_deref().unwrap().contains("bao-cao-ket-qua"));
}

#[test]
fn overrides_replace_partials_and_report_errors_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("partials")).unwrap();
    // Replace one partial: the rest stays built-in.
    std::fs::write(dir.path().join("partials/closing.hbs"), "Kết thúc {{period_text period}}./.\n").unwrap();
    let engine = Engine::with_overrides(dir.path()).unwrap();
    let closing_origin = engine.names().into_iter().find(|(n, _)| n == "closing").unwrap().1;
    assert!(closing_origin.ends_with("closing.hbs") && closing_origin != "built-in");
    // A report whose `template:` named this folder: the caller resolved it
    // (`resolve`) and cleared the key, so the default template renders.
    let r = binh_lieu();
    let blocks = engine.render_body(&r, Path::new("x.yaml")).unwrap();
    assert_eq!(text(blocks.last().unwrap()), "Kết thúc năm 2020./.");
    assert_eq!(headings(&blocks)[0], "I. ĐẶC ĐIỂM TÌNH HÌNH");

    // Two broken files: both reported, each with its own file, line and column.
    std::fs::write(dir.path().join("partials/tasks.hbs"), "ok\n{{#if results.tasks}}\nno end\n").unwrap();
    std::fs::write(dir.path().join("partials/models.hbs"), "line one\n  {{#each x}}{{/if}}\n").unwrap();
    let diags = Engine::with_overrides(dir.path()).unwrap_err();
    assert_eq!(diags.len(), 2, "{diags:?}");
    let models = diags.iter().find(|d| d.file.ends_with("partials/models.hbs")).expect("models diagnostic");
    assert!(models.message.contains("`models`"), "{models}");
    assert_eq!(models.line, 2, "{models}");
    assert!(models.column > 0, "{models}");
    assert!(diags.iter().any(|d| d.file.ends_with("partials/tasks.hbs") && d.message.contains("`tasks`")));
}

#[test]
fn a_misspelt_field_is_a_render_diagnostic_in_the_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("closing.hbs"), "Dòng một.\n\nKết thúc {{programe.name}}./.\n").unwrap();
    let engine = Engine::with_overrides(dir.path()).unwrap();
    let diags = engine.render_body(&binh_lieu(), Path::new("bl.yaml")).unwrap_err();
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert!(d.file.ends_with("closing.hbs"), "{d}");
    assert_eq!(d.line, 3, "{d}");
    assert!(d.message.contains("`programe.name`") && d.message.contains("bl.yaml"), "{d}");
}

#[test]
fn template_key_resolves_once_to_a_name_a_folder_or_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("mau-xa")).unwrap();
    std::fs::create_dir(dir.path().join("tong-hop")).unwrap();
    let unit = dir.path().join("xa.yaml");
    let engine = engine();
    let registered = |n: &str| engine.has(n);
    assert_eq!(resolve("tong-hop", &unit, registered), Choice::Name, "a registered name wins over a folder");
    assert_eq!(resolve("mau-xa", &unit, registered), Choice::Folder(dir.path().join("mau-xa")));
    assert_eq!(resolve("./khong-co", &unit, registered), Choice::MissingFolder(dir.path().join("./khong-co")));
    // Neither a template nor a folder nor a path: the engine refuses it with the known names.
    assert_eq!(resolve("khong-co", &unit, registered), Choice::Name);
    let mut r = binh_lieu();
    r.template = Some(s("khong-co"));
    assert!(engine.render_body(&r, &unit).is_err());
}

#[test]
fn built_in_templates_compile_whole_and_pass_every_structure_check() {
    // The product compiles built-ins on first use and skips these checks.
    let engine = Engine::builtin_checked().unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(engine.names(), Engine::builtin().unwrap().names());
}

#[test]
fn a_template_compiles_with_exactly_the_partials_it_includes() {
    let engine = Engine::builtin().unwrap();
    let parts = engine.included("bao-cao-ket-qua");
    for part in ["opening", "meeting", "cutoff", "results", "tasks", "models", "paragraphs", "closing"] {
        assert!(parts.contains(part), "{part} in {parts:?}");
    }
    assert!(!parts.contains("rollup") && !parts.contains("tong-hop"), "{parts:?}");
    assert_eq!(engine.included("chuong-trinh-phoi-hop").into_iter().collect::<Vec<_>>(), ["chuong-trinh-phoi-hop", "paragraphs"]);
    assert_eq!(super::partial_names("a {{> x}} b {{~#> y-z ctx}}{{/y-z}} {{> (lookup . \"n\")}}"), ["x", "y-z", ""]);
}
