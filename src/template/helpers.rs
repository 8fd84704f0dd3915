//! Handlebars helpers and the Markdown escape function.
//!
//! Every value helper returns a string through Handlebars' normal output path,
//! so its result is escaped for Markdown like any data value (`{{num x}}` can
//! never start a list) and can be used as a subexpression (`{{upper (period_text period)}}`).
//!
//! | helper | example | output |
//! |---|---|---|
//! | `num x` | `{{num 1854779}}` | 1.854.779 |
//! | `pct x` | `{{pct 19.4}}` | 19,4% |
//! | `rate part whole` | `{{rate 46 47}}` | 97,9% (error when `whole` is 0: guard with `{{#if}}`) |
//! | `date_long d` / `date_short d` | ISO date | ngày 05 tháng 01 năm 2021 / 05/3/2024 |
//! | `roman n` | `{{roman 4}}` | IV |
//! | `period_text p` / `next_period p` / `previous_period p` | `period` | năm 2020 / năm 2021 / năm 2019 |
//! | `measure value unit of` | indicator fields | 19,4%/năm, 7/11 xã |
//! | `vs_target value target unit` | | vượt 4,4 điểm % so với kế hoạch |
//! | `vs_previous value previous unit period` | | tăng 2,2 điểm % so với năm 2019 |
//! | `level_name key` | province | cấp tỉnh |
//! | `status_text s` | done | Hoàn thành |
//! | `join list` | [A, B, C] | A, B và C |
//! | `count n` | 1 | 01 (zero-padded below 10, as in result lists) |
//! | `sum list "field"` | recognised levels | total of that field |
//! | `count_status tasks "done"` | | number of tasks with that status |
//! | `upper s` | | UPPER CASE |
//! | `inc n` / `minus a b` | `{{inc @index}}` | n + 1 / a - b |
//!
//! Results made only of digits ("16") are JSON numbers, so `{{#if (sum …)}}`
//! is false for 0; format them with `num` when they may exceed 999.
//!
//! `if` and `unless` are replaced by strict versions: testing a path that does
//! not exist is an error (a misspelt field must not silently hide a section).
//! Testing a field whose value is null, 0, "" or [] is fine and false.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError, RenderErrorReason, Renderable, ScopedJson,
};
use serde_json::Value;

use crate::vi::{self, PeriodSpec};

/// Escapes a data value so that it prints literally once the rendered
/// Markdown is parsed. Backslash escapes work for every ASCII punctuation
/// character in CommonMark, so over-escaping is harmless; under-escaping is not.
/// Line breaks inside a value become spaces and trailing blanks are dropped:
/// a value is inline text.
pub(crate) fn escape_markdown(s: &str) -> String {
    // Trailing spaces before a template line break would make a hard break.
    let s = s.trim_end();
    let mut out = String::with_capacity(s.len() + 8);
    let trimmed = s.trim_start();
    let lead_ws = &s[..s.len() - trimmed.len()];
    for c in lead_ws.chars() {
        out.push(if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c });
    }
    // Block markers that only count at the start of a line: "- ", "+ ", "=",
    // "1. ", "1) ". The value may land at a line start, so escape them.
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let mut escape_at = None;
    if digits > 0 && digits <= 9 {
        let mut rest = trimmed[digits..].chars();
        if let Some(p @ ('.' | ')')) = rest.next()
            && rest.next().is_none_or(char::is_whitespace)
        {
            escape_at = Some((digits, p));
        }
    }
    for (i, c) in trimmed.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            _ if escape_at == Some((i, c)) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

handlebars::handlebars_helper!(mentions: |text: str, part: str| text.to_lowercase().contains(&part.to_lowercase()));

