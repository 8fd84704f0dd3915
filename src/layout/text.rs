//! Text setting: runs -> words with measured fragments -> broken lines ->
//! positioned [`TextItem`]s.

use std::borrow::Cow;

use super::linebreak::{self, BrokenLine, Mode, WordBox};
use super::{Item, TextItem};
use crate::doc::{Align, Run};
use crate::fonts::{Face, FontSet};

/// A piece of a word in one face; borrowed from its run unless a long
/// word had to be split (one allocation less per word).
#[derive(Debug, Clone)]
pub(crate) struct Frag<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) face: Face,
    pub(crate) width: f32,
}

/// An unbreakable word (possibly of several faces) and the space after it.
#[derive(Debug, Clone)]
pub(crate) struct Word<'a> {
    pub(crate) frags: Vec<Frag<'a>>,
    pub(crate) width: f32,
    pub(crate) space: f32,
}

/// Splits runs into words at spaces (line breaks and tabs count as spaces);
/// a word may span runs ("**Bình Liêu**," is one word in two faces).
pub(crate) fn words(runs: &[Run], size: f32) -> Vec<Word<'_>> {
    let fonts = FontSet::get();
    let mut out: Vec<Word> = Vec::new();
    let mut open = false; // the last word may still grow
    for run in runs {
        let face = Face::of(run.bold, run.italic);
        let metrics = fonts.face(face);
        let space = metrics.width(" ", size);
        for (k, piece) in run.text.split([' ', '\n', '\t', '\r']).enumerate() {
            if k > 0 {
                open = false; // a separator was crossed
                if let Some(last) = out.last_mut() {
                    last.space = space;
                }
            }
            if piece.is_empty() {
                continue;
            }
            let frag = Frag { text: Cow::Borrowed(piece), face, width: metrics.width(piece, size) };
            match out.last_mut() {
                Some(word) if open => {
                    word.width += frag.width;
                    word.frags.push(frag);
                }
                _ => out.push(Word { width: frag.width, frags: vec![frag], space }),
            }
            open = true;
        }
    }
    out
}

/// Splits any word wider than `max` into pieces that fit, at character
/// boundaries (long codes or URLs in narrow table cells).
pub(crate) fn split_long_words(words: Vec<Word<'_>>, max: f32, size: f32) -> Vec<Word<'_>> {
    if words.iter().all(|w| w.width <= max) {
        return words;
    }
    let fonts = FontSet::get();
    let mut out = Vec::new();
    for word in words {
        if word.width <= max {
            out.push(word);
            continue;
        }
        let space = word.space;
        let mut current = Word { frags: Vec::new(), width: 0.0, space: 0.0 };
        for frag in word.frags {
            let metrics = fonts.face(frag.face);
            for c in frag.text.chars() {
                let w = metrics.advance_em(c).unwrap_or(0.0) * size;
                if current.width + w > max && current.width > 0.0 {
                    out.push(std::mem::replace(&mut current, Word { frags: Vec::new(), width: 0.0, space: 0.0 }));
                }
                match current.frags.last_mut() {
                    Some(last) if last.face == frag.face => {
                        last.text.to_mut().push(c);
                        last.width += w;
                    }
                    _ => current.frags.push(Frag { text: Cow::Owned(c.to_string()), face: frag.face, width: w }),
                }
                current.width += w;
            }
        }
        current.space = space;
        out.push(current);
    }
    out
}

/// Breaks words into lines of `width` (the first `first_width`).
pub(crate) fn break_words(words: &[Word], first_width: f32, width: f32, align: Align) -> Vec<BrokenLine> {
    let boxes: Vec<WordBox> = words
        .iter()
        .enumerate()
        .map(|(i, w)| WordBox { width: w.width, space: w.space, penalty: words.get(i + 1).map_or(0.0, |next| break_penalty(w, next)) })
        .collect();
    let mode = match align {
        Align::Justify => Mode::Justify,
        Align::Center => Mode::Balanced,
        Align::Left | Align::Right => Mode::Ragged,
    };
    linebreak::break_lines(&boxes, first_width, width, mode)
}

/// Line breaks that Vietnamese readers trip over: a line starting with "-"
/// looks like a list item, and "năm | 2021", "ngày | 15", "Số | 30" split a
/// date or a number from its noun.
fn break_penalty(word: &Word, next: &Word) -> f32 {
    // Called for every pair of words: most words are one fragment, so the
    // text is borrowed, and the noun is lowercased only before a number.
    fn text<'w>(w: &'w Word) -> Cow<'w, str> {
        match w.frags.as_slice() {
            [one] => Cow::Borrowed(&one.text),
            frags => frags.iter().map(|f| &*f.text).collect::<String>().into(),
        }
    }
    let next = text(next);
    if matches!(&*next, "-" | "–" | "+") {
        return 50_000.0;
    }
    let numeric = next.chars().next().is_some_and(|c| c.is_ascii_digit() || "IVXL".contains(c));
    if !numeric {
        return 0.0;
    }
    let noun = matches!(text(word).to_lowercase().as_str(), "năm" | "tháng" | "ngày" | "quý" | "số" | "khóa" | "giai" | "phần" | "mục");
    if noun { 20_000.0 } else { 0.0 }
}

