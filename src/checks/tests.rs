//! Each reviewer check can fire, says where, and stays quiet on the samples.

use std::path::Path;

use super::*;
use crate::data::model::Report;
use crate::diag::Severity;

const JOINT: &str = include_str!("../../samples/chuong-trinh-phoi-hop-2021.yaml");
const PARTY: &str = include_str!("../../samples/ban-dan-van-quy-3-2017.yaml");
const FRONT: &str = include_str!("../../samples/mttq-duc-tho-2020.yaml");

fn load(text: &str) -> (Report, Node) {
    let path = Path::new("x.yaml");
    let tree = crate::data::parse_tree(path, text).unwrap();
    let report = crate::data::validate(path, &tree).unwrap_or_else(|d| panic!("{d:?}")).report;
    (report, tree)
}

fn run(report: &Report, tree: &Node) -> Vec<(Severity, String, u32)> {
    check(report, &compose::frame(report), Path::new("x.yaml"), Some(tree))
        .into_iter()
        .map(|d| (d.severity, d.message.en.clone(), d.line))
        .collect()
}

/// Line (1-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1
}

#[test]
fn samples_are_clean() {
    for text in [JOINT, PARTY, FRONT] {
        let (r, t) = load(text);
        assert_eq!(run(&r, &t), vec![], "{}", &text[..80]);
    }
}

#[test]
fn s12_17_state_prefix_typed_in_a_party_signature() {
    let (mut r, t) = load(PARTY);
    r.signers[0].head = Some("KT. TRƯỞNG BAN".into());
    let found = run(&r, &t);
    assert!(
        found.iter().any(|(s, m, line)| *s == Severity::Error
            && m.contains("state prefix \"KT.\" in a signature of a Party document")
            && *line == line_of(PARTY, "head: TRƯỞNG BAN")),
        "{found:?}"
    );
}

#[test]
fn s12_17_party_prefix_typed_in_a_state_signature() {
    let (mut r, t) = load(JOINT);
    r.signers[0].on_behalf_of = Some("T/M ỦY BAN NHÂN DÂN".into());
    let found = run(&r, &t);
    assert!(
        found.iter().any(|(s, m, _)| *s == Severity::Error && m.contains("Party prefix \"T/M\" in a signature of a state document")),
        "{found:?}"
    );
}

#[test]
fn p13_party_documents_have_no_q_or_tuq() {
    let (mut r, t) = load(PARTY);
    r.signers[0].authority = Authority::Tuq;
    assert!(run(&r, &t).iter().any(|(s, m, _)| *s == Severity::Error && m.contains("no Q. or TUQ.")));
}

#[test]
fn p03_party_issuer_never_loses_its_asterisk_and_a_typed_one_is_flagged() {
    let (mut r, t) = load(PARTY);
    r.issuers[0].name.push("*".into());
    let found = run(&r, &t);
    assert!(found.iter().any(|(s, m, _)| *s == Severity::Warning && m.contains("\"*\" is typed")), "{found:?}");
    // The composed header always carries the mark; a state issuer declared as party gets it too.
    let doc = compose::compose(&r, Vec::new());
    assert!(doc.header.issuers[0].mark.is_symbol("*"));
}

#[test]
fn p01_motto_typed_into_the_name_is_an_error() {
    let (mut r, t) = load(FRONT);
    r.issuers[0].name.insert(0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into());
    assert!(run(&r, &t).iter().any(|(s, m, _)| *s == Severity::Error && m.contains("national motto")));
}

#[test]
fn system_that_does_not_match_the_name_is_a_warning() {
    let (mut r, t) = load(PARTY);
    r.issuers[0].system = System::State;
    let found = run(&r, &t);
    assert!(
        found.iter().any(|(s, m, line)| *s == Severity::Warning
            && m.contains("looks like a `party` body")
            && *line == line_of(PARTY, "  - system: party")),
        "{found:?}"
    );
}

