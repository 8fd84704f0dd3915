//! One streaming pass over a part as docx-rs writes it, producing the part we
//! ship: schema order, and the few things docx-rs cannot express.
//!
//! Contract: `rewrite` reads well-formed, namespace-prefixed XML (the subset
//! `xml` documents) and writes it back with
//! - the children of every container `schema::sequence` lists in schema
//!   order (stable; nothing added or dropped by the ordering itself);
//! - no `w14:paraId` / `w14:textId` (docx-rs draws them from a per-thread
//!   counter, so they would differ between two writes);
//! - `w:tblHeader` in the first row of every data table (C-04);
//! - in styles: `w:lang` in the default run properties (C-14), the bare
//!   "Normal" docx-rs always writes before ours left out, and
//!   `w:default="1"` on ours;
//! - without what states Word's default and so says nothing: an empty
//!   `w:rPr`, `w:vAlign="top"`, `w:dirty="false"`, and on the root element
//!   the namespace declarations (and `mc:Ignorable` entries) of prefixes the
//!   part never uses;
//! - markup normalised as `xml::XmlDoc::serialize` does (`<a/>` for an empty
//!   element, attributes double-quoted).
//!
//! Nothing is parsed into a tree: elements are copied to the output as they
//! come, and only a container whose children arrive out of order has its
//! children's bytes moved, when it closes. Returns None for input it cannot
//! read (the caller then ships docx-rs's bytes unchanged).

use super::schema;
use super::styles;

/// What to add besides ordering, by part.
#[derive(Clone, Copy)]
pub(crate) struct Extras<'a> {
    /// `w:lang` for the default run properties (styles part), or None.
    pub lang: Option<&'a str>,
    /// Marks the first row of data tables as a header row (document, headers).
    pub header_rows: bool,
}

impl Extras<'_> {
    /// The styles part: docx-rs writes its own bare "Normal" before ours.
    fn styles(&self) -> bool {
        self.lang.is_some()
    }
}

struct Frame<'s> {
    name: &'s str,
    /// Output offset of the start tag.
    start: usize,
    /// The start tag had attributes.
    attributes: bool,
    /// Output offset just after the start tag's `>`, once written.
    body: usize,
    /// Slot of each child name, for containers with a schema sequence.
    slots: Option<&'static schema::Slots>,
    /// (slot, output offset) of each child, in arrival order.
    children: Vec<(usize, usize)>,
    /// A data table (its `w:tblStyle`), for `w:tbl` frames.
    data_table: bool,
    /// Rows seen so far, for `w:tbl` frames.
    rows: usize,
    /// This `w:tr` still needs its `w:tblHeader`.
    needs_header: bool,
}

