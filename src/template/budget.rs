//! What a template may do while rendering one report, so that no template
//! (a district's override folder is not trusted) crashes or hangs the
//! process, in `render`, `check` and `batch` alike.
//!
//! Contract:
//! - Before anything renders, [`check_source`] refuses a template whose
//!   `{{#…}}` blocks nest deeper than [`MAX_BLOCK_DEPTH`] (the parser and the
//!   renderer recurse per level), and [`check_structure`] refuses partials
//!   that include each other in a cycle (Handlebars only stops a partial
//!   including itself directly), chains of partials deeper than
//!   [`MAX_INCLUDE_DEPTH`], partial names computed at render time and inline
//!   partials (both would escape the cycle check). Each problem names the
//!   template file, line and column of the include or block.
//! - While rendering, [`step`] counts loop iterations and block-helper calls
//!   (at most [`MAX_STEPS`] per report) and [`Capped`] stops the output at
//!   [`MAX_OUTPUT_BYTES`]. The error then carries the template name, line and
//!   column of the block that ran out (Handlebars fills them in as the error
//!   travels out), and [`exhausted`] tells the engine which budget it was.
//! - The step count is per thread and reset by [`reset`] before each report.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{
    BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError, RenderErrorReason,
    Renderable,
};
use serde_json::Value as Json;

/// Loop iterations plus block-helper calls in one report: a real report
/// takes a few thousand.
pub(crate) const MAX_STEPS: u64 = 1_000_000;
/// Body Markdown of one report: a 2 MiB input cannot honestly need more.
pub(crate) const MAX_OUTPUT_BYTES: usize = 16 * 1024 * 1024;
/// Nesting of `{{#…}}` blocks inside one template file.
pub(crate) const MAX_BLOCK_DEPTH: usize = 40;
/// Partials including partials (the built-in set uses 2 levels).
pub(crate) const MAX_INCLUDE_DEPTH: usize = 16;

const STEPS_MARK: &str = "baocao: step budget exhausted";
const OUTPUT_MARK: &str = "baocao: output budget exhausted";

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Which budget a render error ran out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exhausted {
    Steps,
    Output,
}

/// Starts a new report on this thread.
pub(crate) fn reset() {
    STEPS.with(|s| s.set(0));
}

/// Spends `n` steps; an error once the budget is gone.
pub(crate) fn step(n: u64) -> Result<(), RenderError> {
    let total = STEPS.with(|s| {
        let total = s.get().saturating_add(n);
        s.set(total);
        total
    });
    if total > MAX_STEPS { Err(RenderErrorReason::Other(STEPS_MARK.to_string()).into()) } else { Ok(()) }
}

/// The budget a render error ran out of, if that is what it is.
pub(crate) fn exhausted(reason: &RenderErrorReason) -> Option<Exhausted> {
    match reason {
        RenderErrorReason::Other(s) if s == STEPS_MARK => Some(Exhausted::Steps),
        RenderErrorReason::IOError(e) if e.to_string() == OUTPUT_MARK => Some(Exhausted::Output),
        RenderErrorReason::NestedError(inner) => inner.downcast_ref::<RenderError>().and_then(|e| exhausted(e.reason())),
        _ => None,
    }
}

