//! Node tree -> [`Report`]: hand-written schema knowledge that walks the whole
//! tree and collects every problem instead of stopping at the first.
//!
//! Contract: when the returned list holds no error, every required field was
//! present and well-typed and `report` is `Some`. Texts are NFC, free of
//! control characters (newlines only in `sections`) and printable with the
//! bundled font.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use super::messages::{self, Item, Msg, What};
use super::model::*;
use super::tree::{Key, Node, NodeKind};
use crate::diag::Diagnostic;
use crate::i18n::Text;

/// Longest single value, in characters: longer text is certainly a mistake
/// (a whole document pasted into one field) and slows layout.
pub(crate) const MAX_FIELD_CHARS: usize = 20_000;

/// Most items in one list (tasks, indicators, paragraphs …): a report table
/// of tens of thousands of rows is a data export, not a report, and would
/// take minutes to lay out.
pub(crate) const MAX_LIST_ITEMS: usize = 1_000;

const ROOT_KEYS: &[&str] =
    &["template", "document", "issuers", "period", "programme", "meeting", "results", "sections", "signers", "recipients", "archive"];
const DOCUMENT_KEYS: &[&str] = &["type", "number", "place", "date", "summary", "to", "size_set", "type_name", "joint_code", "style"];
/// `document.style`: overrides of format values the spec leaves OPEN (see `profile`).
const STYLE_KEYS: &[&str] =
    &["headings", "end_mark", "recipient_separator", "signer_title_bold", "summary_separator", "title_size", "type_size"];
const ISSUER_KEYS: &[&str] = &["system", "parent", "name", "code", "number"];
const PERIOD_KEYS: &[&str] = &["year", "quarter", "from", "to", "cutoff"];
const PROGRAMME_KEYS: &[&str] = &["name", "parties"];
const MEETING_KEYS: &[&str] = &["date", "chairs"];
const PERSON_KEYS: &[&str] = &["name", "title"];
const RESULTS_KEYS: &[&str] = &["tasks", "models", "complaints", "indicators", "commendations"];
const TASK_KEYS: &[&str] = &["name", "lead", "partners", "status", "note", "deadline"];
const MODELS_KEYS: &[&str] = &["registered", "recognized", "examples"];
/// Levels at which a model can be recognised (tuyên dương), top-down.
const LEVELS: &[&str] = &["national", "province", "district", "commune"];
const EXAMPLE_KEYS: &[&str] = &["name", "unit", "field"];
const COMPLAINTS_KEYS: &[&str] = &["received", "resolved"];
const INDICATOR_KEYS: &[&str] = &["name", "value", "unit", "target", "previous", "of", "series"];
const COMMENDATION_KEYS: &[&str] = &["by", "collectives", "individuals"];
const SECTION_KEYS: &[&str] =
    &["situation", "achievements", "limitations", "causes", "lessons", "next_tasks", "proposals", "purpose", "implementation"];
const SIGNER_KEYS: &[&str] = &["issuer", "authority", "on_behalf_of", "head", "title", "name"];

/// Every map of the contract (dotted path, lists walked through) with its
/// keys, for the JSON Schema of `baocao schema` and its test.
#[cfg(test)]
pub(crate) fn known_keys() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("", ROOT_KEYS),
        ("document", DOCUMENT_KEYS),
        ("document.style", STYLE_KEYS),
        ("issuers", ISSUER_KEYS),
        ("period", PERIOD_KEYS),
        ("programme", PROGRAMME_KEYS),
        ("meeting", MEETING_KEYS),
        ("meeting.chairs", PERSON_KEYS),
        ("results", RESULTS_KEYS),
        ("results.tasks", TASK_KEYS),
        ("results.models", MODELS_KEYS),
        ("results.models.recognized", LEVELS),
        ("results.models.examples", EXAMPLE_KEYS),
        ("results.complaints", COMPLAINTS_KEYS),
        ("results.indicators", INDICATOR_KEYS),
        ("results.commendations", COMMENDATION_KEYS),
        ("sections", SECTION_KEYS),
        ("signers", SIGNER_KEYS),
    ]
}

/// ND30 (Nghị định 30/2020, Phụ lục III) abbreviations, plus the party's KL and QĐi.
pub(crate) const DOC_TYPES: &[&str] = &[
    "NQ", "QĐ", "CT", "QC", "QYĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ",
    "GM", "GGT", "GNP", "PG", "PC", "PB", "KL", "QĐi",
];

/// Where a diagnostic points.
#[derive(Clone)]
struct Pos {
    file: Option<PathBuf>,
    line: u32,
    column: u32,
}

impl Pos {
    fn of(node: &Node) -> Pos {
        Pos { file: node.file.as_ref().map(|f| f.to_path_buf()), line: node.line, column: node.column }
    }
    /// A key's position; the key was read from the same file as its value.
    fn key(key: &Key, value: &Node) -> Pos {
        Pos { line: key.line, column: key.column, ..Pos::of(value) }
    }
}