/// The rewritten part, or None when `src` is not XML this pass can read.
pub(crate) fn rewrite(src: &str, extras: Extras) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(src.len());
    let mut stack: Vec<Frame> = Vec::with_capacity(32);
    let bytes = src.as_bytes();
    let mut i = 0;
    // Prolog: everything before the root element, verbatim.
    loop {
        let ws = src[i..].len() - src[i..].trim_start().len();
        let rest = &src[i + ws..];
        let end = if rest.starts_with("<?") {
            rest.find("?>")? + 2
        } else if rest.starts_with("<!--") {
            rest.find("-->")? + 3
        } else {
            i += ws;
            break;
        };
        i += ws + end;
    }
    out.extend_from_slice(&bytes[..i]);
    let mut pending_open = false; // a start tag written without its closing '>'
    let mut done = false;
    let mut normal_seen = false;
    let mut prefixes = Prefixes::default();
    let mut root_attributes = 0..0;
    while i < bytes.len() {
        if done {
            // Only whitespace may follow the root element (dropped, as before).
            if !src[i..].trim().is_empty() {
                return None;
            }
            break;
        }
        let rest = &src[i..];
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.bytes().position(|c| c == b'>')?;
            let name = after[..end].trim_ascii_end();
            i += 2 + end + 1;
            let frame = stack.pop()?;
            if frame.name != name {
                return None;
            }
            close(&mut out, frame, &mut pending_open, &mut stack, extras);
            done = stack.is_empty();
        } else if rest.starts_with("<!--") || rest.starts_with("<![CDATA[") {
            let end = if rest.starts_with("<!--") { rest.find("-->")? + 3 } else { rest.find("]]>")? + 3 };
            text_child(&mut out, &mut stack, &mut pending_open);
            out.extend_from_slice(&bytes[i..i + end]);
            i += end;
        } else if rest.starts_with('<') {
            let (tag, len) = Tag::read(rest)?;
            i += len;
            if extras.styles() && tag.name == "w:style" && tag.attr("w:styleId") == Some(styles::NORMAL) && !normal_seen {
                // docx-rs's own "Normal" (ours follows): left out whole.
                normal_seen = true;
                if !tag.empty {
                    i += src[i..].find("</w:style>")? + "</w:style>".len();
                }
                continue;
            }
            if tag.empty && tag.name == "w:vAlign" && tag.attr("w:val") == Some("top") {
                // Top is the default cell alignment (Word's and LibreOffice's).
                continue;
            }
            open(&mut out, &mut stack, &mut pending_open, tag, extras, &mut prefixes);
            if let [root] = stack.as_slice()
                && root_attributes.is_empty()
            {
                root_attributes = root.start + 1 + root.name.len()..out.len();
            }
            if tag.empty {
                let frame = stack.pop()?;
                close(&mut out, frame, &mut pending_open, &mut stack, extras);
                done = stack.is_empty();
            }
        } else {
            let end = rest.bytes().position(|c| c == b'<').unwrap_or(rest.len());
            if stack.is_empty() {
                return None;
            }
            text_child(&mut out, &mut stack, &mut pending_open);
            out.extend_from_slice(&bytes[i..i + end]);
            i += end;
        }
    }
    if !done {
        return None;
    }
    drop_unused_namespaces(&mut out, root_attributes, prefixes);
    Some(out)
}

/// Prefixes docx-rs declares on the root element of every part, whether the
/// part uses them or not.
pub(super) const OPTIONAL_PREFIXES: [&str; 10] = ["o", "v", "w10", "wp", "wps", "wpg", "mc", "wp14", "w14", "w15"];

/// Which of `OPTIONAL_PREFIXES` the part uses below its root element's start tag.
#[derive(Default, Clone, Copy)]
struct Prefixes(u16);

impl Prefixes {
    /// Notes the prefix of an element or attribute name.
    fn see(&mut self, name: &str) {
        if name.starts_with("w:") {
            return;
        }
        if let Some((prefix, _)) = name.split_once(':')
            && let Some(k) = OPTIONAL_PREFIXES.iter().position(|p| *p == prefix)
        {
            self.0 |= 1 << k;
        }
    }

    /// Whether the part needs `prefix` declared (any prefix outside the list does).
    fn used(&self, prefix: &str) -> bool {
        OPTIONAL_PREFIXES.iter().position(|p| *p == prefix).is_none_or(|k| self.0 & (1 << k) != 0)
    }
}

/// Rewrites the root element's attributes (the bytes at `range` of `out`, as
/// `open` wrote them) without the declarations of unused optional prefixes,
/// and `mc:Ignorable` without them (or at all, when none is left).
fn drop_unused_namespaces(out: &mut Vec<u8>, range: std::ops::Range<usize>, prefixes: Prefixes) {
    // A fragment whose root said nothing (empty run properties) is gone whole.
    let Some(Ok(attrs)) = out.get(range.clone()).map(std::str::from_utf8) else { return };
    let tag = Tag { name: "", attrs, empty: false };
    let ignorable = tag.attr("mc:Ignorable").map(|v| v.split_whitespace().filter(|p| prefixes.used(p)).collect::<Vec<_>>().join(" "));
    let ignorable = ignorable.filter(|v| !v.is_empty());
    let mut kept = String::with_capacity(attrs.len());
    for (name, value, _) in tag.attributes() {
        let value = match name.strip_prefix("xmlns:") {
            Some("mc") if ignorable.is_some() => value,
            Some(prefix) if !prefixes.used(prefix) => continue,
            _ if name == "mc:Ignorable" => match &ignorable {
                Some(v) => v.as_str(),
                None => continue,
            },
            _ => value,
        };
        kept.push(' ');
        kept.push_str(name);
        kept.push_str("=\"");
        kept.push_str(value);
        kept.push('"');
    }
    out.splice(range, kept.into_bytes());
}