/// Template output that refuses to grow past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
pub(crate) struct Capped {
    pub(crate) bytes: Vec<u8>,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            return Err(std::io::Error::other(OUTPUT_MARK));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `{{#each}}` as Handlebars has it (same block context, `@index`, `@key`,
/// `@first`, `@last`, block parameters, `{{else}}`, strict-mode error), but
/// paying one step per call and per item before looping. Handlebars keeps
/// its own `each` private, hence this copy.
pub(crate) struct Each;

impl HelperDef for Each {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(template) = h.template() else {
            return Ok(());
        };
        let items: Vec<(Json, &Json)> = match value.value() {
            Json::Array(list) => list.iter().enumerate().map(|(i, v)| (Json::from(i), v)).collect(),
            Json::Object(map) => map.iter().map(|(k, v)| (Json::from(k.clone()), v)).collect(),
            _ => Vec::new(),
        };
        step(1 + items.len() as u64)?;
        let iterable = matches!(value.value(), Json::Array(_) | Json::Object(_));
        if !iterable || (items.is_empty() && h.inverse().is_some()) {
            return match h.inverse() {
                Some(inverse) => inverse.render(r, ctx, rc, out),
                None if r.strict_mode() && !iterable => Err(RenderError::strict_error(value.relative_path())),
                None => Ok(()),
            };
        }
        let is_object = matches!(value.value(), Json::Object(_));
        let mut block = BlockContext::new();
        match value.context_path() {
            Some(path) => block.base_path_mut().clone_from(path),
            None => block.set_base_value(value.value().clone()),
        }
        rc.push_block(block);
        let base_path = value.context_path();
        let len = items.len();
        for (i, (key, item)) in items.iter().enumerate() {
            if let Some(block) = rc.block_mut() {
                block.set_local_var("first", Json::from(i == 0));
                block.set_local_var("last", Json::from(i + 1 == len));
                block.set_local_var("index", Json::from(i));
                if is_object {
                    block.set_local_var("key", key.clone());
                }
                let relative = match key {
                    Json::String(k) => k.clone(),
                    k => k.to_string(),
                };
                match base_path {
                    Some(p) if i == 0 => {
                        let mut path = p.clone();
                        path.push(relative);
                        *block.base_path_mut() = path;
                    }
                    Some(_) => {
                        if let Some(last) = block.base_path_mut().last_mut() {
                            *last = relative;
                        }
                    }
                    None => block.set_base_value((*item).clone()),
                }
                let block_key = if is_object { key.clone() } else { Json::from(i) };
                if let Some(name) = h.block_param() {
                    let mut params = BlockParams::new();
                    match base_path {
                        Some(_) => params.add_path(name, Vec::new())?,
                        None => params.add_value(name, (*item).clone())?,
                    }
                    block.set_block_params(params);
                } else if let Some((name, key_name)) = h.block_param_pair() {
                    let mut params = BlockParams::new();
                    match base_path {
                        Some(_) => params.add_path(name, Vec::new())?,
                        None => params.add_value(name, (*item).clone())?,
                    }
                    params.add_value(key_name, block_key)?;
                    block.set_block_params(params);
                }
            }
            template.render(r, ctx, rc, out)?;
        }
        rc.pop_block();
        Ok(())
    }
}

/// A structural problem of a template, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Blocks nested deeper than [`MAX_BLOCK_DEPTH`].
    TooDeep,
    /// Partials that include each other: the names around the cycle, from
    /// this template back to it.
    Cycle(Vec<String>),
    /// A chain of partials deeper than [`MAX_INCLUDE_DEPTH`], from here.
    IncludesTooDeep(Vec<String>),
    /// `{{> (expression)}}`.
    DynamicPartial,
    /// `{{#*inline}}` or another decorator.
    Decorator,
}

/// The position of the `{{#` that nests deeper than [`MAX_BLOCK_DEPTH`], if
/// any: checked on the text, before the parser recurses into it.
pub(crate) fn check_source(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut rest = text;
    let mut offset = 0;
    while let Some(at) = rest.find("{{") {
        let tag = rest[at + 2..].trim_start_matches('~');
        let start = offset + at;
        if tag.starts_with('#') || tag.starts_with('^') && !tag[1..].trim_start().starts_with("}}") {
            depth += 1;
            if depth > MAX_BLOCK_DEPTH {
                let line = text[..start].matches('\n').count() + 1;
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                return Some((line, text[line_start..start].chars().count() + 1));
            }
        } else if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        }
        offset = start + 2;
        rest = &text[offset..];
    }
    None
}

/// Partial references and structural problems of every compiled template:
/// (template name, line, column, problem), in name order.
pub(crate) fn check_structure(templates: &HashMap<String, Template>) -> Vec<(String, usize, usize, Problem)> {
    let mut problems = Vec::new();
    // name -> [(partial name, line, column)]
    let mut includes: BTreeMap<&str, Vec<(String, usize, usize)>> = BTreeMap::new();
    let mut names: Vec<&String> = templates.keys().collect();
    names.sort();
    for name in &names {
        let mut refs = Vec::new();
        let mut found = Vec::new();
        walk(&templates[*name], &mut refs, &mut found);
        problems.extend(found.into_iter().map(|(l, c, p)| (name.to_string(), l, c, p)));
        includes.insert(name.as_str(), refs);
    }
    // Longest include chain from each template; a cycle is reported once,
    // at the include that closes it.
    let mut state: HashMap<&str, Visit> = HashMap::new();
    for name in &names {
        let mut path = Vec::new();
        depth_from(name, &includes, &mut state, &mut path, &mut problems);
    }
    problems
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Open,
    /// Done: the longest chain of includes below it.
    Depth(usize),
}

