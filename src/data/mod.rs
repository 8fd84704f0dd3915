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
//! - Messages live in [`messages`], in Vietnamese and English.
//! - Limits (see README "Limits"): [`MAX_INPUT_BYTES`] per file,
//!   [`MAX_NODES`] values per file, [`MAX_FIELD_CHARS`] characters per value,
//!   [`MAX_LIST_ITEMS`] items per list; YAML aliases are bounded in `tree`.
//! - Text typed in the legacy TCVN3 (ABC) or VNI encodings is an error that
//!   names the field and shows the likely Unicode text ([`legacy`]), or is
//!   converted with a warning when [`Options::convert_legacy`] is set.

pub mod legacy;
pub mod messages;
pub mod model;
pub(crate) mod rollup;
mod tree;
mod validate;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::i18n::Text;

pub(crate) use tree::{Key, Node, NodeKind};
#[cfg(test)]
pub(crate) use validate::known_keys;
/// The nearest known word, for "did you mean" hints outside YAML (spreadsheet headers).
pub(crate) use validate::nearest;

/// Largest input file accepted: far beyond any real report, small enough that
/// a wrong file (a PDF, a log) is refused before parsing.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

/// Most values (scalars, keys' values, list items) in one file. A real
/// report has a few hundred; the parser's own budget stops alias bombs, this
/// stops a huge flat file before validation walks it.
pub(crate) const MAX_NODES: usize = 100_000;

/// A validated report with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub report: model::Report,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Reads one input file: only a regular file (a folder, a device such as
/// `/dev/zero` or a FIFO is refused before it is opened for reading), at most
/// [`MAX_INPUT_BYTES`] (checked before reading and again while reading, so a
/// file that grows cannot get past it), and UTF-8 text (with the line and
/// column of the first bad byte, and a hint when the bytes look like a legacy
/// Vietnamese 8-bit encoding).
pub fn read(path: &Path) -> Result<String, Vec<Diagnostic>> {
    let fail = |line: u32, column: u32, m: messages::Msg| vec![diagnostic(path, line, column, m)];
    let bytes = read_regular(path, MAX_INPUT_BYTES).map_err(|e| {
        let m = match e {
            ReadError::Io(e) => messages::cannot_read(&crate::i18n::os_error(&e)),
            ReadError::NotRegular(kind) => messages::not_regular_file(kind),
            ReadError::TooLarge(len) => messages::file_too_large(len as usize, MAX_INPUT_BYTES),
        };
        fail(0, 0, m)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let looks_legacy = legacy::bytes_look_legacy(e.as_bytes());
        let at = e.utf8_error().valid_up_to();
        let (line, column) = line_column_of_byte(e.as_bytes(), at);
        fail(line, column, messages::not_utf8(at, looks_legacy))
    })
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not a regular file: what it is instead.
    NotRegular(messages::FileKind),
    /// Larger than allowed: its size in bytes (or the bytes read so far).
    TooLarge(u64),
}

