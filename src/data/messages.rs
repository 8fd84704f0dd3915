//! Every user-facing message of input loading and validation, in Vietnamese
//! and English, in one place: the validator never writes text itself.
//!
//! Contract: each function returns a [`Msg`] whose texts are built with
//! [`Text::new`]`(vietnamese, english)`, so a message without one of its
//! translations does not compile. The two versions sit side by side because
//! they share their arguments and a reviewer checks one against the other.
//!
//! Conventions: key names and values in backticks, never translated (they are
//! the YAML contract); field paths as written in YAML with 0-based list
//! indexes (`results.tasks[2].name`). Vietnamese is addressed to office staff:
//! plain words ("khóa", "giá trị", "dòng"), no programming terms.

use crate::i18n::Text;

/// A message with an optional hint, before a position is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub text: Text,
    pub hint: Option<Text>,
}

fn msg(text: Text, hint: impl Into<Option<Text>>) -> Msg {
    Msg { text, hint: hint.into() }
}

fn t(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

/// "in `document`" or "at the top level".
fn place(parent: &str) -> Text {
    if parent.is_empty() {
        t("ở cấp ngoài cùng", "at the top level")
    } else {
        t(format!("trong `{parent}`"), format!("in `{parent}`"))
    }
}

fn list(items: &[&str]) -> String {
    items.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

/// What a value should have been, for [`expected`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    Text,
    List,
    TextOrList,
    OneOf(Vec<&'static str>),
    DocTypeAbbreviation,
    DocNumber,
    Quarter,
}

impl What {
    fn text(&self) -> Text {
        match self {
            What::Text => t("chữ", "text"),
            What::List => t("một danh sách", "a list"),
            What::TextOrList => t("chữ hoặc một danh sách", "text or a list of texts"),
            What::OneOf(v) => t(format!("một trong các giá trị {}", v.join(", ")), format!("one of {}", v.join(", "))),
            What::DocTypeAbbreviation => t("chữ viết tắt như `BC`", "an abbreviation such as `BC`"),
            What::DocNumber => t("số văn bản từ 1 trở lên", "a document number from 1 up"),
            What::Quarter => t("quý 1, 2, 3 hoặc 4", "a quarter 1, 2, 3 or 4"),
        }
    }
}

/// Descriptions of what was found, for "found …" (see `Node::describe`).
pub(crate) mod found {
    use super::t;
    use crate::i18n::Text;

    pub(crate) fn map() -> Text {
        t("một nhóm khóa", "a map of keys")
    }
    pub(crate) fn list() -> Text {
        t("một danh sách", "a list")
    }
    pub(crate) fn text(s: &str) -> Text {
        t(format!("chữ `{s}`"), format!("text `{s}`"))
    }
    pub(crate) fn int(i: i64) -> Text {
        t(format!("số nguyên {i}"), format!("the whole number {i}"))
    }
    pub(crate) fn float(written: &str) -> Text {
        t(format!("số thập phân {written}"), format!("the decimal number {written}"))
    }
    pub(crate) fn boolean(b: bool) -> Text {
        t(format!("`{b}`"), format!("`{b}`"))
    }
    pub(crate) fn null() -> Text {
        t("ô trống (không có giá trị)", "nothing (an empty value)")
    }
}

pub(crate) fn unknown_key(key: &str, parent: &str, nearest: Option<&str>, known: &[&str]) -> Msg {
    let hint = match nearest {
        Some(n) => t(format!("có phải ý bạn là `{n}`?"), format!("did you mean `{n}`?")),
        None => t(format!("các khóa dùng được ở đây là {}", list(known)), format!("the keys allowed here are {}", list(known))),
    };
    let p = place(parent);
    msg(t(format!("khóa không hợp lệ `{key}` {}", p.vi), format!("unknown key `{key}` {}", p.en)), hint)
}

pub(crate) fn duplicate_key(key: &str, parent: &str, first_line: u32) -> Msg {
    let p = place(parent);
    msg(
        t(format!("khóa `{key}` được viết hai lần {}", p.vi), format!("key `{key}` is written twice {}", p.en)),
        t(
            format!("khóa này đã được viết ở dòng {first_line}; chỉ giữ lại một"),
            format!("it was first written on line {first_line}; keep only one"),
        ),
    )
}

pub(crate) fn missing_field(field: &str, parent: &str, example: &str) -> Msg {
    let p = place(parent);
    msg(
        t(format!("thiếu khóa bắt buộc `{field}` {}", p.vi), format!("missing required key `{field}` {}", p.en)),
        t(format!("thêm một dòng, ví dụ `{example}`"), format!("add a line such as `{example}`")),
    )
}

pub(crate) fn empty_value(path: &str, example: &str) -> Msg {
    msg(
        t(format!("`{path}` đang để trống"), format!("`{path}` is empty")),
        t(format!("hãy điền giá trị, ví dụ `{example}`"), format!("write a value, for example `{example}`")),
    )
}

pub(crate) fn expected(path: &str, what: What, found: &Text) -> Msg {
    let w = what.text();
    msg(t(format!("`{path}`: cần {}, nhưng đang là {}", w.vi, found.vi), format!("`{path}`: expected {}, found {}", w.en, found.en)), None)
}

pub(crate) fn expected_map(path: &str, found: &Text, example: &str) -> Msg {
    msg(
        t(
            format!("`{path}`: cần một nhóm khóa, nhưng đang là {}", found.vi),
            format!("`{path}`: expected a map of keys, found {}", found.en),
        ),
        t(
            format!("viết các khóa ở các dòng bên dưới, thụt lề vào, ví dụ `{example}`"),
            format!("write the keys indented below it, for example `{example}`"),
        ),
    )
}

pub(crate) fn expected_count(path: &str, found: &Text, digits: Option<u64>) -> Msg {
    let hint = match digits {
        Some(n) => t(format!("viết số bằng chữ số: `{n}`"), format!("write the number in digits: `{n}`")),
        None => t("viết số lượng bằng chữ số, ví dụ `47`", "write the count in digits, for example `47`"),
    };
    msg(
        t(
            format!("`{path}`: cần một số nguyên (số lượng), nhưng đang là {}", found.vi),
            format!("`{path}`: expected a whole number (count), found {}", found.en),
        ),
        hint,
    )
}

pub(crate) fn negative_count(path: &str, value: i64) -> Msg {
    msg(
        t(
            format!("`{path}`: số lượng không thể là số âm, nhưng đang là {value}"),
            format!("`{path}`: a count cannot be negative, found {value}"),
        ),
        None,
    )
}

pub(crate) fn expected_number(path: &str, found: &Text, suggestion: Option<&str>) -> Msg {
    let hint = match suggestion {
        Some(s) => t(format!("trong YAML, số thập phân viết bằng dấu chấm: `{s}`"), format!("write decimals with a dot in YAML: `{s}`")),
        None => t("viết một số, ví dụ `19.4` hoặc `7`", "write a number such as `19.4` or `7`"),
    };
    msg(t(format!("`{path}`: cần một số, nhưng đang là {}", found.vi), format!("`{path}`: expected a number, found {}", found.en)), hint)
}

pub(crate) fn expected_date(path: &str, found: &Text, suggestion: Option<&str>) -> Msg {
    let hint = match suggestion {
        Some(s) => t(format!("viết ngày theo dạng năm-tháng-ngày: `{s}`"), format!("write dates as YYYY-MM-DD: `{s}`")),
        None => t("viết ngày theo dạng năm-tháng-ngày, ví dụ `2021-03-31`", "write dates as YYYY-MM-DD, for example `2021-03-31`"),
    };
    msg(t(format!("`{path}`: cần một ngày, nhưng đang là {}", found.vi), format!("`{path}`: expected a date, found {}", found.en)), hint)
}

pub(crate) fn impossible_date(path: &str, written: &str, reason: &Text) -> Msg {
    msg(
        t(
            format!("`{path}`: ngày `{written}` không có thật: {}", reason.vi),
            format!("`{path}`: impossible date `{written}`: {}", reason.en),
        ),
        None,
    )
}

/// Reasons for [`impossible_date`].
pub(crate) fn no_such_month(m: u32) -> Text {
    t(format!("không có tháng {m}"), format!("there is no month {m}"))
}

pub(crate) fn days_in_month(m: u32, y: i32, days: i64) -> Text {
    const NAMES: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let name = NAMES[(m as usize).saturating_sub(1).min(11)];
    t(format!("tháng {m} năm {y} có {days} ngày"), format!("{name} {y} has {days} days"))
}

pub(crate) fn expected_year(path: &str, found: &Text) -> Msg {
    msg(
        t(
            format!("`{path}`: cần một năm, ví dụ `2020`, nhưng đang là {}", found.vi),
            format!("`{path}`: expected a year such as `2020`, found {}", found.en),
        ),
        None,
    )
}

/// The years a report can be about or dated in.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

pub(crate) fn year_out_of_range(path: &str, year: i64) -> Msg {
    msg(
        t(
            format!("`{path}`: năm {year} nằm ngoài khoảng {}–{} của một báo cáo", YEARS.start(), YEARS.end()),
            format!("`{path}`: the year {year} is outside {}–{}, the years a report can be about", YEARS.start(), YEARS.end()),
        ),
        t("kiểm tra lại năm (có thể gõ nhầm một chữ số)", "check the year (a digit may be mistyped)"),
    )
}

pub(crate) fn date_out_of_range(path: &str, written: &str) -> Msg {
    msg(
        t(
            format!("`{path}`: ngày {written} nằm ngoài khoảng năm {}–{} của một báo cáo", YEARS.start(), YEARS.end()),
            format!(
                "`{path}`: the date {written} is outside the years {}–{}, the years a report can be dated in",
                YEARS.start(),
                YEARS.end()
            ),
        ),
        t("kiểm tra lại năm của ngày, viết theo dạng YYYY-MM-DD", "check the year of the date, written as YYYY-MM-DD"),
    )
}

/// A report dated before the period it reports on has begun.
pub(crate) fn dated_before_period(date: &str, start: &str) -> Msg {
    msg(
        t(
            format!("`document.date` ({date}) sớm hơn cả ngày bắt đầu kỳ báo cáo ({start})"),
            format!("`document.date` ({date}) is before the reported period even begins ({start})"),
        ),
        t(
            "một báo cáo được ban hành sau kỳ mà nó báo cáo; kiểm tra lại năm của ngày hoặc `period`",
            "a report is issued after the period it reports on; check the year of the date or `period`",
        ),
    )
}

/// A warning: a report dated more than a month before its period ends.
pub(crate) fn dated_early(date: &str, end: &str) -> Msg {
    msg(
        t(
            format!("`document.date` ({date}) sớm hơn một tháng trước khi kỳ báo cáo kết thúc ({end})"),
            format!("`document.date` ({date}) is more than a month before the reported period ends ({end})"),
        ),
        t(
            "nếu số liệu được chốt sớm, ghi ngày chốt vào `period.cutoff`; nếu không, kiểm tra lại ngày",
            "if the figures were cut off early, give the date as `period.cutoff`; otherwise check the date",
        ),
    )
}

pub(crate) fn recognized_over_registered(level: &str, recognized: u64, registered: u64) -> Msg {
    msg(
        t(
            format!("`results.models.recognized.{level}` ({recognized}) lớn hơn số mô hình đăng ký `registered` ({registered})"),
            format!("`results.models.recognized.{level}` ({recognized}) is greater than `registered` ({registered})"),
        ),
        t("số mô hình được công nhận không thể nhiều hơn số mô hình đã đăng ký", "no more models can be recognised than were registered"),
    )
}

/// A warning: recognitions over all levels add up to more than registered.
pub(crate) fn recognized_sum_over_registered(sum: u64, registered: u64) -> Msg {
    msg(
        t(
            format!("tổng số mô hình được công nhận ở các cấp ({sum}) lớn hơn số đăng ký ({registered})"),
            format!("models recognised over all levels ({sum}) outnumber those registered ({registered})"),
        ),
        t(
            "chỉ đúng khi một mô hình được công nhận ở nhiều cấp; nếu không, kiểm tra lại số liệu",
            "only right when a model was recognised at several levels; otherwise check the figures",
        ),
    )
}

/// Largest count (tasks, models, complaints …) a report can hold.
pub(crate) const MAX_COUNT: u64 = 1_000_000;
/// Largest magnitude of an indicator (a province's budget in đồng is ~10^13).
pub(crate) const MAX_MAGNITUDE: f64 = 1e15;

pub(crate) fn count_too_large(path: &str, value: u64) -> Msg {
    msg(
        t(
            format!("`{path}` là {value}, lớn hơn mọi số liệu thực tế (giới hạn {MAX_COUNT})"),
            format!("`{path}` is {value}, beyond any real figure (the limit is {MAX_COUNT})"),
        ),
        t("kiểm tra lại số (có thể thừa chữ số)", "check the number (it may have extra digits)"),
    )
}

pub(crate) fn number_too_large(path: &str, written: &str) -> Msg {
    msg(
        t(
            format!("`{path}` là {written}, lớn hơn mọi số liệu thực tế (giới hạn 10^15)"),
            format!("`{path}` is {written}, beyond any real figure (the limit is 10^15)"),
        ),
        t(
            "kiểm tra lại số và đơn vị (ví dụ ghi `tỷ đồng` thay vì viết đủ các chữ số)",
            "check the number and its unit (e.g. write `tỷ đồng` instead of all the digits)",
        ),
    )
}

/// Bidi controls and other invisible format characters.
pub(crate) fn invisible_char(path: &str, c: char) -> Msg {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    let (what_vi, what_en) = if bidi {
        ("ký tự điều khiển chiều viết (làm đảo ngược chữ trong Word)", "bidirectional control character (it reverses text in Word)")
    } else {
        ("ký tự định dạng vô hình", "invisible format character")
    };
    msg(
        t(format!("`{path}` chứa {what_vi} U+{:04X}", c as u32), format!("`{path}` contains the {what_en} U+{:04X}", c as u32)),
        t(
            "hãy xóa ký tự này (thường do dán từ trang web hoặc tin nhắn)",
            "remove it (it usually comes with text pasted from the web or a chat)",
        ),
    )
}

/// Markdown headings in `sections` would add parts to the report's own
/// numbered structure.
pub(crate) fn heading_in_section(path: &str) -> Msg {
    msg(
        t(
            format!(
                "`{path}` có tiêu đề Markdown (dòng bắt đầu bằng `#` hoặc gạch dưới bằng `===`/`---`); các mục của báo cáo do mẫu đặt và đánh số"
            ),
            format!(
                "`{path}` holds a Markdown heading (a line starting with `#`, or underlined with `===`/`---`); the report's parts come from the template, which numbers them"
            ),
        ),
        t(
            "viết thành một đoạn in đậm, ví dụ `**Về công tác tuyên truyền**`",
            "write it as a bold paragraph, e.g. `**Về công tác tuyên truyền**`",
        ),
    )
}

pub(crate) fn quarter_range(path: &str, value: i64) -> Msg {
    msg(
        t(
            format!("`{path}`: quý phải là 1, 2, 3 hoặc 4, nhưng đang là {value}"),
            format!("`{path}`: a quarter is 1, 2, 3 or 4, found {value}"),
        ),
        None,
    )
}

pub(crate) fn period_missing(parent: &str) -> Msg {
    msg(
        t(format!("`{parent}` chưa ghi kỳ báo cáo"), format!("`{parent}` gives no period")),
        t(
            "ghi một trong các dạng: `year: 2020`; `quarter: 3` cùng `year: 2017`; hoặc `from: 2016` cùng `to: 2021`",
            "write one of `year: 2020`, `quarter: 3` with `year: 2017`, or `from: 2016` with `to: 2021`",
        ),
    )
}

pub(crate) fn period_two_forms(first: &str, second: &str) -> Msg {
    msg(
        t(
            format!("`period` đang ghi cùng lúc hai dạng: {first} và {second}"),
            format!("`period` is given in two forms at once: {first} and {second}"),
        ),
        t(
            "chỉ giữ một dạng: `year`; `quarter` cùng `year`; hoặc `from` cùng `to`",
            "keep exactly one: `year`, `quarter` with `year`, or `from` with `to`",
        ),
    )
}

pub(crate) fn period_needs(key: &str, partner: &str, example: &str) -> Msg {
    msg(
        t(format!("`period.{key}` cần có thêm `{partner}`"), format!("`period.{key}` needs `{partner}` as well")),
        t(format!("thêm một dòng, ví dụ `{example}`"), format!("add a line such as `{example}`")),
    )
}

pub(crate) fn span_reversed(from: i32, to: i32) -> Msg {
    msg(
        t(format!("`period`: năm `from` ({from}) sau năm `to` ({to})"), format!("`period`: `from` ({from}) is later than `to` ({to})")),
        None,
    )
}

pub(crate) fn unknown_value(path: &str, value: &str, nearest: Option<&str>, allowed: &[&str]) -> Msg {
    let hint = match nearest {
        Some(n) => t(
            format!("có phải ý bạn là `{n}`? (các giá trị dùng được: {})", list(allowed)),
            format!("did you mean `{n}`? (allowed: {})", list(allowed)),
        ),
        None => t(format!("dùng một trong các giá trị {}", list(allowed)), format!("use one of {}", list(allowed))),
    };
    msg(t(format!("`{path}`: giá trị không hợp lệ `{value}`"), format!("`{path}`: unknown value `{value}`")), hint)
}

pub(crate) fn unknown_doc_type(path: &str, value: &str, correct: Option<&str>) -> Msg {
    let hint = match correct {
        Some(c) => t(format!("chữ viết tắt theo Nghị định 30 là `{c}`"), format!("the ND30 abbreviation is spelled `{c}`")),
        None => t(
            "dùng chữ viết tắt theo Nghị định 30, ví dụ `BC` (báo cáo), `CTr` (chương trình), `KH` (kế hoạch), `TB` (thông báo)",
            "use an ND30 abbreviation such as `BC` (báo cáo), `CTr` (chương trình), `KH` (kế hoạch), `TB` (thông báo)",
        ),
    };
    msg(
        t(format!("`{path}`: `{value}` không phải là loại văn bản đã biết"), format!("`{path}`: `{value}` is not a known document type")),
        hint,
    )
}

pub(crate) fn size_set(path: &str, found: &Text) -> Msg {
    msg(
        t(
            format!("`{path}`: bộ cỡ chữ là 13 hoặc 14, nhưng đang là {}", found.vi),
            format!("`{path}`: the size set is 13 or 14, found {}", found.en),
        ),
        None,
    )
}

/// What a list needs at least one of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Issuer,
    Signer,
}

pub(crate) fn at_least_one(path: &str, what: Item, example: &str) -> Msg {
    let (vi, en) = match what {
        Item::Issuer => ("cơ quan ban hành", "issuer"),
        Item::Signer => ("người ký", "signer"),
    };
    msg(
        t(format!("`{path}` cần ít nhất một {vi}"), format!("`{path}` needs at least one {en}")),
        t(format!("bắt đầu danh sách bằng một dòng, ví dụ `{example}`"), format!("start the list with a line such as `{example}`")),
    )
}

pub(crate) fn resolved_over_received(resolved: u64, received: u64) -> Msg {
    msg(
        t(
            format!("`results.complaints.resolved` ({resolved}) lớn hơn `received` ({received})"),
            format!("`results.complaints.resolved` ({resolved}) is greater than `received` ({received})"),
        ),
        t("số đơn đã giải quyết không thể nhiều hơn số đơn đã tiếp nhận", "a report cannot resolve more complaints than it received"),
    )
}

pub(crate) fn of_below_value(path: &str, of: f64, value: f64) -> Msg {
    msg(
        t(
            format!("`{path}.of` ({}) nhỏ hơn `value` ({})", num(of), num(value)),
            format!("`{path}.of` ({}) is smaller than `value` ({})", num(of), num(value)),
        ),
        t("`of` là tổng số, như trong \"7/11 xã\": value 7, of 11", "`of` is the total, as in \"7/11 xã\": value 7, of 11"),
    )
}

pub(crate) fn duplicate_issuer(code: &str, first_line: u32) -> Msg {
    msg(
        t(format!("mã cơ quan `{code}` được dùng hai lần"), format!("issuer code `{code}` is used twice")),
        t(
            format!("cơ quan đầu tiên có mã này ở dòng {first_line}; mỗi cơ quan cần một mã riêng"),
            format!("the first issuer with this code is on line {first_line}; each issuer needs its own code"),
        ),
    )
}

pub(crate) fn unknown_signer_issuer(path: &str, code: &str, nearest: Option<&str>, codes: &[&str]) -> Msg {
    let hint = match nearest {
        Some(n) => t(
            format!("có phải ý bạn là `{n}`? (các mã cơ quan: {})", list(codes)),
            format!("did you mean `{n}`? (issuer codes: {})", list(codes)),
        ),
        None => t(format!("các mã cơ quan trong tệp này là {}", list(codes)), format!("the issuer codes in this file are {}", list(codes))),
    };
    msg(t(format!("`{path}`: không có cơ quan nào mang mã `{code}`"), format!("`{path}`: no issuer has the code `{code}`")), hint)
}

pub(crate) fn control_char(path: &str, c: char) -> Msg {
    let code = format!("U+{:04X} ({})", c as u32, c.escape_default());
    msg(
        t(format!("`{path}` chứa ký tự điều khiển {code}"), format!("`{path}` contains the control character {code}")),
        if c == '\t' {
            t("thay dấu Tab bằng dấu cách", "replace the tab with spaces")
        } else {
            t("hãy xóa ký tự này; có lẽ nó bị dán vào do sơ ý", "remove it; it was probably pasted in by accident")
        },
    )
}

pub(crate) fn unprintable_char(path: &str, c: char) -> Msg {
    msg(
        t(
            format!("`{path}` chứa ký tự U+{:04X} `{c}` mà phông chữ đi kèm không in được", c as u32),
            format!("`{path}` contains U+{:04X} `{c}`, which the bundled font cannot print", c as u32),
        ),
        t(
            "hãy xóa hoặc thay bằng chữ tiếng Việt hoặc dấu câu thông thường",
            "remove it or replace it with a Vietnamese letter or common punctuation",
        ),
    )
}

/// Text typed with a legacy Vietnamese encoding (TCVN3/ABC or VNI) and
/// pasted as if it were Unicode; `converted` is what it most likely says.
pub(crate) fn legacy_encoding(path: &str, encoding: &str, sample: &str, converted: &str) -> Msg {
    msg(
        t(
            format!("`{path}` có vẻ được gõ bằng bảng mã cũ {encoding} (\"{sample}\"), không phải Unicode"),
            format!("`{path}` looks like text typed in the legacy {encoding} encoding (\"{sample}\"), not Unicode"),
        ),
        t(
            format!("có lẽ đây là \"{converted}\"; hãy gõ lại bằng Unicode, hoặc chạy lại với `--convert-legacy` để tự chuyển"),
            format!("it probably says \"{converted}\"; retype it in Unicode, or run again with `--convert-legacy` to convert it"),
        ),
    )
}

/// A warning: legacy text was converted because `--convert-legacy` was given.
pub(crate) fn legacy_converted(path: &str, encoding: &str, converted: &str) -> Msg {
    msg(
        t(
            format!("`{path}` đã được chuyển từ bảng mã {encoding} sang Unicode: \"{converted}\""),
            format!("`{path}` was converted from {encoding} to Unicode: \"{converted}\""),
        ),
        t("hãy kiểm tra lại chữ đã chuyển", "check the converted text"),
    )
}

pub(crate) fn too_long_field(path: &str, chars: usize, max: usize) -> Msg {
    msg(
        t(
            format!("`{path}` dài {chars} ký tự; giới hạn cho một giá trị là {max}"),
            format!("`{path}` is {chars} characters long; the limit for one value is {max}"),
        ),
        t(
            "tách đoạn văn dài thành nhiều đoạn (một danh sách, mỗi đoạn một dòng `- `)",
            "split long text into several paragraphs (a list of strings)",
        ),
    )
}

pub(crate) fn too_many_items(path: &str, count: usize, max: usize) -> Msg {
    msg(
        t(format!("`{path}` có {count} mục; giới hạn là {max}"), format!("`{path}` has {count} items; the limit is {max}")),
        t(
            "một báo cáo không in được bảng dài như vậy; hãy tách thành nhiều báo cáo hoặc gộp số liệu",
            "a report cannot print a table that long; split it into several reports or summarise the figures",
        ),
    )
}

pub(crate) fn too_many_values(nodes: usize, max: usize) -> Msg {
    msg(
        t(
            format!("tệp có hơn {max} giá trị ({nodes}); đây không phải là một báo cáo bình thường"),
            format!("the file holds more than {max} values ({nodes}); this is not an ordinary report"),
        ),
        t("hãy tách dữ liệu thành nhiều báo cáo", "split the data into several reports"),
    )
}

pub(crate) fn file_too_large(bytes: usize, max: usize) -> Msg {
    msg(
        t(
            format!("tệp có dung lượng {bytes} byte; giới hạn là {max} byte"),
            format!("the file is {bytes} bytes; the limit is {max} bytes"),
        ),
        t(
            "tệp YAML của một báo cáo chỉ vài kilobyte; hãy kiểm tra đã chọn đúng tệp chưa, hoặc tách thành nhiều báo cáo",
            "a report's YAML is a few kilobytes; check that this is the right file, or split it into several reports",
        ),
    )
}

pub fn cannot_read(os_error: &Text) -> Msg {
    msg(
        t(format!("không đọc được tệp: {}", os_error.vi), format!("cannot read the file: {}", os_error.en)),
        t("kiểm tra tên tệp và tệp có tồn tại không", "check the file name and that the file exists"),
    )
}

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    Device,
    Fifo,
    Socket,
    Other,
}