fn depth_from<'a>(
    name: &'a str,
    includes: &'a BTreeMap<&'a str, Vec<(String, usize, usize)>>,
    state: &mut HashMap<&'a str, Visit>,
    path: &mut Vec<&'a str>,
    problems: &mut Vec<(String, usize, usize, Problem)>,
) -> usize {
    match state.get(name) {
        Some(Visit::Depth(d)) => return *d,
        Some(Visit::Open) => return 0,
        None => {}
    }
    state.insert(name, Visit::Open);
    path.push(name);
    let mut deepest = 0;
    for (target, line, column) in includes.get(name).into_iter().flatten() {
        let Some((key, _)) = includes.get_key_value(target.as_str()) else {
            continue;
        };
        if state.get(key) == Some(&Visit::Open) {
            // Told from the template whose include closes the cycle.
            let from = path.iter().position(|n| n == key).unwrap_or(0);
            let mut cycle = vec![name.to_string()];
            cycle.extend(path[from..path.len() - 1].iter().map(|s| s.to_string()));
            cycle.push(name.to_string());
            problems.push((name.to_string(), *line, *column, Problem::Cycle(cycle)));
            continue;
        }
        let below = depth_from(key, includes, state, path, problems) + 1;
        if below > MAX_INCLUDE_DEPTH && deepest <= MAX_INCLUDE_DEPTH {
            problems.push((name.to_string(), *line, *column, Problem::IncludesTooDeep(vec![name.to_string(), key.to_string()])));
        }
        deepest = deepest.max(below);
    }
    path.pop();
    state.insert(name, Visit::Depth(deepest));
    deepest
}

fn walk(t: &Template, refs: &mut Vec<(String, usize, usize)>, problems: &mut Vec<(usize, usize, Problem)>) {
    for (i, e) in t.elements.iter().enumerate() {
        let (line, column) = t.mapping.get(i).map_or((0, 0), |m| (m.0, m.1));
        match e {
            TemplateElement::HelperBlock(h) => {
                h.template.iter().chain(h.inverse.iter()).for_each(|t| walk(t, refs, problems));
            }
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                match &d.name {
                    Parameter::Name(_) | Parameter::Path(_) => {
                        let name = d.name.as_name().unwrap_or_default();
                        if !name.starts_with('@') {
                            refs.push((name.to_string(), line, column));
                        }
                    }
                    _ => problems.push((line, column, Problem::DynamicPartial)),
                }
                if let Some(t) = &d.template {
                    walk(t, refs, problems);
                }
            }
            TemplateElement::DecoratorExpression(_) | TemplateElement::DecoratorBlock(_) => {
                problems.push((line, column, Problem::Decorator));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(sources: &[(&str, &str)]) -> HashMap<String, Template> {
        let mut hb = handlebars::Handlebars::new();
        for (name, text) in sources {
            hb.register_template_string(name, text).unwrap();
        }
        hb.get_templates().clone()
    }

    #[test]
    fn partials_including_each_other_are_a_cycle_located_at_the_include() {
        let t = compile(&[("a", "x\n  {{> b}}\n"), ("b", "{{#if y}}{{> a}}{{/if}}"), ("c", "{{> a}}")]);
        let problems = check_structure(&t);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let (name, line, column, problem) = &problems[0];
        assert_eq!((name.as_str(), *line, *column), ("b", 1, 10));
        assert_eq!(problem, &Problem::Cycle(vec!["b".into(), "a".into(), "b".into()]));
    }

    #[test]
    fn long_include_chains_dynamic_names_and_inline_partials_are_refused() {
        let names: Vec<String> = (0..=MAX_INCLUDE_DEPTH + 1).map(|i| format!("p{i:02}")).collect();
        let texts: Vec<String> = (0..names.len()).map(|i| names.get(i + 1).map(|n| format!("{{{{> {n}}}}}")).unwrap_or_default()).collect();
        let sources: Vec<(&str, &str)> = names.iter().map(String::as_str).zip(texts.iter().map(String::as_str)).collect();
        let problems = check_structure(&compile(&sources));
        assert!(problems.iter().any(|p| matches!(p.3, Problem::IncludesTooDeep(_))), "{problems:?}");
        let problems = check_structure(&compile(&[("a", "{{> (lookup this \"x\")}}"), ("b", "{{#*inline \"x\"}}y{{/inline}}")]));
        let kinds: Vec<&Problem> = problems.iter().map(|p| &p.3).collect();
        assert_eq!(kinds, [&Problem::DynamicPartial, &Problem::Decorator]);
    }

    #[test]
    fn deep_block_nesting_is_found_on_the_text() {
        let ok = "{{#if a}}".repeat(MAX_BLOCK_DEPTH) + &"{{/if}}".repeat(MAX_BLOCK_DEPTH);
        assert_eq!(check_source(&ok), None);
        let deep = "x\n".to_string() + &"{{#if a}}".repeat(MAX_BLOCK_DEPTH + 1);
        assert_eq!(check_source(&deep), Some((2, 9 * MAX_BLOCK_DEPTH + 1)));
        // Sequential blocks do not nest.
        assert_eq!(check_source(&"{{#if a}}{{/if}}\n".repeat(1000)), None);
    }
}