/// The bytes of a regular file of at most `max` bytes. The kind and size are
/// checked on the path before opening (opening a FIFO would wait for a
/// writer), then on the open handle, and the read itself stops after `max`.
pub fn read_regular(path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            return Err(ReadError::NotRegular(messages::FileKind::of(&meta.file_type())));
        }
        if meta.len() > max as u64 {
            return Err(ReadError::TooLarge(meta.len()));
        }
        Ok(())
    };
    check(&std::fs::metadata(path).map_err(ReadError::Io)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Never block on a special file swapped in after the check.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    check(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max as u64 + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// 1-based line and column (in characters) of byte `at`; invalid bytes
/// before it on its line count as one column each.
pub(crate) fn line_column_of_byte(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line as u32, column as u32)
}

/// Parses and validates one file's text. `Err` carries all diagnostics
/// (errors and warnings) found. Diagnostics carry their source line.
pub fn load(path: &Path, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load_with(path, text, &Options::default())
}

/// [`load`] with options (e.g. converting legacy-encoded text).
pub(crate) fn load_with(path: &Path, text: &str, options: &Options) -> Result<Loaded, Vec<Diagnostic>> {
    load_tree_with(path, text, options).map(|(_, loaded)| loaded)
}

/// Like [`load_with`], also returning the spanned tree, for checks that
/// point back into the YAML (so the file is parsed once).
pub(crate) fn load_tree_with(path: &Path, text: &str, options: &Options) -> Result<(Node, Loaded), Vec<Diagnostic>> {
    let with_snippets = |mut d: Vec<Diagnostic>| {
        crate::diag::attach_snippets(&mut d, path, text);
        d
    };
    let tree = parse_tree(path, text)?;
    match validate_with(path, &tree, options) {
        Ok(mut loaded) => {
            loaded.warnings = with_snippets(loaded.warnings);
            Ok((tree, loaded))
        }
        Err(d) => Err(with_snippets(d)),
    }
}

/// Template diagnostics about the report file itself come without a
/// position (the engine sees the typed report, not the YAML): they are about
/// its `template:` key, so they point there, with the source line.
pub(crate) fn locate_in_source(mut diagnostics: Vec<Diagnostic>, path: &Path, text: &str) -> Vec<Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = tree::parse(path, text).ok().and_then(|root| {
        let entries = root.as_map()?.to_vec();
        entries.into_iter().find(|(k, _)| k.name == "template").map(|(_, v)| (v.line, v.column))
    });
    if let Some((line, column)) = at {
        for d in diagnostics.iter_mut().filter(|d| d.file == path && d.line == 0) {
            (d.line, d.column) = (line, column);
        }
        crate::diag::attach_snippets(&mut diagnostics, path, text);
    }
    diagnostics
}

/// Choices that change what loading accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Convert text typed in TCVN3 (ABC) or VNI to Unicode, with a warning,
    /// instead of reporting it as an error.
    pub convert_legacy: bool,
}

/// YAML text -> spanned node tree. A syntax error becomes one diagnostic at
/// its line:column (with its source line); tabs used for indentation get a hint.
pub fn parse_tree(path: &Path, text: &str) -> Result<Node, Vec<Diagnostic>> {
    if text.len() > MAX_INPUT_BYTES {
        let m = messages::file_too_large(text.len(), MAX_INPUT_BYTES);
        return Err(vec![diagnostic(path, 0, 0, m)]);
    }
    // A byte-order mark from Windows editors is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tree = tree::parse(path, text).map_err(|e| {
        let mut d = diagnostic(path, e.line, e.column, messages::yaml_syntax(&e.message));
        if let Some(line) = tab_indented_line(text, e.line) {
            // The parser may stop on the line after the tab: point at the tab.
            if line != e.line as usize && e.message.contains("tab") {
                let tabbed = text.lines().nth(line - 1).unwrap_or_default();
                d.line = line as u32;
                d.column = tabbed.chars().position(|c| c == '\t').map_or(1, |i| i as u32 + 1);
            }
            let tab_hint = messages::tab_indent_hint(line);
            d.hint = Some(match d.hint.take() {
                Some(h) => Text::new(format!("{}; {}", h.vi, tab_hint.vi), format!("{}; {}", h.en, tab_hint.en)),
                None => tab_hint,
            });
        }
        let mut v = vec![d];
        crate::diag::attach_snippets(&mut v, path, text);
        v
    })?;
    let nodes = tree.count_nodes();
    if nodes > MAX_NODES {
        return Err(vec![diagnostic(path, 0, 0, messages::too_many_values(nodes, MAX_NODES))]);
    }
    Ok(tree)
}

/// Deep merge for batch defaults: keys of `unit` win; maps are merged key by
/// key, lists and scalars (and null) are replaced whole. Merged nodes keep the
/// file and position they were read from.
pub fn merge(defaults: Node, unit: Node) -> Node {
    tree::merge(defaults, unit)
}

/// Validates a node tree (one file, or defaults merged with a unit).
pub fn validate(path: &Path, tree: &Node) -> Result<Loaded, Vec<Diagnostic>> {
    validate_with(path, tree, &Options::default())
}

/// [`validate`] with options.
pub(crate) fn validate_with(path: &Path, tree: &Node, options: &Options) -> Result<Loaded, Vec<Diagnostic>> {
    let (report, mut diags) = validate::validate(path, tree, options);
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
