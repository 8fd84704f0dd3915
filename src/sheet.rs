//! Spreadsheet input for `batch --data FILE`: one row per unit, read from
//! the first sheet of an `.xlsx`, `.xlsm`, `.xls`, `.ods` file (with
//! calamine) or from a `.csv` file (UTF-8, comma or semicolon separated).
//!
//! Contract:
//! - The first non-empty row is the header. Each header names where its
//!   column goes in a report: a contract path (`results.complaints.received`,
//!   `results.tasks[0].status`), one of the short names `unit` and `place`,
//!   or the Vietnamese label of any of these ([`COLUMNS`]; "Nội dung 1: kết
//!   quả" is `results.tasks[0].status`). Case, spaces and Unicode form do not
//!   matter. A header that names nothing is an error at its cell; a path
//!   with an unknown key is left to the validator, which names the key.
//! - Each later row with a value is a unit: [`Row::apply`] writes its cells
//!   one by one into the unit's `_defaults.yaml` tree, so a cell replaces
//!   only its own value (the third task's status, not the task list).
//!   `unit` ("Xã Lục Hồn") becomes the last line of the lead issuer's name
//!   (in capitals) and names the output file. An empty cell inherits.
//! - Cell values: numbers stay numbers (a whole float is an integer), text
//!   that is a plain number becomes one (CSV has only text), dates become
//!   `YYYY-MM-DD`, and a task status may be written in Vietnamese
//!   ("hoàn thành", "đang thực hiện", "chưa thực hiện").
//! - Every value keeps its cell as its position, so the validator's
//!   diagnostics are the YAML ones; [`Origin::locate`] turns their position
//!   into `file:sheet!C7` (`file!C7` for CSV).
//! - Why calamine: it is the maintained pure-Rust reader of xlsx, xls, xlsb
//!   and ods in one API, with no C library and no optional features needed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use crate::data::{Key, Node, NodeKind};
use crate::diag::Diagnostic;
use crate::i18n::Text;

/// Header columns with a short name or label, in the order a blank sheet
/// lists them: (contract path, Vietnamese label).
pub(crate) const COLUMNS: &[(&str, &str)] = &[
    ("unit", "Đơn vị"),
    ("document.place", "Địa danh"),
    ("document.number", "Số văn bản"),
    ("document.date", "Ngày ban hành"),
    ("signers[0].name", "Người ký"),
    ("results.models.registered", "Mô hình đăng ký"),
    ("results.models.recognized.national", "Mô hình được tuyên dương cấp trung ương"),
    ("results.models.recognized.province", "Mô hình được tuyên dương cấp tỉnh"),
    ("results.models.recognized.district", "Mô hình được tuyên dương cấp huyện"),
    ("results.models.recognized.commune", "Mô hình được tuyên dương cấp xã"),
    ("results.complaints.received", "Đơn thư tiếp nhận"),
    ("results.complaints.resolved", "Đơn thư đã giải quyết"),
];

/// Labels of the fields of numbered list items: "Nội dung 2: kết quả" is
/// `results.tasks[1].status`, "Chỉ tiêu 1" is `results.indicators[0].name`.
struct Items {
    list: &'static str,
    word: &'static str,
    /// (key, label after the number; "" for the item's name)
    fields: &'static [(&'static str, &'static str)],
}

const ITEMS: &[Items] = &[
    Items {
        list: "results.tasks",
        word: "nội dung",
        fields: &[("name", ""), ("status", "kết quả"), ("lead", "đơn vị chủ trì"), ("note", "ghi chú")],
    },
    Items {
        list: "results.indicators",
        word: "chỉ tiêu",
        fields: &[("name", ""), ("value", "giá trị"), ("of", "trên tổng số"), ("unit", "đơn vị tính"), ("target", "kế hoạch")],
    },
];

/// One step of a path into the report tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Where a column goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// The unit's name: the lead issuer's last name line, and the file name.
    Unit,
    Path(Vec<Seg>),
}

