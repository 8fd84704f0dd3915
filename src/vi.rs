//! Vietnamese formatting of numbers, dates, periods, Roman numerals and
//! comparisons: pure functions of shared vocabulary, below every pipeline
//! stage (templates, profiles and composition use them), tested without
//! Handlebars. `template::helpers` wraps them for templates.
//!
//! Conventions (format-spec C-05, C-06, H-13): thousands separator ".",
//! decimal comma, percent sign attached ("19,4%"); dates padded with a zero only
//! for days 1-9 and months 1-2 ("ngày 05 tháng 01 năm 2021", "05/3/2024").

use chrono::{Datelike, NaiveDate};

/// "1854779" -> "1.854.779"; 19.4 -> "19,4"; 7.0 -> "7". At most three
/// decimals, trailing zeros dropped (inputs are short decimals from YAML; the
/// cap hides binary noise such as 0.30000000000000004).
pub(crate) fn number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let fixed = format!("{:.3}", x.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac_part.trim_end_matches('0');
    let negative = x < 0.0 && (int_part != "0" || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(int_part));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// 19.4 -> "19,4%".
pub(crate) fn percent(x: f64) -> String {
    format!("{}%", number(x))
}

/// `x` rounded to one decimal and printed the Vietnamese way, ",0" dropped.
pub(crate) fn one_decimal(x: f64) -> String {
    number((x * 10.0).round() / 10.0)
}

/// Share of `part` in `whole` as a percentage with one decimal:
/// (47, 47) -> "100%", (46, 47) -> "97,9%". Rounding never claims a
/// complete (100%) or empty (0%) result that the counts do not show:
/// (9999, 10000) -> "99,9%". `None` when `whole` is 0 (no rate exists).
pub(crate) fn rate(part: f64, whole: f64) -> Option<String> {
    if whole <= 0.0 {
        return None;
    }
    let mut r = (part / whole * 1000.0).round() / 10.0;
    if part < whole && r >= 100.0 {
        r = 99.9;
    }
    if part > 0.0 && r <= 0.0 {
        r = 0.1;
    }
    Some(percent(r))
}

/// ISO "2021-01-05" (or with a time part) -> date.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn pad_day(d: u32) -> String {
    format!("{d:02}")
}

/// Months 1 and 2 get a leading zero, others none (H-13).
fn pad_month(m: u32) -> String {
    if m <= 2 { format!("{m:02}") } else { m.to_string() }
}

/// "ngày 05 tháng 01 năm 2021", "ngày 31 tháng 3 năm 2021" (H-13).
pub(crate) fn date_long(d: NaiveDate) -> String {
    format!("ngày {} tháng {} năm {}", pad_day(d.day()), pad_month(d.month()), d.year())
}

/// "05/3/2024" (C-06).
pub(crate) fn date_short(d: NaiveDate) -> String {
    format!("{}/{}/{}", pad_day(d.day()), pad_month(d.month()), d.year())
}

/// 4 -> "IV". 0 and values above 3999 are printed in Arabic numerals.
pub(crate) fn roman(n: u64) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters of điểm (B-15): a b c d đ e g h i k l m n o p q r s t u v x y.
pub(crate) const POINT_LETTERS: [&str; 23] =
    ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

/// 1 -> "a", 5 -> "đ", 24 -> "aa" (past "y" the sequence doubles the letter;
/// no real report has that many điểm).
pub(crate) fn point_letter(n: usize) -> String {
    let n = n.max(1) - 1;
    let letter = POINT_LETTERS[n % POINT_LETTERS.len()];
    letter.repeat(n / POINT_LETTERS.len() + 1)
}

/// A reporting period, in the forms of the input contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodSpec {
    Year(i32),
    Quarter { year: i32, quarter: u8 },
    Span { from: i32, to: i32 },
}

