//! The words as a văn thư reads them before signing (issue: generated wording):
//! no clause repeated within a sentence, no duplicate recipient, no report
//! phrase in a programme, no "0 nội dung", sentence case kept mid-sentence.
//! Run over the composed text of every sample and of inputs made from them.

use std::path::{Path, PathBuf};

use baocao::Renderer;
use baocao::data::model::{Report, TaskStatus};
use baocao::doc::{Block, Document, Role};

use crate::common::{load, samples};

fn document(report: &Report, path: &Path) -> Document {
    Renderer::new().unwrap().document(report, path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()))
}

/// Every paragraph and table cell of the body, as plain text.
fn body_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for block in &doc.body {
        match block {
            Block::Paragraph(p) => out.push(p.runs.iter().map(|r| r.text.as_str()).collect()),
            Block::Table(t) => {
                for row in std::iter::once(&t.header).chain(&t.rows) {
                    for cell in row {
                        out.push(cell.runs.iter().map(|r| r.text.as_str()).collect());
                    }
                }
            }
        }
    }
    out
}

fn body_texts_of(block: &Block) -> String {
    match block {
        Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
        Block::Table(_) => String::new(),
    }
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).filter(|w| !w.is_empty()).collect()
}

/// A clause said twice in one sentence: a run of four or more words repeated
/// right after itself (at most three words between), or a run of seven or
/// more anywhere in the sentence. A name used twice ("Ủy ban nhân dân
/// huyện đã khen thưởng … giữa Ủy ban nhân dân huyện và …") is not a clause.
fn repeated_clause(text: &str) -> Option<String> {
    for sentence in text.split(['.', ';', ':']) {
        let w = words(sentence);
        for i in 0..w.len() {
            for j in i + 4..w.len() {
                let run = (0..).take_while(|&k| j + k < w.len() && i + k < j && w[i + k] == w[j + k]).count();
                let gap = j - (i + run);
                if (run >= 4 && gap <= 3) || run >= 7 {
                    return Some(format!("{:?} in {sentence:?}", w[i..i + run].join(" ")));
                }
            }
        }
    }
    None
}

/// Everything a reader would send back, for one composed document. Text the
/// clerk typed (found verbatim in `source`, the input file) is the clerk's
/// own: repeats and quotes are judged in what baocao writes.
fn faults(doc: &Document, programme: bool, source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for text in body_texts(doc) {
        let generated = |part: &str| !source.contains(part.trim().trim_start_matches("- "));
        if let Some(clause) = repeated_clause(&text).filter(|_| generated(&text)) {
            found.push(format!("repeated clause {clause}"));
        }
        let lower = text.to_lowercase();
        for zero in ["hoàn thành 0 ", "thực hiện 0 ", " 0 nội dung", "giải quyết 0/"] {
            if lower.contains(zero) {
                found.push(format!("a zero count {zero:?} in {text:?}"));
            }
        }
        for pair in [" và Các ", " và Những ", ", Các ", "giữa Các "] {
            if text.contains(pair) {
                found.push(format!("a capital mid-sentence {pair:?} in {text:?}"));
            }
        }
        if programme && ["trên đây là báo cáo", "báo cáo kết quả", "kính báo cáo"].iter().any(|p| lower.contains(p)) {
            found.push(format!("a report phrase in a programme: {text:?}"));
        }
        for quoted in text.split('"').skip(1).step_by(2) {
            if !source.contains(&format!("\"{quoted}\"")) {
                found.push(format!("straight quotes around {quoted:?} in {text:?}"));
            }
        }
    }
    // A heading followed by one of its own level or higher, or by nothing.
    let level = |block: &Block| match block {
        Block::Paragraph(p) => match p.role {
            Role::Section => Some(1),
            Role::Clause => Some(2),
            Role::Point => Some(3),
            _ => None,
        },
        Block::Table(_) => None,
    };
    for (k, block) in doc.body.iter().enumerate() {
        let Some(own) = level(block) else { continue };
        if doc.body.get(k + 1).is_none_or(|next| level(next).is_some_and(|l| l <= own)) {
            found.push(format!("a heading over nothing: {:?}", body_texts_of(block)));
        }
    }
    for text in body_texts(doc) {
        let lower = text.to_lowercase();
        if lower.contains("đã triển khai") && lower.contains("chưa được thực hiện") {
            found.push(format!("begun and not begun in one sentence: {text:?}"));
        }
    }
    if let Some(r) = &doc.closing.recipients {
        let mut seen = Vec::new();
        for item in &r.items {
            let key = words(&item.join(" ")).join(" ");
            if seen.contains(&key) {
                found.push(format!("duplicate recipient {key:?}"));
            }
            seen.push(key);
        }
    }
    found
}