/// The sheet a row came from, to locate its diagnostics.
#[derive(Debug)]
pub(crate) struct Origin {
    pub(crate) file: PathBuf,
    /// None for CSV.
    pub(crate) sheet: Option<String>,
    /// The stand-in file name the row's nodes carry (never a real file).
    marker: Arc<Path>,
    /// 1-based row of the header: where the keys of the row's values are.
    header_row: u32,
}

impl Origin {
    fn new(file: &Path, sheet: Option<String>) -> Origin {
        let marker = PathBuf::from(format!("{}\u{1}sheet", file.display()));
        Origin { file: file.to_path_buf(), sheet, marker: Arc::from(marker.as_path()), header_row: 1 }
    }

    /// `file:sheet!C7` for row 7, column 3 (`file:sheet!7:7` for a whole row).
    pub(crate) fn cell(&self, row: u32, column: u32) -> String {
        let at = if column == 0 { format!("{row}:{row}") } else { format!("{}{row}", column_letters(column)) };
        match &self.sheet {
            Some(sheet) => format!("{}:{sheet}!{at}", self.file.display()),
            None => format!("{}!{at}", self.file.display()),
        }
    }

    /// Diagnostics about this sheet's cells, located as cells.
    pub(crate) fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .map(|mut d| {
                if d.file.as_path() == &*self.marker {
                    d.cell = Some(self.cell(d.line, d.column));
                    (d.file, d.line, d.column, d.snippet) = (self.file.clone(), 0, 0, None);
                }
                d
            })
            .collect()
    }
}

/// "A", "Z", "AA" … for 1, 26, 27 ….
pub(crate) fn column_letters(mut column: u32) -> String {
    let mut out = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        out.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One cell with a value.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub(crate) column: u32,
    pub(crate) target: Target,
    pub(crate) value: NodeKind,
    /// The value as written (numbers keep their spelling).
    pub(crate) raw: Option<String>,
}

/// One unit's row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// 1-based row number in the sheet.
    pub(crate) number: u32,
    pub(crate) cells: Vec<Cell>,
    pub(crate) origin: Arc<Origin>,
}

impl Row {
    /// The unit's name, if the row gives one.
    pub(crate) fn unit(&self) -> Option<String> {
        self.cells.iter().find(|c| c.target == Target::Unit).and_then(|c| match &c.value {
            NodeKind::Str(s) => Some(s.trim().to_string()),
            _ => c.raw.clone(),
        })
    }

    /// `defaults` (the `_defaults.yaml` chain's tree, or None) with this
    /// row's cells written in, each at its path.
    pub(crate) fn apply(&self, defaults: Option<Node>) -> Node {
        let at = |line: u32, column: u32, kind: NodeKind| {
            let mut n = Node::new(kind, line, column);
            n.file = Some(self.origin.marker.clone());
            n
        };
        let mut root = defaults.unwrap_or_else(|| at(self.number, 0, NodeKind::Map(Vec::new())));
        // Missing keys are reported at the row.
        (root.line, root.column, root.file) = (self.number, 0, Some(self.origin.marker.clone()));
        if !matches!(root.kind, NodeKind::Map(_)) {
            root.kind = NodeKind::Map(Vec::new());
        }
        for cell in &self.cells {
            let mut value = at(self.number, cell.column, cell.value.clone());
            value.raw = cell.raw.clone();
            let key = Key { name: String::new(), line: self.origin.header_row, column: cell.column };
            match &cell.target {
                Target::Path(path) => set(&mut root, path, value, &key, &at),
                Target::Unit => {
                    let first =
                        lead_first_line(&root).unwrap_or_else(|| at(self.number, cell.column, NodeKind::Str("ỦY BAN NHÂN DÂN".into())));
                    let name = match &value.kind {
                        NodeKind::Str(s) => s.trim().to_uppercase(),
                        _ => value.scalar_text().unwrap_or_default(),
                    };
                    let lines = at(self.number, cell.column, NodeKind::Seq(vec![first, at(self.number, cell.column, NodeKind::Str(name))]));
                    let path = [Seg::Key("issuers".into()), Seg::Index(0), Seg::Key("name".into())];
                    set(&mut root, &path, lines, &key, &at);
                }
            }
        }
        root
    }
}