#[test]
fn s1_3_district_issuer_after_1_july_2025_warns_at_the_issuer() {
    let (mut r, t) = load(JOINT);
    assert!(run(&r, &t).is_empty(), "2021 is before the reform");
    r.document.date = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let found = run(&r, &t);
    let districts: Vec<_> = found.iter().filter(|(_, m, _)| m.contains("districts were abolished")).collect();
    assert_eq!(districts.len(), 2, "UBND huyện and Ban Dân vận Huyện ủy: {found:?}");
    assert!(districts.iter().all(|(s, _, _)| *s == Severity::Warning));
    assert_eq!(districts[0].2, line_of(JOINT, "- system: state"));
    // A body named by its function alone is shown with its parent.
    assert!(districts.iter().any(|(_, m, _)| m.contains("\"BAN DÂN VẬN (HUYỆN ỦY BÌNH LIÊU)\"")), "{districts:?}");
    // A provincial Party board is not district level.
    let (mut p, pt) = load(PARTY);
    p.document.date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    assert!(run(&p, &pt).iter().all(|(_, m, _)| !m.contains("districts")));
    // A city under a province was district level; a city under the centre is a province.
    let mut city = r.issuers[0].clone();
    city.parent = Some("UBND TỈNH BÀ RỊA - VŨNG TÀU".into());
    city.name = vec!["ỦY BAN NHÂN DÂN".into(), "THÀNH PHỐ BÀ RỊA".into()];
    assert!(is_district_level(&city));
    city.parent = None;
    city.name = vec!["ỦY BAN NHÂN DÂN".into(), "THÀNH PHỐ HỒ CHÍ MINH".into()];
    assert!(!is_district_level(&city));
}

#[test]
fn s08_kt_without_tm_for_a_peoples_committee() {
    let (mut r, t) = load(JOINT);
    let ubnd = &mut r.signers[0];
    ubnd.authority = Authority::Kt;
    ubnd.on_behalf_of = None;
    ubnd.head = Some("CHỦ TỊCH".into());
    ubnd.title = "PHÓ CHỦ TỊCH".into();
    let found = run(&r, &t);
    assert!(
        found.iter().any(|(s, m, line)| *s == Severity::Warning
            && m.contains("without the \"TM.\" line")
            && *line == line_of(JOINT, "authority: TM")),
        "{found:?}"
    );
}

#[test]
fn s7_party_committee_deputy_never_k_t_under_t_m_and_boards_never_t_m() {
    let (mut r, t) = load(PARTY);
    r.signers[0].on_behalf_of = Some("BAN THƯỜNG VỤ".into());
    assert!(run(&r, &t).iter().any(|(_, m, _)| m.contains("without K/T under it")));
    let (mut r, t) = load(PARTY);
    r.signers[0].authority = Authority::Tm;
    r.signers[0].on_behalf_of = Some("BAN DÂN VẬN".into());
    assert!(run(&r, &t).iter().any(|(_, m, _)| m.contains("does not sign T/M")));
}

#[test]
fn s04_honorific_before_the_name() {
    let (mut r, t) = load(FRONT);
    r.signers[0].name = "ThS. Bùi Lê Văn".into();
    assert!(run(&r, &t).iter().any(|(_, m, _)| m.contains("\"ThS.\" before the signer's name")));
}

#[test]
fn section11_a_joint_header_at_set_14_fits_and_one_that_cannot_is_refused_at_its_line() {
    let (mut r, t) = load(JOINT);
    r.document.size_set = crate::data::model::SizeSet::S14;
    r.issuers[1].code = "BDVHU".into();
    let found = run(&r, &t);
    assert!(!found.iter().any(|(s, _, _)| *s == Severity::Error), "set 14 fits: {found:?}");
    // Number lines are never broken: a code this long fits no layout.
    r.issuers[1].code = "BDVHUYENUYBINHLIEUTINHQUANGNINH".into();
    let found = run(&r, &t);
    let line = line_of(JOINT, "code: BDV");
    assert!(found.iter().any(|(s, m, at)| *s == Severity::Error && m.contains("would run outside") && *at == line), "{found:?}");
}

#[test]
fn r05_an_archive_without_a_drafting_unit_is_pointed_at() {
    let (mut r, t) = load(FRONT);
    let unitless = |found: &[(Severity, String, u32)]| found.iter().filter(|(_, m, _)| m.contains("names no drafting unit")).count();
    assert_eq!(unitless(&run(&r, &t)), 0, "the sample names its unit");
    r.archive = vec!["VT".into()];
    let found = run(&r, &t);
    assert_eq!(unitless(&found), 1, "{found:?}");
    assert!(
        found.iter().any(|(s, m, at)| *s == Severity::Warning && m.contains("names no drafting unit") && *at == line_of(FRONT, "archive:"))
    );
    r.archive.clear();
    assert_eq!(unitless(&run(&r, &t)), 1, "no archive at all");
}

#[test]
fn r05_typed_archive_line() {
    let (mut r, t) = load(FRONT);
    r.recipients.push("Lưu: VT".into());
    assert!(run(&r, &t).iter().any(|(_, m, _)| m.contains("\"Lưu\" line typed")));
}