impl FileKind {
    pub(crate) fn of(ft: &std::fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_block_device() || ft.is_char_device() {
                return FileKind::Device;
            }
            if ft.is_fifo() {
                return FileKind::Fifo;
            }
            if ft.is_socket() {
                return FileKind::Socket;
            }
        }
        if ft.is_dir() { FileKind::Folder } else { FileKind::Other }
    }

    fn text(self) -> Text {
        match self {
            FileKind::Folder => t("một thư mục", "a folder"),
            FileKind::Device => t("một thiết bị", "a device"),
            FileKind::Fifo => t("một đường ống (FIFO)", "a pipe (FIFO)"),
            FileKind::Socket => t("một socket", "a socket"),
            FileKind::Other => t("một tệp đặc biệt", "a special file"),
        }
    }
}

pub(crate) fn not_regular_file(kind: FileKind) -> Msg {
    let k = kind.text();
    msg(
        t(format!("đây không phải là một tệp thông thường mà là {}", k.vi), format!("this is not a regular file but {}", k.en)),
        t("hãy chỉ ra một tệp YAML đã lưu trên đĩa", "name a YAML file saved on disk"),
    )
}

pub fn not_utf8(offset: usize, looks_legacy: bool) -> Msg {
    let hint = if looks_legacy {
        t(
            "tệp có vẻ được lưu bằng bảng mã cũ (TCVN3 hoặc VNI); hãy chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã) rồi lưu dạng UTF-8",
            "the file looks saved in a legacy encoding (TCVN3 or VNI); convert it to Unicode (e.g. with Unikey's converter) and save as UTF-8",
        )
    } else {
        t(
            "hãy lưu tệp dạng UTF-8 (trong Notepad: Save As, Encoding: UTF-8)",
            "save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        )
    };
    msg(
        t(
            format!("tệp không phải là văn bản UTF-8 (byte không hợp lệ ở vị trí {offset})"),
            format!("the file is not UTF-8 text (invalid byte at offset {offset})"),
        ),
        hint,
    )
}

pub(crate) fn empty_file() -> Msg {
    msg(
        t("tệp đang trống", "the file is empty"),
        t(
            "một báo cáo cần ít nhất `document`, `issuers`, `period` và `signers`",
            "a report needs at least `document`, `issuers`, `period` and `signers`",
        ),
    )
}

pub(crate) fn top_level_not_map(found: &Text) -> Msg {
    msg(
        t(
            format!("ở cấp ngoài cùng cần các khóa như `document:`, nhưng đang là {}", found.vi),
            format!("expected keys such as `document:` at the top level, found {}", found.en),
        ),
        None,
    )
}

/// A YAML syntax error. The parser's English wording is kept for English;
/// the mistakes office staff make most get a Vietnamese explanation, the rest
/// a general one (never the parser's English inside Vietnamese).
pub(crate) fn yaml_syntax(parser_message: &str) -> Msg {
    if parser_message.starts_with("multiple YAML documents") {
        return msg(
            t("tệp chứa nhiều hơn một tài liệu YAML (có dòng `---`)", "the file holds more than one YAML document (a `---` line)"),
            t("mỗi tệp chỉ viết một báo cáo", "write one report per file"),
        );
    }
    let m = parser_message;
    if m.contains("alias") || m.contains("budget") || m.contains("depth") || m.contains("exceed") {
        return msg(
            t(
                "tệp dùng quá nhiều tham chiếu YAML (`&`/`*`) hoặc lồng nhau quá sâu, vượt giới hạn an toàn",
                "the file expands YAML aliases (`&`/`*`) or nests values beyond the safety limits",
            ),
            t("báo cáo không cần dùng `&` và `*`; hãy viết thẳng các giá trị", "a report needs no aliases; write the values out"),
        );
    }
    if m.contains("placement of ':'") || m.contains("mapping values are not allowed") {
        return msg(
            t("YAML không hợp lệ: dấu `:` đặt sai chỗ", format!("invalid YAML: {m}")),
            t(
                "kiểm tra thụt lề, dấu ngoặc `[` hoặc `{` chưa đóng ở dòng trên, hoặc đặt giá trị có `: ` trong dấu ngoặc kép",
                "check the indentation, a `[` or `{` left open on a line above, or quote a value that contains `: `",
            ),
        );
    }
    let vi = if m.contains("tabs disallowed") || m.contains("found a tab") || m.contains("with a tab") {
        "dấu Tab ở chỗ không được phép"
    } else if m.contains("did not find expected") || m.contains("unexpected end") || m.contains("unclosed") || m.contains("end of stream") {
        "thiếu dấu đóng (ngoặc vuông `]`, ngoặc nhọn `}` hoặc dấu ngoặc kép)"
    } else if m.contains("indent") {
        "thụt lề không đúng"
    } else {
        "lỗi cú pháp"
    };
    msg(t(format!("YAML không hợp lệ: {vi}"), format!("invalid YAML: {m}")), None)
}

pub(crate) fn tab_indent_hint(line: usize) -> Text {
    t(
        format!("YAML thụt lề bằng dấu cách, không dùng phím Tab (dòng {line} bắt đầu bằng dấu Tab)"),
        format!("YAML indents with spaces, not tabs (line {line} starts with a tab)"),
    )
}

pub(crate) fn cutoff_after_date() -> Msg {
    msg(
        t("`period.cutoff` muộn hơn `document.date`", "`period.cutoff` is later than `document.date`"),
        t("số liệu thường được chốt trước ngày ban hành văn bản", "figures are usually cut off before the document is issued"),
    )
}

pub(crate) fn internal_error() -> Msg {
    msg(t("không đọc được báo cáo (lỗi nội bộ)", "the report could not be read (internal error)"), None)
}

/// A number as a person writes it: no trailing ".0".
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { v.to_string() }
}