/// The lead issuer's first name line in `root` ("ỦY BAN NHÂN DÂN").
fn lead_first_line(root: &Node) -> Option<Node> {
    let (_, issuers) = root.as_map()?.iter().find(|(k, _)| k.name == "issuers")?;
    let lead = match &issuers.kind {
        NodeKind::Seq(items) => items.first()?,
        _ => issuers,
    };
    let (_, name) = lead.as_map()?.iter().find(|(k, _)| k.name == "name")?;
    match &name.kind {
        NodeKind::Seq(lines) => lines.first().cloned(),
        NodeKind::Str(_) => Some(name.clone()),
        _ => None,
    }
}

/// Writes `value` at `path` under `node`, making maps and list items on the
/// way; keys made here sit at the header cell (`key`).
fn set(node: &mut Node, path: &[Seg], value: Node, key: &Key, at: &dyn Fn(u32, u32, NodeKind) -> Node) {
    let Some((first, rest)) = path.split_first() else {
        *node = value;
        return;
    };
    let fresh = |seg: Option<&Seg>| {
        let kind = match seg {
            Some(Seg::Index(_)) => NodeKind::Seq(Vec::new()),
            _ => NodeKind::Map(Vec::new()),
        };
        at(value.line, value.column, kind)
    };
    match first {
        Seg::Key(name) => {
            if !matches!(node.kind, NodeKind::Map(_)) {
                *node = fresh(None);
            }
            let NodeKind::Map(entries) = &mut node.kind else { return };
            let i = match entries.iter().rposition(|(k, _)| &k.name == name) {
                // A value written here is located at its header cell.
                Some(i) if rest.is_empty() => {
                    entries[i].0 = Key { name: name.clone(), ..key.clone() };
                    i
                }
                Some(i) => i,
                None => {
                    entries.push((Key { name: name.clone(), ..key.clone() }, fresh(rest.first())));
                    entries.len() - 1
                }
            };
            set(&mut entries[i].1, rest, value, key, at);
        }
        Seg::Index(index) => {
            if !matches!(node.kind, NodeKind::Seq(_)) {
                *node = fresh(Some(first));
            }
            let NodeKind::Seq(items) = &mut node.kind else { return };
            while items.len() <= *index {
                items.push(fresh(rest.first()));
            }
            set(&mut items[*index], rest, value, key, at);
        }
    }
}

/// Header text -> where its column goes. None when it names nothing.
pub(crate) fn target(header: &str) -> Option<Target> {
    let h: String = header.trim().nfc().collect::<String>().to_lowercase();
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    if h.is_empty() {
        return None;
    }
    for (path, label) in COLUMNS {
        if h == *path || h == label.to_lowercase() {
            return Some(if *path == "unit" { Target::Unit } else { Target::Path(parse_path(path)?) });
        }
    }
    if h == "place" {
        return parse_path("document.place").map(Target::Path);
    }
    // "Nội dung 2: kết quả", "Chỉ tiêu 1".
    for Items { list, word, fields } in ITEMS {
        let Some(rest) = h.strip_prefix(word) else { continue };
        let (number, field) = match rest.split_once(':') {
            Some((n, f)) => (n.trim(), f.trim()),
            None => (rest.trim(), ""),
        };
        let Ok(n) = number.parse::<usize>() else { continue };
        let Some((key, _)) = fields.iter().find(|(_, label)| *label == field) else { continue };
        if n == 0 {
            return None;
        }
        return parse_path(&format!("{list}[{}].{key}", n - 1)).map(Target::Path);
    }
    // A contract path: ASCII keys, dots, [n] indices.
    let looks_like_path = h.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._[]".contains(c));
    if looks_like_path { parse_path(&h).map(Target::Path) } else { None }
}

