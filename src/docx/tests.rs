//! Tests of the DOCX writer against the format rules, on the hand-made fixture.

use super::*;
use crate::doc::fixture::sample_document;

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, b) = parts.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(b.clone()).unwrap()
}

#[test]
fn dump_fixture() {
    let doc = sample_document();
    let bytes = write(&doc);
    let dir = std::env::temp_dir().join("baocao-docx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("fixture.docx"), &bytes).unwrap();
    for (n, b) in parts(&doc) {
        let p = dir.join("parts").join(&n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    }
    assert!(!part(&parts(&doc), "word/document.xml").is_empty());
}
