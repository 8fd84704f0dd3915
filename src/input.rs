//! Where a report's input comes from: its file, under the chain of
//! `_defaults.yaml` files above it, and the `templates/` folder nearby. The
//! folder conventions `render`, `check` and `batch` share.
//!
//! Contract:
//! - `Input` is a parsed node tree (defaults merged in, the unit's keys
//!   last) with the text of every file it came from, so that diagnostics
//!   show source lines from whichever file they point at.
//! - A file read on its own ([`defaults_above`]) inherits the same chain as
//!   `batch` gives it when run on the top of that chain; a roll-up
//!   (`summary.yaml`) inherits only [`SUMMARY_INHERITS`].
//! - Never prints; every problem of the file and of its chain is reported
//!   together.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data::{self, Node};
use crate::diag::Diagnostic;

/// The defaults file every unit in a folder (and below) inherits.
pub const DEFAULTS_FILE: &str = "_defaults.yaml";
/// The roll-up report of the input folder.
pub(crate) const SUMMARY_FILE: &str = "summary.yaml";
/// Folders of override templates next to the inputs.
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// A parsed input: its node tree (defaults merged in) and the text of every
/// file it came from, for the source lines shown under diagnostics.
#[derive(Clone)]
pub(crate) struct Input {
    pub(crate) tree: Node,
    pub(crate) texts: Vec<(PathBuf, Arc<str>)>,
}

impl Input {
    pub(crate) fn read(path: &Path) -> Result<Input, Vec<Diagnostic>> {
        let text = data::read(path)?;
        let tree = data::parse_tree(path, &text)?;
        Ok(Input { tree, texts: vec![(path.to_path_buf(), Arc::from(text))] })
    }

    /// YAML text that has no folder (standard input): nothing is inherited;
    /// `name` stands for the file in diagnostics.
    pub(crate) fn from_text(name: &Path, text: String) -> Result<Input, Vec<Diagnostic>> {
        let tree = data::parse_tree(name, &text)?;
        Ok(Input { tree, texts: vec![(name.to_path_buf(), Arc::from(text))] })
    }

    /// `diagnostics` with the source lines of whichever of the input's files
    /// they point at.
    pub(crate) fn with_snippets(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        for (file, text) in &self.texts {
            crate::diag::attach_snippets(&mut diagnostics, file, text);
        }
        diagnostics
    }

    /// `path` under its `_defaults.yaml` chain; a roll-up takes only
    /// [`SUMMARY_INHERITS`] from it. Problems of the file and of the chain
    /// are reported together.
    pub(crate) fn resolve(path: &Path, defaults: &[PathBuf], summary: bool) -> Result<Input, Vec<Diagnostic>> {
        match (defaults_chain(defaults), Input::read(path)) {
            (Ok(None), own) => own,
            (Ok(Some(chain)), Ok(own)) => Ok(if summary { chain.for_summary() } else { chain }.under(own)),
            (Ok(Some(_)), Err(d)) => Err(d),
            (Err(mut d), own) => {
                d.extend(own.err().unwrap_or_default());
                Err(d)
            }
        }
    }

    /// Only what a roll-up inherits ([`SUMMARY_INHERITS`]).
    pub(crate) fn for_summary(mut self) -> Input {
        self.tree = keep_paths(self.tree, SUMMARY_INHERITS, "");
        self
    }

    /// Template diagnostics about the report itself come at 0:0 (the engine
    /// sees the typed report, not the YAML): point them at
    /// the `template:` key, in whichever file wrote it (a `_defaults.yaml`
    /// when the unit inherits the key).
    pub(crate) fn locate_template_key(&self, mut diagnostics: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
        let (_, written_in) = self.template_key(path);
        let Some((_, text)) = self.texts.iter().find(|(f, _)| f == written_in) else { return diagnostics };
        if written_in != path {
            for d in diagnostics.iter_mut().filter(|d| d.file == path && d.line == 0) {
                d.file = written_in.to_path_buf();
            }
        }
        data::locate_in_source(diagnostics, written_in, text)
    }