/// Registers every helper on `hb`.
pub(crate) fn register(hb: &mut Handlebars<'static>) {
    // `(mentions name field)`: a clause is not added when the name already says it.
    hb.register_helper("mentions", Box::new(mentions));
    hb.register_helper("if", Box::new(StrictIf { positive: true }));
    hb.register_helper("unless", Box::new(StrictIf { positive: false }));
    let value_helpers: [(&'static str, usize, usize, ValueFn); 23] = [
        ("num", 1, 1, |a| Ok(vi::number(f(a[0], "num")?))),
        ("pct", 1, 1, |a| Ok(vi::percent(f(a[0], "pct")?))),
        ("rate", 2, 2, rate),
        ("date_long", 1, 1, |a| Ok(vi::date_long(date(a[0], "date_long")?))),
        ("date_short", 1, 1, |a| Ok(vi::date_short(date(a[0], "date_short")?))),
        ("roman", 1, 1, |a| Ok(vi::roman(f(a[0], "roman")? as u64))),
        ("period_text", 1, 1, |a| Ok(period(a[0], "period_text")?.text())),
        ("next_period", 1, 1, |a| Ok(period(a[0], "next_period")?.next_text())),
        ("previous_period", 1, 1, |a| Ok(period(a[0], "previous_period")?.previous_text())),
        ("measure", 1, 3, measure),
        ("vs_target", 2, 3, vs_target),
        ("vs_previous", 2, 4, vs_previous),
        ("level_name", 1, 1, |a| Ok(vi::level_name(&text(a[0])))),
        ("status_text", 1, 1, |a| status_text(a[0])),
        ("join", 1, 1, |a| Ok(vi::join_vi(&list(a[0])))),
        ("count", 1, 1, |a| Ok(vi::count_padded(f(a[0], "count")? as u64))),
        ("sum", 2, 2, sum),
        ("count_status", 2, 2, count_status),
        ("programme_ref", 1, 1, programme_ref),
        ("task_breakdown", 1, 1, task_breakdown),
        ("upper", 1, 1, |a| Ok(text(a[0]).to_uppercase())),
        ("inc", 1, 1, |a| Ok(vi::number(f(a[0], "inc")? + 1.0))),
        ("minus", 2, 2, |a| Ok(vi::number(f(a[0], "minus")? - f(a[1], "minus")?))),
    ];
    for (name, min, max, func) in value_helpers {
        hb.register_helper(name, Box::new(ValueHelper { name, min, max, func }));
    }
}

type ValueFn = fn(&[&Value]) -> Result<String, String>;

/// A helper computing a string from its (already resolved) parameters.
struct ValueHelper {
    name: &'static str,
    min: usize,
    max: usize,
    func: ValueFn,
}

impl HelperDef for ValueHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let params = h.params();
        if params.len() < self.min || params.len() > self.max {
            let want = if self.min == self.max { format!("{}", self.min) } else { format!("{} to {}", self.min, self.max) };
            return Err(other(format!("`{}` takes {want} parameter(s), got {}", self.name, params.len())));
        }
        // Borrowed, not cloned: `task_breakdown results.tasks` would copy every task.
        let mut args: Vec<&Value> = Vec::with_capacity(params.len());
        for p in params {
            if p.is_value_missing() {
                let path = p.relative_path().map(String::as_str).unwrap_or("?");
                return Err(other(format!("`{}`: `{path}` does not exist in the report data", self.name)));
            }
            args.push(p.value());
        }
        (self.func)(&args).map(|s| ScopedJson::Derived(to_value(s))).map_err(|m| other(format!("`{}`: {m}", self.name)))
    }
}

/// Results that are plain numbers ("16", "2") become JSON numbers, so that
/// `{{#if (count_status tasks "done")}}` is false for 0 and `num` can format them.
fn to_value(s: String) -> Value {
    if !s.is_empty()
        && s.len() < 16
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && let Ok(n) = s.parse::<u64>()
    {
        return Value::from(n);
    }
    Value::String(s)
}

fn other(message: String) -> RenderError {
    RenderErrorReason::Other(message).into()
}

/// `if` / `unless` that refuse a path missing from the data (strict mode only
/// covers plain `{{value}}` expressions otherwise).
struct StrictIf {
    positive: bool,
}

impl HelperDef for StrictIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = if self.positive { "if" } else { "unless" };
        super::budget::step(1)?;
        let param = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
        if param.is_value_missing() {
            let path = param.relative_path().map(String::as_str).unwrap_or("?");
            return Err(other(format!(
                "`{name}` tests `{path}`, which does not exist in the report data \
                 (test the parent first when it may be null)"
            )));
        }
        let include_zero = h.hash_get("includeZero").and_then(|v| v.value().as_bool()).unwrap_or(false);
        let truthy = handlebars::JsonTruthy::is_truthy(param.value(), include_zero);
        let template = if truthy == self.positive { h.template() } else { h.inverse() };
        match template {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

fn f(v: &Value, _helper: &str) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("{n} is not a usable number")),
        Value::String(s) => s.trim().parse::<f64>().map_err(|_| format!("\"{s}\" is not a number")),
        other => Err(format!("expected a number, got {}", kind(other))),
    }
}

