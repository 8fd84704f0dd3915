//! DOCX output: the document model written with Word's own means, so the file
//! stays editable (named styles, real tables, a PAGE field) and Word lays it
//! out itself.
//!
//! Contract:
//! - `write(doc)` returns the bytes of a .docx package: deterministic (the same
//!   `Document` gives the same bytes: no clock, fixed zip timestamps, stable
//!   part order), every part deflate-compressed.
//! - A4 portrait with the model's margins (G-01..G-03); Times New Roman in all
//!   font slots and `w:lang` vi-VN in the defaults (G-04, C-14); page numbers
//!   as a centred PAGE field in the header, hidden on page 1 (G-06, C-13).
//! - Core properties: title, author (creator), subject, language, and the
//!   document's date as created and modified.
//! - Named styles, Word's built-in headings, no repeated direct formatting
//!   (`styles`).
//! - Every property container (`w:rPr`, `w:pPr`, `w:sectPr`, `w:tblPr`,
//!   `w:trPr`, `w:tcPr`, `w:style`, borders, margins) is in ECMA-376 schema
//!   order: docx-rs writes several of them out of order, so its parts are
//!   parsed and rewritten before zipping (`schema`).
//! - This module is the only one that names docx-rs.

mod build;
mod schema;
mod styles;
mod xml;

#[cfg(test)]
mod tests;

use std::io::{Cursor, Write};

use crate::doc::Document;

/// The report as DOCX bytes: deterministic (same Document -> same bytes),
/// deflate-compressed zip.
pub fn write(doc: &crate::doc::Document) -> Vec<u8> {
    let parts = parts(doc);
    zip_parts(&parts)
}

/// The package parts in their final form and archive order.
pub(crate) fn parts(doc: &Document) -> Vec<(String, Vec<u8>)> {
    let mut d = build::docx(doc);
    styles::inherit(&mut d);
    let x = d.build();
    let mut raw: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), x.content_type),
        ("_rels/.rels".into(), x.rels),
        ("docProps/app.xml".into(), x.doc_props.app),
        ("docProps/core.xml".into(), core_properties(doc).into_bytes()),
        ("docProps/custom.xml".into(), x.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), x.document_rels),
        ("word/document.xml".into(), x.document),
        ("word/styles.xml".into(), x.styles),
        ("word/settings.xml".into(), x.settings),
        ("word/fontTable.xml".into(), x.font_table),
        ("word/comments.xml".into(), x.comments),
        ("word/numbering.xml".into(), x.numberings),
        ("word/commentsExtended.xml".into(), x.comments_extended),
        ("word/footnotes.xml".into(), x.footnotes),
    ];
    for (i, h) in x.headers.into_iter().enumerate() {
        raw.push((format!("word/header{}.xml", i + 1), h));
    }
    // docx-rs returns one rels part per header slot; only real headers get one.
    let headers = raw.iter().filter(|(n, _)| n.starts_with("word/header")).count();
    for (i, r) in x.header_rels.into_iter().enumerate().take(headers) {
        raw.push((format!("word/_rels/header{}.xml.rels", i + 1), r));
    }
    raw.into_iter()
        .map(|(name, bytes)| {
            let fixed = rewrite(&name, &bytes, doc);
            (name, fixed)
        })
        .collect()
}

/// Schema order and the few things docx-rs cannot express, applied to one part.
fn rewrite(name: &str, bytes: &[u8], doc: &Document) -> Vec<u8> {
    if !(name.ends_with(".xml") || name.ends_with(".rels")) {
        return bytes.to_vec();
    }
    let text = String::from_utf8_lossy(bytes);
    let mut x = match xml::parse(&text) {
        Ok(x) => x,
        // docx-rs output is well-formed; if it ever is not, ship it unchanged
        // rather than losing the document (the schema test would catch it).
        Err(_) => return bytes.to_vec(),
    };
    strip_para_ids(&mut x.root);
    if name == "word/styles.xml" {
        add_language(&mut x.root, &doc.meta.lang);
        drop_shadowed_styles(&mut x.root);
        mark_default_style(&mut x.root);
    }
    if name == "word/document.xml" || name.starts_with("word/header") {
        repeat_header_rows(&mut x.root);
    }
    schema::normalize(&mut x.root);
    x.serialize().into_bytes()
}

