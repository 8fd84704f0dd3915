//! Partials without copying the report.
//!
//! Handlebars gives every `{{> name}}` a private copy of its context (the
//! whole report at the top level) and then clones every value looked up
//! inside it; that copying was most of the cost of rendering a report.
//!
//! Contract: [`inline`] rewrites, in every template of a registry, each plain
//! include (`{{> name}}` or `{{> name path}}`: a registered name, no hash, not
//! a partial block) into a call of a helper that renders the same registered
//! template in a block that points at the same data instead of copying it.
//! What the partial sees is unchanged: `this` (the caller's or the
//! parameter's), `../`, `@root`, the enclosing `@index`/`@first`/`@last`,
//! block parameters of enclosing blocks; a missing parameter is null, as
//! Handlebars has it. Errors inside still name the partial's file, line and
//! column (the included template maps its own positions). Includes
//! Handlebars must handle itself stay as they are: partial blocks, hashes,
//! computed names, unknown names, and partials that use `@partial-block`;
//! and every include of a registry that indents partials or is in dev mode.

use std::collections::BTreeSet;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{
    BlockContext, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason, Renderable,
};

/// Prefix of the helper names: no template can spell it as a helper call.
const PREFIX: &str = "baocao include ";

/// Rewrites the plain includes of every template of `registry` (see the
/// module contract). Call once all templates are registered.
pub(crate) fn inline(registry: &mut Handlebars<'static>) {
    // An indented partial re-indents its output, which a helper cannot do;
    // dev mode reloads templates from files by name.
    if !registry.prevent_indent() || registry.dev_mode() {
        return;
    }
    let templates = registry.get_templates().clone();
    let targets: BTreeSet<String> = templates.iter().filter(|(_, t)| !uses_partial_block(t)).map(|(name, _)| name.clone()).collect();
    let Ok(seed) = Template::compile("{{#x}}{{/x}}") else { return };
    let Some(TemplateElement::HelperBlock(seed)) = seed.elements.into_iter().next() else { return };
    let mut used = BTreeSet::new();
    for (name, mut template) in templates {
        if rewrite(&mut template, &targets, &seed, &mut used) {
            registry.register_template(&name, template);
        }
    }
    for name in used {
        registry.register_helper(&format!("{PREFIX}{name}"), Box::new(Include { template: name }));
    }
}

/// Whether `t` refers to `@partial-block` (it must see the partial-block
/// stack Handlebars keeps for real partials).
fn uses_partial_block(t: &Template) -> bool {
    t.elements.iter().any(|e| match e {
        TemplateElement::HelperBlock(h) => h.template.iter().chain(h.inverse.iter()).any(uses_partial_block),
        TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
            d.name.as_name().is_some_and(|n| n.starts_with('@')) || d.template.as_ref().is_some_and(uses_partial_block)
        }
        TemplateElement::DecoratorBlock(d) => d.template.as_ref().is_some_and(uses_partial_block),
        _ => false,
    })
}

/// Replaces the plain includes of `targets` in `t`, at any depth; whether
/// anything changed.
fn rewrite(t: &mut Template, targets: &BTreeSet<String>, seed: &handlebars::template::HelperTemplate, used: &mut BTreeSet<String>) -> bool {
    let mut changed = false;
    for e in &mut t.elements {
        match e {
            TemplateElement::HelperBlock(h) => {
                for inner in h.template.iter_mut().chain(h.inverse.iter_mut()) {
                    changed |= rewrite(inner, targets, seed, used);
                }
            }
            TemplateElement::PartialExpression(d) => {
                let Parameter::Name(name) = &d.name else { continue };
                if !targets.contains(name) || !d.hash.is_empty() || d.params.len() > 1 || d.template.is_some() {
                    continue;
                }
                let mut call = seed.clone();
                call.name = Parameter::Name(format!("{PREFIX}{name}"));
                call.params = d.params.clone();
                call.template = None;
                used.insert(name.clone());
                *e = TemplateElement::HelperBlock(Box::new(call));
                changed = true;
            }
            TemplateElement::PartialBlock(d) | TemplateElement::DecoratorBlock(d) => {
                if let Some(inner) = d.template.as_mut() {
                    changed |= rewrite(inner, targets, seed, used);
                }
            }
            _ => {}
        }
    }
    changed
}

/// Renders registered template `template` as `{{> template [param]}}` would,
/// pointing at the data rather than copying it.
struct Include {
    template: String,
}