struct Ctx<'a> {
    path: &'a Path,
    options: &'a super::Options,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(&mut self, at: &Pos, m: Msg) {
        let file = at.file.clone().unwrap_or_else(|| self.path.to_path_buf());
        let mut d = Diagnostic::error(file, at.line, at.column, m.text);
        d.hint = m.hint;
        self.diags.push(d);
    }

    fn warning(&mut self, at: &Pos, m: Msg) {
        let file = at.file.clone().unwrap_or_else(|| self.path.to_path_buf());
        let mut d = Diagnostic::warning(file, at.line, at.column, m.text);
        d.hint = m.hint;
        self.diags.push(d);
    }

    /// Opens a map node: reports a non-map, unknown and duplicate keys.
    /// `at` is where the map is named (its key), used for missing fields.
    /// A null value (a key with nothing after it) is an empty map.
    fn map<'n>(&mut self, node: &'n Node, at: Pos, path: &str, known: &'static [&'static str], example: &str) -> Option<Fields<'n>> {
        let entries = match &node.kind {
            NodeKind::Map(entries) => entries.as_slice(),
            NodeKind::Null => &[],
            _ => {
                self.error(&Pos::of(node), messages::expected_map(path, &node.describe(), example));
                return None;
            }
        };
        let mut seen: Vec<(&'n Key, &'n Node)> = Vec::new();
        let mut misspelt = Vec::new();
        for (key, value) in entries {
            if let Some((first, _)) = seen.iter().find(|(k, _)| k.name == key.name) {
                self.error(&Pos::key(key, value), messages::duplicate_key(&key.name, path, first.line));
                continue;
            }
            if !known.is_empty() && !known.contains(&key.name.as_str()) {
                let nearest = nearest(&key.name, known);
                self.error(&Pos::key(key, value), messages::unknown_key(&key.name, path, nearest, known));
                misspelt.extend(nearest);
            }
            seen.push((key, value));
        }
        Some(Fields { entries: seen, at, path: path.to_string(), misspelt })
    }

    // ---- scalars -------------------------------------------------------

    /// Text; numbers are accepted as written (`code: 123`). Null -> None.
    fn text(&mut self, node: &Node, path: &str, multiline: bool) -> Option<String> {
        let raw = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => node.scalar_text()?,
            NodeKind::Null => return None,
            _ => {
                self.error(&Pos::of(node), messages::expected(path, What::Text, &node.describe()));
                return None;
            }
        };
        // Built only for a diagnostic: most values have none.
        let at = || Pos::of(node);
        // Counted before normalising: a huge value is refused without more work.
        let chars = raw.chars().count();
        if chars > MAX_FIELD_CHARS {
            self.error(&at(), messages::too_long_field(path, chars, MAX_FIELD_CHARS));
            return None;
        }
        // Most input is already NFC: the quick check skips the decompose-recompose pass.
        let mut text: String = match unicode_normalization::is_nfc_quick(raw.chars()) {
            unicode_normalization::IsNormalized::Yes => raw,
            _ => raw.nfc().collect(),
        };
        if let Some((encoding, converted)) = super::legacy::detect(&text) {
            let shown = shorten(&text);
            let converted_shown = shorten(&converted);
            if self.options.convert_legacy {
                self.warning(&at(), messages::legacy_converted(path, encoding.name(), &converted_shown));
                text = converted;
            } else {
                self.error(&at(), messages::legacy_encoding(path, encoding.name(), &shown, &converted_shown));
                return None;
            }
        }
        let mut reported: Vec<char> = Vec::new();
        let mut ok = true;
        for c in text.chars() {
            // Printable ASCII is in every face (a test says so): most
            // characters skip the font tables.
            if (c == '\n' && multiline) || c == ' ' || c.is_ascii_graphic() || reported.contains(&c) {
                continue;
            }
            if is_invisible(c) {
                self.error(&at(), messages::invisible_char(path, c));
            } else if c.is_control() {
                self.error(&at(), messages::control_char(path, c));
            } else if !crate::fonts::covers(c) {
                self.error(&at(), messages::unprintable_char(path, c));
            } else {
                continue;
            }
            reported.push(c);
            ok = false;
        }
        ok.then_some(text)
    }

    /// One string or a list of strings.
    fn text_list(&mut self, node: &Node, path: &str, multiline: bool) -> Option<Vec<String>> {
        match &node.kind {
            NodeKind::Seq(items) if items.len() > MAX_LIST_ITEMS => {
                self.error(&Pos::of(node), messages::too_many_items(path, items.len(), MAX_LIST_ITEMS));
                None
            }
            NodeKind::Seq(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    if matches!(item.kind, NodeKind::Map(_) | NodeKind::Seq(_)) {
                        self.error(&Pos::of(item), messages::expected(&item_path, What::Text, &item.describe()));
                        ok = false;
                    } else if let Some(t) = self.text(item, &item_path, multiline) {
                        out.push(t);
                    } else if !matches!(item.kind, NodeKind::Null) {
                        ok = false;
                    }
                }
                ok.then_some(out)
            }
            NodeKind::Null => Some(Vec::new()),
            NodeKind::Map(_) => {
                self.error(&Pos::of(node), messages::expected(path, What::TextOrList, &node.describe()));
                None
            }
            _ => self.text(node, path, multiline).map(|t| vec![t]),
        }
    }

    fn count(&mut self, node: &Node, path: &str) -> Option<u64> {
        match &node.kind {
            NodeKind::Int(i) if *i >= 0 && *i as u64 > messages::MAX_COUNT => {
                self.error(&Pos::of(node), messages::count_too_large(path, *i as u64));
                None
            }
            NodeKind::Int(i) if *i >= 0 => Some(*i as u64),
            NodeKind::Int(i) => {
                self.error(&Pos::of(node), messages::negative_count(path, *i));
                None
            }
            NodeKind::Null => None,
            _ => {
                let digits = match &node.kind {
                    NodeKind::Str(s) => number_words(s),
                    _ => None,
                };
                self.error(&Pos::of(node), messages::expected_count(path, &node.describe(), digits));
                None
            }
        }
    }

    fn number(&mut self, node: &Node, path: &str) -> Option<f64> {
        match &node.kind {
            NodeKind::Int(_) | NodeKind::Float(_) if magnitude(node).is_some_and(|v| v.abs() > messages::MAX_MAGNITUDE) => {
                let written = node.scalar_text().unwrap_or_default();
                self.error(&Pos::of(node), messages::number_too_large(path, &written));
                None
            }
            NodeKind::Int(i) => Some(*i as f64),
            NodeKind::Float(f) => Some(*f),
            NodeKind::Null => None,
            NodeKind::Str(s) => {
                // "19,4" is the Vietnamese way of writing 19.4; say how to write it in YAML.
                let dotted = s.trim().replace(',', ".");
                let suggestion = dotted.parse::<f64>().ok().filter(|f| f.is_finite()).map(|_| dotted);
                self.error(&Pos::of(node), messages::expected_number(path, &node.describe(), suggestion.as_deref()));
                None
            }
            _ => {
                self.error(&Pos::of(node), messages::expected_number(path, &node.describe(), None));
                None
            }
        }
    }

    fn year(&mut self, node: &Node, path: &str) -> Option<i32> {
        match &node.kind {
            NodeKind::Int(i) if i32::try_from(*i).is_ok_and(|y| messages::YEARS.contains(&y)) => Some(*i as i32),
            NodeKind::Int(i) => {
                self.error(&Pos::of(node), messages::year_out_of_range(path, *i));
                None
            }
            _ => {
                self.error(&Pos::of(node), messages::expected_year(path, &node.describe()));
                None
            }
        }
    }

    fn date(&mut self, node: &Node, path: &str) -> Option<NaiveDate> {
        let s = match &node.kind {
            NodeKind::Str(s) => s.trim(),
            NodeKind::Null => return None,
            _ => {
                self.error(&Pos::of(node), messages::expected_date(path, &node.describe(), None));
                return None;
            }
        };
        let at = Pos::of(node);
        if let Some((y, m, d)) = split_date(s, '-', true) {
            return match check_date(y, m, d) {
                Ok(_) if !messages::YEARS.contains(&y) => {
                    self.error(&at, messages::date_out_of_range(path, s));
                    None
                }
                Ok(date) => Some(date),
                Err(reason) => {
                    self.error(&at, messages::impossible_date(path, s, &reason));
                    None
                }
            };
        }
        // 31/3/2021 or 31-03-2021: the Vietnamese day-first order; suggest ISO.
        let suggestion = ['/', '-', '.']
            .iter()
            .find_map(|&sep| split_date(s, sep, false))
            .and_then(|(y, m, d)| check_date(y, m, d).ok())
            .map(|date| date.format("%Y-%m-%d").to_string());
        self.error(&at, messages::expected_date(path, &node.describe(), suggestion.as_deref()));
        None
    }

    /// A value from a closed set, compared exactly; near misses get a hint.
    fn choice<T: Copy>(&mut self, node: &Node, path: &str, options: &[(&'static str, T)]) -> Option<T> {
        let text = match &node.kind {
            NodeKind::Null => return None,
            NodeKind::Map(_) | NodeKind::Seq(_) => {
                let allowed: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
                self.error(&Pos::of(node), messages::expected(path, What::OneOf(allowed), &node.describe()));
                return None;
            }
            _ => node.scalar_text().unwrap_or_default(),
        };
        let text: String = text.trim().nfc().collect();
        if let Some((_, v)) = options.iter().find(|(n, _)| *n == text) {
            return Some(*v);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let near = nearest(&text, &names);
        self.error(&Pos::of(node), messages::unknown_value(path, &text, near, &names));
        None
    }
}

/// The keys of one map after unknown and duplicate keys were reported.
struct Fields<'n> {
    entries: Vec<(&'n Key, &'n Node)>,
    at: Pos,
    path: String,
    /// Known keys that an unknown key of this map was reported as a likely
    /// misspelling of: their absence is not reported a second time.
    misspelt: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| *v)
    }

    /// The value with its key's position, null values treated as absent.
    fn present(&self, key: &str) -> Option<(&'n Node, Pos)> {
        self.entries.iter().find(|(k, v)| k.name == key && !matches!(v.kind, NodeKind::Null)).map(|(k, v)| (*v, Pos::key(k, v)))
    }

    fn child(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    /// Reports a missing key or an empty value; returns the value node.
    fn require(&self, ctx: &mut Ctx, key: &str, example: &str) -> Option<&'n Node> {
        match self.get(key) {
            None if self.misspelt.contains(&key) => None,
            None => {
                ctx.error(&self.at, messages::missing_field(key, &self.path, example));
                None
            }
            Some(node) if matches!(node.kind, NodeKind::Null) => {
                ctx.error(&Pos::of(node), messages::empty_value(&self.child(key), example));
                None
            }
            Some(node) => Some(node),
        }
    }

    fn req_text(&self, ctx: &mut Ctx, key: &str, example: &str) -> Option<String> {
        let node = self.require(ctx, key, example)?;
        let text = ctx.text(node, &self.child(key), false)?;
        if text.trim().is_empty() {
            ctx.error(&Pos::of(node), messages::empty_value(&self.child(key), example));
            return None;
        }
        Some(text.trim().to_string())
    }

    /// Optional text; empty text counts as absent.
    fn opt_text(&self, ctx: &mut Ctx, key: &str) -> Option<String> {
        let node = self.get(key)?;
        let text = ctx.text(node, &self.child(key), false)?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    fn opt_list(&self, ctx: &mut Ctx, key: &str) -> Vec<String> {
        match self.get(key) {
            Some(node) => ctx.text_list(node, &self.child(key), false).unwrap_or_default(),
            None => Vec::new(),
        }
    }
}