fn assert_reads_well(report: &Report, path: &Path) {
    let doc = document(report, path);
    let source = std::fs::read_to_string(path).unwrap();
    let faults = faults(&doc, report.document.doc_type == "CTr", &source);
    assert!(faults.is_empty(), "{}: {faults:#?}", path.display());
}

#[test]
fn every_sample_reads_like_a_report_a_van_thu_signs() {
    for path in samples() {
        assert_reads_well(&load(&path), &path);
    }
}

fn sample(name: &str) -> (Report, PathBuf) {
    let path = crate::common::root().join("samples").join(name);
    (load(&path), path)
}

#[test]
fn a_programme_name_that_names_its_parties_is_not_followed_by_them_again() {
    for path in samples() {
        let mut report = load(&path);
        let Some(programme) = report.programme.as_mut() else { continue };
        // The name already ends with its parties ("… giữa A và B").
        if !programme.parties.is_empty() && !programme.name.contains(" giữa ") {
            let parties = programme.parties.join(" và ");
            programme.name = format!("{} giữa {parties}", programme.name);
        }
        assert_reads_well(&report, &path);
    }
}

#[test]
fn counts_of_zero_and_one_read_naturally() {
    let (mut report, path) = sample("binh-lieu-2020.yaml");
    for status in [TaskStatus::Done, TaskStatus::InProgress, TaskStatus::NotDone] {
        for t in &mut report.results.tasks {
            t.status = status;
        }
        assert_reads_well(&report, &path);
        let doc = document(&report, &path);
        let all = body_texts(&doc).join(" ");
        assert!(all.contains("nội dung phối hợp, tất cả"), "{status:?}: {all}");
        report.results.tasks.truncate(1);
        assert_reads_well(&report, &path);
        report = sample("binh-lieu-2020.yaml").0;
    }
}

#[test]
fn a_programme_not_yet_begun_is_said_in_words_not_left_blank() {
    let path = crate::common::root().join("tests/fixtures/shapes/nothing-done-yet.yaml");
    let report = load(&path);
    assert_reads_well(&report, &path);
    let all = body_texts(&document(&report, &path)).join(" ");
    assert!(all.contains("Chương trình có 1 nội dung phối hợp, chưa được thực hiện"), "{all}");
    assert!(all.contains("chưa có mô hình “Dân vận khéo” đăng ký thực hiện"), "{all}");
    // Complaints received, none resolved yet.
    let mut report = report;
    let complaints = report.results.complaints.as_mut().expect("the fixture reports complaints");
    complaints.received = 5;
    assert_reads_well(&report, &path);
    let all = body_texts(&document(&report, &path)).join(" ");
    assert!(all.contains("tiếp nhận 5 đơn thư khiếu nại, tố cáo thuộc thẩm quyền; đến nay chưa có đơn nào được giải quyết xong"), "{all}");
}

#[test]
fn nhu_tren_and_repeated_recipients_are_printed_once() {
    let (mut report, path) = sample("binh-lieu-2020.yaml");
    assert!(!report.document.to.is_empty(), "the sample has a Kính gửi");
    report.recipients.insert(0, "Như trên;".into());
    let again = report.recipients[1].clone();
    report.recipients.push(format!("- {again}"));
    assert_reads_well(&report, &path);
    let doc = document(&report, &path);
    let items = &doc.closing.recipients.as_ref().unwrap().items;
    assert_eq!(items.iter().filter(|i| i[0].contains("Như trên")).count(), 1, "R-01: Như trên once");
    assert_eq!(items.len(), report.recipients.len() - 2 + 1 + 1, "input less two repeats, Như trên, Lưu");
}

#[test]
fn a_programme_without_a_template_is_worded_as_a_programme() {
    // A report's data typed as a CTr with no `template:` key.
    let (mut report, path) = sample("binh-lieu-2020.yaml");
    report.document.doc_type = "CTr".into();
    report.template = None;
    let doc = document(&report, &path);
    let faults = faults(&doc, true, &std::fs::read_to_string(&path).unwrap());
    assert!(faults.is_empty(), "{faults:#?}");
    assert!(!body_texts(&doc).join(" ").contains("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM"), "no next-year heading in a programme");
}