/// The Vietnamese label of a numbered item field ("Nội dung 1: kết quả").
pub(crate) fn item_label(list: &str, index: usize, field: &str) -> Option<String> {
    let items = ITEMS.iter().find(|i| i.list == list)?;
    let (word, fields) = (items.word, items.fields);
    let (_, label) = fields.iter().find(|(k, _)| *k == field)?;
    let word = capitalise(word);
    Some(if label.is_empty() { format!("{word} {}", index + 1) } else { format!("{word} {}: {label}", index + 1) })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// `results.tasks[2].status` (also `results.tasks.2.status`) -> segments.
pub(crate) fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if let Ok(n) = name.parse::<usize>() {
            out.push(Seg::Index(n));
        } else if name.is_empty() {
            return None;
        } else {
            out.push(Seg::Key(name.to_string()));
        }
        let mut rest = indices;
        while let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r.split_once(']')?;
            out.push(Seg::Index(n.parse().ok()?));
            rest = after;
        }
        if !rest.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

mod text {
    use crate::i18n::Text;

    pub(crate) fn cannot_read(e: &str) -> Text {
        Text::new(format!("không đọc được bảng tính: {e}"), format!("cannot read the spreadsheet: {e}"))
    }
    pub(crate) fn cannot_read_hint() -> Text {
        Text::new(
            "dùng tệp .xlsx, .xls, .ods hoặc .csv (UTF-8); lưu lại bảng tính rồi thử lại",
            "use an .xlsx, .xls, .ods or .csv (UTF-8) file; save the spreadsheet again and retry",
        )
    }
    pub(crate) fn no_header() -> Text {
        Text::new("bảng tính không có hàng tiêu đề", "the spreadsheet has no header row")
    }
    pub(crate) fn no_header_hint() -> Text {
        Text::new(
            "hàng đầu tiên ghi tên các cột, ví dụ `Đơn vị`, `Đơn thư tiếp nhận` (xem `baocao sheet`)",
            "the first row names the columns, such as `unit`, `results.complaints.received` (see `baocao sheet`)",
        )
    }
    pub(crate) fn unknown_column(header: &str) -> Text {
        Text::new(
            format!("cột `{header}` không ứng với khóa nào của báo cáo"),
            format!("column `{header}` does not name any key of a report"),
        )
    }
    pub(crate) fn unknown_column_hint(nearest: Option<&str>) -> Text {
        match nearest {
            Some(n) => Text::new(format!("có phải ý bạn là `{n}`?"), format!("did you mean `{n}`?")),
            None => Text::new(
                "ghi một khóa như `results.complaints.received` hoặc tên tiếng Việt như `Đơn thư tiếp nhận` (xem `baocao sheet`)",
                "write a key such as `results.complaints.received` or its Vietnamese label (see `baocao sheet`)",
            ),
        }
    }
    pub(crate) fn duplicate_column(header: &str, first: &str) -> Text {
        Text::new(format!("cột `{header}` ghi lại cùng nội dung với cột {first}"), format!("column `{header}` repeats column {first}"))
    }
    pub(crate) fn duplicate_column_hint() -> Text {
        Text::new("xóa một trong hai cột", "delete one of the two columns")
    }
    pub(crate) fn no_rows() -> Text {
        Text::new("bảng tính không có hàng số liệu nào dưới hàng tiêu đề", "the spreadsheet has no data row under its header")
    }
    pub(crate) fn no_rows_hint() -> Text {
        Text::new("mỗi đơn vị ghi trên một hàng", "write one unit per row")
    }
}

/// A raw cell as read: text (CSV) or a typed spreadsheet value.
#[derive(Debug, Clone, PartialEq)]
enum Raw {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
}