/// Walks a list node; a single map where a list is expected is taken as a
/// one-item list, because it is an easy slip to forget the `- `.
fn items<'n>(ctx: &mut Ctx, node: &'n Node, path: &str) -> Vec<(String, &'n Node)> {
    match &node.kind {
        NodeKind::Seq(items) if items.len() > MAX_LIST_ITEMS => {
            ctx.error(&Pos::of(node), messages::too_many_items(path, items.len(), MAX_LIST_ITEMS));
            Vec::new()
        }
        NodeKind::Seq(items) => items.iter().enumerate().map(|(i, n)| (format!("{path}[{i}]"), n)).collect(),
        NodeKind::Null => Vec::new(),
        NodeKind::Map(_) => vec![(format!("{path}[0]"), node)],
        _ => {
            ctx.error(&Pos::of(node), messages::expected(path, What::List, &node.describe()));
            Vec::new()
        }
    }
}

/// Validates a whole tree. Returns the report (None when any error was
/// found) and every diagnostic, errors and warnings.
pub(crate) fn validate(path: &Path, tree: &Node, options: &super::Options) -> (Option<Report>, Vec<Diagnostic>) {
    let mut ctx = Ctx { path, options, diags: Vec::new() };
    let report = report(&mut ctx, tree);
    let mut diags = ctx.diags;
    if report.is_none() && !crate::diag::has_errors(&diags) {
        // Every path that drops the report reports why; this is a safety net.
        let at = Pos::of(tree);
        let m = messages::internal_error();
        diags.push(Diagnostic::error(path, at.line, at.column, m.text));
    }
    let report = if crate::diag::has_errors(&diags) { None } else { report };
    (report, diags)
}