fn opt_f(v: Option<&Value>) -> Result<Option<f64>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => f(v, "").map(Some),
    }
}

fn opt_text(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(v) => Some(text(v)),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().map(text).collect(),
        Value::Null => Vec::new(),
        other => vec![text(other)],
    }
}

fn date(v: &Value, _helper: &str) -> Result<chrono::NaiveDate, String> {
    match v {
        Value::String(s) => vi::parse_date(s).ok_or_else(|| format!("\"{s}\" is not a YYYY-MM-DD date")),
        other => Err(format!("expected a date, got {}", kind(other))),
    }
}

fn period(v: &Value, _helper: &str) -> Result<PeriodSpec, String> {
    PeriodSpec::from_json(v).ok_or_else(|| format!("expected a period (year, quarter or from/to), got {v}"))
}

fn rate(a: &[&Value]) -> Result<String, String> {
    let (part, whole) = (f(a[0], "rate")?, f(a[1], "rate")?);
    vi::rate(part, whole).ok_or_else(|| "the total is 0, so there is no rate; test it first, e.g. {{#if complaints.received}}".to_string())
}

fn measure(a: &[&Value]) -> Result<String, String> {
    let value = f(a[0], "measure")?;
    let unit = opt_text(a.get(1).copied());
    let of = opt_f(a.get(2).copied())?;
    Ok(vi::measure(value, unit.as_deref(), of))
}

fn vs_target(a: &[&Value]) -> Result<String, String> {
    let unit = opt_text(a.get(2).copied());
    Ok(vi::versus_target(f(a[0], "vs_target")?, f(a[1], "vs_target")?, unit.as_deref()))
}

fn vs_previous(a: &[&Value]) -> Result<String, String> {
    let unit = opt_text(a.get(2).copied());
    let label = match a.get(3).copied() {
        None | Some(Value::Null) => "kỳ trước".to_string(),
        Some(p) => period(p, "vs_previous")?.previous_text(),
    };
    Ok(vi::versus_previous(f(a[0], "vs_previous")?, f(a[1], "vs_previous")?, unit.as_deref(), &label))
}

fn status_text(v: &Value) -> Result<String, String> {
    match v.as_str() {
        Some("done") => Ok("Hoàn thành".into()),
        Some("in_progress") => Ok("Đang thực hiện".into()),
        Some("not_done") => Ok("Chưa thực hiện".into()),
        _ => Err(format!("expected done, in_progress or not_done, got {v}")),
    }
}

fn sum(a: &[&Value]) -> Result<String, String> {
    let field = text(a[1]);
    let mut total = 0.0;
    for item in a[0].as_array().ok_or("the first parameter must be a list")? {
        if let Some(v) = item.get(&field) {
            total += f(v, "sum")?;
        }
    }
    // Plain digits for whole totals so the result is a number (see `to_value`).
    Ok(if total.fract() == 0.0 && total >= 0.0 { format!("{total:.0}") } else { vi::number(total) })
}

fn programme_ref(a: &[&Value]) -> Result<String, String> {
    let name = a[0].get("name").and_then(Value::as_str).ok_or("the parameter must be the programme")?;
    Ok(vi::programme_reference(name, &list(a[0].get("parties").unwrap_or(&Value::Null))))
}

fn task_breakdown(a: &[&Value]) -> Result<String, String> {
    let tasks = a[0].as_array().ok_or("the parameter must be a list of tasks")?;
    let count = |s: &str| tasks.iter().filter(|t| t.get("status").and_then(Value::as_str) == Some(s)).count();
    Ok(vi::task_breakdown(count("done"), count("in_progress"), count("not_done")))
}