    /// The `template:` value's node (the last one written wins) and the file
    /// that wrote it (the unit, or an inherited `_defaults.yaml`).
    pub(crate) fn template_key<'a>(&'a self, path: &'a Path) -> (Option<&'a Node>, &'a Path) {
        let node = self.tree.as_map().and_then(|m| m.iter().rev().find(|(k, _)| k.name == "template")).map(|(_, v)| v);
        (node, node.and_then(|n| n.file.as_deref()).unwrap_or(path))
    }

    /// `self` (defaults) under `unit`: the unit's keys win.
    pub(crate) fn under(self, unit: Input) -> Input {
        let mut texts = self.texts;
        texts.extend(unit.texts);
        Input { tree: data::merge(self.tree, unit.tree), texts }
    }
}

/// What a roll-up (`summary.yaml`) inherits from the `_defaults.yaml`
/// chain: the reporting exercise every unit shares (the programme's name,
/// not its parties, which are the communes' bodies). The rest of the chain
/// (issuers, signers, recipients, "Kính gửi", place, number, template,
/// figures, sections, archive) belongs to the communes; the district's or
/// province's own roll-up writes its own.
pub(crate) const SUMMARY_INHERITS: &[&str] = &["document.type", "document.date", "document.size_set", "period", "programme.name"];

/// `tree` with only the entries whose dotted path is in `keep` (or leads to one).
fn keep_paths(mut tree: Node, keep: &[&str], prefix: &str) -> Node {
    let entries = match std::mem::replace(&mut tree.kind, data::NodeKind::Null) {
        data::NodeKind::Map(entries) => entries,
        other => {
            tree.kind = other;
            return tree;
        }
    };
    let entries = entries
        .into_iter()
        .filter_map(|(key, value)| {
            let path = if prefix.is_empty() { key.name.clone() } else { format!("{prefix}.{}", key.name) };
            if keep.contains(&path.as_str()) {
                Some((key, value))
            } else if keep.iter().any(|k| k.starts_with(&format!("{path}."))) {
                Some((key, keep_paths(value, keep, &path)))
            } else {
                None
            }
        })
        .collect();
    tree.kind = data::NodeKind::Map(entries);
    tree
}

/// True for a roll-up report file (`summary.yaml`).
pub(crate) fn is_summary_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == SUMMARY_FILE)
}

/// The `_defaults.yaml` chain a file read on its own inherits, outermost
/// first: its folder's, then each parent folder's while that folder has one
/// (the chain stops at the nearest folder without one). The same chain as
/// `batch` gives the file when run on the top of that chain.
pub(crate) fn defaults_above(file: &Path) -> Vec<PathBuf> {
    let mut chain = Vec::new();
    let mut dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut seen = HashSet::new();
    loop {
        let candidate = dir.join(DEFAULTS_FILE);
        // A loop guard: `..` past the file system root is the root again.
        let real = dir.canonicalize().ok();
        if !candidate.is_file() || !seen.insert(real) {
            break;
        }
        chain.push(candidate);
        dir = if dir == Path::new(".") {
            PathBuf::from("..")
        } else if dir.ends_with("..") {
            dir.join("..")
        } else {
            match dir.parent() {
                Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
                Some(p) => p.to_path_buf(),
                None => break,
            }
        };
    }
    chain.reverse();
    chain
}

/// The nearest `templates/` folder from the file's folder up through the
/// folders of its defaults chain (as `batch` finds it).
pub(crate) fn templates_near(file: &Path, chain: &[PathBuf]) -> Option<PathBuf> {
    let own = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::iter::once(own).chain(chain.iter().rev().filter_map(|d| d.parent())).map(|dir| dir.join(TEMPLATES_DIR)).find(|t| t.is_dir())
}

/// The `_defaults.yaml` files of a chain merged, outermost first (the nearer
/// one wins key by key); every file's problems at once.
pub(crate) fn defaults_chain(files: &[PathBuf]) -> Result<Option<Input>, Vec<Diagnostic>> {
    let mut merged: Option<Input> = None;
    let mut diags = Vec::new();
    for file in files {
        match Input::read(file) {
            Ok(input) => {
                merged = Some(match merged.take() {
                    Some(base) => base.under(input),
                    None => input,
                })
            }
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() { Ok(merged) } else { Err(diags) }
}