fn report(ctx: &mut Ctx, tree: &Node) -> Option<Report> {
    let root_at = Pos::of(tree);
    match &tree.kind {
        NodeKind::Null => {
            ctx.error(&root_at, messages::empty_file());
            return None;
        }
        NodeKind::Map(_) => {}
        _ => {
            ctx.error(&root_at, messages::top_level_not_map(&tree.describe()));
            return None;
        }
    }
    let root = ctx.map(tree, root_at.clone(), "", ROOT_KEYS, "")?;

    let template = root.opt_text(ctx, "template");
    let document = root.require(ctx, "document", "document:").and_then(|n| document(ctx, &root, n));
    let issuers = root.require(ctx, "issuers", "issuers:").and_then(|n| issuers(ctx, n));
    let period = root.require(ctx, "period", "period:").and_then(|n| period(ctx, &root, n));
    let programme = root.present("programme").and_then(|(n, at)| {
        let f = ctx.map(n, at, "programme", PROGRAMME_KEYS, "name: Chương trình phối hợp công tác năm 2020")?;
        let name = f.req_text(ctx, "name", "name: Chương trình phối hợp công tác năm 2020");
        let parties = f.opt_list(ctx, "parties");
        Some(Programme { name: name?, parties })
    });
    let meeting = root.present("meeting").and_then(|(n, at)| meeting(ctx, n, at));
    let results = match root.present("results") {
        Some((n, at)) => results(ctx, n, at),
        None => Some(Results::default()),
    };
    let sections = match root.present("sections") {
        Some((n, at)) => sections(ctx, n, at),
        None => Some(Sections::default()),
    };
    let lead_code = issuers.as_ref().and_then(|v: &Vec<Issuer>| v.first()).map(|i| i.code.clone());
    let codes: Option<Vec<String>> = issuers.as_ref().map(|v| v.iter().map(|i| i.code.clone()).collect());
    let signers = root.require(ctx, "signers", "signers:").and_then(|n| signers(ctx, n, lead_code, codes));
    let recipients = root.get("recipients").map(|n| ctx.text_list(n, "recipients", false)).unwrap_or(Some(Vec::new()));
    let archive = match root.present("archive") {
        Some((n, _)) => ctx.text_list(n, "archive", false),
        None => Some(vec!["VT".to_string()]),
    };

    if let (Some(doc), Some(p)) = (&document, &period) {
        dated_in_period(ctx, &root, doc, p);
    }
    if let (Some(doc), Some(p), Some((n, _))) = (&document, &period, root.present("period"))
        && p.cutoff.is_some_and(|c| c > doc.date)
    {
        let at = n.as_map().and_then(|m| m.iter().find(|(k, _)| k.name == "cutoff")).map(|(_, v)| Pos::of(v));
        ctx.warning(&at.unwrap_or(Pos::of(n)), messages::cutoff_after_date());
    }

    Some(Report {
        template,
        document: document?,
        issuers: issuers?,
        period: period?,
        programme,
        meeting,
        results: results?,
        sections: sections?,
        signers: signers?,
        recipients: recipients?,
        archive: archive?,
        rollup: None,
    })
}

/// A report (`BC`) is issued after the period it reports on begins; more
/// than a month before it ends (without a `period.cutoff`) is worth a look.
fn dated_in_period(ctx: &mut Ctx, root: &Fields, doc: &DocumentInfo, period: &Period) {
    if doc.doc_type != "BC" {
        return;
    }
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let (start, end) = match period.kind {
        PeriodKind::Year { year } => (ymd(year, 1, 1), ymd(year, 12, 31)),
        PeriodKind::Quarter { year, quarter } => {
            let first = 3 * u32::from(quarter) - 2;
            let end = if quarter == 4 { ymd(year, 12, 31) } else { ymd(year, first + 3, 1).and_then(|d| d.pred_opt()) };
            (ymd(year, first, 1), end)
        }
        PeriodKind::Span { from, to } => (ymd(from, 1, 1), ymd(to, 12, 31)),
    };
    let (Some(start), Some(end)) = (start, end) else { return };
    let at =
        root.get("document").and_then(|n| n.as_map()).and_then(|m| m.iter().rev().find(|(k, _)| k.name == "date")).map(|(_, v)| Pos::of(v));
    let Some(at) = at else { return };
    let show = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    if doc.date < start {
        ctx.error(&at, messages::dated_before_period(&show(doc.date), &show(start)));
    } else if period.cutoff.is_none() && (end - doc.date).num_days() > 31 {
        ctx.warning(&at, messages::dated_early(&show(doc.date), &show(end)));
    }
}

fn document(ctx: &mut Ctx, root: &Fields, node: &Node) -> Option<DocumentInfo> {
    let (_, at) = root.present("document")?;
    let f = ctx.map(node, at, "document", DOCUMENT_KEYS, "type: BC")?;
    let doc_type = f.require(ctx, "type", "type: BC").and_then(|n| {
        let Some(written) = n.scalar_text() else {
            ctx.error(&Pos::of(n), messages::expected("document.type", What::DocTypeAbbreviation, &n.describe()));
            return None;
        };
        let written: String = written.trim().nfc().collect();
        if DOC_TYPES.contains(&written.as_str()) {
            return Some(written);
        }
        // Same letters in another case, or Đ typed as D: say the exact spelling.
        let folded = fold_type(&written);
        let correct = DOC_TYPES.iter().find(|t| fold_type(t) == folded).copied();
        ctx.error(&Pos::of(n), messages::unknown_doc_type("document.type", &written, correct));
        None
    });
    let number = match f.get("number") {
        Some(n) => match ctx.count(n, "document.number") {
            Some(v) if v >= 1 && v <= u32::MAX as u64 => Some(Some(v as u32)),
            Some(_) => {
                ctx.error(&Pos::of(n), messages::expected("document.number", What::DocNumber, &n.describe()));
                None
            }
            None if matches!(n.kind, NodeKind::Null) => Some(None),
            None => None,
        },
        None => Some(None),
    };
    let place = f.req_text(ctx, "place", "place: Bình Liêu");
    let date = f.require(ctx, "date", "date: 2021-03-31").and_then(|n| ctx.date(n, "document.date"));
    let summary = f.req_text(ctx, "summary", "summary: Tổng kết Chương trình phối hợp công tác năm 2020");
    let to = f.opt_list(ctx, "to");
    let size_set = match f.present("size_set") {
        None => Some(SizeSet::S14),
        Some((n, _)) => match n.scalar_text().as_deref().map(str::trim) {
            Some("13") => Some(SizeSet::S13),
            Some("14") => Some(SizeSet::S14),
            _ => {
                ctx.error(&Pos::of(n), messages::size_set("document.size_set", &n.describe()));
                None
            }
        },
    };
    let type_name = f.opt_text(ctx, "type_name");
    let joint_code = f.opt_text(ctx, "joint_code");
    let style = match f.present("style") {
        Some((n, at)) => style_overrides(ctx, n, at),
        None => Some(StyleOverrides::default()),
    };
    Some(DocumentInfo {
        doc_type: doc_type?,
        number: number?,
        place: place?,
        date: date?,
        summary: summary?,
        to,
        size_set: size_set?,
        type_name,
        joint_code,
        style: style?,
    })
}

