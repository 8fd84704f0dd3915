//! Layout: [`Document`] -> finished [`Page`]s of positioned text and rules.
//!
//! Contract: pure (no printpdf, no docx-rs, no IO). Coordinates are points
//! from the top-left corner of the page, y growing downwards; the PDF writer
//! flips the axis in one place. Text items carry the exact characters to print,
//! spaces included, and how much each space is widened for justification.
//!
//! How it works: every element becomes a list of unbreakable vertical boxes
//! (a line of text, a table row, the header block, the signature area), each
//! saying whether it must stay on the same page as the next one. Pagination
//! then fills pages and, when a box does not fit, goes back to the last place
//! where a page break is allowed. That one mechanism keeps headings with what
//! follows, avoids widows and orphans, keeps the signature with the body's last
//! lines, and repeats table header rows.

mod blocks;
/// Line breaking is shared with `compose` and lives below both.
pub(crate) use crate::linebreak;
mod paginate;
pub mod rules;
mod text;

use crate::doc::Document;
use crate::fonts::Face;

/// One finished page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub items: Vec<Item>,
}

/// A positioned piece of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextItem),
    /// A straight stroke (rules under header lines, table borders, underlines).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
    },
}

/// A run of text in one face and size, starting at `x` on `baseline`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub face: Face,
    pub size: f32,
    /// Width added after each space character (negative: removed), for justification.
    pub(crate) extra_per_space: f32,
    /// Printed width, extra spacing included.
    pub width: f32,
}

/// Lays out the whole document.
pub fn layout(doc: &Document) -> Vec<Page> {
    let flow = blocks::build(doc);
    paginate::paginate(doc, flow)
}

#[cfg(test)]
mod tests;