/// Reads the rows of `file`. `Err`: every problem of the file and its header.
pub(crate) fn read(file: &Path) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let (sheet, grid) = if csv { (None, read_csv(file)?) } else { read_workbook(file)? };
    let mut lines = grid.into_iter().enumerate().filter(|(_, r)| r.iter().any(|c| *c != Raw::Empty));
    let Some((header_index, header)) = lines.next() else {
        return Err(vec![Diagnostic::error(file, 0, 0, text::no_header()).with_hint(text::no_header_hint())]);
    };
    let header_row = header_index as u32 + 1;
    let origin = Arc::new(Origin { header_row, ..Origin::new(file, sheet) });
    let mut columns: Vec<Option<(Target, String)>> = Vec::new();
    let mut problems = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let column = i as u32 + 1;
        let name = match cell {
            Raw::Empty => {
                columns.push(None);
                continue;
            }
            Raw::Text(s) | Raw::Date(s) => s.trim().to_string(),
            Raw::Int(n) => n.to_string(),
            Raw::Float(f) => f.to_string(),
            Raw::Bool(b) => b.to_string(),
        };
        let at = |message: Text, hint: Text| {
            let mut d = Diagnostic::error(file, 0, 0, message).with_hint(hint);
            d.cell = Some(origin.cell(header_row, column));
            d
        };
        match target(&name) {
            Some(t) => {
                if let Some(first) = columns.iter().position(|c| c.as_ref().is_some_and(|(other, _)| *other == t)) {
                    problems.push(at(text::duplicate_column(&name, &column_letters(first as u32 + 1)), text::duplicate_column_hint()));
                }
                columns.push(Some((t, name)));
            }
            None => {
                let labels: Vec<String> = COLUMNS.iter().map(|(_, l)| l.to_string()).collect();
                let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
                let nearest = crate::data::nearest(&name, &refs).map(str::to_string);
                problems.push(at(text::unknown_column(&name), text::unknown_column_hint(nearest.as_deref())));
                columns.push(None);
            }
        }
    }
    let mut rows = Vec::new();
    for (index, line) in lines {
        let number = index as u32 + 1;
        let mut cells = Vec::new();
        for (i, raw) in line.into_iter().enumerate() {
            let Some(Some((target, _))) = columns.get(i) else { continue };
            let Some((value, spelled)) = typed(raw, target) else { continue };
            cells.push(Cell { column: i as u32 + 1, target: target.clone(), value, raw: spelled });
        }
        if !cells.is_empty() {
            rows.push(Row { number, cells, origin: origin.clone() });
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::error(file, 0, 0, text::no_rows()).with_hint(text::no_rows_hint()));
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

/// A cell's value as a tree value, with its spelling; None for empty.
fn typed(raw: Raw, target: &Target) -> Option<(NodeKind, Option<String>)> {
    let status = matches!(target, Target::Path(p) if p.last() == Some(&Seg::Key("status".into())));
    Some(match raw {
        Raw::Empty => return None,
        Raw::Int(i) => (NodeKind::Int(i), Some(i.to_string())),
        Raw::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => (NodeKind::Int(f as i64), Some(format!("{}", f as i64))),
        Raw::Float(f) => (NodeKind::Float(f), Some(f.to_string())),
        Raw::Bool(b) => (NodeKind::Bool(b), Some(b.to_string())),
        Raw::Date(d) => (NodeKind::Str(d), None),
        Raw::Text(s) => {
            let s = s.trim().to_string();
            if s.is_empty() {
                return None;
            }
            let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
            let unsigned = s.strip_prefix('-').unwrap_or(&s);
            if digits(unsigned)
                && *target != Target::Unit
                && let Ok(i) = s.parse::<i64>()
            {
                return Some((NodeKind::Int(i), Some(s)));
            }
            if let Some((a, b)) = unsigned.split_once('.')
                && digits(a)
                && digits(b)
                && let Ok(f) = s.parse::<f64>()
            {
                return Some((NodeKind::Float(f), Some(s)));
            }
            let value = if status { status_word(&s).map(str::to_string).unwrap_or(s) } else { s };
            (NodeKind::Str(value), None)
        }
    })
}

/// A task status written in Vietnamese -> the contract's value.
fn status_word(s: &str) -> Option<&'static str> {
    let s: String = s.trim().nfc().collect::<String>().to_lowercase();
    match s.as_str() {
        "hoàn thành" | "đã hoàn thành" | "xong" => Some("done"),
        "đang thực hiện" | "đang làm" => Some("in_progress"),
        "chưa thực hiện" | "chưa hoàn thành" | "chưa làm" => Some("not_done"),
        _ => None,
    }
}

/// A sheet's name (None for CSV) and its cells, row by row.
type Grid = (Option<String>, Vec<Vec<Raw>>);