/// `document.style`: each value from a closed set, so a typo is reported.
fn style_overrides(ctx: &mut Ctx, node: &Node, at: Pos) -> Option<StyleOverrides> {
    let f = ctx.map(node, at, "document.style", STYLE_KEYS, "headings: \"I-\"")?;
    let mut ok = true;
    let mut pick = |key: &str, options: &[(&'static str, &'static str)]| -> Option<String> {
        let n = f.present(key)?.0;
        let v = ctx.choice(n, &f.child(key), options).map(str::to_string);
        ok &= v.is_some();
        v
    };
    let headings = pick("headings", &[("I.", "I."), ("I-", "I-")]);
    let end_mark = pick("end_mark", &[("./.", "./."), (".", ".")]);
    let recipient_separator = pick("recipient_separator", &[(";", ";"), (",", ",")]);
    let summary_separator = pick("summary_separator", &[("dashes", "dashes"), ("rule", "rule")]);
    let signer_title_bold = f.present("signer_title_bold").and_then(|(n, _)| {
        let v = ctx.choice(n, &f.child("signer_title_bold"), &[("true", true), ("false", false)]);
        ok &= v.is_some();
        v
    });
    let mut size = |key: &str| -> Option<f32> {
        let n = f.present(key)?.0;
        let v = ctx.choice(n, &f.child(key), &[("14", 14.0), ("15", 15.0), ("16", 16.0)]);
        ok &= v.is_some();
        v
    };
    let title_size = size("title_size");
    let type_size = size("type_size");
    ok.then_some(StyleOverrides { headings, end_mark, recipient_separator, signer_title_bold, summary_separator, title_size, type_size })
}

fn fold_type(t: &str) -> String {
    t.chars().map(|c| if c == 'Đ' || c == 'đ' { 'D' } else { c }).collect::<String>().to_uppercase()
}