impl HelperDef for Include {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let template = r.get_template(&self.template).ok_or_else(|| RenderErrorReason::PartialNotFound(self.template.clone()))?;
        if rc.is_current_template(&self.template) {
            return Err(RenderErrorReason::CannotIncludeSelf.into());
        }
        let mut block = BlockContext::new();
        // The partial's `this`: the parameter, else the caller's context.
        match h.param(0) {
            Some(p) => match p.context_path() {
                Some(path) => block.base_path_mut().clone_from(path),
                None => block.set_base_value(p.value().clone()),
            },
            None => {
                if let Some(parent) = rc.block() {
                    match parent.base_value() {
                        Some(value) => block.set_base_value(value.clone()),
                        None => block.base_path_mut().clone_from(parent.base_path()),
                    }
                }
            }
        }
        if let Some(parent) = rc.block() {
            block.local_variables_mut().clone_from(parent.local_variables());
        }
        let before = rc.get_current_template_name();
        rc.push_block(block);
        let result = template.render(r, ctx, rc, out);
        rc.pop_block();
        rc.set_current_template_name(before);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The same templates, as Handlebars includes them and rewritten.
    fn registries(sources: &[(&str, &str)]) -> (Handlebars<'static>, Handlebars<'static>) {
        let build = || {
            let mut hb = Handlebars::new();
            hb.set_strict_mode(true);
            hb.set_prevent_indent(true);
            for (name, text) in sources {
                hb.register_template_string(name, text).unwrap();
            }
            hb
        };
        let mut rewritten = build();
        inline(&mut rewritten);
        (build(), rewritten)
    }

    fn partials_left(t: &Template) -> usize {
        t.elements
            .iter()
            .map(|e| match e {
                TemplateElement::PartialExpression(_) => 1,
                TemplateElement::HelperBlock(h) => h.template.iter().chain(h.inverse.iter()).map(partials_left).sum(),
                _ => 0,
            })
            .sum()
    }

    /// A render as comparable text: the output, or where and why it failed.
    fn outcome(hb: &Handlebars<'static>, name: &str, data: &serde_json::Value) -> String {
        match hb.render(name, data) {
            Ok(text) => text,
            Err(e) => format!("error in {:?} at {:?}:{:?}: {}", e.template_name, e.line_no, e.column_no, e.reason()),
        }
    }

    #[test]
    fn rewritten_includes_render_what_handlebars_renders() {
        let sources = [
            (
                "top",
                "{{> head}}\n{{#each rows}}{{> row}}{{/each}}\n{{#with sub}}{{> head}}{{/with}}\n{{> list items}}\n{{> list missing}}\n{{> head}}",
            ),
            ("head", "[{{#if title}}{{title}}{{else}}none{{/if}} {{@root.title}}]"),
            ("row", "({{@index}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}} {{name}} {{@root.title}} {{> cell}})"),
            ("cell", "<{{name}}|{{@index}}>"),
            ("list", "{{#each this}}{{this}};{{else}}empty{{/each}}"),
            // `../` inside a partial: the enclosing block, whatever it holds.
            ("up", "{{#each rows}}{{> upper}}{{/each}}|{{#with sub}}{{> upper}}{{/with}}"),
            ("upper", "{{#if ../title}}{{../title}}{{else}}-{{/if}}"),
            ("up_missing", "{{#each rows}}{{> strict_up}}{{/each}}"),
            ("strict_up", "{{../title}}"),
        ];
        let data = json!({
            "title": "T",
            "rows": [{"name": "a"}, {"name": "b"}, {"name": "c"}],
            "sub": {"title": "S"},
            "items": ["x", "y"],
        });
        let (plain, rewritten) = registries(&sources);
        for name in ["top", "up", "up_missing"] {
            assert_eq!(outcome(&rewritten, name, &data), outcome(&plain, name, &data), "{name}");
        }
        let top = outcome(&rewritten, "top", &data);
        assert!(top.contains("(0F a T <a|0>)") && top.contains("x;y;") && top.contains("empty"), "{top}");
        for name in ["top", "row", "up"] {
            assert_eq!(partials_left(rewritten.get_template(name).unwrap()), 0, "{name}");
        }
    }

    #[test]
    fn errors_inside_a_rewritten_include_name_the_partial_and_its_line() {
        let sources = [("top", "a\n{{> part}}\n"), ("part", "x\ny {{misspelt}}\n")];
        let (plain, rewritten) = registries(&sources);
        let data = json!({"name": 1});
        let want = plain.render("top", &data).unwrap_err();
        let got = rewritten.render("top", &data).unwrap_err();
        assert_eq!((got.template_name.as_deref(), got.line_no, got.column_no), (Some("part"), Some(2), Some(3)));
        assert_eq!((got.template_name, got.line_no, got.column_no), (want.template_name, want.line_no, want.column_no));
    }

    #[test]
    fn includes_handlebars_must_see_stay_partials() {
        let sources = [("top", "{{> part x=1}}{{> @partial-block}}{{> wrap}}"), ("part", "{{x}}"), ("wrap", "{{> @partial-block}}")];
        let (_, rewritten) = registries(&sources);
        assert_eq!(partials_left(rewritten.get_template("top").unwrap()), 3);
    }
}
