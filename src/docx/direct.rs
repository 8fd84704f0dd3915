//! The document part written in one pass from docx-rs's model, already in
//! schema order, and a memo of whole parts for the ones every report of a
//! batch shares (styles, settings, page headers).
//!
//! Contract:
//! - `document(d)` returns the very bytes `stream::rewrite` makes of docx-rs's
//!   own `word/document.xml` (the tests compare both on every sample), or None
//!   when the body holds an element this writer does not know; the caller then
//!   takes that longer way.
//! - The structure (paragraphs, runs, text, tables, rows, cells) is written
//!   here directly. Each property container (`w:pPr`, `w:rPr`, `w:tblPr`,
//!   `w:tblGrid`, `w:trPr`, `w:tcPr`), each rare run child (break, field
//!   character, field instruction, tab) and the section around the body are
//!   written by docx-rs and put in order by `stream::rewrite` once per
//!   distinct value per thread, then reused as bytes: a report has a few
//!   dozen distinct property sets for hundreds of paragraphs and cells, and
//!   the document's own output is never read back.
//! - `part(memo, key, make)` gives a whole part from the model value it is
//!   made of, made once per distinct value per thread.
//! - Deterministic: every byte depends only on the model, never on what the
//!   thread wrote before (a memo hit gives what `make` would have made).

use std::cell::RefCell;

use docx_rs as dx;
use docx_rs::BuildXML;

use super::stream::{self, Extras};
use super::styles;

/// Distinct values a memo keeps before it starts over (a batch of reports
/// from one template stays far below).
const LIMIT: usize = 512;

/// Bytes made once per distinct key. `tag` is a cheap digest of the key
/// (equal keys, equal tags) so a lookup compares whole keys only on a match.
pub(crate) struct Memo<K> {
    entries: Vec<(u64, K, Vec<u8>)>,
}

impl<K> Default for Memo<K> {
    fn default() -> Self {
        Memo { entries: Vec::new() }
    }
}

impl<K> Memo<K> {
    fn get(&mut self, tag: u64, same: impl Fn(&K) -> bool, make: impl FnOnce() -> Option<(K, Vec<u8>)>) -> Option<&[u8]> {
        let k = match self.entries.iter().position(|(t, k, _)| *t == tag && same(k)) {
            Some(k) => k,
            None => {
                let (key, bytes) = make()?;
                if self.entries.len() >= LIMIT {
                    self.entries.clear();
                }
                self.entries.push((tag, key, bytes));
                self.entries.len() - 1
            }
        };
        Some(&self.entries[k].2)
    }
}

impl<K: PartialEq + Clone> Memo<K> {
    fn of(&mut self, tag: u64, key: &K, make: impl FnOnce(&K) -> Option<Vec<u8>>) -> Option<&[u8]> {
        self.get(tag, |k| k == key, || Some((key.clone(), make(key)?)))
    }
}

/// A whole part: the bytes `make` gives with the key they are made of, made
/// once per distinct key (`same` tells the key of the part wanted).
pub(crate) fn part<K>(
    memo: &'static std::thread::LocalKey<RefCell<Memo<K>>>,
    same: impl Fn(&K) -> bool,
    make: impl FnOnce() -> (K, Vec<u8>),
) -> Vec<u8> {
    memo.with_borrow_mut(|m| m.get(0, same, || Some(make())).map(<[u8]>::to_vec)).unwrap_or_default()
}

const PLAIN: Extras<'static> = Extras { lang: None, header_rows: false };

/// `x` as docx-rs writes it, in schema order; None when it needs a namespace
/// the document's root would not declare (the root's declarations are
/// decided on the section alone).
fn fragment(x: &impl BuildXML) -> Option<Vec<u8>> {
    in_order(&x.build())
}

fn in_order(raw: &[u8]) -> Option<Vec<u8>> {
    let out = stream::rewrite(std::str::from_utf8(raw).ok()?, PLAIN)?;
    let foreign = stream::OPTIONAL_PREFIXES.iter().any(|p| {
        let name = format!("{p}:");
        out.windows(name.len() + 1).any(|w| matches!(w[0], b'<' | b' ') && w[1..] == *name.as_bytes())
    });
    (!foreign).then_some(out)
}