impl PeriodSpec {
    /// Reads both the serialised `model::Period` (`{"year": {"year": 2020}}`,
    /// `{"quarter": {"year": 2017, "quarter": 3}}`, `{"span": {"from": .., "to": ..}}`)
    /// and the flat YAML form (`{"year": 2020, "quarter": 3}`, `{"from": .., "to": ..}`).
    pub(crate) fn from_json(v: &serde_json::Value) -> Option<PeriodSpec> {
        let int = |v: &serde_json::Value| v.as_i64();
        if let Some(span) = v.get("span") {
            return Some(PeriodSpec::Span { from: int(span.get("from")?)? as i32, to: int(span.get("to")?)? as i32 });
        }
        if let Some(q) = v.get("quarter").filter(|q| q.is_object()) {
            return Some(PeriodSpec::Quarter { year: int(q.get("year")?)? as i32, quarter: int(q.get("quarter")?)? as u8 });
        }
        if let Some(y) = v.get("year").filter(|y| y.is_object()) {
            return Some(PeriodSpec::Year(int(y.get("year")?)? as i32));
        }
        // Flat form.
        if let (Some(from), Some(to)) = (v.get("from").and_then(int), v.get("to").and_then(int)) {
            return Some(PeriodSpec::Span { from: from as i32, to: to as i32 });
        }
        let year = v.get("year").and_then(int)? as i32;
        match v.get("quarter").and_then(int) {
            Some(q) => Some(PeriodSpec::Quarter { year, quarter: q as u8 }),
            None => Some(PeriodSpec::Year(year)),
        }
    }

    /// "năm 2020", "quý III năm 2017", "giai đoạn 2016 - 2021".
    pub(crate) fn text(self) -> String {
        match self {
            PeriodSpec::Year(y) => format!("năm {y}"),
            PeriodSpec::Quarter { year, quarter } => format!("quý {} năm {year}", roman(quarter as u64)),
            PeriodSpec::Span { from, to } => format!("giai đoạn {from} - {to}"),
        }
    }

    /// The period after this one: "năm 2021", "quý IV năm 2017",
    /// "giai đoạn tiếp theo" (a span's successor has no fixed length).
    pub(crate) fn next_text(self) -> String {
        match self {
            PeriodSpec::Year(y) => format!("năm {}", y + 1),
            PeriodSpec::Quarter { year, quarter: 4 } => PeriodSpec::Quarter { year: year + 1, quarter: 1 }.text(),
            PeriodSpec::Quarter { year, quarter } => PeriodSpec::Quarter { year, quarter: quarter + 1 }.text(),
            PeriodSpec::Span { .. } => "giai đoạn tiếp theo".to_string(),
        }
    }

    /// The period before this one, as compared with: "năm 2019",
    /// "quý II năm 2017", "giai đoạn trước".
    pub(crate) fn previous_text(self) -> String {
        match self {
            PeriodSpec::Year(y) => format!("năm {}", y - 1),
            PeriodSpec::Quarter { year, quarter: 1 } => PeriodSpec::Quarter { year: year - 1, quarter: 4 }.text(),
            PeriodSpec::Quarter { year, quarter } => PeriodSpec::Quarter { year, quarter: quarter - 1 }.text(),
            PeriodSpec::Span { .. } => "giai đoạn trước".to_string(),
        }
    }
}

/// True for units measured in percent ("%", "%/năm"): differences between two
/// such values are percentage points ("điểm %"), not percentages.
pub(crate) fn is_percent_unit(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| u.trim_start().starts_with('%'))
}

/// A value with its unit: (19.4, "%/năm") -> "19,4%/năm"; (7, "xã", of 11) ->
/// "7/11 xã"; (1250, "người") -> "1.250 người".
pub(crate) fn measure(value: f64, unit: Option<&str>, of: Option<f64>) -> String {
    let mut out = number(value);
    if let Some(of) = of {
        out.push('/');
        out.push_str(&number(of));
    }
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) if u.starts_with('%') => out.push_str(u),
        Some(u) => {
            out.push(' ');
            out.push_str(u);
        }
        None => {}
    }
    out
}

