//! Property tests (proptest).
//!
//! 1. YAML input: random mutations of the samples (deleted and inserted
//!    characters, tabs, broken indentation, duplicated and swapped lines,
//!    text pasted from legacy encodings) never panic; every result is a
//!    report or a list of diagnostics that each point at a line of the file
//!    (or name the whole file), and print in both languages.
//! 2. Layout: random paragraphs and tables laid out on the fixture document
//!    never panic, keep every text item inside the margins (page numbers sit
//!    in the top margin by design), never overlap two text items, and keep
//!    every input character.
//!
//! Found by this test and fixed in the layout: a table `unit_note` longer
//! than the text width ran off the left margin; a very narrow column or long
//! unbreakable tokens in cells made rows taller than a page. The generators
//! keep producing both.
//!
//! The number of cases comes from PROPTEST_CASES (default 256 here; run
//! `PROPTEST_CASES=20000 cargo test --release --test integration prop::` to
//! trust a change to the loader or the layout engine).

use std::collections::HashMap;
use std::path::Path;

use baocao::doc::{Align, Block, Cell, Paragraph, Role, Run, Table};
use baocao::i18n::Lang;
use baocao::layout::{Item, Page};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::common::samples;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    Config { cases, failure_persistence: None, ..Config::default() }
}

// ---- 1. YAML input ------------------------------------------------------

/// Characters office staff (and their editors) put into files.
const PALETTE: &[&str] = &[
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "|",
    ">",
    ",",
    "ộ",
    "ư",
    "Đ",
    "đ",
    "µ",
    "ø",
    "Céng hoµ",
    "Coäng hoøa",
    "o\u{302}\u{300}",
    "\u{7}",
    "\u{feff}",
    "中",
    "☎",
    "0",
    "19,4",
    "-3",
    "2021-02-30",
    "31/3/2021",
    "bốn mươi",
    "null",
    "~",
    "true",
    "no",
    ".inf",
    "1e400",
    "99999999999999999999",
    "sumary",
    "document:",
    "period:\n  year: 2020",
    "---\n",
    "&x [1, 2]",
    "*x",
    "<<: *x",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, piece: usize },
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Reindent { line: usize, by: i8 },
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..PALETTE.len()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), -3i8..4).prop_map(|(line, by)| Mutation::Reindent { line, by }),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn char_boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len();
    match *m {
        Mutation::Delete { at, len } => {
            let a = char_boundary(text, at);
            let b = char_boundary(text, a + len);
            let b = b.max(a);
            format!("{}{}", &text[..a], &text[b..])
        }
        Mutation::Insert { at, piece } => {
            let a = char_boundary(text, at);
            format!("{}{}{}", &text[..a], PALETTE[piece], &text[a..])
        }
        Mutation::DuplicateLine(i) => {
            let l = lines[i % n].clone();
            lines.insert(i % n, l);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
        Mutation::Reindent { line, by } => {
            let l = &mut lines[line % n];
            if by > 0 {
                l.insert_str(0, &" ".repeat(by as usize));
            } else {
                let strip = l.chars().take_while(|c| *c == ' ').count().min((-by) as usize);
                l.drain(..strip);
            }
            lines.join("\n")
        }
        Mutation::Truncate(at) => text[..char_boundary(text, at)].to_string(),
    }
}

/// Loads a mutated file and checks the outcome; returns a failure message.
fn check_yaml(path: &Path, text: &str, renderer: &baocao::Renderer) -> Result<(), String> {
    let lines = text.split('\n').count() as u32;
    let located = |diags: &[baocao::diag::Diagnostic]| -> Result<(), String> {
        if diags.is_empty() {
            return Err("an error without any diagnostic".into());
        }
        for d in diags {
            // Positions point into the file; 0:0 only for whole-file problems.
            let whole_file = d.line == 0 && d.column == 0 && d.message.en.starts_with("the file");
            if d.file != path && !d.file.starts_with("templates") {
                return Err(format!("diagnostic names another file: {d}"));
            }
            if !whole_file && d.file == path && (d.line == 0 || d.line > lines + 1 || d.column == 0) {
                return Err(format!("diagnostic without a position in the file ({lines} lines): {d}"));
            }
            for lang in [Lang::Vi, Lang::En] {
                let shown = d.render(lang);
                if shown.is_empty() || shown.contains('\u{7}') {
                    return Err(format!("bad rendering: {shown:?}"));
                }
            }
        }
        Ok(())
    };
    // The product's path: reading, validation, the reviewer checks and the templates.
    match renderer.check_text(path, text.to_string()) {
        Ok(warnings) if warnings.is_empty() => Ok(()),
        Ok(warnings) => located(&warnings),
        Err(d) => located(&d),
    }
}

#[test]
fn mutated_samples_never_panic_and_every_problem_is_located() {
    let sources: Vec<(std::path::PathBuf, String)> =
        samples().into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect();
    let renderer = baocao::Renderer::new().unwrap();
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config());
    let strategy = (0..sources.len(), proptest::collection::vec(mutation(), 1..6));
    runner
        .run(&strategy, |(which, mutations)| {
            let (path, original) = &sources[which];
            let text = mutations.iter().fold(original.clone(), |t, m| apply(&t, m));
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_yaml(path, &text, &renderer)));
            match outcome {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(TestCaseError::fail(format!("{e}\n--- input\n{text}"))),
                Err(_) => Err(TestCaseError::fail(format!("panic\n--- input\n{text}"))),
            }
        })
        .unwrap();
    eprintln!("yaml mutations: {} cases in {:.1?}", config().cases, started.elapsed());
}

// ---- 2. Layout ---------------------------------------------------------

