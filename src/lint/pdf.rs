//! Reads the pages of a PDF made by any program (baocao, LibreOffice, Word's
//! "Save as PDF", ReportLab, Typst …) and checks the rules of `format-spec.md`
//! that can be seen on them.
//!
//! ```text
//! bytes ─read::read─▶ Page { lines (text, x, baseline, size, font, bold/italic), rules }
//!        ─check::check(system)─▶ header · title · body · signature · Nơi nhận ─▶ Vec<Finding>
//! ```
//!
//! Contract: `read` never panics on a foreign file (a damaged one is an error
//! or fewer findings); `check` emits one finding per rule and place, Pass when
//! the rule holds, Fail for a MUST (and MUST?) rule that does not, Warn for a
//! CONV/OPEN one, Skip with the reason when the element is not on the page.
//! Elements are found by text and position only, never by baocao's internals.
//!
//! Checked (state and front; the party's own rule where it differs):
//! - page: G-01 A4, G-02 portrait (landscape only with a table), G-03 margins
//!   from the text's extents (P-18 20/20/30/15), G-04 Times New Roman or a
//!   metric clone on every run, G-05 one size set in the header, G-06 page
//!   numbers (P-17), G-07 attachments after the signature numbered on their
//!   own, C-10 precomposed Unicode;
//! - header: H-01/H-02 Quốc hiệu and Tiêu ngữ (P-01/P-02), H-03 rule as long
//!   as the Tiêu ngữ (P-01), H-04, H-05/H-06 issuer lines, H-07 agency rule
//!   1/3–1/2 and centred (P-03 "*"), H-09/H-10 "Số:" (P-04), H-12..H-15 place
//!   and date (P-06);
//! - title: T-01/T-02 (P-07/P-08), T-03 rule (P-09 dashes), T-04 no "V/v",
//!   R-01 "Kính gửi:";
//! - body: B-01 size (P-11), B-02 indent, B-03 paragraph gap, B-04 line pitch,
//!   B-12 Mục headings, C-01 "./.";
//! - when the element is there (a rule for an optional element is not listed
//!   otherwise): T-05 căn cứ lines, B-15 điểm "a)", C-04 table text sizes,
//!   A-01/P-21 attachment numerals, A-02 "Phụ lục" label, A-03 "(Kèm theo …)";
//! - closing: S-01 prefixes (P-13), S-02 authority lines (P-14), S-04 name,
//!   R-03 "Nơi nhận:" (P-15 underlined), R-04 list (P-16), R-05 "Lưu: VT".
//!
//! Not checked, and why: H-08, H-11, H-16, S-07 (conventions or input rules
//! with no fixed value); B-05, B-06, B-13, B-14, B-16..B-18 and §4
//! capitalisation (need the meaning of the text: whether a khoản has a title,
//! a first citation); B-01's justification (a line ending short cannot be told
//! from a paragraph's last line); S-03 (which titles the State defines); S-05,
//! S-06, G-09 (signature and seal images, ink colours); C-04's header row;
//! X-01..X-05 stamps; P-05 numbering across a term, G-10 (process).

mod check;
mod read;

pub use read::{Line, Page, Rule, Span};

use super::{Finding, Source};
use crate::data::model::System;
use crate::i18n::Text;

/// The pages of a PDF, as lint sees them.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pub pages: Vec<Page>,
}

/// The pages of `bytes`.
pub fn read(bytes: &[u8]) -> Result<Pages, Text> {
    let pages = read::read(bytes).map_err(|_| Text::new("tệp PDF hỏng hoặc không đọc được", "a damaged or unreadable PDF"))?;
    Ok(Pages { pages })
}

/// The text lines of page 1's header block, top to bottom (header columns
/// apart, left before right on one baseline): everything down to the row of
/// the place and date, not the title under it.
pub fn header_lines(pages: &Pages) -> Vec<String> {
    let Some(page) = pages.pages.first() else { return Vec::new() };
    let top = page.lines.iter().map(|l| l.baseline).fold(f32::MAX, f32::min);
    let date = page
        .lines
        .iter()
        .filter(|l| l.baseline < top + 200.0)
        .find(|l| l.text.contains("ngày") && l.text.contains("tháng"))
        .map_or(top + 90.0, |l| l.baseline + 1.0);
    page.lines.iter().filter(|l| l.baseline <= date).map(|l| l.text.clone()).collect()
}