/// A start tag as written: name, attributes (raw, with their quote), empty or not.
#[derive(Clone, Copy)]
struct Tag<'s> {
    name: &'s str,
    /// The attributes' source text, between the name and the closing `>`/`/>`.
    attrs: &'s str,
    empty: bool,
}

impl<'s> Tag<'s> {
    /// Reads the start tag at the beginning of `s` and its length in bytes.
    /// Every delimiter is ASCII, so scanning bytes finds char boundaries.
    fn read(s: &'s str) -> Option<(Tag<'s>, usize)> {
        let body = &s[1..];
        let b = body.as_bytes();
        let name_end = b.iter().position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')?;
        if name_end == 0 {
            return None;
        }
        // The tag ends at the first '>' outside quotes.
        let mut quote = 0u8;
        let mut end = None;
        for (k, &c) in b[name_end..].iter().enumerate() {
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                end = Some(name_end + k);
                break;
            }
        }
        let end = end?;
        let inner = &body[name_end..end];
        let (attrs, empty) = match inner.trim_ascii_end().strip_suffix('/') {
            Some(a) => (a, true),
            None => (inner, false),
        };
        Some((Tag { name: &body[..name_end], attrs, empty }, 1 + end + 1))
    }

    /// (name, raw value, quote) of each attribute.
    fn attributes(&self) -> impl Iterator<Item = (&'s str, &'s str, char)> {
        let mut rest = self.attrs;
        std::iter::from_fn(move || {
            rest = rest.trim_ascii_start();
            let eq = rest.bytes().position(|c| c == b'=')?;
            let name = rest[..eq].trim_ascii_end();
            let after = rest[eq + 1..].trim_ascii_start();
            let q = *after.as_bytes().first().filter(|q| matches!(q, b'"' | b'\''))?;
            let close = after.as_bytes()[1..].iter().position(|&c| c == q)?;
            let value = &after[1..1 + close];
            rest = &after[1 + close + 1..];
            Some((name, value, q as char))
        })
    }

    fn attr(&self, name: &str) -> Option<&'s str> {
        self.attributes().find(|(n, _, _)| *n == name).map(|(_, v, _)| v)
    }
}

/// Records the start of a child of the innermost frame at the current offset.
fn child_starts(out: &mut Vec<u8>, stack: &mut [Frame], pending_open: &mut bool, name: Option<&str>) {
    if std::mem::take(pending_open) {
        out.push(b'>');
        if let Some(parent) = stack.last_mut() {
            parent.body = out.len();
        }
    }
    if let Some(parent) = stack.last_mut()
        && let Some(slots) = parent.slots
    {
        let last = slots.len();
        let slot = name.and_then(|n| n.strip_prefix("w:")).and_then(|local| slots.get(local).copied()).unwrap_or(last);
        parent.children.push((slot, out.len()));
    }
}

fn text_child(out: &mut Vec<u8>, stack: &mut [Frame], pending_open: &mut bool) {
    child_starts(out, stack, pending_open, None);
}