const LETTERS: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\
ĐÂĂÊÔƠƯABCDEGHIKLMNOPQRSTUVXY0123456789.,;:!?()%/-\"";

fn word() -> impl Strategy<Value = String> {
    let letters: Vec<char> = LETTERS.chars().collect();
    prop_oneof![
        10 => proptest::collection::vec(proptest::sample::select(letters.clone()), 1..9),
        // A long unbreakable token: a URL, a number with many digits, a code.
        1 => proptest::collection::vec(proptest::sample::select(letters), 20..120),
    ]
    .prop_map(|cs| cs.into_iter().collect())
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 1..80).prop_map(|w| w.join(" "))
}

fn runs() -> impl Strategy<Value = Vec<Run>> {
    proptest::collection::vec((text(), any::<bool>(), any::<bool>()), 1..4)
        .prop_map(|v| v.into_iter().map(|(text, bold, italic)| Run { text, bold, italic }).collect())
}

fn paragraph() -> impl Strategy<Value = Block> {
    let role = proptest::sample::select(vec![Role::Body, Role::Body, Role::Body, Role::Section, Role::Clause, Role::Point, Role::Part]);
    let align = proptest::sample::select(vec![Align::Justify, Align::Left, Align::Center, Align::Right]);
    (role, runs(), align, any::<bool>(), any::<bool>()).prop_map(|(role, runs, align, first_line_indent, keep_with_next)| {
        Block::Paragraph(Paragraph { role, runs, align, first_line_indent, keep_with_next })
    })
}

/// A word as in table cells: mostly short, sometimes a long unbreakable token
/// (a code or an address) that must be cut to fit a narrow column.
fn short_word() -> impl Strategy<Value = String> {
    let letters: Vec<char> = LETTERS.chars().collect();
    prop_oneof![
        9 => proptest::collection::vec(proptest::sample::select(letters.clone()), 1..9),
        1 => proptest::collection::vec(proptest::sample::select(letters), 20..60),
    ]
    .prop_map(|cs| cs.into_iter().collect())
}

fn cell() -> impl Strategy<Value = Cell> {
    let align = proptest::sample::select(vec![Align::Left, Align::Center, Align::Right, Align::Justify]);
    (proptest::collection::vec(short_word(), 0..12), align).prop_map(|(w, align)| Cell { runs: vec![Run::plain(w.join(" "))], align })
}

fn table() -> impl Strategy<Value = Block> {
    (1usize..7).prop_flat_map(|cols| {
        (
            proptest::collection::vec(1u8..10, cols),
            proptest::collection::vec(cell(), cols),
            proptest::collection::vec(proptest::collection::vec(cell(), cols), 0..25),
            // A unit note is usually one short line ("Đơn vị tính: hộ"); a long one wraps.
            proptest::option::of(proptest::collection::vec(short_word(), 1..40).prop_map(|w| w.join(" "))),
        )
            .prop_map(|(weights, header, rows, unit_note)| {
                let total: f32 = weights.iter().map(|w| *w as f32).sum();
                let widths = weights.iter().map(|w| *w as f32 / total).collect();
                Block::Table(Table::new(widths, header, rows, unit_note))
            })
    })
}

fn body() -> impl Strategy<Value = Vec<Block>> {
    proptest::collection::vec(prop_oneof![4 => paragraph(), 1 => table()], 1..12)
}

fn input_chars(blocks: &[Block]) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    let mut add = |s: &str| s.chars().filter(|c| !c.is_whitespace()).for_each(|c| *counts.entry(c).or_insert(0) += 1);
    for b in blocks {
        match b {
            Block::Paragraph(p) => p.runs.iter().for_each(|r| add(&r.text)),
            Block::Table(t) => {
                t.header.iter().chain(t.rows.iter().flatten()).flat_map(|c| &c.runs).for_each(|r| add(&r.text));
                if let Some(n) = &t.unit_note {
                    add(n);
                }
            }
        }
    }
    counts
}

fn check_pages(doc: &baocao::doc::Document, pages: &[Page]) -> Result<(), String> {
    crate::common::inside_margins_and_apart(doc, pages)?;
    let mut out: HashMap<char, usize> = HashMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                t.text.chars().filter(|c| !c.is_whitespace()).for_each(|c| *out.entry(c).or_insert(0) += 1);
            }
        }
    }
    for (c, want) in input_chars(&doc.body) {
        let got = out.get(&c).copied().unwrap_or(0);
        if got < want {
            return Err(format!("character {c:?}: {want} in the input, {got} on the pages"));
        }
    }
    Ok(())
}

#[test]
fn random_documents_lay_out_inside_the_margins_without_overlap_or_loss() {
    let started = std::time::Instant::now();
    let cfg = config();
    let cases = cfg.cases;
    let mut runner = TestRunner::new(cfg);
    // A real report's frame (header, title, closing) around each random body,
    // joined as the product joins them (tables resolved to the text width).
    let sample = crate::common::root().join("samples/binh-lieu-2020.yaml");
    let report = baocao::Renderer::new().unwrap().compose_file(&sample).unwrap().report;
    let frame = baocao::compose::frame(&report);
    runner
        .run(&body(), |blocks| {
            let doc = frame.clone().with_body(&report, blocks);
            let pages = std::panic::catch_unwind(|| baocao::layout::layout(&doc))
                .map_err(|_| TestCaseError::fail(format!("layout panicked on {:?}", doc.body)))?;
            check_pages(&doc, &pages).map_err(|e| TestCaseError::fail(format!("{e}\n--- body\n{:?}", doc.body)))
        })
        .unwrap();
    eprintln!("layout: {cases} cases in {:.1?}", started.elapsed());
}
