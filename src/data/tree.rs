//! The spanned node tree: YAML text -> [`Node`], keeping a 1-based line and
//! column for every key and value, plus the file each node came from.
//!
//! Contract: parsing never stops at a *schema* problem (there is no schema
//! here); only YAML syntax errors and safety limits (alias bombs, depth) fail,
//! as one error with a position. Duplicate keys are kept in order and left to
//! the validator, so every duplicate can be reported, not only the first.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// One YAML value with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub(crate) kind: NodeKind,
    /// 1-based; 0 when unknown.
    pub(crate) line: u32,
    /// 1-based; 0 when unknown.
    pub(crate) column: u32,
    /// The file this node was read from (`_defaults.yaml` or the unit), so a
    /// diagnostic about an inherited key names the right file.
    pub(crate) file: Option<Arc<Path>>,
    /// Source text of a plain numeric or boolean scalar as written (`1.50`),
    /// so a number given where text is expected keeps its spelling.
    pub(crate) raw: Option<String>,
    /// For a block scalar (`|` or `>`): line and column of its first
    /// content line, so a problem on a line inside the text can be located
    /// (line k of a literal block is that line + k).
    pub(crate) block: Option<(u32, u32)>,
    /// Byte range in the source, used only to fill `raw` after parsing.
    span: Option<(usize, usize)>,
}

/// A mapping key: its text (numbers and booleans as written) and position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    pub(crate) name: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeKind {
    /// Entries in input order; duplicates are kept.
    Map(Vec<(Key, Node)>),
    Seq(Vec<Node>),
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
}

impl Node {
    pub(crate) fn new(kind: NodeKind, line: u32, column: u32) -> Node {
        Node { kind, line, column, file: None, raw: None, block: None, span: None }
    }

    /// The entries of a map node, or None.
    pub(crate) fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// This node and all nodes below it.
    pub(crate) fn count_nodes(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Map(entries) => entries.iter().map(|(_, v)| v.count_nodes()).sum(),
            NodeKind::Seq(items) => items.iter().map(Node::count_nodes).sum(),
            _ => 0,
        }
    }

    /// Sets the file of this node and all its children.
    pub(crate) fn set_file(&mut self, file: &Arc<Path>) {
        self.file = Some(file.clone());
        match &mut self.kind {
            NodeKind::Map(entries) => entries.iter_mut().for_each(|(_, v)| v.set_file(file)),
            NodeKind::Seq(items) => items.iter_mut().for_each(|v| v.set_file(file)),
            _ => {}
        }
    }

    /// Fills `raw` for numbers and booleans, and `block` for block scalars,
    /// from the source text.
    pub(crate) fn fill_raw(&mut self, text: &str) {
        // Lines split once: a block scalar looks at the line above it.
        let lines: Vec<&str> = text.lines().collect();
        self.fill_raw_from(text, &lines);
    }

    fn fill_raw_from(&mut self, text: &str, lines: &[&str]) {
        match &mut self.kind {
            NodeKind::Map(entries) => entries.iter_mut().for_each(|(_, v)| v.fill_raw_from(text, lines)),
            NodeKind::Seq(items) => items.iter_mut().for_each(|v| v.fill_raw_from(text, lines)),
            NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
                if let Some((start, len)) = self.span {
                    self.raw = text.get(start..start + len).map(|s| s.trim().to_string());
                }
            }
            NodeKind::Str(_) => {
                // A block scalar (`|`, `>`, with chomping or indentation
                // indicators) ends the line before its content, where the
                // parser places the node.
                let Some(previous) = (self.line as usize).checked_sub(2).and_then(|i| lines.get(i)) else { return };
                let last = previous.trim_end().rsplit(' ').next().unwrap_or_default();
                let indicator = last.strip_prefix('|').or_else(|| last.strip_prefix('>'));
                if indicator.is_some_and(|rest| rest.chars().all(|c| c == '-' || c == '+' || c.is_ascii_digit())) {
                    self.block = Some((self.line, self.column));
                }
            }
            _ => {}
        }
    }

    /// A short description of what this node is, for "found …" messages.
    pub(crate) fn describe(&self) -> crate::i18n::Text {
        use super::messages::found;
        match &self.kind {
            NodeKind::Map(_) => found::map(),
            NodeKind::Seq(_) => found::list(),
            NodeKind::Str(s) => found::text(&shorten(s)),
            NodeKind::Int(i) => found::int(*i),
            NodeKind::Float(_) => found::float(&self.scalar_text().unwrap_or_default()),
            NodeKind::Bool(b) => found::boolean(*b),
            NodeKind::Null => found::null(),
        }
    }

    /// The text of a scalar as written (numbers keep their spelling).
    pub(crate) fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(i) => Some(self.raw.clone().unwrap_or_else(|| i.to_string())),
            NodeKind::Float(f) => Some(self.raw.clone().unwrap_or_else(|| f.to_string())),
            NodeKind::Bool(b) => Some(self.raw.clone().unwrap_or_else(|| b.to_string())),
            _ => None,
        }
    }
}