/// docx-rs numbers paragraphs (`w14:paraId`) from a per-thread counter that is
/// never reset before paragraphs are created, so the ids differ between two
/// writes. They are optional; drop them.
fn strip_para_ids(el: &mut xml::Element) {
    el.attrs.retain(|(n, _)| n != "w14:paraId" && n != "w14:textId");
    for c in el.elements_mut() {
        strip_para_ids(c);
    }
}

/// `w:lang` in the default run properties (C-14); docx-rs has no setter.
fn add_language(styles: &mut xml::Element, lang: &str) {
    let lang = if lang.is_empty() { "vi-VN" } else { lang };
    let rpr = styles
        .child_or_insert("w:docDefaults")
        .child_or_insert("w:rPrDefault")
        .child_or_insert("w:rPr");
    rpr.children.retain(|n| !matches!(n, xml::Node::Element(e) if e.name == "w:lang"));
    rpr.children.push(xml::Node::Element(
        xml::Element::new("w:lang")
            .with_attr("w:val", lang)
            .with_attr("w:eastAsia", lang)
            .with_attr("w:bidi", lang),
    ));
}

/// docx-rs always writes its own bare "Normal" style before ours; keep only
/// the last definition of each style id.
fn drop_shadowed_styles(styles: &mut xml::Element) {
    let id = |n: &xml::Node| match n {
        xml::Node::Element(e) if e.name == "w:style" => e.attr("w:styleId").map(str::to_string),
        _ => None,
    };
    let ids: Vec<Option<String>> = styles.children.iter().map(id).collect();
    let mut keep = Vec::with_capacity(ids.len());
    for (i, this) in ids.iter().enumerate() {
        keep.push(this.is_none() || !ids[i + 1..].contains(this));
    }
    let mut k = keep.into_iter();
    styles.children.retain(|_| k.next().unwrap_or(true));
}

/// Marks "Normal" as the default paragraph style (`w:default="1"`).
fn mark_default_style(styles: &mut xml::Element) {
    for s in styles.elements_mut() {
        if s.name == "w:style" && s.attr("w:styleId") == Some(styles::NORMAL) {
            s.set_attr("w:default", "1");
        }
    }
}

/// `w:tblHeader` on the first row of every data table (C-04: the header row
/// repeats on each page); docx-rs has no setter for it.
fn repeat_header_rows(el: &mut xml::Element) {
    if el.name == "w:tbl" {
        let is_data = el
            .child("w:tblPr")
            .and_then(|p| p.child("w:tblStyle"))
            .and_then(|s| s.attr("w:val"))
            == Some(styles::DATA_TABLE);
        if is_data
            && let Some(tr) = el.child_mut("w:tr") {
                let trpr = tr.child_or_insert("w:trPr");
                if trpr.child("w:tblHeader").is_none() {
                    trpr.children.push(xml::Node::Element(xml::Element::new("w:tblHeader")));
                }
            }
    }
    for c in el.elements_mut() {
        repeat_header_rows(c);
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// docProps/core.xml written here: docx-rs cannot set the title, and its
/// timestamps would be the clock's. Created and modified are the document's
/// date (midnight UTC), so the same input gives the same bytes.
fn core_properties(doc: &Document) -> String {
    let m = &doc.meta;
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{time}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{time}</dcterms:modified>"#,
            "<dc:language>{lang}</dc:language></cp:coreProperties>"
        ),
        title = escape(&m.title),
        subject = escape(&m.subject),
        author = escape(&m.author),
        lang = escape(&m.lang),
        time = w3c_date(m.date),
    )
}

/// `2024-12-15T00:00:00Z`: the W3CDTF form Word writes.
fn w3c_date(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// Zips the parts in the given order: deflate, fixed timestamps and
/// permissions, no directory entries.
fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fast level: the default costs a tenth of the render time for ~3 % of size.
        .compression_level(Some(3))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // Setting up a deflate stream clears some 200 KB of tables: for the dozen
    // small parts (relationships, properties) that costs more than it saves.
    let stored = deflated.compression_method(zip::CompressionMethod::Stored).compression_level(None);
    for (name, bytes) in parts {
        let options = if bytes.len() < SMALL_PART { stored } else { deflated };
        // Writing to memory cannot fail for I/O reasons; a failure here is a bug.
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Parts smaller than this are stored, not deflated.
const SMALL_PART: usize = 1536;
