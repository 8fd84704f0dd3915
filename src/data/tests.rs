//! Tests of loading: a full valid file, and each kind of problem with its
//! exact rendered diagnostic.

use std::path::Path;

use super::model::*;
use super::validate::{MAX_FIELD_CHARS, MAX_LIST_ITEMS};
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
    let loaded = load(Path::new("report.yaml"), FULL)
        .unwrap_or_else(|d| panic!("{}", d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let r = loaded.report;
    assert_eq!(r.template.as_deref(), Some("bao-cao-ket-qua"));
    assert_eq!(r.document.doc_type, "BC");
    assert_eq!(r.document.number, Some(45));
    assert_eq!(r.document.place, "Bình Liêu");
    assert_eq!(r.document.date, ymd(2021, 3, 31));
    assert_eq!(r.document.summary, "Tổng kết Chương trình phối hợp công tác năm 2020 và ký kết Chương trình phối hợp năm 2021");
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

// ---- problems ---------------------------------------------------------------

/// A small valid file; tests change one line to make one problem.
const BASE: &str = "\
document:
  type: BC
  place: Bình Liêu
  date: 2021-03-31
  summary: Tổng kết năm 2020
issuers:
  - system: state
    name: ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU
    code: UBND
period:
  year: 2020
signers:
  - title: CHỦ TỊCH
    name: Nguyễn Thị Tuyết Hạnh
";

/// BASE with `from` replaced by `to` (which must occur exactly once).
fn with(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from:?}");
    BASE.replace(from, to)
}

/// All diagnostics of a file that must fail, rendered as the CLI prints them.
fn errors(yaml: &str) -> String {
    match load(Path::new("report.yaml"), yaml) {
        Ok(_) => panic!("expected errors for:\n{yaml}"),
        Err(d) => d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
    }
}

fn ok(yaml: &str) -> Loaded {
    load(Path::new("report.yaml"), yaml).unwrap_or_else(|d| panic!("{}", d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")))
}

#[test]
fn base_is_valid_and_defaults_apply() {
    let r = ok(BASE).report;
    assert_eq!(r.issuers[0].name, vec!["ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU"]);
    assert_eq!(r.signers[0].issuer, "UBND", "signer defaults to the lead issuer");
    assert_eq!(r.signers[0].authority, Authority::None);
    assert_eq!(r.archive, vec!["VT"]);
    assert_eq!(r.document.size_set, SizeSet::S14);
    assert_eq!(r.document.number, None);
    assert!(r.recipients.is_empty());
    assert!(r.programme.is_none() && r.meeting.is_none());
    assert!(r.results.tasks.is_empty() && r.sections.situation.is_empty());
}

#[test]
fn unknown_key_names_nearest_key() {
    assert_eq!(
        errors(&with("  summary:", "  sumary:")),
        // The misspelt key is reported once, not also as a missing `summary`.
        "report.yaml:5:3: error: unknown key `sumary` in `document`\n  \
         = hint: did you mean `summary`?"
    );
}

#[test]
fn unknown_key_without_near_match_lists_keys() {
    assert_eq!(
        errors(&format!("{BASE}colour: red\n")),
        "report.yaml:15:1: error: unknown key `colour` at the top level\n  \
         = hint: the keys allowed here are `template`, `document`, `issuers`, `period`, `programme`, \
         `meeting`, `results`, `sections`, `signers`, `recipients`, `archive`"
    );
}

#[test]
fn count_given_as_words() {
    let yaml = format!("{BASE}results:\n  complaints:\n    received: mười\n    resolved: 10\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:17:15: error: `results.complaints.received`: expected a whole number (count), found text `mười`\n  \
         = hint: write the number in digits: `10`"
    );
}

#[test]
fn missing_required_field_points_at_parent() {
    assert_eq!(
        errors(&with("  place: Bình Liêu\n", "")),
        "report.yaml:1:1: error: missing required key `place` in `document`\n  \
         = hint: add a line such as `place: Bình Liêu`"
    );
    assert_eq!(
        errors(&with("    name: Nguyễn Thị Tuyết Hạnh\n", "")),
        "report.yaml:13:5: error: missing required key `name` in `signers[0]`\n  \
         = hint: add a line such as `name: Nguyễn Thị Tuyết Hạnh`"
    );
}

#[test]
fn missing_sections_of_the_file() {
    assert_eq!(
        errors("document:\n  type: BC\n  place: Bình Liêu\n  date: 2021-03-31\n  summary: Tổng kết\n"),
        "report.yaml:1:1: error: missing required key `issuers` at the top level\n  \
         = hint: add a line such as `issuers:`\n\
         report.yaml:1:1: error: missing required key `period` at the top level\n  \
         = hint: add a line such as `period:`\n\
         report.yaml:1:1: error: missing required key `signers` at the top level\n  \
         = hint: add a line such as `signers:`"
    );
    assert_eq!(
        errors(""),
        "report.yaml:1:1: error: the file is empty\n  \
         = hint: a report needs at least `document`, `issuers`, `period` and `signers`"
    );
}

#[test]
fn document_type_must_be_exact() {
    assert_eq!(
        errors(&with("type: BC", "type: Ctr")),
        "report.yaml:2:9: error: `document.type`: `Ctr` is not a known document type\n  \
         = hint: the ND30 abbreviation is spelled `CTr`"
    );
    assert_eq!(
        errors(&with("type: BC", "type: QD")),
        "report.yaml:2:9: error: `document.type`: `QD` is not a known document type\n  \
         = hint: the ND30 abbreviation is spelled `QĐ`"
    );
    assert_eq!(ok(&with("type: BC", "type: CTr")).report.document.doc_type, "CTr");
    assert_eq!(
        errors(&with("type: BC", "type: [BC]")),
        "report.yaml:2:9: error: `document.type`: expected an abbreviation such as `BC`, found a list"
    );
}

#[test]
fn impossible_date() {
    assert_eq!(
        errors(&with("date: 2021-03-31", "date: 2021-02-30")),
        "report.yaml:4:9: error: `document.date`: impossible date `2021-02-30`: February 2021 has 28 days"
    );
    assert_eq!(
        errors(&with("date: 2021-03-31", "date: 2021-13-01")),
        "report.yaml:4:9: error: `document.date`: impossible date `2021-13-01`: there is no month 13"
    );
}

#[test]
fn day_first_date_gets_iso_suggestion() {
    assert_eq!(
        errors(&with("date: 2021-03-31", "date: 31/3/2021")),
        "report.yaml:4:9: error: `document.date`: expected a date, found text `31/3/2021`\n  \
         = hint: write dates as YYYY-MM-DD: `2021-03-31`"
    );
}

#[test]
fn resolved_more_than_received() {
    let yaml = format!("{BASE}results:\n  complaints:\n    received: 40\n    resolved: 47\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:18:15: error: `results.complaints.resolved` (47) is greater than `received` (40)\n  \
         = hint: a report cannot resolve more complaints than it received"
    );
}

#[test]
fn negative_count() {
    let yaml = format!("{BASE}results:\n  models:\n    registered: -3\n");
    assert_eq!(errors(&yaml), "report.yaml:17:17: error: `results.models.registered`: a count cannot be negative, found -3");
}

#[test]
fn of_smaller_than_value() {
    let yaml = format!("{BASE}results:\n  indicators:\n    - name: Số xã đạt chuẩn\n      value: 12\n      of: 11\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:19:11: error: `results.indicators[0].of` (11) is smaller than `value` (12)\n  \
         = hint: `of` is the total, as in \"7/11 xã\": value 7, of 11"
    );
}

#[test]
fn decimal_comma_gets_dot_suggestion() {
    let yaml = format!("{BASE}results:\n  indicators:\n    - name: Tăng trưởng\n      value: 19,4\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:18:14: error: `results.indicators[0].value`: expected a number, found text `19,4`\n  \
         = hint: write decimals with a dot in YAML: `19.4`"
    );
}

#[test]
fn signer_for_unknown_issuer() {
    assert_eq!(
        errors(&with("  - title: CHỦ TỊCH", "  - issuer: UBDN\n    title: CHỦ TỊCH")),
        "report.yaml:13:13: error: `signers[0].issuer`: no issuer has the code `UBDN`\n  \
         = hint: did you mean `UBND`? (issuer codes: `UBND`)"
    );
}

#[test]
fn period_in_two_forms() {
    assert_eq!(
        errors(&with("  year: 2020\n", "  year: 2020\n  from: 2016\n  to: 2021\n")),
        "report.yaml:12:3: error: `period` is given in two forms at once: `year` and `from`/`to`\n  \
         = hint: keep exactly one: `year`, `quarter` with `year`, or `from` with `to`"
    );
}

#[test]
fn period_forms_and_ranges() {
    let r = ok(&with("  year: 2020\n", "  quarter: 3\n  year: 2017\n")).report;
    assert_eq!(r.period.kind, PeriodKind::Quarter { year: 2017, quarter: 3 });
    let r = ok(&with("  year: 2020\n", "  from: 2016\n  to: 2021\n")).report;
    assert_eq!(r.period.kind, PeriodKind::Span { from: 2016, to: 2021 });
    assert_eq!(
        errors(&with("  year: 2020\n", "  quarter: 5\n  year: 2017\n")),
        "report.yaml:11:12: error: `period.quarter`: a quarter is 1, 2, 3 or 4, found 5"
    );
    assert_eq!(
        errors(&with("  year: 2020\n", "  from: 2021\n  to: 2016\n")),
        "report.yaml:11:3: error: `period`: `from` (2021) is later than `to` (2016)"
    );
    assert_eq!(
        errors(&with("  year: 2020\n", "  quarter: 3\n")),
        "report.yaml:10:1: error: `period.quarter` needs `year` as well\n  \
         = hint: add a line such as `year: 2017`"
    );
    assert_eq!(
        errors(&with("  year: 2020\n", "  cutoff: 2020-12-15\n")),
        "report.yaml:10:1: error: `period` gives no period\n  \
         = hint: write one of `year: 2020`, `quarter: 3` with `year: 2017`, or `from: 2016` with `to: 2021`"
    );
}

#[test]
fn duplicate_issuer_codes() {
    let yaml = with("    code: UBND\n", "    code: UBND\n  - system: party\n    name: [BAN DÂN VẬN]\n    code: UBND\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:12:11: error: issuer code `UBND` is used twice\n  \
         = hint: the first issuer with this code is on line 9; each issuer needs its own code"
    );
}

#[test]
fn issuer_name_as_string_or_list() {
    let r = ok(&with("    name: ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU", "    name:\n      - ỦY BAN NHÂN DÂN\n      - HUYỆN BÌNH LIÊU")).report;
    assert_eq!(r.issuers[0].name, vec!["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH LIÊU"]);
}

#[test]
fn closed_sets_of_values() {
    assert_eq!(
        errors(&with("system: state", "system: State")),
        "report.yaml:7:13: error: `issuers[0].system`: unknown value `State`\n  \
         = hint: did you mean `state`? (allowed: `state`, `party`, `front`)"
    );
    assert_eq!(
        errors(&with("  - title: CHỦ TỊCH", "  - authority: KTT\n    title: CHỦ TỊCH")),
        "report.yaml:13:16: error: `signers[0].authority`: unknown value `KTT`\n  \
         = hint: did you mean `KT`? (allowed: `TM`, `KT`, `Q`, `TL`, `TUQ`, `none`, `T/M`, `K/T`, `T/L`)"
    );
    let r = ok(&with("  - title: CHỦ TỊCH", "  - authority: K/T\n    head: BÍ THƯ\n    title: PHÓ BÍ THƯ")).report;
    assert_eq!(r.signers[0].authority, Authority::Kt);
    assert_eq!(r.signers[0].head.as_deref(), Some("BÍ THƯ"));
    assert_eq!(
        errors(&with("  summary:", "  size_set: 12\n  summary:")),
        "report.yaml:5:13: error: `document.size_set`: the size set is 13 or 14, found the whole number 12"
    );
    assert_eq!(ok(&with("  summary:", "  size_set: 13\n  summary:")).report.document.size_set, SizeSet::S13);
    let yaml = format!("{BASE}results:\n  tasks:\n    - name: Tuyên truyền\n      lead: Phòng Văn hóa\n      status: finished\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:19:15: error: `results.tasks[0].status`: unknown value `finished`\n  \
         = hint: use one of `done`, `in_progress`, `not_done`"
    );
}

#[test]
fn control_and_unprintable_characters() {
    assert_eq!(
        errors(&with("summary: Tổng kết năm 2020", "summary: \"Tổng kết\\u0007 năm 2020 中\"")),
        "report.yaml:5:12: error: `document.summary` contains the control character U+0007 (\\u{7})\n  \
         = hint: remove it; it was probably pasted in by accident\n\
         report.yaml:5:12: error: `document.summary` contains U+4E2D `中`, which the bundled font cannot print\n  \
         = hint: remove it or replace it with a Vietnamese letter or common punctuation"
    );
    let yaml = format!(
        "{BASE}results:\n  tasks:\n    - name: A\n      lead: B\n      status: done\n    - name: \"C\\tD\"\n      lead: B\n      status: done\n"
    );
    assert_eq!(
        errors(&yaml),
        "report.yaml:20:13: error: `results.tasks[1].name` contains the control character U+0009 (\\t)\n  \
         = hint: replace the tab with spaces"
    );
}

#[test]
fn newlines_only_in_sections() {
    let yaml = with("  - title: CHỦ TỊCH\n", "  - title: |\n      CHỦ\n      TỊCH\n");
    assert_eq!(
        errors(&yaml),
        "report.yaml:14:7: error: `signers[0].title` contains the control character U+000A (\\n)\n  \
         = hint: remove it; it was probably pasted in by accident"
    );
    let r = ok(&format!("{BASE}sections:\n  causes: |\n    Dòng một\n    Dòng hai\n")).report;
    assert_eq!(r.sections.causes, vec!["Dòng một\nDòng hai"]);
}

#[test]
fn text_is_normalised_to_nfc() {
    let nfd = "Bi\u{0300}nh Lie\u{0302}u"; // "Bình Liêu" decomposed
    let r = ok(&with("place: Bình Liêu", &format!("place: {nfd}"))).report;
    assert_eq!(r.document.place, "Bình Liêu");
    assert_eq!(r.document.place.chars().count(), 9);
}

#[test]
fn yaml_syntax_error() {
    assert_eq!(
        errors(&with("  year: 2020", "  year: [2020")),
        "report.yaml:12:8: error: invalid YAML: illegal placement of ':' indicator\n  \
         = hint: check the indentation, a `[` or `{` left open on a line above, or quote a value that contains `: `"
    );
}

#[test]
fn tab_indentation_gets_a_hint() {
    assert_eq!(
        errors(&with("  year: 2020", "\tyear: 2020")),
        "report.yaml:11:2: error: invalid YAML: tabs disallowed within this context (block indentation)\n  \
         = hint: YAML indents with spaces, not tabs (line 11 starts with a tab)"
    );
}

#[test]
fn duplicate_keys_are_reported() {
    assert_eq!(
        errors(&with("  place: Bình Liêu\n", "  place: Bình Liêu\n  place: Lục Hồn\n")),
        "report.yaml:4:3: error: key `place` is written twice in `document`\n  \
         = hint: it was first written on line 3; keep only one"
    );
}

#[test]
fn size_limits() {
    let long = "a".repeat(MAX_FIELD_CHARS + 1);
    assert_eq!(
        errors(&with("place: Bình Liêu", &format!("place: {long}"))),
        "report.yaml:3:10: error: `document.place` is 20001 characters long; the limit for one value is 20000\n  \
         = hint: split long text into several paragraphs (a list of strings)"
    );
    let huge = format!("{BASE}#{}\n", "x".repeat(MAX_INPUT_BYTES));
    assert_eq!(
        errors(&huge),
        format!(
            "report.yaml: error: the file is {} bytes; the limit is 2097152 bytes\n  \
             = hint: a report's YAML is a few kilobytes; check that this is the right file, or split it into several reports",
            huge.len()
        )
    );
    let many = format!("{BASE}recipients:\n{}", "  - Ban Dân vận\n".repeat(MAX_LIST_ITEMS + 1));
    assert_eq!(
        errors(&many),
        "report.yaml:16:3: error: `recipients` has 1001 items; the limit is 1000\n  \
         = hint: a report cannot print a table that long; split it into several reports or summarise the figures"
    );
}

#[test]
fn vietnamese_number_words() {
    use super::validate::number_words;
    assert_eq!(number_words("bốn mươi bảy"), Some(47));
    assert_eq!(number_words("Mười lăm"), Some(15));
    assert_eq!(number_words("hai mươi mốt"), Some(21));
    assert_eq!(number_words("một trăm linh năm"), Some(105));
    assert_eq!(number_words("hai nghìn không trăm hai mươi"), Some(2020));
    assert_eq!(number_words("ba triệu"), Some(3_000_000));
    assert_eq!(number_words("nhiều"), None);
    assert_eq!(number_words("hai ba"), None);
}

#[test]
fn legacy_encodings_are_errors_or_converted() {
    let tcvn3 = with("summary: Tổng kết năm 2020", "summary: Tæng kÕt n¨m 2020");
    assert_eq!(
        errors(&tcvn3),
        "report.yaml:5:12: error: `document.summary` looks like text typed in the legacy TCVN3 (ABC) encoding (\"Tæng kÕt n¨m 2020\"), not Unicode\n  \
         = hint: it probably says \"Tổng kết năm 2020\"; retype it in Unicode, or run again with `--convert-legacy` to convert it"
    );
    let options = Options { convert_legacy: true };
    let loaded = load_with(Path::new("report.yaml"), &tcvn3, &options).unwrap();
    assert_eq!(loaded.report.document.summary, "Tổng kết năm 2020");
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].message.vi,
        "`document.summary` đã được chuyển từ bảng mã TCVN3 (ABC) sang Unicode: \"Tổng kết năm 2020\""
    );
    let vni = with("place: Bình Liêu", "place: Bình Lieâu");
    assert!(errors(&vni).contains("legacy VNI encoding (\"Bình Lieâu\")"), "{}", errors(&vni));
}

#[test]
fn diagnostics_carry_their_source_line() {
    let d = load(Path::new("report.yaml"), &with("  summary:", "  sumary:")).unwrap_err();
    let unknown = d.iter().find(|d| d.message.contains("sumary")).unwrap();
    assert_eq!(unknown.snippet.as_deref(), Some("  sumary: Tổng kết năm 2020"));
    assert_eq!(
        unknown.render(crate::i18n::Lang::Vi),
        "report.yaml:5:3: lỗi: khóa không hợp lệ `sumary` trong `document`\n  |\n5 |   sumary: Tổng kết năm 2020\n  |   ^\n  = gợi ý: có phải ý bạn là `summary`?"
    );
}

#[test]
fn alias_bomb_is_refused() {
    let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..8 {
        let (prev, next) = ((b'a' + i) as char, (b'a' + i + 1) as char);
        yaml.push_str(&format!(
            "{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    let out = errors(&yaml);
    assert!(out.starts_with("report.yaml:"), "{out}");
    assert!(out.contains("error: the file expands YAML aliases (`&`/`*`) or nests values beyond the safety limits"), "{out}");
}

#[test]
fn many_problems_reported_together() {
    let yaml = "\
document:
  type: bc
  place: Bình Liêu
  date: 2021-02-29
  sumary: Tổng kết
issuers:
  - system: state
    name: [ỦY BAN NHÂN DÂN]
    code: UBND
period:
  year: 2020
  from: 2016
  to: 2021
results:
  complaints:
    received: 5
    resolved: 7
  commendations:
    - by: UBND huyện
      collectives: -1
signers:
  - issuer: BDV
    title: CHỦ TỊCH
    name: Nguyễn Văn A
";
    assert_eq!(
        errors(yaml),
        "report.yaml:2:9: error: `document.type`: `bc` is not a known document type\n  \
         = hint: the ND30 abbreviation is spelled `BC`\n\
         report.yaml:4:9: error: `document.date`: impossible date `2021-02-29`: February 2021 has 28 days\n\
         report.yaml:5:3: error: unknown key `sumary` in `document`\n  \
         = hint: did you mean `summary`?\n\
         report.yaml:12:3: error: `period` is given in two forms at once: `year` and `from`/`to`\n  \
         = hint: keep exactly one: `year`, `quarter` with `year`, or `from` with `to`\n\
         report.yaml:17:15: error: `results.complaints.resolved` (7) is greater than `received` (5)\n  \
         = hint: a report cannot resolve more complaints than it received\n\
         report.yaml:20:20: error: `results.commendations[0].collectives`: a count cannot be negative, found -1\n\
         report.yaml:22:13: error: `signers[0].issuer`: no issuer has the code `BDV`\n  \
         = hint: the issuer codes in this file are `UBND`"
    );
}

#[test]
fn cutoff_after_document_date_is_a_warning() {
    let loaded = ok(&with("  year: 2020\n", "  year: 2020\n  cutoff: 2021-04-15\n"));
    let w: Vec<String> = loaded.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        w,
        vec![
            "report.yaml:12:11: warning: `period.cutoff` is later than `document.date`\n  \
             = hint: figures are usually cut off before the document is issued"
        ]
    );
}

#[test]
fn batch_defaults_merge_and_name_their_file() {
    let defaults = "\
issuers:
  - system: state
    name: [ỦY BAN NHÂN DÂN, HUYỆN BÌNH LIÊU]
    code: UBND
document:
  type: BC
  place: Bình Liêu
  size_set: 12
signers:
  - title: CHỦ TỊCH
    name: Nguyễn Thị Tuyết Hạnh
archive: [VT, VP]
";
    let unit = "\
document:
  date: 2021-03-31
  summary: Báo cáo của xã Lục Hồn
period:
  year: 2020
archive: [VT]
";
    let d = parse_tree(Path::new("_defaults.yaml"), defaults).unwrap();
    let u = parse_tree(Path::new("luc-hon.yaml"), unit).unwrap();
    let merged = merge(d.clone(), u.clone());
    let err = validate(Path::new("luc-hon.yaml"), &merged).unwrap_err();
    let rendered: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    assert_eq!(rendered, vec!["_defaults.yaml:8:13: error: `document.size_set`: the size set is 13 or 14, found the whole number 12"]);

    let fixed = parse_tree(Path::new("_defaults.yaml"), &defaults.replace("size_set: 12", "size_set: 13")).unwrap();
    let r = validate(Path::new("luc-hon.yaml"), &merge(fixed, u)).unwrap().report;
    assert_eq!(r.document.place, "Bình Liêu", "inherited");
    assert_eq!(r.document.summary, "Báo cáo của xã Lục Hồn", "the unit's own key");
    assert_eq!(r.document.size_set, SizeSet::S13);
    assert_eq!(r.archive, vec!["VT"], "lists are replaced whole");
    assert_eq!(r.signers[0].issuer, "UBND");
}

#[test]
fn nearest_key_suggestions() {
    use super::validate::{edit_distance, nearest};
    assert_eq!(edit_distance("sumary", "summary"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("UBDN", "UBND"), 1, "a swap of neighbours is one edit");
    assert_eq!(nearest("signer", &["signers", "issuers"]), Some("signers"));
    assert_eq!(nearest("Document", &["document"]), Some("document"));
    assert_eq!(nearest("colour", &["document", "period"]), None);
}

#[test]
fn windows_line_endings_and_bom() {
    let yaml = format!("\u{feff}{BASE}sections:\n  causes: |\n    Dòng một\n    Dòng hai\n").replace('\n', "\r\n");
    let r = ok(&yaml).report;
    assert_eq!(r.document.place, "Bình Liêu");
    assert_eq!(r.sections.causes, vec!["Dòng một\nDòng hai"]);
}

#[test]
fn printable_ascii_is_in_every_face() {
    // Validation skips the font check for these characters.
    for c in (0u8..=127).map(char::from).filter(char::is_ascii_graphic) {
        assert!(crate::fonts::covers(c), "{c:?}");
    }
}