fn open<'s>(out: &mut Vec<u8>, stack: &mut Vec<Frame<'s>>, pending_open: &mut bool, tag: Tag<'s>, extras: Extras, prefixes: &mut Prefixes) {
    if !stack.is_empty() {
        prefixes.see(tag.name);
    }
    // The first row of a data table gets a header-row mark.
    if extras.header_rows {
        if tag.name == "w:tblStyle"
            && let [.., tbl, tblpr] = stack.as_mut_slice()
            && tblpr.name == "w:tblPr"
            && tbl.name == "w:tbl"
        {
            tbl.data_table = tag.attr("w:val") == Some(styles::DATA_TABLE);
        }
        // A row without properties: give it some before its first cell.
        if tag.name != "w:trPr"
            && let Some(tr) = stack.last_mut()
            && tr.name == "w:tr"
            && std::mem::take(&mut tr.needs_header)
        {
            child_starts(out, stack, pending_open, Some("w:trPr"));
            out.extend_from_slice(b"<w:trPr><w:tblHeader/></w:trPr>");
        }
    }
    child_starts(out, stack, pending_open, Some(tag.name));
    let start = out.len();
    out.push(b'<');
    out.extend_from_slice(tag.name.as_bytes());
    let is_default_normal = extras.styles() && tag.name == "w:style" && tag.attr("w:styleId") == Some(styles::NORMAL);
    let mut has_default = false;
    for (name, value, quote) in tag.attributes() {
        if name == "w14:paraId" || name == "w14:textId" || (name == "w:dirty" && value == "false") {
            continue;
        }
        if !stack.is_empty() {
            prefixes.see(name);
        }
        out.push(b' ');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"=\"");
        if is_default_normal && name == "w:default" {
            has_default = true;
            out.push(b'1');
        } else if quote == '\'' {
            out.extend_from_slice(value.replace('"', "&quot;").as_bytes());
        } else {
            out.extend_from_slice(value.as_bytes());
        }
        out.push(b'"');
    }
    if is_default_normal && !has_default {
        out.extend_from_slice(b" w:default=\"1\"");
    }
    *pending_open = true;
    let mut frame = Frame {
        name: tag.name,
        start,
        attributes: !tag.attrs.trim_ascii().is_empty(),
        body: 0,
        slots: schema::slots(tag.name),
        children: Vec::new(),
        data_table: false,
        rows: 0,
        needs_header: false,
    };
    if extras.header_rows
        && tag.name == "w:tr"
        && let Some(tbl) = stack.last_mut()
        && tbl.name == "w:tbl"
    {
        tbl.rows += 1;
        frame.needs_header = tbl.data_table && tbl.rows == 1;
    }
    stack.push(frame);
}