fn read_workbook(file: &Path) -> Result<Grid, Vec<Diagnostic>> {
    use calamine::{Data, Reader};
    let fail = |e: &dyn std::fmt::Display| {
        vec![Diagnostic::error(file, 0, 0, text::cannot_read(&e.to_string())).with_hint(text::cannot_read_hint())]
    };
    let meta = std::fs::metadata(file).map_err(|e| fail(&e))?;
    if meta.len() > MAX_SHEET_BYTES {
        return Err(fail(&format!("{} bytes > {MAX_SHEET_BYTES}", meta.len())));
    }
    let mut book = calamine::open_workbook_auto(file).map_err(|e| fail(&e))?;
    let Some(name) = book.sheet_names().first().cloned() else { return Err(fail(&"no sheet")) };
    let range = book.worksheet_range(&name).map_err(|e| fail(&e))?;
    // Rows and columns before the used range are empty.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut grid: Vec<Vec<Raw>> = (0..top).map(|_| Vec::new()).collect();
    for row in range.rows() {
        let mut out: Vec<Raw> = (0..left).map(|_| Raw::Empty).collect();
        out.extend(row.iter().map(|c| match c {
            Data::Empty => Raw::Empty,
            Data::String(s) => Raw::Text(s.clone()),
            Data::Int(i) => Raw::Int(*i),
            Data::Float(f) => Raw::Float(*f),
            Data::Bool(b) => Raw::Bool(*b),
            Data::DateTime(d) => serial_date(d.as_f64()).map(Raw::Date).unwrap_or(Raw::Float(d.as_f64())),
            Data::DateTimeIso(s) => Raw::Date(s.split('T').next().unwrap_or(s).to_string()),
            Data::DurationIso(s) => Raw::Text(s.clone()),
            Data::Error(e) => Raw::Text(format!("#{e:?}")),
        }));
        grid.push(out);
    }
    Ok((Some(name), grid))
}

/// Largest spreadsheet read: far beyond a province's communes.
pub(crate) const MAX_SHEET_BYTES: u64 = 20 * 1024 * 1024;

