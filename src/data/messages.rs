//! Every user-facing message of input validation, in one place so that a
//! Vietnamese catalogue can replace this one later without touching the
//! validator. Each function returns the message and, where useful, a hint.
//!
//! Conventions: key names and values in backticks; field paths as written in
//! YAML with 0-based list indexes (`results.tasks[2].name`).

/// A message with an optional hint, before a position is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub text: String,
    pub hint: Option<String>,
}

fn msg(text: impl Into<String>, hint: impl Into<Option<String>>) -> Msg {
    Msg { text: text.into(), hint: hint.into() }
}

/// "in `document`" or "at the top level".
fn place(parent: &str) -> String {
    if parent.is_empty() { "at the top level".to_string() } else { format!("in `{parent}`") }
}

fn list(items: &[&str]) -> String {
    items.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

pub fn unknown_key(key: &str, parent: &str, nearest: Option<&str>, known: &[&str]) -> Msg {
    let hint = match nearest {
        Some(n) => format!("did you mean `{n}`?"),
        None => format!("the keys allowed here are {}", list(known)),
    };
    msg(format!("unknown key `{key}` {}", place(parent)), hint)
}

pub fn duplicate_key(key: &str, parent: &str, first_line: u32) -> Msg {
    msg(
        format!("key `{key}` is written twice {}", place(parent)),
        format!("it was first written on line {first_line}; keep only one"),
    )
}

pub fn missing_field(field: &str, parent: &str, example: &str) -> Msg {
    msg(format!("missing required key `{field}` {}", place(parent)), format!("add a line such as `{example}`"))
}

pub fn empty_value(path: &str, example: &str) -> Msg {
    msg(format!("`{path}` is empty"), format!("write a value, for example `{example}`"))
}

pub fn expected(path: &str, what: &str, found: &str) -> Msg {
    msg(format!("`{path}`: expected {what}, found {found}"), None)
}

pub fn expected_map(path: &str, found: &str, example: &str) -> Msg {
    msg(
        format!("`{path}`: expected a map of keys, found {found}"),
        format!("write the keys indented below it, for example `{example}`"),
    )
}

pub fn expected_count(path: &str, found: &str) -> Msg {
    msg(
        format!("`{path}`: expected a whole number (count), found {found}"),
        "write the count in digits, for example `47`".to_string(),
    )
}

pub fn negative_count(path: &str, value: i64) -> Msg {
    msg(format!("`{path}`: a count cannot be negative, found {value}"), None)
}

pub fn expected_number(path: &str, found: &str, suggestion: Option<&str>) -> Msg {
    let hint = match suggestion {
        Some(s) => format!("write decimals with a dot in YAML: `{s}`"),
        None => "write a number such as `19.4` or `7`".to_string(),
    };
    msg(format!("`{path}`: expected a number, found {found}"), hint)
}

pub fn expected_date(path: &str, found: &str, suggestion: Option<&str>) -> Msg {
    let hint = match suggestion {
        Some(s) => format!("write dates as YYYY-MM-DD: `{s}`"),
        None => "write dates as YYYY-MM-DD, for example `2021-03-31`".to_string(),
    };
    msg(format!("`{path}`: expected a date, found {found}"), hint)
}

pub fn impossible_date(path: &str, written: &str, reason: &str) -> Msg {
    msg(format!("`{path}`: impossible date `{written}`: {reason}"), None)
}

pub fn expected_year(path: &str, found: &str) -> Msg {
    msg(format!("`{path}`: expected a year such as `2020`, found {found}"), None)
}

pub fn quarter_range(path: &str, value: i64) -> Msg {
    msg(format!("`{path}`: a quarter is 1, 2, 3 or 4, found {value}"), None)
}

pub fn period_missing(parent: &str) -> Msg {
    msg(
        format!("`{parent}` gives no period"),
        "write one of `year: 2020`, `quarter: 3` with `year: 2017`, or `from: 2016` with `to: 2021`".to_string(),
    )
}

pub fn period_two_forms(first: &str, second: &str) -> Msg {
    msg(
        format!("`period` is given in two forms at once: {first} and {second}"),
        "keep exactly one: `year`, `quarter` with `year`, or `from` with `to`".to_string(),
    )
}

pub fn period_needs(key: &str, partner: &str, example: &str) -> Msg {
    msg(format!("`period.{key}` needs `{partner}` as well"), format!("add a line such as `{example}`"))
}

pub fn span_reversed(from: i32, to: i32) -> Msg {
    msg(format!("`period`: `from` ({from}) is later than `to` ({to})"), None)
}

pub fn unknown_value(path: &str, value: &str, nearest: Option<&str>, allowed: &[&str]) -> Msg {
    let hint = match nearest {
        Some(n) => format!("did you mean `{n}`? (allowed: {})", list(allowed)),
        None => format!("use one of {}", list(allowed)),
    };
    msg(format!("`{path}`: unknown value `{value}`"), hint)
}

pub fn unknown_doc_type(path: &str, value: &str, correct: Option<&str>) -> Msg {
    let hint = match correct {
        Some(c) => format!("the ND30 abbreviation is spelled `{c}`"),
        None => "use an ND30 abbreviation such as `BC` (báo cáo), `CTr` (chương trình), `KH` (kế hoạch), `TB` (thông báo)".to_string(),
    };
    msg(format!("`{path}`: `{value}` is not a known document type"), hint)
}

pub fn size_set(path: &str, found: &str) -> Msg {
    msg(format!("`{path}`: the size set is 13 or 14, found {found}"), None)
}

pub fn at_least_one(path: &str, what: &str, example: &str) -> Msg {
    msg(format!("`{path}` needs at least one {what}"), format!("start the list with a line such as `{example}`"))
}

pub fn resolved_over_received(resolved: u64, received: u64) -> Msg {
    msg(
        format!("`results.complaints.resolved` ({resolved}) is greater than `received` ({received})"),
        "a report cannot resolve more complaints than it received".to_string(),
    )
}

pub fn of_below_value(path: &str, of: f64, value: f64) -> Msg {
    msg(
        format!("`{path}.of` ({}) is smaller than `value` ({})", num(of), num(value)),
        "`of` is the total, as in \"7/11 xã\": value 7, of 11".to_string(),
    )
}

pub fn duplicate_issuer(code: &str, first_line: u32) -> Msg {
    msg(
        format!("issuer code `{code}` is used twice"),
        format!("the first issuer with this code is on line {first_line}; each issuer needs its own code"),
    )
}

pub fn unknown_signer_issuer(path: &str, code: &str, nearest: Option<&str>, codes: &[&str]) -> Msg {
    let hint = match nearest {
        Some(n) => format!("did you mean `{n}`? (issuer codes: {})", list(codes)),
        None => format!("the issuer codes in this file are {}", list(codes)),
    };
    msg(format!("`{path}`: no issuer has the code `{code}`"), hint)
}

pub fn control_char(path: &str, c: char) -> Msg {
    msg(
        format!("`{path}` contains the control character U+{:04X} ({})", c as u32, c.escape_default()),
        if c == '\t' {
            "replace the tab with spaces".to_string()
        } else {
            "remove it; it was probably pasted in by accident".to_string()
        },
    )
}

pub fn unprintable_char(path: &str, c: char) -> Msg {
    msg(
        format!("`{path}` contains U+{:04X} `{c}`, which the bundled font cannot print", c as u32),
        "remove it or replace it with a Vietnamese letter or common punctuation".to_string(),
    )
}

pub fn too_long_field(path: &str, chars: usize, max: usize) -> Msg {
    msg(
        format!("`{path}` is {chars} characters long; the limit for one value is {max}"),
        "split long text into several paragraphs (a list of strings)".to_string(),
    )
}

pub fn file_too_large(bytes: usize, max: usize) -> Msg {
    msg(format!("the file is {bytes} bytes; the limit is {max} bytes"), None)
}

pub fn empty_file() -> Msg {
    msg("the file is empty", "a report needs at least `document`, `issuers`, `period` and `signers`".to_string())
}

pub fn top_level_not_map(found: &str) -> Msg {
    msg(format!("expected keys such as `document:` at the top level, found {found}"), None)
}

pub fn yaml_syntax(parser_message: &str) -> Msg {
    if parser_message.starts_with("multiple YAML documents") {
        return msg(
            "the file holds more than one YAML document (a `---` line)",
            "write one report per file".to_string(),
        );
    }
    msg(format!("invalid YAML: {parser_message}"), None)
}

pub fn tab_indent_hint(line: usize) -> String {
    format!("YAML indents with spaces, not tabs (line {line} starts with a tab)")
}

pub fn cutoff_after_date() -> Msg {
    msg(
        "`period.cutoff` is later than `document.date`",
        "figures are usually cut off before the document is issued".to_string(),
    )
}

/// A number as a person writes it: no trailing ".0".
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { v.to_string() }
}
