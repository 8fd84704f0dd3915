//! Tests of loading: a full valid file, and each kind of problem with its
//! exact rendered diagnostic.

use std::path::Path;

use super::model::*;
use super::*;

const FULL: &str = r#"template: bao-cao-ket-qua        # optional: a built-in template name, or a folder path
                                 # (relative to this file) that overrides built-in templates

document:
  type: BC                       # ND30 abbreviation of the document type: BC, CTr, KH, TB ...
                                 # BC -> "BÁO CÁO", CTr -> "CHƯƠNG TRÌNH", KH -> "KẾ HOẠCH"
  number: 45                     # optional; absent = unregistered draft, printed "Số:    /BC-UBND"
  place: Bình Liêu               # địa danh, printed before the date
  date: 2021-03-31               # ngày ban hành -> "Bình Liêu, ngày 31 tháng 3 năm 2021"
  summary: Tổng kết Chương trình phối hợp công tác năm 2020 và ký kết Chương trình phối hợp năm 2021
                                 # trích yếu (bold line under the type name)
  to: [Ban Thường vụ Huyện ủy]   # optional "Kính gửi:" (reports sent upward)
  size_set: 14                   # optional: 13 or 14 (ND30 consistent size set), default 14

issuers:                         # one or more; the FIRST one leads (chủ trì)
  - system: state                # state (Nghị định 30) | party (văn bản của Đảng) | front (MTTQ, đoàn thể)
    parent: UBND TỈNH QUẢNG NINH # optional: cơ quan chủ quản, not bold
    name: [ỦY BAN NHÂN DÂN, HUYỆN BÌNH LIÊU]   # the issuing body, one string or a list of lines
    code: UBND                   # the issuer's symbol in the number: "Số: 45/BC-UBND"
                                 # party example: code BDVHU -> "Số 45-BC/BDVHU"
    number: 12                   # optional: this issuer's own number in a joint document

period:                          # exactly one of the three forms
  year: 2020                     #   a year
  # quarter: 3                   #   with year: a quarter ("quý III năm 2017")
  # from: 2016                   #   a span of years ("giai đoạn 2016 - 2021"), with to:
  # to: 2021
  cutoff: 2020-12-15             # optional: thời điểm chốt số liệu

programme:                       # the cooperation programme the report is about
  name: Chương trình phối hợp công tác năm 2020
  parties: [Ủy ban nhân dân huyện, Ban Dân vận Huyện ủy, Cơ quan Khối MTTQ và các đoàn thể chính trị - xã hội huyện]

meeting:                         # optional: the conference or signing ceremony
  date: 2021-03-31
  chairs:
    - name: Nguyễn Thị Tuyết Hạnh
      title: Phó Bí thư Huyện ủy, Chủ tịch UBND huyện

results:                         # every part optional
  tasks:                         # đầu việc of the programme
    - name: Tuyên truyền, vận động Nhân dân thực hiện chủ trương của Đảng, chính sách của Nhà nước
      lead: Phòng Văn hóa và Thông tin       # đơn vị chủ trì
      partners: [Ủy ban MTTQ huyện]          # optional
      status: done                           # done | in_progress | not_done
      note: Tổ chức 24 buổi tuyên truyền     # optional
  models:                        # phong trào thi đua "Dân vận khéo"
    registered: 53               # mô hình đăng ký
    recognized:                  # điển hình được tuyên dương, by level
      province: 1
      district: 15
    examples:                    # optional
      - name: Mô hình "Tổ liên gia tự quản về an ninh trật tự"
        unit: Xã Lục Hồn
        field: quốc phòng - an ninh
  complaints:                    # đơn thư khiếu nại, tố cáo
    received: 47                 # thuộc thẩm quyền
    resolved: 47                 # -> "đạt 100%"
  indicators:                    # any named figures
    - name: Tốc độ tăng trưởng kinh tế bình quân
      value: 19.4
      unit: "%/năm"
      target: 15                 # optional: kế hoạch
      previous: 17.2             # optional: same figure a period earlier
    - name: Số xã đạt chuẩn nông thôn mới
      value: 7
      of: 11                     # optional: "7/11 xã"
      unit: xã
  commendations:                 # khen thưởng
    - by: Ủy ban nhân dân huyện
      collectives: 5
      individuals: 10