/// Positions one broken line: `x` is the left edge of the space the line
/// occupies, `width` its width; returns the text items on `baseline`.
pub(crate) fn set_line(words: &[Word], line: &BrokenLine, x: f32, width: f32, baseline: f32, align: Align, size: f32) -> Vec<Item> {
    let slice = &words[line.start..line.end];
    let gaps = slice.len().saturating_sub(1) as f32;
    let total = line.natural + gaps * line.extra_per_space;
    let mut cursor = match align {
        Align::Left | Align::Justify => x,
        Align::Center => x + (width - total) / 2.0,
        Align::Right => x + width - total,
    };
    let mut items: Vec<TextItem> = Vec::new();
    for (k, word) in slice.iter().enumerate() {
        for (f, frag) in word.frags.iter().enumerate() {
            let continues = matches!(items.last(), Some(last) if last.face == frag.face);
            if continues && (f > 0 || k > 0) {
                let last = items.last_mut().expect("checked");
                last.text.push_str(&frag.text);
                last.width += frag.width;
            } else {
                items.push(TextItem {
                    x: cursor,
                    baseline,
                    text: frag.text.to_string(),
                    face: frag.face,
                    size,
                    extra_per_space: line.extra_per_space,
                    width: frag.width,
                });
            }
            cursor += frag.width;
        }
        if k + 1 < slice.len() {
            // The space belongs to the item that ends the word, so the text keeps it.
            let last = items.last_mut().expect("a word has at least one fragment");
            last.text.push(' ');
            last.width += word.space + line.extra_per_space;
            cursor += word.space + line.extra_per_space;
        }
    }
    items.into_iter().map(Item::Text).collect()
}

/// A single line of text in one style, centred on `centre`.
pub(crate) fn centred(text: &str, face: Face, size: f32, centre: f32, baseline: f32) -> TextItem {
    let width = FontSet::get().face(face).width(text, size);
    TextItem { x: centre - width / 2.0, baseline, text: text.to_string(), face, size, extra_per_space: 0.0, width }
}

/// A single line of text in one style starting at `x`.
pub(crate) fn at(text: &str, face: Face, size: f32, x: f32, baseline: f32) -> TextItem {
    let width = FontSet::get().face(face).width(text, size);
    TextItem { x, baseline, text: text.to_string(), face, size, extra_per_space: 0.0, width }
}

/// Single line height at `size` (ascender + descender + line gap).
pub(crate) fn single_line(size: f32) -> f32 {
    FontSet::get().face(Face::Regular).single_line_em() * size
}

/// Distance from the top of a single-spaced line to its baseline.
pub(crate) fn ascent(size: f32) -> f32 {
    let m = FontSet::get().face(Face::Regular);
    (m.ascender + m.line_gap / 2.0) * size
}