/// Long text in messages is cut to keep one diagnostic on one screen line.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    let first_line = s.lines().next().unwrap_or("");
    if first_line.chars().count() > MAX || first_line.len() < s.trim_end().len() {
        let cut: String = first_line.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        s.to_string()
    }
}

fn to_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned: Spanned<NodeKind> = Spanned::deserialize(deserializer)?;
        let at = spanned.referenced;
        // The defined span points at the scalar itself even through an alias.
        let span = spanned.defined.span();
        let span = match (span.byte_offset(), span.byte_len()) {
            (Some(o), Some(l)) => Some((o as usize, l as usize)),
            _ => None,
        };
        Ok(Node { kind: spanned.value, line: to_u32(at.line()), column: to_u32(at.column()), file: None, raw: None, block: None, span })
    }
}

impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<NodeKind, E> {
        Ok(NodeKind::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NodeKind, E> {
        Ok(NodeKind::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NodeKind, E> {
        // Beyond i64 no count is meaningful; keep it as a float so it is still reported.
        Ok(i64::try_from(v).map(NodeKind::Int).unwrap_or(NodeKind::Float(v as f64)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map(NodeKind::Int).unwrap_or(NodeKind::Float(v as f64)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<NodeKind, E> {
        Ok(i64::try_from(v).map(NodeKind::Int).unwrap_or(NodeKind::Float(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NodeKind, E> {
        Ok(NodeKind::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeKind, D::Error> {
        NodeKind::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(NodeKind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Node>()?;
            let key = Key { name: key.value.0, line: to_u32(key.referenced.line()), column: to_u32(key.referenced.column()) };
            entries.push((key, value));
        }
        Ok(NodeKind::Map(entries))
    }
}

/// A map key as text; complex keys (lists, maps) are not part of the contract.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key written as text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<KeyText, D::Error> {
                KeyText::deserialize(d)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// See [`crate::data::merge`].
pub(crate) fn merge(defaults: Node, unit: Node) -> Node {
    match (defaults.kind, unit.kind) {
        (NodeKind::Map(mut base), NodeKind::Map(over)) => {
            let inherited = base.len();
            let mut taken = vec![false; inherited];
            for (key, value) in over {
                // Merge into the defaults' key once; a key repeated within the
                // unit stays repeated so that the validator reports it.
                match base[..inherited].iter().position(|(k, _)| k.name == key.name) {
                    Some(i) if !taken[i] => {
                        taken[i] = true;
                        let old = std::mem::replace(&mut base[i].1, Node::new(NodeKind::Null, 0, 0));
                        base[i] = (key, merge(old, value));
                    }
                    _ => base.push((key, value)),
                }
            }
            Node { kind: NodeKind::Map(base), ..unit }
        }
        (_, kind) => Node { kind, ..unit },
    }
}

/// A YAML syntax or limit error, with its position (0 when unknown) and a
/// message without the position suffix the parser appends.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyntaxError {
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) message: String,
}

/// Safety limits for untrusted input: aliases may not be replayed without
/// bound (a "billion laughs" file), nesting stays shallow.
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    // "no", "yes", "on", "off" stay text: they are ordinary words in data.
    options.strict_booleans = true;
    options.with_snippet = false;
    // `.inf` / `.nan` arrive as text and are then reported as "not a number".
    options.non_finite_float_policy = serde_saphyr::options::NonFiniteFloatPolicy::AsString;
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_replay_stack_depth = 16;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_nodes = 200_000;
    options.budget = Some(budget);
    options
}

/// Parses one YAML document into a node tree. An empty document is `Null`.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Node, SyntaxError> {
    let mut node: Node = serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let e = e.without_snippet();
        let (line, column) = e.location().map(|l| (to_u32(l.line()), to_u32(l.column()))).unwrap_or((0, 0));
        let rendered = e.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        SyntaxError { line, column, message: strip_position(&rendered) }
    })?;
    node.fill_raw(text);
    node.set_file(&Arc::from(path));
    Ok(node)
}

/// The parser ends messages with " at line L, column C"; the diagnostic
/// carries the position itself.
fn strip_position(message: &str) -> String {
    let message = message.trim();
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => message[..i].trim_end_matches([',', ':', ' ']).to_string(),
        _ => message.to_string(),
    }
}
