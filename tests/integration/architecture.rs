//! The module graph of `docs/architecture.md` stays true: no module of the
//! library uses a module above it in the declared order, every module is in
//! that order, and each backend crate is named only where the document says
//! it lives. Test code (`tests.rs`, `fixture.rs`, `#[cfg(test)] mod tests`)
//! is not part of the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::root;

/// The fenced block of `docs/architecture.md` whose info string is `tag`.
fn block(tag: &str) -> String {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let start = doc.find(&format!("```{tag}\n")).unwrap_or_else(|| panic!("a ```{tag} block in docs/architecture.md"));
    let body = &doc[start + tag.len() + 4..];
    body[..body.find("```").unwrap()].to_string()
}

/// Top-level module of a source file: `src/compose/fit.rs` -> `compose`, `src/lib.rs` -> `lib`.
fn module_of(rel: &Path) -> String {
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// The code of a source file without comments and its unit tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Every library source file (test files excepted), by module.
fn sources() -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let src = root().join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let rel = path.strip_prefix(&src).unwrap().to_path_buf();
            if !name.ends_with(".rs") || name == "tests.rs" || name == "fixture.rs" || name == "main.rs" {
                continue;
            }
            out.entry(module_of(&rel)).or_default().push((rel.display().to_string(), code(&path)));
        }
    }
    out
}

/// The modules a piece of code names through `crate::` (the crate root's
/// own items, `crate::Renderer` or `crate::{Format, …}`, count as `lib`).
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut name = |n: &str| {
        let n = n.trim();
        let head = n.split("::").next().unwrap_or("").trim();
        if head.is_empty() || head == "self" {
            return;
        }
        found.insert(if head.starts_with(char::is_uppercase) { "lib".to_string() } else { head.to_string() });
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            list[..list.find('}').unwrap_or(list.len())].split(',').for_each(&mut name);
        } else {
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            name(&rest[..end]);
        }
    }
    found
}

#[test]
fn no_module_uses_one_above_it_in_the_declared_order() {
    let order: Vec<String> = block("order").split_whitespace().map(str::to_string).collect();
    let rank = |m: &str| order.iter().position(|o| o == m);
    let sources = sources();
    let mut problems = Vec::new();
    for (module, files) in &sources {
        if module == "cli" {
            continue; // the binary: it may use anything the library exports
        }
        let Some(own) = rank(module) else {
            problems.push(format!("module `{module}` is not in the declared order of docs/architecture.md"));
            continue;
        };
        for (file, text) in files {
            // The crate root names its modules directly (`compose::frame`).
            let used =
                if module == "lib" { order.iter().filter(|m| text.contains(&format!("{m}::"))).cloned().collect() } else { uses(text) };
            for other in used.iter().filter(|u| *u != module) {
                match rank(other) {
                    Some(r) if r > own => {}
                    Some(_) => problems.push(format!("src/{file}: `{module}` uses `{other}`, which is above it")),
                    None => problems.push(format!("src/{file}: `{other}` is not in the declared order")),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The list names real modules only.
    let stale: Vec<&String> = order.iter().filter(|m| !sources.contains_key(*m)).collect();
    assert!(stale.is_empty(), "docs/architecture.md lists modules that do not exist: {stale:?}");
}

#[test]
fn each_backend_crate_is_named_only_in_the_modules_that_own_it() {
    let sources = sources();
    let mut problems = Vec::new();
    for line in block("owners").lines().filter(|l| !l.trim().is_empty()) {
        let (krate, owners) = line.split_once(':').unwrap();
        let owners: Vec<&str> = owners.split_whitespace().collect();
        let mut seen = BTreeSet::new();
        for (module, files) in &sources {
            for (file, text) in files {
                let named = text.contains(&format!("{krate}::")) || text.contains(&format!("use {krate}"));
                if named {
                    seen.insert(module.as_str());
                    if !owners.contains(&module.as_str()) {
                        problems.push(format!("src/{file} names `{krate}`, which belongs to {owners:?}"));
                    }
                }
            }
        }
        // An owner that no longer names its crate means the list is stale.
        for owner in &owners {
            if !seen.contains(owner) {
                problems.push(format!("`{krate}` is listed under `{owner}`, which does not name it"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scan_sees_arrows() {
    // The scanner itself: paths, grouped imports and the crate root's items.
    let found = uses(
        "use crate::data::model::Report;\nuse crate::{Format, Renderer};\nlet x = crate::vi::roman(3);\nuse crate::{doc::Block, fonts};",
    );
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["data", "doc", "fonts", "lib", "vi"]);
}