sections:                        # the narrative, in Markdown; each is a string or a list of paragraphs
  situation: Năm 2020, tình hình kinh tế - xã hội của huyện tiếp tục phát triển.                 # tình hình chung / đặc điểm
  achievements:                  # kết quả đạt được
    - Các cơ quan đã phối hợp **chặt chẽ** trong triển khai nhiệm vụ.
    - |
      Công tác dân vận được quan tâm:
      - tuyên truyền;
      - vận động.
  limitations: Một số nhiệm vụ còn chậm.               # tồn tại, hạn chế
  causes: Do ảnh hưởng của dịch Covid-19.                    # nguyên nhân
  lessons: Phát huy vai trò của người đứng đầu.                   # bài học kinh nghiệm
  next_tasks: Tiếp tục đẩy mạnh phong trào "Dân vận khéo".                # phương hướng, nhiệm vụ thời gian tới
  proposals: Đề nghị Ban Dân vận Tỉnh ủy quan tâm hướng dẫn.                 # đề xuất, kiến nghị

signers:                         # one per signing body, left to right as printed
  - issuer: UBND                 # the code of the issuer this signer signs for (default: the lead)
    authority: TM                # TM | KT | Q | TL | TUQ | none  (party documents print T/M, K/T, T/L)
    on_behalf_of: ỦY BAN NHÂN DÂN   # optional: the collective, printed "TM. ỦY BAN NHÂN DÂN"
    title: CHỦ TỊCH              # the signer's own position (chức vụ)
    name: Nguyễn Thị Tuyết Hạnh
  # a deputy signing for the head of a collective body prints three lines,
  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH":
  #   authority: KT, on_behalf_of: ỦY BAN NHÂN DÂN, head: CHỦ TỊCH, title: PHÓ CHỦ TỊCH
  # head: the title of the head that KT., Q., TL. or TUQ. act for

recipients:                      # "Nơi nhận:" lines, without the leading "- " and the final ";"
  - Thường trực Huyện ủy (b/c)
  - Ban Dân vận Tỉnh ủy
archive: [VT, VP]                # -> "- Lưu: VT, VP." (party documents: "- Lưu VP.")
"#;