fn close<'s>(out: &mut Vec<u8>, mut frame: Frame<'s>, pending_open: &mut bool, stack: &mut [Frame<'s>], extras: Extras) {
    // Additions at the end of an element's content (then sorted into place).
    let addition = if frame.name == "w:trPr" && stack.last().is_some_and(|tr| tr.needs_header) {
        if let Some(tr) = stack.last_mut() {
            tr.needs_header = false;
        }
        Some(("w:tblHeader", "<w:tblHeader/>".to_string()))
    } else if frame.name == "w:rPr"
        && stack.last().is_some_and(|p| p.name == "w:rPrDefault")
        && let Some(lang) = extras.lang
    {
        Some(("w:lang", format!(r#"<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="{lang}"/>"#)))
    } else {
        None
    };
    if let Some((name, xml)) = addition {
        child_starts(out, std::slice::from_mut(&mut frame), pending_open, Some(name));
        out.extend_from_slice(xml.as_bytes());
    }
    if std::mem::take(pending_open) {
        if frame.name == "w:rPr" && !frame.attributes {
            // Empty run properties say nothing: left out (with their slot).
            out.truncate(frame.start);
            if let Some(parent) = stack.last_mut() {
                if parent.children.last().is_some_and(|c| c.1 == frame.start) {
                    parent.children.pop();
                }
                if out.len() == parent.body {
                    // It was the parent's only content: the parent may close as `<a/>`.
                    out.pop();
                    *pending_open = true;
                }
            }
            return;
        }
        // No content: `<a/>`.
        out.extend_from_slice(b"/>");
    } else {
        sort_children(out, &frame);
        out.extend_from_slice(b"</");
        out.extend_from_slice(frame.name.as_bytes());
        out.push(b'>');
    }
}

/// Moves the children of a closing container into slot order, when they
/// arrived out of it.
fn sort_children(out: &mut Vec<u8>, frame: &Frame) {
    if frame.slots.is_none() || frame.children.windows(2).all(|w| w[0].0 <= w[1].0) {
        return;
    }
    let start = frame.children[0].1;
    let end = out.len();
    let mut pieces: Vec<(usize, usize, usize)> =
        frame.children.iter().enumerate().map(|(k, &(slot, from))| (slot, from, frame.children.get(k + 1).map_or(end, |c| c.1))).collect();
    pieces.sort_by_key(|p| p.0); // stable
    let old: Vec<u8> = out[start..end].to_vec();
    out.truncate(start);
    for (_, from, to) in pieces {
        out.extend_from_slice(&old[from - start..to - start]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::fixture::sample_document;
    use crate::docx::{build, schema, xml};

    const PLAIN: Extras = Extras { lang: None, header_rows: false };

    fn run(src: &str, extras: Extras) -> String {
        String::from_utf8(rewrite(src, extras).expect("readable")).unwrap()
    }

    #[test]
    fn sorts_run_properties() {
        let out = run(r#"<w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="Times New Roman" /><w:i /></w:rPr>"#, PLAIN);
        assert_eq!(out, r#"<w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:i/><w:sz w:val="28"/></w:rPr>"#);
    }

    #[test]
    fn content_follows_properties_and_nested_containers_sort_too() {
        let out = run(
            r#"<?xml version="1.0"?>
<w:p w14:paraId="1A2B"><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r><w:pPr><w:rPr /><w:jc w:val="both" /><w:spacing /></w:pPr></w:p>"#,
            PLAIN,
        );
        assert_eq!(
            out,
            "<?xml version=\"1.0\"?>\n<w:p><w:pPr><w:spacing/><w:jc w:val=\"both\"/></w:pPr><w:r><w:t xml:space=\"preserve\">a &amp; b</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn first_row_of_a_data_table_repeats_with_or_without_row_properties() {
        let table = |first_row: &str| {
            format!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="{}" /></w:tblPr>{first_row}<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc /></w:tr></w:tbl>"#,
                styles::DATA_TABLE
            )
        };
        let rows = Extras { lang: None, header_rows: true };
        let out = run(&table(r#"<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc /></w:tr>"#), rows);
        assert!(
            out.contains(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>"#),
            "{out}"
        );
        let out = run(&table(r#"<w:tr><w:tc /></w:tr>"#), rows);
        assert!(out.contains(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr>"#), "{out}");
        let layout = table("<w:tr><w:tc /></w:tr>").replace(styles::DATA_TABLE, "Other");
        assert!(!run(&layout, rows).contains("tblHeader"), "C-04 applies to data tables only");
    }

    #[test]
    fn styles_get_the_language_and_a_default_normal() {
        let normal = |name: &str| format!(r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="{name}" /></w:style>"#);
        let src = format!(
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28" /></w:rPr></w:rPrDefault></w:docDefaults>{}{}</w:styles>"#,
            normal("bare"),
            normal("ours")
        );
        let out = run(&src, Extras { lang: Some("vi-VN"), header_rows: false });
        assert!(out.contains(r#"<w:rPr><w:sz w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="vi-VN"/></w:rPr>"#), "{out}");
        assert!(
            out.ends_with(r#"<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="ours"/></w:style></w:styles>"#),
            "{out}"
        );
        assert!(!out.contains("bare"), "docx-rs's own Normal is left out: {out}");
    }

    /// What states Word's default is left out: empty run properties, top
    /// cell alignment, a field not marked dirty; run properties with
    /// content and other alignments stay.
    #[test]
    fn defaults_that_say_nothing_are_left_out() {
        let out = run(
            concat!(
                r#"<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="5" /><w:vAlign w:val="top" /></w:tcPr><w:p><w:pPr><w:rPr /></w:pPr>"#,
                r#"<w:r><w:rPr></w:rPr><w:fldChar w:fldCharType="begin" w:dirty="false" /></w:r><w:r><w:rPr><w:b /></w:rPr>"#,
                r#"<w:fldChar w:fldCharType="end" w:dirty="true" /></w:r></w:p></w:tc><w:tc><w:tcPr><w:vAlign w:val="center" /></w:tcPr></w:tc></w:tr></w:tbl>"#
            ),
            PLAIN,
        );
        assert_eq!(
            out,
            concat!(
                r#"<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="5"/></w:tcPr><w:p><w:pPr/><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
                r#"<w:r><w:rPr><w:b/></w:rPr><w:fldChar w:fldCharType="end" w:dirty="true"/></w:r></w:p></w:tc>"#,
                r#"<w:tc><w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:tc></w:tr></w:tbl>"#
            )
        );
    }

    /// The root keeps the declarations the part uses; `mc:Ignorable` keeps
    /// only declared prefixes, and goes with `mc` when none is left.
    #[test]
    fn unused_namespace_declarations_are_left_out() {
        let root = |body: &str| {
            format!(
                r#"<w:hdr xmlns:r="R" xmlns:w="W" xmlns:wp="WP" xmlns:mc="MC" xmlns:wp14="WP14" xmlns:w14="W14" mc:Ignorable="w14 wp14">{body}</w:hdr>"#
            )
        };
        assert_eq!(run(&root("<w:p/>"), PLAIN), r#"<w:hdr xmlns:r="R" xmlns:w="W"><w:p/></w:hdr>"#);
        assert_eq!(
            run(&root(r#"<w:p w14:paraId="1"><w:r><wp:inline w14:anchorId="2"/></w:r></w:p>"#), PLAIN),
            r#"<w:hdr xmlns:r="R" xmlns:w="W" xmlns:wp="WP" xmlns:mc="MC" xmlns:w14="W14" mc:Ignorable="w14"><w:p><w:r><wp:inline w14:anchorId="2"/></w:r></w:p></w:hdr>"#
        );
    }

    #[test]
    fn malformed_input_is_refused() {
        for bad in ["<a><b></a>", "<a>", "text", "<a/><b/>", "<a x=\"1></a>"] {
            assert!(rewrite(bad, PLAIN).is_none(), "{bad}");
        }
    }

    /// docx-rs's own parts break the schema order; one pass puts every part
    /// of the fixture in order (the tree checker is the oracle), keeping
    /// every element and character of text.
    #[test]
    fn every_docx_rs_part_comes_out_in_schema_order_with_the_same_content() {
        let raw = build::docx(&sample_document()).build();
        let mut parts = vec![raw.document, raw.styles, raw.settings, raw.font_table, raw.content_type];
        parts.extend(raw.headers);
        let mut fixed = 0;
        for part in parts {
            let src = std::str::from_utf8(&part).unwrap();
            let before = xml::parse(src).unwrap();
            let out = run(src, Extras { lang: None, header_rows: false });
            let after = xml::parse(&out).unwrap();
            assert!(schema::violations(&after.root).is_empty(), "{:?}", schema::violations(&after.root));
            fixed += usize::from(!schema::violations(&before.root).is_empty());
            // Only what says nothing is dropped: empty run properties, top cell alignment.
            let says_something = |e: &&xml::Element| {
                !(e.name == "w:rPr" && e.attrs.is_empty() && e.children.is_empty()
                    || e.name == "w:vAlign" && e.attr("w:val") == Some("top"))
            };
            let count = |d: &xml::XmlDoc| d.root.descendants().into_iter().filter(says_something).count();
            assert_eq!(count(&before), count(&after), "no other element added or dropped");
            assert!(after.root.descendants().into_iter().all(|e| says_something(&e)));
            assert_eq!(before.root.text(), after.root.text());
        }
        assert!(fixed > 0, "the input needed the pass");
    }
}
