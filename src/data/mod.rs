//! Input data: YAML text -> validated [`model::Report`], with every problem
//! reported as a located [`crate::diag::Diagnostic`].
//!
//! Contract:
//! - [`load`] parses and validates one file. On success it returns the report
//!   and any warnings; on failure, *all* diagnostics found (errors and
//!   warnings), each with `file:line:column` of the offending key or value.
//! - Parsing goes through a spanned node tree ([`Node`]) rather than typed
//!   serde structs, because serde stops at the first error.
//! - Batch mode: [`parse_tree`] each file, [`merge`] the folder's
//!   `_defaults.yaml` under the unit, then [`validate`]. Nodes remember their
//!   file, so a problem in an inherited key names `_defaults.yaml`.
//! - Every text is NFC, has no control characters (newlines only in
//!   `sections`) and is printable with the bundled font.
//! - Messages live in [`messages`], ready for a Vietnamese catalogue.

pub mod messages;
pub mod model;
mod tree;
mod validate;

use std::path::Path;

use crate::diag::Diagnostic;

pub use tree::{Key, Node, NodeKind};
pub use validate::{DOC_TYPES, MAX_FIELD_CHARS};

/// Largest input file accepted: far beyond any real report, small enough that
/// a wrong file (a PDF, a log) is refused before parsing.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

/// A validated report with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub report: model::Report,
    pub warnings: Vec<Diagnostic>,
}

/// Parses and validates one file's text. `Err` carries all diagnostics
/// (errors and warnings) found.
pub fn load(path: &Path, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let tree = parse_tree(path, text)?;
    validate(path, &tree)
}

/// YAML text -> spanned node tree. A syntax error becomes one diagnostic at
/// its line:column; tabs used for indentation get a hint.
pub fn parse_tree(path: &Path, text: &str) -> Result<Node, Vec<Diagnostic>> {
    if text.len() > MAX_INPUT_BYTES {
        let m = messages::file_too_large(text.len(), MAX_INPUT_BYTES);
        return Err(vec![diagnostic(path, 0, 0, m)]);
    }
    // A byte-order mark from Windows editors is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    tree::parse(path, text).map_err(|e| {
        let mut d = diagnostic(path, e.line, e.column, messages::yaml_syntax(&e.message));
        if let Some(line) = tab_indented_line(text, e.line) {
            let tab_hint = messages::tab_indent_hint(line);
            d.hint = Some(match d.hint.take() {
                Some(h) => format!("{h}; {tab_hint}"),
                None => tab_hint,
            });
        }
        vec![d]
    })
}

/// Deep merge for batch defaults: keys of `unit` win; maps are merged key by
/// key, lists and scalars (and null) are replaced whole. Merged nodes keep the
/// file and position they were read from.
pub fn merge(defaults: Node, unit: Node) -> Node {
    tree::merge(defaults, unit)
}

/// Validates a node tree (one file, or defaults merged with a unit).
pub fn validate(path: &Path, tree: &Node) -> Result<Loaded, Vec<Diagnostic>> {
    let (report, mut diags) = validate::validate(path, tree);
    // Reading order: by file, then position; the sort is stable for ties.
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    match report {
        Some(report) => Ok(Loaded { report, warnings: diags }),
        None => Err(diags),
    }
}

fn diagnostic(path: &Path, line: u32, column: u32, m: messages::Msg) -> Diagnostic {
    let mut d = Diagnostic::error(path, line, column, m.text);
    d.hint = m.hint;
    d
}

/// The first line (1-based) whose indentation contains a tab, preferring the
/// line of the error and the one before it.
fn tab_indented_line(text: &str, error_line: u32) -> Option<usize> {
    let tabbed: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'))
        .map(|(i, _)| i + 1)
        .collect();
    let e = error_line as usize;
    tabbed.iter().copied().find(|&l| l == e || l + 1 == e).or_else(|| tabbed.first().copied())
}

#[cfg(test)]
mod tests;
