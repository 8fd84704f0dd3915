//! DOCX output: the document model written with Word's own means, so the file
//! stays editable (named styles, real tables, a PAGE field) and Word lays it
//! out itself.
//!
//! Contract:
//! - `write(doc)` returns the bytes of a .docx package: deterministic (the same
//!   `Document` gives the same bytes: no clock, fixed zip timestamps, stable
//!   part order), every part deflated when that makes it smaller (`package`).
//! - Only the parts the document uses: content types, relationships, core and
//!   app properties, document, styles, settings, page headers.
//! - A4 portrait with the model's margins (G-01..G-03); Times New Roman in all
//!   font slots and `w:lang` vi-VN in the defaults (G-04, C-14); page numbers
//!   as a centred PAGE field in the header, hidden on page 1 (G-06, C-13).
//! - Core properties: title, author (creator), subject, language, and the
//!   document's date as created and modified.
//! - Named styles, Word's built-in headings, no repeated direct formatting
//!   (`styles`).
//! - Every property container (`w:rPr`, `w:pPr`, `w:sectPr`, `w:tblPr`,
//!   `w:trPr`, `w:tcPr`, `w:style`, borders, margins) is in ECMA-376 schema
//!   order: docx-rs writes several of them out of order. The document part
//!   is written in one pass from docx-rs's model, each distinct property set
//!   put in order once per thread (`direct`); the small parts pass once
//!   through the streaming rewrite (`stream`, `schema`), and are made once per
//!   distinct model value per thread. Nothing is parsed back into a tree.
//! - This module is the only one that names docx-rs.

mod build;
mod direct;
mod package;
mod schema;
mod stream;
mod styles;
#[cfg(test)]
mod xml;

#[cfg(test)]
mod tests;

use std::cell::RefCell;

use docx_rs::BuildXML;

use crate::doc::Document;

/// The report as DOCX bytes: deterministic (same Document -> same bytes),
/// deflate-compressed zip.
pub fn write(doc: &crate::doc::Document) -> Vec<u8> {
    package::zip(&parts(doc))
}

/// The package parts in their final form and archive order: the content
/// types, the package and document relationships, the core and app
/// properties, the document, its styles and settings, and the page headers.
/// docx-rs also makes comments, numbering, footnotes, a font table and custom
/// properties; the document uses none of them and Word needs none, so they
/// are not built.
pub(crate) fn parts(doc: &Document) -> Vec<(String, Vec<u8>)> {
    let mut d = build::docx(doc);
    styles::inherit(&mut d);
    let lang = if doc.meta.lang.is_empty() { "vi-VN" } else { doc.meta.lang.as_str() };
    let rewrite = |bytes: Vec<u8>, extras: stream::Extras| {
        // docx-rs output is well-formed; if it ever is not, ship it unchanged
        // rather than losing the document (the schema test would catch it).
        std::str::from_utf8(&bytes).ok().and_then(|text| stream::rewrite(text, extras)).unwrap_or(bytes)
    };
    let plain = stream::Extras { lang: None, header_rows: false };
    let body = stream::Extras { lang: None, header_rows: true };
    let sp = &mut d.document.section_property;
    for (_, h) in [&mut sp.header, &mut sp.first_header, &mut sp.even_header].into_iter().flatten() {
        for child in &mut h.children {
            if let docx_rs::HeaderChild::Paragraph(p) = child {
                // docx-rs numbers paragraphs from a counter; the number is
                // never written, and clearing it lets equal headers compare equal.
                p.id.clear();
            }
        }
    }
    let sp = &d.document.section_property;
    // Each header under the relationship id the section refers to it by.
    let headers: Vec<(&str, Vec<u8>)> = [&sp.header, &sp.first_header, &sp.even_header]
        .into_iter()
        .flatten()
        .map(|(rid, h)| (rid.as_str(), direct::part(&HEADERS, |k| k == h, || (h.clone(), rewrite(h.build(), body)))))
        .collect();
    let document = direct::document(&d.document).unwrap_or_else(|| rewrite(d.document.build(), body));
    let styles = direct::part(
        &STYLES,
        |(s, l)| s == &d.styles && l == lang,
        || (((d.styles.clone()), lang.to_string()), rewrite(d.styles.build(), stream::Extras { lang: Some(lang), header_rows: false })),
    );
    let settings = direct::part(&SETTINGS, |s| s == &d.settings, || (d.settings.clone(), rewrite(d.settings.build(), plain)));
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(8 + headers.len());
    parts.push(("[Content_Types].xml".into(), content_types(headers.len()).into_bytes()));
    parts.push(("_rels/.rels".into(), PACKAGE_RELS.as_bytes().to_vec()));
    parts.push(("docProps/app.xml".into(), APP_PROPERTIES.as_bytes().to_vec()));
    parts.push(("docProps/core.xml".into(), core_properties(doc).into_bytes()));
    parts.push(("word/_rels/document.xml.rels".into(), document_rels(headers.iter().map(|(rid, _)| *rid)).into_bytes()));
    parts.push(("word/document.xml".into(), document));
    parts.push(("word/styles.xml".into(), styles));
    parts.push(("word/settings.xml".into(), settings));
    for (k, (_, h)) in headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", k + 1), h));
    }
    parts
}

// Parts every report of a batch shares, made once per distinct model value
// per thread (`direct::part`).
thread_local! {
    static STYLES: RefCell<direct::Memo<(docx_rs::Styles, String)>> = RefCell::default();
    static SETTINGS: RefCell<direct::Memo<docx_rs::Settings>> = RefCell::default();
    static HEADERS: RefCell<direct::Memo<docx_rs::Header>> = RefCell::default();
}

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    "</Relationships>"
);

/// Extended properties: present, as Word writes them, with nothing to say.
const APP_PROPERTIES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
    r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>"#
);

/// `[Content_Types].xml` for the parts `parts` writes (headers `header1.xml`..).
fn content_types(headers: usize) -> String {
    const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = String::with_capacity(1200);
    s.push_str(XML_DECLARATION);
    s.push_str(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#);
    s.push_str(r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#);
    s.push_str(r#"<Default Extension="xml" ContentType="application/xml"/>"#);
    let mut over = |part: &str, kind: &str| {
        s.push_str(&format!(r#"<Override PartName="{part}" ContentType="{kind}"/>"#));
    };
    over("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    over("/word/document.xml", &format!("{WML}.document.main+xml"));
    over("/word/styles.xml", &format!("{WML}.styles+xml"));
    over("/word/settings.xml", &format!("{WML}.settings+xml"));
    for k in 1..=headers {
        over(&format!("/word/header{k}.xml"), &format!("{WML}.header+xml"));
    }
    s.push_str("</Types>");
    s
}

/// The document's relationships: styles, settings, and the headers
/// (`header1.xml`.. in the order given) under the ids the section uses.
fn document_rels<'a>(header_ids: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::with_capacity(800);
    s.push_str(XML_DECLARATION);
    s.push_str(&format!(r#"<Relationships xmlns="{RELS_NS}">"#));
    s.push_str(&format!(r#"<Relationship Id="rId1" Type="{REL_TYPES}/styles" Target="styles.xml"/>"#));
    s.push_str(&format!(r#"<Relationship Id="rId2" Type="{REL_TYPES}/settings" Target="settings.xml"/>"#));
    for (k, rid) in header_ids.enumerate() {
        s.push_str(&format!(r#"<Relationship Id="{}" Type="{REL_TYPES}/header" Target="header{}.xml"/>"#, escape(rid), k + 1));
    }
    s.push_str("</Relationships>");
    s
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