fn ymd(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn full_contract_example_loads() {
    let loaded = load(Path::new("report.yaml"), FULL).unwrap_or_else(|d| {
        panic!("{}", d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))
    });
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let r = loaded.report;
    assert_eq!(r.template.as_deref(), Some("bao-cao-ket-qua"));
    assert_eq!(r.document.doc_type, "BC");
    assert_eq!(r.document.number, Some(45));
    assert_eq!(r.document.place, "Bình Liêu");
    assert_eq!(r.document.date, ymd(2021, 3, 31));
    assert_eq!(
        r.document.summary,
        "Tổng kết Chương trình phối hợp công tác năm 2020 và ký kết Chương trình phối hợp năm 2021"
    );
    assert_eq!(r.document.to, vec!["Ban Thường vụ Huyện ủy"]);
    assert_eq!(r.document.size_set, SizeSet::S14);

    assert_eq!(r.issuers.len(), 1);
    let i = &r.issuers[0];
    assert_eq!(i.system, System::State);
    assert_eq!(i.parent.as_deref(), Some("UBND TỈNH QUẢNG NINH"));
    assert_eq!(i.name, vec!["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH LIÊU"]);
    assert_eq!(i.code, "UBND");
    assert_eq!(i.number, Some(12));

    assert_eq!(r.period.kind, PeriodKind::Year { year: 2020 });
    assert_eq!(r.period.cutoff, Some(ymd(2020, 12, 15)));

    let p = r.programme.as_ref().unwrap();
    assert_eq!(p.name, "Chương trình phối hợp công tác năm 2020");
    assert_eq!(p.parties.len(), 3);
    assert_eq!(p.parties[2], "Cơ quan Khối MTTQ và các đoàn thể chính trị - xã hội huyện");

    let m = r.meeting.as_ref().unwrap();
    assert_eq!(m.date, Some(ymd(2021, 3, 31)));
    assert_eq!(m.chairs[0].name, "Nguyễn Thị Tuyết Hạnh");
    assert_eq!(m.chairs[0].title, "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện");

    let t = &r.results.tasks[0];
    assert_eq!(t.lead, "Phòng Văn hóa và Thông tin");
    assert_eq!(t.partners, vec!["Ủy ban MTTQ huyện"]);
    assert_eq!(t.status, TaskStatus::Done);
    assert_eq!(t.note.as_deref(), Some("Tổ chức 24 buổi tuyên truyền"));
    assert_eq!(t.deadline, None);

    let models = r.results.models.as_ref().unwrap();
    assert_eq!(models.registered, Some(53));
    let levels: Vec<(&str, u64)> = models.recognized.iter().map(|l| (l.level.as_str(), l.count)).collect();
    assert_eq!(levels, vec![("province", 1), ("district", 15)]);
    assert_eq!(models.examples[0].name, "Mô hình \"Tổ liên gia tự quản về an ninh trật tự\"");
    assert_eq!(models.examples[0].unit.as_deref(), Some("Xã Lục Hồn"));
    assert_eq!(models.examples[0].field.as_deref(), Some("quốc phòng - an ninh"));

    let c = r.results.complaints.as_ref().unwrap();
    assert_eq!((c.received, c.resolved), (47, 47));

    let ind = &r.results.indicators;
    assert_eq!(ind.len(), 2);
    assert_eq!(ind[0].value, 19.4);
    assert_eq!(ind[0].unit.as_deref(), Some("%/năm"));
    assert_eq!(ind[0].target, Some(15.0));
    assert_eq!(ind[0].previous, Some(17.2));
    assert_eq!(ind[0].of, None);
    assert_eq!((ind[1].value, ind[1].of), (7.0, Some(11.0)));
    assert_eq!(ind[1].unit.as_deref(), Some("xã"));

    let cm = &r.results.commendations[0];
    assert_eq!((cm.by.as_str(), cm.collectives, cm.individuals), ("Ủy ban nhân dân huyện", 5, 10));

    assert_eq!(r.sections.situation, vec!["Năm 2020, tình hình kinh tế - xã hội của huyện tiếp tục phát triển."]);
    assert_eq!(
        r.sections.achievements,
        vec![
            "Các cơ quan đã phối hợp **chặt chẽ** trong triển khai nhiệm vụ.".to_string(),
            "Công tác dân vận được quan tâm:\n- tuyên truyền;\n- vận động.".to_string(),
        ]
    );
    assert_eq!(r.sections.next_tasks, vec!["Tiếp tục đẩy mạnh phong trào \"Dân vận khéo\"."]);
    assert_eq!(r.sections.proposals.len(), 1);

    let s = &r.signers[0];
    assert_eq!(s.issuer, "UBND");
    assert_eq!(s.authority, Authority::Tm);
    assert_eq!(s.on_behalf_of.as_deref(), Some("ỦY BAN NHÂN DÂN"));
    assert_eq!(s.head, None);
    assert_eq!((s.title.as_str(), s.name.as_str()), ("CHỦ TỊCH", "Nguyễn Thị Tuyết Hạnh"));

    assert_eq!(r.recipients, vec!["Thường trực Huyện ủy (b/c)", "Ban Dân vận Tỉnh ủy"]);
    assert_eq!(r.archive, vec!["VT", "VP"]);
}