/// Every rule this module covers, checked on `pages`.
pub fn check(pages: &Pages, system: System, source: Source) -> Vec<Finding> {
    check::check(&pages.pages, system, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header read off page 1 tells the system: the Party's motto, the MTTQ
    /// issuer, the state's Quốc hiệu; the title under the header is not read.
    #[test]
    fn header_lines_tell_the_system() {
        let renderer = crate::Renderer::new().unwrap();
        for (sample, system) in [
            ("samples/ban-dan-van-quy-3-2017.yaml", System::Party),
            ("samples/mttq-duc-tho-2020.yaml", System::Front),
            ("samples/vu-quang-2018.yaml", System::State),
            // "Khối Mặt trận Tổ quốc" in its title does not make it the front's.
            ("samples/binh-lieu-2020.yaml", System::State),
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
            let rendered = renderer.render_file(&path, &[crate::Format::Pdf]).unwrap();
            let lines = header_lines(&read(&rendered.outputs[0].1).unwrap());
            assert_eq!(super::super::detect(&lines), Some(system), "{sample}: {lines:?}");
            assert!(!lines.iter().any(|l| l.starts_with("BÁO CÁO")), "{sample}: {lines:?}");
        }
    }

    /// The rules a document without text skips are the rules a readable one is judged by.
    #[test]
    fn the_skip_lists_name_every_rule_checked() {
        use std::collections::BTreeSet;
        let renderer = crate::Renderer::new().unwrap();
        for (sample, system, list) in [
            ("samples/mttq-duc-tho-2020.yaml", System::Front, check::STATE_RULES),
            ("samples/ban-dan-van-quy-3-2017.yaml", System::Party, check::PARTY_RULES),
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
            let rendered = renderer.render_file(&path, &[crate::Format::Pdf]).unwrap();
            let pages = read(&rendered.outputs[0].1).unwrap();
            // Paper rules need no text; the others are for elements a report may not have.
            let optional = ["G-01", "G-02", "G-07", "T-05", "B-15", "C-04", "A-01", "A-02", "A-03", "P-21"];
            let seen: BTreeSet<&str> =
                check(&pages, system, Source::Pdf).iter().map(|f| f.rule).filter(|r| !optional.contains(r)).collect();
            assert_eq!(seen, list.iter().copied().collect::<BTreeSet<&str>>(), "{sample}");
        }
    }

    /// A damaged file is an error or fewer findings, never a panic: cut short,
    /// bytes overwritten, streams garbled.
    #[test]
    fn damaged_pdfs_never_panic() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ban-dan-van-quy-3-2017.yaml");
        let rendered = crate::Renderer::new().unwrap().render_file(&sample, &[crate::Format::Pdf]).unwrap();
        let good = &rendered.outputs[0].1;
        assert!(read(good).is_ok_and(|p| !p.pages.is_empty()));
        let mut variants: Vec<Vec<u8>> = Vec::new();
        for k in 1..12 {
            variants.push(good[..good.len() * k / 12].to_vec());
        }
        // A simple deterministic scramble: every n-th byte replaced.
        for n in [97usize, 331, 1009, 4001] {
            let mut v = good.clone();
            for (i, b) in v.iter_mut().enumerate() {
                if i % n == n / 2 {
                    *b = b.wrapping_mul(31).wrapping_add(7);
                }
            }
            variants.push(v);
        }
        variants.push(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj trailer << /Root 1 0 R >>".to_vec());
        variants.push(b"%PDF-".to_vec());
        for v in &variants {
            if let Ok(pages) = read(v) {
                let _ = header_lines(&pages);
                let _ = check(&pages, System::State, Source::Pdf);
                let _ = check(&pages, System::Party, Source::Pdf);
            }
        }
    }
}