/// Comparison with the plan (kế hoạch).
/// Percent units compare in points: (19.4, 15, "%") -> "vượt 4,4 điểm % so với kế hoạch".
/// Other units compare as a share of the plan: (7, 6, "xã") -> "đạt 116,7% kế hoạch".
pub(crate) fn versus_target(value: f64, target: f64, unit: Option<&str>) -> String {
    if is_percent_unit(unit) {
        let d = value - target;
        return if d.abs() < 0.05 {
            "đạt kế hoạch".to_string()
        } else if d > 0.0 {
            format!("vượt {} điểm % so với kế hoạch", one_decimal(d))
        } else {
            format!("thấp hơn kế hoạch {} điểm %", one_decimal(-d))
        };
    }
    if target <= 0.0 {
        return if value > 0.0 { "vượt kế hoạch".to_string() } else { "đạt kế hoạch".to_string() };
    }
    // rate() keeps 99,96% from reading as a full 100%.
    let share = rate(value, target).unwrap_or_default();
    format!("đạt {share} kế hoạch")
}

/// Comparison with the previous period, named by `previous_label` ("năm 2019").
/// Percent units: (19.4, 17.2, "%") -> "tăng 2,2 điểm % so với năm 2019".
/// Others: (1125, 1000, "người") -> "tăng 12,5% so với năm 2019".
pub(crate) fn versus_previous(value: f64, previous: f64, unit: Option<&str>, previous_label: &str) -> String {
    let d = value - previous;
    let direction = if d > 0.0 { "tăng" } else { "giảm" };
    if is_percent_unit(unit) {
        if d.abs() < 0.05 {
            return format!("bằng {previous_label}");
        }
        return format!("{direction} {} điểm % so với {previous_label}", one_decimal(d.abs()));
    }
    if d == 0.0 {
        return format!("bằng {previous_label}");
    }
    if previous <= 0.0 {
        // No base for a percentage: say the absolute change.
        return format!("{direction} {} so với {previous_label}", measure(d.abs(), unit, None));
    }
    let change = (d.abs() / previous * 1000.0).round() / 10.0;
    format!("{direction} {} so với {previous_label}", percent(change.max(0.1)))
}

/// Level keys of the contract -> "cấp tỉnh" …; other text is kept as written.
pub(crate) fn level_name(level: &str) -> String {
    match level.trim() {
        "central" | "national" => "cấp Trung ương".to_string(),
        "province" => "cấp tỉnh".to_string(),
        "district" => "cấp huyện".to_string(),
        "commune" => "cấp xã".to_string(),
        other => other.to_string(),
    }
}

