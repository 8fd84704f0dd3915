//! Reads the pages of a PDF made by any program and checks the rules that
//! can be seen on them.
//!
//! Contract: `read` never panics on a foreign file; `check` emits one finding
//! per rule it covers (see the module docs of `lint`).

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
