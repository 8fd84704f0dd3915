//! Reads the pages of a PDF made by any program and checks the rules that
//! can be seen on them.
//!
//! Contract: `read` never panics on a foreign file; `check` emits one finding
//! per rule it covers (see the module docs of `lint`).

use super::{Finding, Place, Source, Status};
use crate::data::model::System;
use crate::i18n::Text;

/// The pages of a PDF, as lint sees them.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    /// Width and height of each page's media box, in points.
    pub sizes: Vec<(f32, f32)>,
}

/// The pages of `bytes`.
pub fn read(bytes: &[u8]) -> Result<Pages, Text> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|_| Text::new("tệp PDF hỏng hoặc không đọc được", "a damaged or unreadable PDF"))?;
    let mut sizes = Vec::new();
    for (_, id) in doc.get_pages() {
        let media = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"MediaBox").ok())
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().filter_map(|o| o.as_float().ok()).collect::<Vec<f32>>());
        match media.as_deref() {
            Some([x1, y1, x2, y2]) => sizes.push(((x2 - x1).abs(), (y2 - y1).abs())),
            _ => sizes.push((0.0, 0.0)),
        }
    }
    Ok(Pages { sizes })
}

/// The text lines at the top of page 1, top to bottom.
pub fn header_lines(_pages: &Pages) -> Vec<String> {
    Vec::new()
}

/// Every rule this module covers, checked on `pages`.
pub fn check(pages: &Pages, _system: System, source: Source) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, (w, h)) in pages.sizes.iter().enumerate() {
        let (w_mm, h_mm) = (w * 25.4 / 72.0, h * 25.4 / 72.0);
        let ok = (w_mm - 210.0).abs() < 1.0 && (h_mm - 297.0).abs() < 1.0;
        out.push(Finding::new(
            "G-01",
            if ok { Status::Pass } else { Status::Fail },
            Text::from(format!("{w_mm:.0} × {h_mm:.0} mm")),
            Text::new("khổ A4 (210 × 297 mm), trang dọc", "A4 (210 × 297 mm), portrait"),
            Place::PageOnly(i + 1),
            source,
        ));
    }
    out
}