/// "A", "A và B", "A, B và C".
pub(crate) fn join_vi(items: &[String]) -> String {
    let items: Vec<String> = items.iter().enumerate().map(|(i, t)| if i == 0 { t.clone() } else { mid_sentence(t) }).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// Common words that open a list item but are not names: mid-sentence they
/// take a small letter ("và các tổ chức", never "và Các tổ chức").
const COMMON_OPENERS: &[&str] = &["Các", "Những", "Mọi", "Toàn thể"];

/// `text` as it reads inside a sentence: a common opening word in lower case;
/// names ("Ban Dân vận", "Ủy ban nhân dân") unchanged.
pub(crate) fn mid_sentence(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    if COMMON_OPENERS.contains(&first) {
        let mut chars = text.chars();
        match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        text.to_string()
    }
}

/// The programme as first named in a sentence: its name, then "giữa" and its
/// parties unless the name already names them (a clause is never repeated).
pub(crate) fn programme_reference(name: &str, parties: &[String]) -> String {
    let lower = name.to_lowercase();
    let named = lower.contains(" giữa ") || (!parties.is_empty() && parties.iter().all(|p| lower.contains(&p.to_lowercase())));
    if parties.is_empty() || named {
        name.to_string()
    } else {
        let all: Vec<String> = parties.iter().map(|p| mid_sentence(p)).collect();
        format!("{name} giữa {}", join_vi(&all))
    }
}

/// How the tasks of a report stand, as a clause after "đã triển khai N nội
/// dung phối hợp": only the counts that are not zero, and words instead of
/// "hoàn thành 0 nội dung" when every task stands the same.
pub(crate) fn task_breakdown(done: usize, in_progress: usize, not_done: usize) -> String {
    let total = done + in_progress + not_done;
    let nonzero = [done, in_progress, not_done].iter().filter(|&&n| n > 0).count();
    if total == 0 {
        return String::new();
    }
    if nonzero == 1 {
        let how = if done > 0 {
            "đã hoàn thành"
        } else if in_progress > 0 {
            "đang được thực hiện"
        } else {
            "chưa được thực hiện"
        };
        return if total == 1 { format!(", {how}") } else { format!(", tất cả {how}") };
    }
    let mut parts = Vec::new();
    if done > 0 {
        parts.push(format!("hoàn thành {done} nội dung"));
    }
    if in_progress > 0 {
        parts.push(format!("đang thực hiện {in_progress} nội dung"));
    }
    if not_done > 0 {
        parts.push(format!("chưa thực hiện {not_done} nội dung"));
    }
    format!("; trong đó {}", parts.join(", "))
}

/// Counts below 10 are written with a leading zero in lists of results
/// ("cấp tỉnh 01, cấp huyện 15"), as offices do; larger counts are grouped.
pub(crate) fn count_padded(n: u64) -> String {
    if n < 10 { format!("{n:02}") } else { number(n as f64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_use_vietnamese_separators() {
        assert_eq!(number(1854779.0), "1.854.779");
        assert_eq!(number(87167781.0), "87.167.781");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1000.0), "1.000");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(19.4), "19,4");
        assert_eq!(number(93.32), "93,32");
        assert_eq!(number(1234.5), "1.234,5");
        assert_eq!(number(7.0), "7");
        assert_eq!(number(0.1 + 0.2), "0,3");
        assert_eq!(number(-2.5), "-2,5");
        assert_eq!(percent(19.4), "19,4%");
        assert_eq!(percent(100.0), "100%");
    }

    #[test]
    fn rates_have_one_decimal_and_never_round_to_a_false_total() {
        assert_eq!(rate(47.0, 47.0).as_deref(), Some("100%"));
        assert_eq!(rate(46.0, 47.0).as_deref(), Some("97,9%"));
        assert_eq!(rate(1.0, 2.0).as_deref(), Some("50%"));
        assert_eq!(rate(9999.0, 10000.0).as_deref(), Some("99,9%"));
        assert_eq!(rate(1.0, 10000.0).as_deref(), Some("0,1%"));
        assert_eq!(rate(0.0, 5.0).as_deref(), Some("0%"));
        assert_eq!(rate(0.0, 0.0), None);
    }

    #[test]
    fn dates_follow_h13_and_c06() {
        assert_eq!(date_long(d(2021, 1, 5)), "ngày 05 tháng 01 năm 2021");
        assert_eq!(date_long(d(2021, 3, 31)), "ngày 31 tháng 3 năm 2021");
        assert_eq!(date_long(d(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
        assert_eq!(date_long(d(2024, 12, 15)), "ngày 15 tháng 12 năm 2024");
        assert_eq!(date_long(d(2018, 2, 3)), "ngày 03 tháng 02 năm 2018");
        assert_eq!(date_short(d(2024, 3, 5)), "05/3/2024");
        assert_eq!(date_short(d(2016, 11, 15)), "15/11/2016");
        assert_eq!(date_short(d(2020, 1, 19)), "19/01/2020");
        assert_eq!(parse_date("2021-03-31"), Some(d(2021, 3, 31)));
        assert_eq!(parse_date("2021-02-30"), None);
    }

    #[test]
    fn roman_numerals_and_point_letters() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(2021), "MMXXI");
        assert_eq!(roman(0), "0");
        assert_eq!(point_letter(1), "a");
        assert_eq!(point_letter(5), "đ");
        assert_eq!(point_letter(6), "e");
        assert_eq!(point_letter(7), "g");
        assert_eq!(point_letter(23), "y");
        assert_eq!(point_letter(24), "aa");
    }

    #[test]
    fn periods_in_words() {
        use serde_json::json;
        let year = PeriodSpec::from_json(&json!({"year": {"year": 2020}, "cutoff": null})).unwrap();
        assert_eq!(year.text(), "năm 2020");
        assert_eq!(year.next_text(), "năm 2021");
        assert_eq!(year.previous_text(), "năm 2019");
        let q = PeriodSpec::from_json(&json!({"quarter": {"year": 2017, "quarter": 3}})).unwrap();
        assert_eq!(q.text(), "quý III năm 2017");
        assert_eq!(q.next_text(), "quý IV năm 2017");
        assert_eq!(q.previous_text(), "quý II năm 2017");
        let q4 = PeriodSpec::Quarter { year: 2017, quarter: 4 };
        assert_eq!(q4.next_text(), "quý I năm 2018");
        let span = PeriodSpec::from_json(&json!({"span": {"from": 2016, "to": 2021}})).unwrap();
        assert_eq!(span.text(), "giai đoạn 2016 - 2021");
        // The flat YAML form reads the same.
        assert_eq!(PeriodSpec::from_json(&json!({"year": 2017, "quarter": 3})), Some(q));
        assert_eq!(PeriodSpec::from_json(&json!({"from": 2016, "to": 2021})), Some(span));
        assert_eq!(PeriodSpec::from_json(&json!({"year": 2020})), Some(year));
    }

    #[test]
    fn comparisons_say_points_for_percent_units() {
        assert_eq!(versus_target(19.4, 15.0, Some("%/năm")), "vượt 4,4 điểm % so với kế hoạch");
        assert_eq!(versus_target(93.32, 95.0, Some("%")), "thấp hơn kế hoạch 1,7 điểm %");
        assert_eq!(versus_target(15.0, 15.0, Some("%")), "đạt kế hoạch");
        assert_eq!(versus_target(7.0, 6.0, Some("xã")), "đạt 116,7% kế hoạch");
        assert_eq!(versus_target(6.0, 6.0, Some("xã")), "đạt 100% kế hoạch");
        assert_eq!(versus_target(5.0, 6.0, None), "đạt 83,3% kế hoạch");
        assert_eq!(versus_previous(19.4, 17.2, Some("%/năm"), "năm 2019"), "tăng 2,2 điểm % so với năm 2019");
        assert_eq!(versus_previous(3.1, 4.0, Some("%"), "năm 2019"), "giảm 0,9 điểm % so với năm 2019");
        assert_eq!(versus_previous(1125.0, 1000.0, Some("người"), "năm 2019"), "tăng 12,5% so với năm 2019");
        assert_eq!(versus_previous(900.0, 1000.0, None, "quý II năm 2017"), "giảm 10% so với quý II năm 2017");
        assert_eq!(versus_previous(7.0, 7.0, Some("xã"), "năm 2019"), "bằng năm 2019");
        assert_eq!(versus_previous(3.0, 0.0, Some("xã"), "năm 2019"), "tăng 3 xã so với năm 2019");
    }

    #[test]
    fn measures_levels_and_lists() {
        assert_eq!(measure(19.4, Some("%/năm"), None), "19,4%/năm");
        assert_eq!(measure(7.0, Some("xã"), Some(11.0)), "7/11 xã");
        assert_eq!(measure(1250.0, Some("người"), None), "1.250 người");
        assert_eq!(measure(3.0, None, None), "3");
        assert_eq!(level_name("province"), "cấp tỉnh");
        assert_eq!(level_name("district"), "cấp huyện");
        assert_eq!(level_name("commune"), "cấp xã");
        assert_eq!(level_name("cấp thôn"), "cấp thôn");
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_vi(&v(&["A"])), "A");
        assert_eq!(join_vi(&v(&["A", "B"])), "A và B");
        assert_eq!(join_vi(&v(&["A", "B", "C"])), "A, B và C");
        assert_eq!(count_padded(1), "01");
        assert_eq!(count_padded(15), "15");
    }
}