fn issuers(ctx: &mut Ctx, node: &Node) -> Option<Vec<Issuer>> {
    let list = items(ctx, node, "issuers");
    if list.is_empty() {
        if matches!(node.kind, NodeKind::Seq(_)) {
            ctx.error(&Pos::of(node), messages::at_least_one("issuers", Item::Issuer, "- system: state"));
        }
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    let mut seen: Vec<(String, u32)> = Vec::new();
    for (path, item) in list {
        let Some(f) = ctx.map(item, Pos::of(item), &path, ISSUER_KEYS, "system: state") else {
            ok = false;
            continue;
        };
        let system =
            f.require(ctx, "system", "system: state").and_then(|n| ctx.choice(n, &f.child("system"), &System::ALL.map(|s| (s.key(), s))));
        let parent = f.opt_text(ctx, "parent");
        let name = f.require(ctx, "name", "name: [ỦY BAN NHÂN DÂN, HUYỆN BÌNH LIÊU]").and_then(|n| {
            let lines = ctx.text_list(n, &f.child("name"), false)?;
            let lines: Vec<String> = lines.into_iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
            if lines.is_empty() {
                ctx.error(&Pos::of(n), messages::empty_value(&f.child("name"), "name: [ỦY BAN NHÂN DÂN, HUYỆN BÌNH LIÊU]"));
                return None;
            }
            Some(lines)
        });
        let code = f.req_text(ctx, "code", "code: UBND");
        if let (Some(code), Some(n)) = (&code, f.get("code")) {
            match seen.iter().find(|(c, _)| c == code) {
                Some((_, line)) => ctx.error(&Pos::of(n), messages::duplicate_issuer(code, *line)),
                None => seen.push((code.clone(), n.line)),
            }
        }
        let number = f.get("number").and_then(|n| ctx.count(n, &f.child("number"))).map(|v| v.min(u32::MAX as u64) as u32);
        match (system, name, code) {
            (Some(system), Some(name), Some(code)) => out.push(Issuer { system, parent, name, code, number }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn period(ctx: &mut Ctx, root: &Fields, node: &Node) -> Option<Period> {
    let (_, at) = root.present("period")?;
    let f = ctx.map(node, at.clone(), "period", PERIOD_KEYS, "year: 2020")?;
    let year = f.get("year").map(|n| ctx.year(n, "period.year"));
    let quarter = f.get("quarter").map(|n| match &n.kind {
        NodeKind::Int(q) if (1..=4).contains(q) => Some(*q as u8),
        NodeKind::Int(q) => {
            ctx.error(&Pos::of(n), messages::quarter_range("period.quarter", *q));
            None
        }
        _ => {
            ctx.error(&Pos::of(n), messages::expected("period.quarter", What::Quarter, &n.describe()));
            None
        }
    });
    let from = f.get("from").map(|n| ctx.year(n, "period.from"));
    let to = f.get("to").map(|n| ctx.year(n, "period.to"));
    let cutoff = f.present("cutoff").map(|(n, _)| ctx.date(n, "period.cutoff"));
    let cutoff_ok = !matches!(cutoff, Some(None));
    let cutoff = cutoff.flatten();

    let key_pos = |k: &str| f.entries.iter().find(|(key, _)| key.name == k).map(|(key, v)| Pos::key(key, v));
    let has_span = from.is_some() || to.is_some();
    let has_year_form = year.is_some() || quarter.is_some();
    if has_span && has_year_form {
        let first = if quarter.is_some() { "`quarter`/`year`" } else { "`year`" };
        let second_key = if from.is_some() { "from" } else { "to" };
        let at = key_pos(second_key).unwrap_or(at.clone());
        ctx.error(&at, messages::period_two_forms(first, "`from`/`to`"));
        return None;
    }
    let kind = match (year, quarter, from, to) {
        (None, None, None, None) => {
            ctx.error(&at, messages::period_missing("period"));
            return None;
        }
        (Some(y), None, None, None) => PeriodKind::Year { year: y? },
        (Some(y), Some(q), None, None) => PeriodKind::Quarter { year: y?, quarter: q? },
        (None, Some(_), None, None) => {
            ctx.error(&at, messages::period_needs("quarter", "year", "year: 2017"));
            return None;
        }
        (None, None, Some(from), Some(to)) => {
            let (from, to) = (from?, to?);
            if from > to {
                ctx.error(&key_pos("from").unwrap_or(at), messages::span_reversed(from, to));
                return None;
            }
            PeriodKind::Span { from, to }
        }
        (None, None, Some(_), None) => {
            ctx.error(&at, messages::period_needs("from", "to", "to: 2021"));
            return None;
        }
        (None, None, None, Some(_)) => {
            ctx.error(&at, messages::period_needs("to", "from", "from: 2016"));
            return None;
        }
        _ => unreachable!("span and year forms were checked together above"),
    };
    cutoff_ok.then_some(Period { kind, cutoff })
}

fn meeting(ctx: &mut Ctx, node: &Node, at: Pos) -> Option<Meeting> {
    let f = ctx.map(node, at, "meeting", MEETING_KEYS, "date: 2021-03-31")?;
    let date = f.get("date").map(|n| ctx.date(n, "meeting.date"));
    let mut chairs = Vec::new();
    if let Some(n) = f.get("chairs") {
        for (path, item) in items(ctx, n, "meeting.chairs") {
            // A bad chair is reported; the report is dropped for any error anyway.
            chairs.extend(person(ctx, item, &path));
        }
    }
    Some(Meeting { date: date.flatten(), chairs })
}

fn person(ctx: &mut Ctx, node: &Node, path: &str) -> Option<Person> {
    let f = ctx.map(node, Pos::of(node), path, PERSON_KEYS, "name: Nguyễn Thị Tuyết Hạnh")?;
    let name = f.req_text(ctx, "name", "name: Nguyễn Thị Tuyết Hạnh");
    let title = f.req_text(ctx, "title", "title: Chủ tịch UBND huyện");
    Some(Person { name: name?, title: title? })
}

fn results(ctx: &mut Ctx, node: &Node, at: Pos) -> Option<Results> {
    let f = ctx.map(node, at, "results", RESULTS_KEYS, "tasks:")?;
    let mut ok = true;
    let mut out = Results::default();

    if let Some(n) = f.get("tasks") {
        for (path, item) in items(ctx, n, "results.tasks") {
            match task(ctx, item, &path) {
                Some(t) => out.tasks.push(t),
                None => ok = false,
            }
        }
    }
    if let Some((n, at)) = f.present("models") {
        out.models = models(ctx, n, at);
        ok &= out.models.is_some();
    }
    if let Some((n, at)) = f.present("complaints") {
        out.complaints = complaints(ctx, n, at);
        ok &= out.complaints.is_some();
    }
    if let Some(n) = f.get("indicators") {
        for (path, item) in items(ctx, n, "results.indicators") {
            match indicator(ctx, item, &path) {
                Some(i) => out.indicators.push(i),
                None => ok = false,
            }
        }
    }
    if let Some(n) = f.get("commendations") {
        for (path, item) in items(ctx, n, "results.commendations") {
            let Some(c) = ctx.map(item, Pos::of(item), &path, COMMENDATION_KEYS, "by: Ủy ban nhân dân huyện") else {
                ok = false;
                continue;
            };
            let by = c.req_text(ctx, "by", "by: Ủy ban nhân dân huyện");
            let collectives = opt_count(ctx, &c, "collectives");
            let individuals = opt_count(ctx, &c, "individuals");
            match (by, collectives, individuals) {
                (Some(by), Some(collectives), Some(individuals)) => out.commendations.push(Commendation { by, collectives, individuals }),
                _ => ok = false,
            }
        }
    }
    let mut years: Vec<i32> = out.indicators.iter().flat_map(|i| i.series.iter().map(|p| p.year)).collect();
    years.sort_unstable();
    years.dedup();
    out.series_years = years;
    ok.then_some(out)
}

/// An optional count defaulting to 0; None only when an error was reported.
fn opt_count(ctx: &mut Ctx, f: &Fields, key: &str) -> Option<u64> {
    match f.present(key) {
        Some((n, _)) => ctx.count(n, &f.child(key)),
        None => Some(0),
    }
}

fn task(ctx: &mut Ctx, node: &Node, path: &str) -> Option<Task> {
    let f = ctx.map(node, Pos::of(node), path, TASK_KEYS, "name: Tuyên truyền, vận động Nhân dân")?;
    let name = f.req_text(ctx, "name", "name: Tuyên truyền, vận động Nhân dân");
    let lead = f.req_text(ctx, "lead", "lead: Phòng Văn hóa và Thông tin");
    let partners = f.opt_list(ctx, "partners");
    // A planned task (a programme's, with a deadline) may leave the status out: not done yet.
    let planned = f.get("status").is_none() && f.present("deadline").is_some();
    let status = if planned {
        Some(TaskStatus::NotDone)
    } else {
        f.require(ctx, "status", "status: done").and_then(|n| {
            ctx.choice(
                n,
                &f.child("status"),
                &[("done", TaskStatus::Done), ("in_progress", TaskStatus::InProgress), ("not_done", TaskStatus::NotDone)],
            )
        })
    };
    let note = f.opt_text(ctx, "note");
    let deadline = f.opt_text(ctx, "deadline");
    Some(Task { name: name?, lead: lead?, partners, status: status?, note, deadline })
}

fn models(ctx: &mut Ctx, node: &Node, at: Pos) -> Option<Models> {
    let f = ctx.map(node, at, "results.models", MODELS_KEYS, "registered: 53")?;
    let mut ok = true;
    let registered = match f.present("registered") {
        Some((n, _)) => {
            let v = ctx.count(n, "results.models.registered");
            ok &= v.is_some();
            v
        }
        None => None,
    };
    let mut recognized = Vec::new();
    if let Some((n, at)) = f.present("recognized") {
        match ctx.map(n, at, "results.models.recognized", LEVELS, "district: 15") {
            Some(levels) => {
                for (key, value) in &levels.entries {
                    if !LEVELS.contains(&key.name.as_str()) {
                        ok = false;
                        continue;
                    }
                    match ctx.count(value, &levels.child(&key.name)) {
                        Some(count) => recognized.push(LevelCount { level: key.name.clone(), count }),
                        None => ok &= matches!(value.kind, NodeKind::Null),
                    }
                }
            }
            None => ok = false,
        }
    }
    let mut examples = Vec::new();
    if let Some(n) = f.get("examples") {
        for (path, item) in items(ctx, n, "results.models.examples") {
            let Some(e) = ctx.map(item, Pos::of(item), &path, EXAMPLE_KEYS, "name: Mô hình \"Dân vận khéo\"") else {
                ok = false;
                continue;
            };
            let name = e.req_text(ctx, "name", "name: Mô hình \"Dân vận khéo\"");
            let unit = e.opt_text(ctx, "unit");
            let field = e.opt_text(ctx, "field");
            match name {
                Some(name) => examples.push(ModelExample { name, unit, field }),
                None => ok = false,
            }
        }
    }
    if let (Some(registered), Some((n, _))) = (registered, f.present("recognized")) {
        let levels = n.as_map().unwrap_or_default();
        let at = |level: &str| levels.iter().find(|(k, _)| k.name == level).map(|(_, v)| Pos::of(v)).unwrap_or(Pos::of(n));
        let over: Vec<&LevelCount> = recognized.iter().filter(|l| l.count > registered).collect();
        for l in &over {
            ctx.error(&at(&l.level), messages::recognized_over_registered(&l.level, l.count, registered));
            ok = false;
        }
        let sum: u64 = recognized.iter().map(|l| l.count).sum();
        if over.is_empty() && sum > registered {
            ctx.warning(&Pos::of(n), messages::recognized_sum_over_registered(sum, registered));
        }
    }
    ok.then_some(Models { registered, recognized, examples })
}

fn complaints(ctx: &mut Ctx, node: &Node, at: Pos) -> Option<Complaints> {
    let f = ctx.map(node, at, "results.complaints", COMPLAINTS_KEYS, "received: 47")?;
    let received = f.require(ctx, "received", "received: 47").and_then(|n| ctx.count(n, "results.complaints.received"));
    let resolved_node = f.require(ctx, "resolved", "resolved: 47");
    let resolved = resolved_node.and_then(|n| ctx.count(n, "results.complaints.resolved"));
    let (received, resolved) = (received?, resolved?);
    if resolved > received {
        ctx.error(&Pos::of(resolved_node?), messages::resolved_over_received(resolved, received));
        return None;
    }
    Some(Complaints { received, resolved })
}

fn indicator(ctx: &mut Ctx, node: &Node, path: &str) -> Option<Indicator> {
    let f = ctx.map(node, Pos::of(node), path, INDICATOR_KEYS, "name: Số xã đạt chuẩn nông thôn mới")?;
    let name = f.req_text(ctx, "name", "name: Số xã đạt chuẩn nông thôn mới");
    let value = f.require(ctx, "value", "value: 7").and_then(|n| ctx.number(n, &f.child("value")));
    let unit = f.opt_text(ctx, "unit");
    let mut ok = true;
    let mut opt = |key: &str| -> Option<f64> {
        let (n, _) = f.present(key)?;
        let v = ctx.number(n, &f.child(key));
        ok &= v.is_some();
        v
    };
    let target = opt("target");
    let previous = opt("previous");
    let of = opt("of");
    let mut series = Vec::new();
    if let Some((n, at)) = f.present("series") {
        match ctx.map(n, at, &f.child("series"), &[], "2016: 12.1") {
            Some(years) => {
                for (key, v) in &years.entries {
                    let year_node = match key.name.trim().parse::<i64>() {
                        Ok(y) => Node::new(NodeKind::Int(y), key.line, key.column),
                        Err(_) => Node::new(NodeKind::Str(key.name.clone()), key.line, key.column),
                    };
                    let year = ctx.year(&year_node, &years.child(&key.name));
                    let value = ctx.number(v, &years.child(&key.name));
                    match (year, value) {
                        (Some(year), Some(value)) => series.push(SeriesPoint { year, value }),
                        _ => ok = false,
                    }
                }
                series.sort_by_key(|p| p.year);
            }
            None => ok = false,
        }
    }
    let (name, value) = (name?, value?);
    if let (Some(total), Some((n, _))) = (of, f.present("of"))
        && total < value
    {
        ctx.error(&Pos::of(n), messages::of_below_value(path, total, value));
        return None;
    }
    ok.then_some(Indicator { name, value, unit, target, previous, of, series })
}

fn sections(ctx: &mut Ctx, node: &Node, at: Pos) -> Option<Sections> {
    let f = ctx.map(node, at, "sections", SECTION_KEYS, "situation: Trong năm 2020 …")?;
    let mut ok = true;
    let mut get = |key: &str| -> Vec<String> {
        let Some(n) = f.get(key) else { return Vec::new() };
        match ctx.text_list(n, &f.child(key), true) {
            Some(v) if headings(ctx, n, &f.child(key), &v) => {
                ok = false;
                Vec::new()
            }
            // Blank paragraphs print nothing; trailing newlines of block scalars go.
            Some(v) => v.into_iter().map(|p| p.trim_end().to_string()).filter(|p| !p.trim().is_empty()).collect(),
            None => {
                ok = false;
                Vec::new()
            }
        }
    };
    let s = Sections {
        situation: get("situation"),
        achievements: get("achievements"),
        limitations: get("limitations"),
        causes: get("causes"),
        lessons: get("lessons"),
        next_tasks: get("next_tasks"),
        proposals: get("proposals"),
        purpose: get("purpose"),
        implementation: get("implementation"),
    };
    ok.then_some(s)
}

/// Reports every Markdown heading (ATX `# …` or setext underline) in the
/// paragraphs of one section, at its line in the YAML when the text is a
/// block scalar; true when any was found.
fn headings(ctx: &mut Ctx, node: &Node, path: &str, paragraphs: &[String]) -> bool {
    let items: Vec<&Node> = match &node.kind {
        NodeKind::Seq(items) => items.iter().filter(|i| matches!(i.kind, NodeKind::Str(_))).collect(),
        _ => vec![node],
    };
    let mut found = false;
    for (i, (text, item)) in paragraphs.iter().zip(items).enumerate() {
        let item_path = if matches!(node.kind, NodeKind::Seq(_)) { format!("{path}[{i}]") } else { path.to_string() };
        let mut previous_text = false;
        let mut previous_indent = 0;
        for (k, line) in text.split('\n').enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = line.trim_start_matches(' ');
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            let atx = indent <= 3 && (1..=6).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t');
            let underline = rest.trim_end();
            let setext = previous_text
                && indent <= 3
                && !underline.is_empty()
                && (underline.chars().all(|c| c == '=') || underline.len() >= 2 && underline.chars().all(|c| c == '-'));
            if atx || setext {
                // A setext heading is the text line above its underline.
                let (k, indent) = if setext { (k - 1, previous_indent) } else { (k, indent) };
                let at = match item.block {
                    Some((line0, column0)) => Pos { line: line0 + k as u32, column: column0 + indent as u32, ..Pos::of(item) },
                    None => Pos::of(item),
                };
                ctx.error(&at, messages::heading_in_section(&item_path));
                found = true;
                break;
            }
            previous_text = !line.trim().is_empty() && !rest.starts_with("- ") && !rest.starts_with("* ") && !rest.starts_with("+ ");
            previous_indent = indent;
        }
    }
    found
}

/// Characters that change how text shows without showing themselves:
/// bidirectional controls and zero-width or invisible format characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// The value of a number node.
fn magnitude(node: &Node) -> Option<f64> {
    match node.kind {
        NodeKind::Int(i) => Some(i as f64),
        NodeKind::Float(f) => Some(f),
        _ => None,
    }
}

fn signers(ctx: &mut Ctx, node: &Node, lead: Option<String>, codes: Option<Vec<String>>) -> Option<Vec<Signer>> {
    let list = items(ctx, node, "signers");
    if list.is_empty() {
        if matches!(node.kind, NodeKind::Seq(_)) {
            ctx.error(&Pos::of(node), messages::at_least_one("signers", Item::Signer, "- title: CHỦ TỊCH"));
        }
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (path, item) in list {
        let Some(f) = ctx.map(item, Pos::of(item), &path, SIGNER_KEYS, "title: CHỦ TỊCH") else {
            ok = false;
            continue;
        };
        let issuer = match f.present("issuer") {
            Some((n, _)) => ctx.text(n, &f.child("issuer"), false).map(|c| c.trim().to_string()).and_then(|code| {
                // Unknown issuers are only reported when the issuer list itself was valid.
                if let Some(codes) = &codes
                    && !codes.contains(&code)
                {
                    let names: Vec<&str> = codes.iter().map(String::as_str).collect();
                    let near = nearest(&code, &names);
                    ctx.error(&Pos::of(n), messages::unknown_signer_issuer(&f.child("issuer"), &code, near, &names));
                    return None;
                }
                Some(code)
            }),
            None => lead.clone(),
        };
        let authority = match f.present("authority") {
            Some((n, _)) => ctx.choice(
                n,
                &f.child("authority"),
                &[
                    ("TM", Authority::Tm),
                    ("KT", Authority::Kt),
                    ("Q", Authority::Q),
                    ("TL", Authority::Tl),
                    ("TUQ", Authority::Tuq),
                    ("none", Authority::None),
                    ("T/M", Authority::Tm),
                    ("K/T", Authority::Kt),
                    ("T/L", Authority::Tl),
                ],
            ),
            None => Some(Authority::None),
        };
        let on_behalf_of = f.opt_text(ctx, "on_behalf_of");
        let head = f.opt_text(ctx, "head");
        let title = f.req_text(ctx, "title", "title: CHỦ TỊCH");
        let name = f.req_text(ctx, "name", "name: Nguyễn Thị Tuyết Hạnh");
        match (issuer, authority, title, name) {
            (Some(issuer), Some(authority), Some(title), Some(name)) => {
                out.push(Signer { issuer, authority, on_behalf_of, head, title, name })
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

// ---- helpers -----------------------------------------------------------

/// `Y-M-D` (ISO order) or `D/M/Y` (day first) split into numbers.
fn split_date(s: &str, sep: char, iso: bool) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (y, m, d) = if iso { (parts[0], parts[1], parts[2]) } else { (parts[2], parts[1], parts[0]) };
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

/// A real calendar date, or the reason it is not one.
fn check_date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Text> {
    if !(1..=12).contains(&m) {
        return Err(messages::no_such_month(m));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let first = NaiveDate::from_ymd_opt(y, m, 1).expect("valid month");
        let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
        let days = next.map(|n| n.signed_duration_since(first).num_days()).unwrap_or(31);
        messages::days_in_month(first.month(), y, days)
    })
}

/// A count written in Vietnamese words ("bốn mươi bảy" -> 47), so that the
/// hint can show the digits. Only the common spoken forms up to millions.
pub(crate) fn number_words(s: &str) -> Option<u64> {
    let mut total: u64 = 0; // thousands and millions already closed
    let mut current: u64 = 0; // hundreds and tens of the open group
    let mut pending: Option<u64> = None; // a digit waiting for its multiplier
    let mut words = 0;
    for w in s.to_lowercase().split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        let digit = match w {
            "không" => Some(0),
            "một" | "mốt" => Some(1),
            "hai" => Some(2),
            "ba" => Some(3),
            "bốn" | "tư" => Some(4),
            "năm" | "lăm" => Some(5),
            "sáu" => Some(6),
            "bảy" => Some(7),
            "tám" => Some(8),
            "chín" => Some(9),
            _ => None,
        };
        words += 1;
        match (digit, w) {
            (Some(d), _) => {
                if pending.replace(d).is_some() {
                    return None;
                }
            }
            (None, "mười") => current += 10,
            (None, "mươi") => current += pending.take()? * 10,
            (None, "trăm") => current += pending.take()? * 100,
            (None, "linh" | "lẻ") => {}
            (None, "nghìn" | "ngàn") => {
                total += (current + pending.take().unwrap_or(0)).max(1) * 1000;
                current = 0;
            }
            (None, "triệu") => {
                total = (total + current + pending.take().unwrap_or(0)).max(1) * 1_000_000;
                current = 0;
            }
            _ => return None,
        }
    }
    (words > 0).then(|| total + current + pending.unwrap_or(0))
}

/// The start of a long text, for quoting it in a message.
fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX { format!("{}…", s.chars().take(MAX).collect::<String>()) } else { s.to_string() }
}

/// Edit distance over characters where a swap of two neighbours counts as
/// one edit (optimal string alignment): `UBDN` is one typo from `UBND`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1).min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The candidate closest to `word`, if close enough to be a likely typo:
/// same letters in another case, or at most a third of the letters changed.
pub(crate) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    if let Some(c) = candidates.iter().find(|c| c.to_lowercase() == lower) {
        return Some(c);
    }
    let (best, dist) = candidates.iter().map(|c| (*c, edit_distance(&lower, &c.to_lowercase()))).min_by_key(|(_, d)| *d)?;
    let limit = (word.chars().count().max(best.chars().count()) / 3).max(1);
    (dist <= limit).then_some(best)
}