/// An Excel day number (1900 system) -> `YYYY-MM-DD`.
fn serial_date(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// CSV as written by spreadsheet programs: UTF-8 (a BOM is skipped), `,` or
/// `;` between fields (whichever the header uses more), `"` quoting with
/// `""` for a quote, fields spanning lines inside quotes.
fn read_csv(file: &Path) -> Result<Vec<Vec<Raw>>, Vec<Diagnostic>> {
    let fail = |e: String| vec![Diagnostic::error(file, 0, 0, text::cannot_read(&e)).with_hint(text::cannot_read_hint())];
    let meta = std::fs::metadata(file).map_err(|e| fail(e.to_string()))?;
    if meta.len() > MAX_SHEET_BYTES {
        return Err(fail(format!("{} bytes > {MAX_SHEET_BYTES}", meta.len())));
    }
    let bytes = std::fs::read(file).map_err(|e| fail(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| fail(format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to())))?;
    Ok(parse_csv(&text))
}

/// See [`read_csv`]. Every line is a row (blank lines too), so row numbers
/// match the spreadsheet's.
fn parse_csv(text: &str) -> Vec<Vec<Raw>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() { ';' } else { ',' };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let cell = |field: &mut String| {
        let f = std::mem::take(field);
        if f.trim().is_empty() { Raw::Empty } else { Raw::Text(f) }
    };
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (c, false) if c == sep => row.push(cell(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(cell(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(cell(&mut field));
        rows.push(row);
    }
    rows
}

/// The header row of a blank sheet for the units of a batch whose
/// `_defaults.yaml` chain is `defaults`: the common columns, and for each
/// task and indicator the defaults list, its result column.
pub fn blank_header(defaults: Option<&Node>) -> Vec<String> {
    let count = |list: &str| -> usize {
        let Some(root) = defaults.and_then(Node::as_map) else { return 0 };
        let Some((_, results)) = root.iter().find(|(k, _)| k.name == "results") else { return 0 };
        let Some((_, items)) = results.as_map().and_then(|m| m.iter().find(|(k, _)| k.name == list)) else { return 0 };
        match &items.kind {
            NodeKind::Seq(items) => items.len(),
            _ => 0,
        }
    };
    let mut header: Vec<String> = COLUMNS.iter().map(|(_, label)| label.to_string()).collect();
    let tasks = count("tasks");
    if tasks == 0 {
        // No common task list: each row names its own (three shown).
        for i in 0..3 {
            for field in ["name", "lead", "status"] {
                header.extend(item_label("results.tasks", i, field));
            }
        }
    } else {
        header.extend((0..tasks).filter_map(|i| item_label("results.tasks", i, "status")));
    }
    let indicators = count("indicators");
    if indicators == 0 {
        for field in ["name", "value", "unit"] {
            header.extend(item_label("results.indicators", 0, field));
        }
    } else {
        header.extend((0..indicators).filter_map(|i| item_label("results.indicators", i, "value")));
    }
    header
}

/// A CSV line of `fields`, quoted where needed.
pub fn csv_line(fields: &[String]) -> String {
    let quote = |f: &String| {
        if f.contains([',', '"', '\n', ';']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() }
    };
    fields.iter().map(quote).collect::<Vec<_>>().join(",")
}

/// A one-sheet `.xlsx` holding `header` as its first row (inline strings,
/// no styles): the smallest workbook Excel, LibreOffice and calamine open.
pub fn xlsx(header: &[String]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let cells: String = header
        .iter()
        .enumerate()
        .map(|(i, h)| format!("<c r=\"{}1\" t=\"inlineStr\"><is><t>{}</t></is></c>", column_letters(i as u32 + 1), escape(h)))
        .collect();
    let parts: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".into(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".into(),
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".into(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">{cells}</row></sheetData></worksheet>"
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed date: the same header gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, body) in parts {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_key_label_and_numbered_item() {
        let path = |p: &str| Some(Target::Path(parse_path(p).unwrap()));
        assert_eq!(target("unit"), Some(Target::Unit));
        assert_eq!(target("  Đơn vị "), Some(Target::Unit));
        assert_eq!(target("place"), path("document.place"));
        assert_eq!(target("results.complaints.received"), path("results.complaints.received"));
        assert_eq!(target("ĐƠN THƯ TIẾP NHẬN"), path("results.complaints.received"));
        assert_eq!(target("Nội dung 2: kết quả"), path("results.tasks[1].status"));
        assert_eq!(target("Chỉ tiêu 1"), path("results.indicators[0].name"));
        assert_eq!(target("results.tasks.0.status"), path("results.tasks[0].status"));
        assert_eq!(target("Ghi chú linh tinh"), None);
        assert_eq!(parse_path("results.tasks[0].status").unwrap()[2], Seg::Index(0));
        assert_eq!(item_label("results.tasks", 0, "status").as_deref(), Some("Nội dung 1: kết quả"));
        for header in blank_header(None) {
            assert!(target(&header).is_some(), "the blank sheet's `{header}` reads back");
        }
    }

    #[test]
    fn csv_quotes_separators_and_row_numbers() {
        let rows = parse_csv("\u{feff}a;b\n\"x; \"\"y\"\"\";2\n\n3;\n");
        assert_eq!(rows[0], vec![Raw::Text("a".into()), Raw::Text("b".into())]);
        assert_eq!(rows[1], vec![Raw::Text("x; \"y\"".into()), Raw::Text("2".into())]);
        assert_eq!(rows[2], vec![Raw::Empty]);
        assert_eq!(rows[3], vec![Raw::Text("3".into()), Raw::Empty]);
        assert_eq!(csv_line(&["a,b".into(), "c".into()]), "\"a,b\",c");
    }

    #[test]
    fn columns_and_serial_dates() {
        assert_eq!(
            (column_letters(1), column_letters(26), column_letters(27), column_letters(53)),
            ("A".into(), "Z".into(), "AA".into(), "BA".into())
        );
        assert_eq!(serial_date(44211.0).as_deref(), Some("2021-01-15"));
    }
}
