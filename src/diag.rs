//! Diagnostics: every problem found in an input is collected as a [`Diagnostic`]
//! and reported together, never only the first one.
//!
//! Contract:
//! - A diagnostic names the file, a 1-based line and column (0 when the
//!   problem is with the whole file, e.g. an unreadable file: then only the
//!   file is printed, never a made-up `:0:0`), a message and an
//!   optional hint, each in both languages ([`Text`]), and optionally the
//!   source line it points at (`snippet`), filled in by whoever has the text
//!   ([`attach_snippets`]).
//! - [`Diagnostic::render`] is what people read: the first line is
//!   `file:line:column: lỗi: message` (editors and terminals can jump to it),
//!   then the source line with a caret under the column, then the hint:
//!
//!   ```text
//!   bl.yaml:4:3: lỗi: khóa không hợp lệ `sumary` trong `document`
//!     |
//!   4 |   sumary: Tổng kết
//!     |   ^
//!     = gợi ý: có phải ý bạn là `summary`?
//!   ```
//! - A spreadsheet cell is a place of its own ([`Diagnostic::cell`]):
//!   `communes.xlsx:Sheet1!C7: lỗi: …`, without a source line.
//! - `Display` is the compact English form without the snippet, for logs and
//!   the library's own tests.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::{self, Lang, Text};

/// How bad a problem is. Errors stop a document from being written; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One located problem in an input file or template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when unknown.
    pub line: u32,
    /// 1-based, in characters; 0 when unknown.
    pub column: u32,
    pub message: Text,
    pub hint: Option<Text>,
    /// The source line `line` points at, without its line ending.
    pub snippet: Option<String>,
    /// A place that is not a line and column of a text file: a spreadsheet
    /// cell (`communes.xlsx:Sheet1!C7`), printed instead of `file:line:column`.
    pub cell: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, line: u32, column: u32, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            hint: None,
            snippet: None,
            cell: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, line: u32, column: u32, message: impl Into<Text>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, column, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column` (`file:line` without a column), or only `file`
    /// for a problem with the whole file (unreadable, too large): no
    /// made-up position.
    pub(crate) fn location(&self) -> String {
        if let Some(cell) = &self.cell {
            return cell.clone();
        }
        match (self.line, self.column) {
            (0, _) => self.file.display().to_string(),
            (line, 0) => format!("{}:{line}", self.file.display()),
            (line, column) => format!("{}:{line}:{column}", self.file.display()),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The full report in `lang`: location line, source snippet with a caret,
    /// hint. Ends without a newline.
    pub fn render(&self, lang: Lang) -> String {
        let severity = match self.severity {
            Severity::Error => i18n::error_label(lang),
            Severity::Warning => i18n::warning_label(lang),
        };
        let mut out = format!("{}: {}: {}", self.location(), severity, self.message.get(lang));
        let mut gutter = 1;
        if let (Some(src), true) = (&self.snippet, self.line > 0) {
            let number = self.line.to_string();
            gutter = number.len();
            let (shown, caret_at) = display_line(src, self.column as usize);
            let pad = " ".repeat(gutter);
            out.push_str(&format!("\n{pad} |\n{number} | {shown}"));
            if self.column > 0 {
                out.push_str(&format!("\n{pad} | {}^", " ".repeat(caret_at)));
            }
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n{} = {}: {}", " ".repeat(gutter), i18n::hint_label(lang), hint.get(lang)));
        }
        out
    }
}

/// Longest part of a source line shown; a whole pasted document on one line
/// would otherwise fill the terminal.
const MAX_SHOWN_CHARS: usize = 100;

/// A source line made safe and readable for a terminal (tabs as four spaces,
/// control characters as their visible symbols, long lines cut around the
/// column), and the caret's offset in the shown text.
fn display_line(src: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = src.trim_end_matches(['\r', '\n']).chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    let start = if col > MAX_SHOWN_CHARS / 2 && chars.len() > MAX_SHOWN_CHARS { col - MAX_SHOWN_CHARS / 2 } else { 0 };
    let end = (start + MAX_SHOWN_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut caret = 0;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    for (i, &c) in chars[start..end].iter().enumerate() {
        let piece: String = match c {
            '\t' => "    ".to_string(),
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?').to_string(),
            '\u{7f}' => "␡".to_string(),
            c if c.is_control() => "�".to_string(),
            c => c.to_string(),
        };
        if start + i < col {
            caret += piece.chars().count();
        }
        shown.push_str(&piece);
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// Fills `snippet` of each diagnostic about `file` from that file's text.
pub fn attach_snippets(diagnostics: &mut [Diagnostic], file: &Path, text: &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for d in diagnostics.iter_mut().filter(|d| d.line > 0 && d.snippet.is_none() && d.file == file) {
        d.snippet = text.split('\n').nth(d.line as usize - 1).map(|l| l.trim_end_matches('\r').to_string());
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.location(), severity, self.message.en)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {}", hint.en)?;
        }
        Ok(())
    }
}

/// True when any diagnostic in the list is an error.
pub(crate) fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Diagnostic {
        Diagnostic::error("bl.yaml", 4, 3, Text::new("khóa không hợp lệ `sumary` trong `document`", "unknown key `sumary` in `document`"))
            .with_hint(Text::new("có phải ý bạn là `summary`?", "did you mean `summary`?"))
    }

    #[test]
    fn render_shows_the_line_with_a_caret_in_both_languages() {
        let mut diags = vec![d()];
        attach_snippets(&mut diags, Path::new("bl.yaml"), "a:\n\nb:\n  sumary: Tổng kết\r\n");
        assert_eq!(
            diags[0].render(Lang::Vi),
            "bl.yaml:4:3: lỗi: khóa không hợp lệ `sumary` trong `document`\n  |\n4 |   sumary: Tổng kết\n  |   ^\n  = gợi ý: có phải ý bạn là `summary`?"
        );
        assert_eq!(
            diags[0].render(Lang::En),
            "bl.yaml:4:3: error: unknown key `sumary` in `document`\n  |\n4 |   sumary: Tổng kết\n  |   ^\n  = hint: did you mean `summary`?"
        );
    }

    #[test]
    fn tabs_and_control_characters_are_shown_visibly_and_the_caret_follows() {
        let (shown, caret) = display_line("\tx: a\u{7}b", 7);
        assert_eq!(shown, "    x: a␇b");
        assert_eq!(caret, 9);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(1000);
        let (shown, caret) = display_line(&line, 500);
        assert_eq!(shown.chars().count(), MAX_SHOWN_CHARS + 2);
        assert_eq!(caret, MAX_SHOWN_CHARS / 2 + 1, "the ellipsis, then half a window");
    }

    #[test]
    fn a_problem_with_the_whole_file_has_no_position() {
        let d = Diagnostic::error("bl.yaml", 0, 0, Text::new("tệp đang trống", "the file is empty"));
        assert_eq!(d.render(Lang::Vi), "bl.yaml: lỗi: tệp đang trống");
        assert_eq!(d.to_string(), "bl.yaml: error: the file is empty");
    }

    #[test]
    fn no_snippet_no_gutter() {
        assert_eq!(d().render(Lang::En), "bl.yaml:4:3: error: unknown key `sumary` in `document`\n  = hint: did you mean `summary`?");
    }
}
