//! Reads the XML of a DOCX made by any program (Word, LibreOffice, python-docx,
//! baocao), with style inheritance resolved, and checks the rules of
//! `format-spec.md` that the XML states.
//!
//! ```text
//! bytes ─read─▶ Package (paragraphs with resolved properties, sections, headers)
//!                  └─roles─▶ header table, title, body, signature, Nơi nhận ─rules─▶ Vec<Finding>
//! ```
//!
//! Contract: `read` never panics on a foreign file (a damaged one is an
//! error); `check` emits one finding per rule and place it covers, tagged
//! [`Source::Xml`](super::Source::Xml). What only a laid-out page shows
//! (baselines, real line lengths after wrapping, text that does not fit) is
//! left to `--layout`.
//!
//! Rules checked from the XML (the Party's rule where it replaces the state's):
//! - page: G-01 paper, G-02 orientation, G-03 margins (P-18);
//! - text: G-04 Times New Roman (or a metric twin) in black everywhere, G-05 one
//!   body size and one header size set, C-10 NFC, C-11 real capitals, C-14 vi-VN;
//! - page number: G-06 (P-17) a centred PAGE field in the header, 13–14 pt, not
//!   on page 1; C-13 hidden by "different first page";
//! - header (a table, or lines parted by tabs): H-01, H-02, H-03 (a border, a
//!   line shape, underline: warn, typed underscores: fail), H-04, H-05, H-06,
//!   H-07, H-09, H-10, H-12, H-13, H-14 (P-06), H-15 (same row); Party P-01 to P-04;
//! - title: T-01 (P-07), T-02 (P-08), T-03 (P-09), T-04, T-05; R-01 Kính gửi;
//! - body: B-01 (P-11) size and justification, B-02, B-03, B-04, B-12, B-15,
//!   B-17, C-01; appendices A-01 (P-21), A-02, A-03;
//! - closing: S-01 (P-13), S-02 (P-14), S-03, S-04, R-03 (P-15), R-04 and R-05 (P-16).
//!
//! Not from the XML, and why: where things land on the page (H-15's baseline,
//! R-03 level with the signature, H-16, G-08, S-07, rules' centring, text that
//! does not fit) needs the laid-out page (`--layout`); trích yếu lines that wrap
//! by themselves are measured against the full text width (T-03); B-05, B-06,
//! B-10, B-11, B-13, B-14, B-16, B-18 and C-02..C-09 judge meaning, not form;
//! H-11/P-05 need the register, S-05/S-06/G-09 the signed paper, A-04/G-07 page
//! numbering per phụ lục, X-01..X-05 are not read; text in text boxes is not read.

mod read;
mod roles;
mod rules;
mod tree;

pub use read::Package;

use super::Finding;
use crate::data::model::System;
use crate::i18n::Text;

/// The parts of `bytes` lint reads.
pub fn read(bytes: &[u8]) -> Result<Package, Text> {
    read::read(bytes)
}

/// The text lines of the header table, top to bottom (for profile detection).
pub fn header_lines(package: &Package) -> Vec<String> {
    roles::header_lines(package)
}

/// Every rule this module covers, checked on `package`.
pub fn check(package: &Package, system: System) -> Vec<Finding> {
    rules::check(package, system)
}

#[cfg(test)]
mod tests;
