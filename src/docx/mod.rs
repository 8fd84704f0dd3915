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
//!   order: docx-rs writes several of them out of order, so its parts pass
//!   once through a streaming rewrite before zipping (`stream`, `schema`);
//!   nothing is parsed back into a tree.
//! - This module is the only one that names docx-rs.

mod build;
mod schema;
mod stream;
mod styles;
#[cfg(test)]
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

/// Schema order and the few things docx-rs cannot express, applied to one
/// part in one streaming pass (`stream`).
fn rewrite(name: &str, bytes: &[u8], doc: &Document) -> Vec<u8> {
    if !(name.ends_with(".xml") || name.ends_with(".rels")) {
        return bytes.to_vec();
    }
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    let lang = if doc.meta.lang.is_empty() { "vi-VN" } else { doc.meta.lang.as_str() };
    let extras = stream::Extras {
        lang: (name == "word/styles.xml").then_some(lang),
        header_rows: name == "word/document.xml" || name.starts_with("word/header"),
    };
    // docx-rs output is well-formed; if it ever is not, ship it unchanged
    // rather than losing the document (the schema test would catch it).
    stream::rewrite(text, extras).unwrap_or_else(|| bytes.to_vec())
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
