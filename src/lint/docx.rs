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