fn count_status(a: &[&Value]) -> Result<String, String> {
    let wanted = text(a[1]);
    let n = a[0]
        .as_array()
        .ok_or("the first parameter must be a list of tasks")?
        .iter()
        .filter(|t| t.get("status").and_then(Value::as_str) == Some(wanted.as_str()))
        .count();
    Ok(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hb() -> Handlebars<'static> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(escape_markdown);
        register(&mut hb);
        hb
    }

    fn render(t: &str, data: Value) -> String {
        hb().render_template(t, &data).unwrap()
    }

    #[test]
    fn value_helpers_render_vietnamese_text() {
        let data = json!({
            "n": 1854779, "g": 19.4, "recv": 47, "res": 46, "d": "2021-01-05", "d2": "2024-03-05",
            "period": {"year": {"year": 2020}, "cutoff": null},
            "levels": [{"level": "province", "count": 1}, {"level": "district", "count": 15}],
            "parties": ["Ủy ban nhân dân huyện", "Ban Dân vận Huyện ủy", "Ủy ban MTTQ huyện"],
            "tasks": [{"status": "done"}, {"status": "done"}, {"status": "in_progress"}],
        });
        assert_eq!(render("{{num n}}", data.clone()), "1.854.779");
        assert_eq!(render("{{num g}}", data.clone()), "19,4");
        assert_eq!(render("{{pct g}}", data.clone()), "19,4%");
        assert_eq!(render("{{rate recv recv}}", data.clone()), "100%");
        assert_eq!(render("{{rate res recv}}", data.clone()), "97,9%");
        assert_eq!(render("{{date_long d}}", data.clone()), "ngày 05 tháng 01 năm 2021");
        assert_eq!(render("{{date_short d2}}", data.clone()), "05/3/2024");
        assert_eq!(render("{{roman 4}}", data.clone()), "IV");
        assert_eq!(render("{{period_text period}}", data.clone()), "năm 2020");
        assert_eq!(render("{{upper (next_period period)}}", data.clone()), "NĂM 2021");
        assert_eq!(render("{{vs_target g 15 \"%/năm\"}}", data.clone()), "vượt 4,4 điểm % so với kế hoạch");
        assert_eq!(render("{{vs_previous g 17.2 \"%/năm\" period}}", data.clone()), "tăng 2,2 điểm % so với năm 2019");
        assert_eq!(render("{{measure 7 \"xã\" 11}}", data.clone()), "7/11 xã");
        assert_eq!(render("{{level_name \"province\"}}", data.clone()), "cấp tỉnh");
        assert_eq!(render("{{sum levels \"count\"}}", data.clone()), "16");
        assert_eq!(render("{{count_status tasks \"done\"}}", data.clone()), "2");
        assert_eq!(render("{{status_text \"in_progress\"}}", data.clone()), "Đang thực hiện");
        assert_eq!(render("{{join parties}}", data), "Ủy ban nhân dân huyện, Ban Dân vận Huyện ủy và Ủy ban MTTQ huyện");
    }

    #[test]
    fn rate_of_zero_is_an_error_that_says_how_to_guard() {
        let err = hb().render_template("{{rate 0 0}}", &json!({})).unwrap_err();
        assert!(err.to_string().contains("the total is 0"), "{err}");
    }

    #[test]
    fn strict_if_rejects_missing_paths_but_accepts_null() {
        let data = json!({"meeting": null, "n": 0});
        assert_eq!(render("{{#if meeting}}yes{{else}}no{{/if}}", data.clone()), "no");
        assert_eq!(render("{{#unless n}}zero{{/unless}}", data.clone()), "zero");
        assert_eq!(render("{{#if n includeZero=true}}has{{/if}}", data.clone()), "has");
        let err = hb().render_template("{{#if meting}}yes{{/if}}", &data).unwrap_err();
        assert!(err.to_string().contains("`meting`"), "{err}");
        let err = hb().render_template("{{num nn}}", &data).unwrap_err();
        assert!(err.to_string().contains("`nn` does not exist"), "{err}");
    }

    #[test]
    fn escape_covers_inline_and_line_start_syntax() {
        assert_eq!(escape_markdown("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape_markdown("# x | y"), "\\# x \\| y");
        assert_eq!(escape_markdown("[x](y) `z` \\ <b>"), "\\[x\\](y) \\`z\\` \\\\ \\<b\\>");
        assert_eq!(escape_markdown("1. Một"), "1\\. Một");
        assert_eq!(escape_markdown("12) Hai"), "12\\) Hai");
        assert_eq!(escape_markdown("- gạch"), "\\- gạch");
        assert_eq!(escape_markdown("+ cộng"), "\\+ cộng");
        assert_eq!(escape_markdown("1.854.779"), "1.854.779");
        assert_eq!(escape_markdown("kinh tế - xã hội"), "kinh tế - xã hội");
        assert_eq!(escape_markdown("dòng 1\ndòng 2"), "dòng 1 dòng 2");
        assert_eq!(escape_markdown("cuối dòng  "), "cuối dòng");
        assert_eq!(escape_markdown("a & b {x}"), "a \\& b \\{x\\}");
    }
}