/// Row properties of a data table's first row with the header-row mark
/// (C-04), as the rewrite adds it: last, then sorted into its slot.
fn header_row(p: &dx::TableRowProperty) -> Option<Vec<u8>> {
    let raw = String::from_utf8(p.build()).ok()?;
    let marked = match raw.strip_suffix("</w:trPr>") {
        Some(open) => format!("{open}<w:tblHeader/></w:trPr>"),
        None => format!("{}><w:tblHeader/></w:trPr>", raw.trim_end().strip_suffix("/>")?.trim_end()),
    };
    in_order(marked.as_bytes())
}

/// FNV-1a step, for the memo tags.
fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x0100_0000_01b3)
}

fn mix_str(h: u64, s: &str) -> u64 {
    s.bytes().fold(mix(h, s.len() as u64), |h, b| mix(h, u64::from(b)))
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// What mostly tells paragraph properties apart: style, alignment, indents, flags.
fn paragraph_tag(p: &dx::ParagraphProperty) -> u64 {
    let mut h = mix_str(SEED, p.style.as_ref().map_or("", |s| s.val.as_str()));
    h = mix_str(h, p.alignment.as_ref().map_or("", |a| a.val.as_str()));
    if let Some(i) = &p.indent {
        let special = match i.special_indent {
            Some(dx::SpecialIndentType::FirstLine(v)) => i64::from(v),
            Some(dx::SpecialIndentType::Hanging(v)) => -i64::from(v) - 1,
            None => i64::MIN,
        };
        for v in [i.start.map_or(i64::MIN, i64::from), i.end.map_or(i64::MIN, i64::from), special] {
            h = mix(h, v as u64);
        }
    }
    let flags = [p.line_spacing.is_some(), p.borders.is_some(), p.keep_next == Some(true), p.outline_lvl.is_some()];
    flags.into_iter().fold(h, |h, f| mix(h, u64::from(f)))
}

/// Which run properties are set.
fn run_tag(r: &dx::RunProperty) -> u64 {
    let set = [
        r.sz.is_some(),
        r.bold.is_some(),
        r.italic.is_some(),
        r.underline.is_some(),
        r.fonts.is_some(),
        r.color.is_some(),
        r.style.is_some(),
        r.bold == Some(dx::Bold::new()),
        r.italic == Some(dx::Italic::new()),
    ];
    set.into_iter().enumerate().fold(0, |h, (k, f)| h | (u64::from(f) << k))
}

#[derive(Default)]
struct Fragments {
    paragraph: Memo<dx::ParagraphProperty>,
    run: Memo<dx::RunProperty>,
    table: Memo<dx::TableProperty>,
    grid: Memo<Vec<usize>>,
    row: Memo<dx::TableRowProperty>,
    header_row: Memo<dx::TableRowProperty>,
    cell: Memo<dx::TableCellProperty>,
    run_child: Memo<dx::RunChild>,
    /// The document without its body, keyed by its section.
    section: Memo<dx::SectionProperty>,
}

thread_local! {
    static FRAGMENTS: RefCell<Fragments> = RefCell::new(Fragments::default());
}

/// Writes `<name>` and returns where its content starts.
fn open(out: &mut Vec<u8>, name: &str) -> usize {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    out.len()
}

/// Closes `name`; with no content since `body`, as `<name/>` (as the rewrite does).
fn close(out: &mut Vec<u8>, body: usize, name: &str) {
    if out.len() == body {
        out.pop();
        out.extend_from_slice(b"/>");
    } else {
        out.extend_from_slice(b"</");
        out.extend_from_slice(name.as_bytes());
        out.push(b'>');
    }
}

impl Fragments {
    fn paragraph(&mut self, out: &mut Vec<u8>, p: &dx::Paragraph) -> Option<()> {
        let body = open(out, "w:p");
        out.extend_from_slice(self.paragraph.of(paragraph_tag(&p.property), &p.property, fragment)?);
        for child in &p.children {
            let dx::ParagraphChild::Run(r) = child else { return None };
            self.run(out, r)?;
        }
        close(out, body, "w:p");
        Some(())
    }

    fn run(&mut self, out: &mut Vec<u8>, r: &dx::Run) -> Option<()> {
        let body = open(out, "w:r");
        out.extend_from_slice(self.run.of(run_tag(&r.run_property), &r.run_property, fragment)?);
        for child in &r.children {
            match child {
                dx::RunChild::Text(t) => {
                    // docx-rs escaped the text when it was added.
                    out.extend_from_slice(if t.preserve_space { br#"<w:t xml:space="preserve""# } else { br#"<w:t xml:space="default""# });
                    if t.text.is_empty() {
                        out.extend_from_slice(b"/>");
                    } else {
                        out.push(b'>');
                        out.extend_from_slice(t.text.as_bytes());
                        out.extend_from_slice(b"</w:t>");
                    }
                }
                dx::RunChild::Break(_)
                | dx::RunChild::FieldChar(_)
                | dx::RunChild::InstrText(_)
                | dx::RunChild::Tab(_)
                | dx::RunChild::CarriageReturn(_) => out.extend_from_slice(self.run_child.of(0, child, fragment)?),
                _ => return None,
            }
        }
        close(out, body, "w:r");
        Some(())
    }

    fn table(&mut self, out: &mut Vec<u8>, t: &dx::Table) -> Option<()> {
        let body = open(out, "w:tbl");
        let properties = self.table.of(0, &t.property, fragment)?;
        // The rewrite marks the first row of a table in the data table style.
        let mark = format!(r#"<w:tblStyle w:val="{}"/>"#, styles::DATA_TABLE);
        let data = properties.windows(mark.len()).any(|w| w == mark.as_bytes());
        out.extend_from_slice(properties);
        out.extend_from_slice(self.grid.of(0, &t.grid, |g| fragment(&dx::TableGrid::new(g.clone())))?);
        for (k, dx::TableChild::TableRow(row)) in t.rows.iter().enumerate() {
            let body = open(out, "w:tr");
            let properties =
                if data && k == 0 { self.header_row.of(0, &row.property, header_row)? } else { self.row.of(0, &row.property, fragment)? };
            out.extend_from_slice(properties);
            for dx::TableRowChild::TableCell(cell) in &row.cells {
                self.cell(out, cell)?;
            }
            close(out, body, "w:tr");
        }
        close(out, body, "w:tbl");
        Some(())
    }

    fn cell(&mut self, out: &mut Vec<u8>, c: &dx::TableCell) -> Option<()> {
        let body = open(out, "w:tc");
        out.extend_from_slice(self.cell.of(0, &c.property, fragment)?);
        for child in &c.children {
            match child {
                dx::TableCellContent::Paragraph(p) => self.paragraph(out, p)?,
                dx::TableCellContent::Table(t) => {
                    self.table(out, t)?;
                    // docx-rs ends a cell holding only a table with an empty paragraph.
                    if c.children.len() == 1 {
                        self.paragraph(out, &dx::Paragraph::new())?;
                    }
                }
                _ => return None,
            }
        }
        // A cell must hold a paragraph: docx-rs adds an empty one.
        if c.children.is_empty() {
            self.paragraph(out, &dx::Paragraph::new())?;
        }
        close(out, body, "w:tc");
        Some(())
    }
}

/// `word/document.xml` of `d` in schema order, or None for a body this
/// writer does not know.
pub(crate) fn document(d: &dx::Document) -> Option<Vec<u8>> {
    FRAGMENTS.with_borrow_mut(|f| {
        let mut body = Vec::with_capacity(64 * 1024);
        for child in &d.children {
            match child {
                dx::DocumentChild::Paragraph(p) => f.paragraph(&mut body, p)?,
                dx::DocumentChild::Table(t) => f.table(&mut body, t)?,
                _ => return None,
            }
        }
        let section = f.section.of(0, &d.section_property, |sp| {
            let mut empty = dx::Document::new();
            empty.section_property = sp.clone();
            let raw = empty.build();
            stream::rewrite(std::str::from_utf8(&raw).ok()?, Extras { lang: None, header_rows: true })
        })?;
        const BODY: &[u8] = b"<w:body>";
        let at = section.windows(BODY.len()).position(|w| w == BODY)? + BODY.len();
        let mut out = Vec::with_capacity(section.len() + body.len());
        out.extend_from_slice(&section[..at]);
        out.extend_from_slice(&body);
        out.extend_from_slice(&section[at..]);
        Some(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::fixture::sample_document;
    use crate::docx::{build, styles as style_sheet};

    /// The long way: docx-rs writes the whole part, the rewrite reads it back.
    fn rewritten(d: &dx::Document) -> Vec<u8> {
        stream::rewrite(std::str::from_utf8(&d.build()).unwrap(), Extras { lang: None, header_rows: true }).unwrap()
    }

    fn documents() -> Vec<(String, crate::doc::Document)> {
        let renderer = crate::Renderer::new().unwrap();
        let mut samples: Vec<_> = std::fs::read_dir("samples")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        samples.sort();
        assert!(samples.len() >= 5, "the samples are found");
        let mut out = vec![("fixture".to_string(), sample_document())];
        for s in samples {
            let doc = renderer.compose_file(&s).unwrap_or_else(|e| panic!("{}: {e:?}", s.display())).document;
            out.push((s.display().to_string(), doc));
        }
        out
    }

    /// The one-pass document part is byte for byte what the rewrite makes of
    /// docx-rs's own part, on the fixture and every sample, on a fresh thread
    /// and again with every fragment remembered from the others.
    #[test]
    fn one_pass_document_equals_the_rewritten_one_on_every_sample() {
        let docs = documents();
        for round in 0..2 {
            for (name, doc) in &docs {
                let mut d = build::docx(doc);
                style_sheet::inherit(&mut d);
                let fast = document(&d.document).unwrap_or_else(|| panic!("{name}: the one-pass writer knows every element"));
                let slow = rewritten(&d.document);
                assert!(
                    fast == slow,
                    "{name} (round {round}):\n{}\n---\n{}",
                    String::from_utf8_lossy(&fast),
                    String::from_utf8_lossy(&slow)
                );
            }
        }
    }

    /// A body element the one-pass writer does not know sends the caller the long way.
    #[test]
    fn unknown_body_elements_are_refused() {
        let d = dx::Document::new().add_paragraph(dx::Paragraph::new().add_bookmark_start(1, "x"));
        assert!(document(&d).is_none());
        let d = dx::Document::new().add_paragraph(dx::Paragraph::new().add_run(dx::Run::new().add_text("a")));
        assert!(document(&d).is_some());
    }

    /// A cell with no content, or only a table, gets docx-rs's empty paragraph.
    #[test]
    fn cells_get_their_paragraph_as_docx_rs_gives_it() {
        let inner = dx::Table::new(vec![dx::TableRow::new(vec![dx::TableCell::new()])]);
        let outer = dx::Table::new(vec![dx::TableRow::new(vec![dx::TableCell::new().add_table(inner), dx::TableCell::new()])]);
        let d = dx::Document::new().add_table(outer);
        assert!(document(&d).unwrap() == rewritten(&d));
    }

    /// A memo gives back what it was given for an equal key, and makes anew
    /// for another.
    #[test]
    fn memo_hits_only_equal_keys() {
        let mut m: Memo<String> = Memo::default();
        let a = "a".to_string();
        assert_eq!(m.of(1, &a, |_| Some(b"A".to_vec())), Some(&b"A"[..]));
        assert_eq!(m.of(1, &a, |_| Some(b"other".to_vec())), Some(&b"A"[..]));
        assert_eq!(m.of(1, &"b".to_string(), |_| Some(b"B".to_vec())), Some(&b"B"[..]));
        assert_eq!(m.of(2, &"c".to_string(), |_| None), None);
    }
}
