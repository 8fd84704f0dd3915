//! Reads what a PDF draws, page by page: positioned glyphs (font, effective
//! size, bold/italic, Unicode text, advance width) grouped into text lines,
//! and the thin strokes and filled rectangles that draw rules and borders.
//!
//! Contract: works on any producer's file (simple and Type0/Identity-H fonts,
//! ToUnicode CMaps, WinAnsi/Standard/Differences encodings, form XObjects);
//! never panics on damaged data: what cannot be read is left out. Positions
//! are in points from the page's top-left corner, y growing downwards.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use unicode_normalization::UnicodeNormalization;

/// Decompressed content allowed per page (a guard against decompression bombs).
const CONTENT_LIMIT: usize = 64 << 20;
/// Nesting of form XObjects followed.
const FORM_DEPTH: usize = 8;

/// One page as lint sees it.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
}

/// A run of text in one font and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
    /// BaseFont without the subset tag ("LiberationSerif-Bold").
    pub font: String,
    pub bold: bool,
    pub italic: bool,
}

/// A line of text: glyphs on one baseline, close together.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    /// The size most of its characters have.
    pub size: f32,
    /// Every visible character is bold / italic.
    pub bold: bool,
    pub italic: bool,
    pub spans: Vec<Span>,
    /// The file wrote the text precomposed (NFC); `text` is NFC either way.
    pub nfc: bool,
}

impl Line {
    pub fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    /// No character is bold / italic.
    pub fn upright(&self) -> bool {
        self.spans.iter().all(|s| !s.italic || s.text.trim().is_empty())
    }
    pub fn regular(&self) -> bool {
        self.spans.iter().all(|s| !s.bold || s.text.trim().is_empty())
    }
}

/// A straight rule: horizontal (y0 == y1) or vertical (x0 == x1), with its thickness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub thickness: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.01
    }
    pub fn length(&self) -> f32 {
        (self.x1 - self.x0).max(self.y1 - self.y0)
    }
    pub fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The pages of a document.
pub fn read(bytes: &[u8]) -> Result<Vec<Page>, lopdf::Error> {
    let doc = Document::load_mem(bytes)?;
    let mut fonts = FontCache::default();
    let mut pages = Vec::new();
    for (_, id) in doc.get_pages() {
        pages.push(read_page(&doc, id, &mut fonts));
    }
    Ok(pages)
}

fn read_page(doc: &Document, id: ObjectId, fonts: &mut FontCache) -> Page {
    let page_dict = doc.get_dictionary(id).ok();
    let media = page_box(doc, page_dict, id).unwrap_or([0.0, 0.0, 595.276, 841.89]);
    let mut page = Page { width: (media[2] - media[0]).abs(), height: (media[3] - media[1]).abs(), ..Page::default() };
    let mut resources: Vec<&Dictionary> = Vec::new();
    if let Ok((own, inherited)) = doc.get_page_resources(id) {
        resources.extend(own);
        resources.extend(inherited.into_iter().filter_map(|r| doc.get_dictionary(r).ok()));
    }
    let content = doc.get_page_content_with_limit(id, CONTENT_LIMIT).unwrap_or_default();
    let mut ink = Ink::default();
    let state = GState { ctm: [1.0, 0.0, 0.0, 1.0, -media[0].min(media[2]), -media[1].min(media[3])], ..GState::default() };
    run(doc, &content, &resources, state, fonts, &mut ink, 0);
    let top = page.height;
    for g in &mut ink.glyphs {
        g.y = top - g.y;
    }
    for r in &mut ink.rules {
        r.y0 = top - r.y0;
        r.y1 = top - r.y1;
        if r.y0 > r.y1 {
            std::mem::swap(&mut r.y0, &mut r.y1);
        }
    }
    page.lines = lines(ink.glyphs, fonts);
    // Some producers (LibreOffice) draw a rule twice.
    let mut rules: Vec<Rule> = Vec::new();
    for r in ink.rules {
        let same =
            |q: &Rule| (q.x0 - r.x0).abs() < 0.1 && (q.x1 - r.x1).abs() < 0.1 && (q.y0 - r.y0).abs() < 0.1 && (q.y1 - r.y1).abs() < 0.1;
        if !rules.iter().any(same) {
            rules.push(r);
        }
    }
    page.rules = rules;
    page
}

/// The page's MediaBox (inherited from the page tree when absent).
fn page_box<'a>(doc: &'a Document, mut dict: Option<&'a Dictionary>, _id: ObjectId) -> Option<[f32; 4]> {
    for _ in 0..32 {
        let d = dict?;
        if let Ok(o) = d.get(b"MediaBox") {
            let arr = doc.dereference(o).ok()?.1.as_array().ok()?;
            let v: Vec<f32> = arr.iter().filter_map(|o| doc.dereference(o).ok().and_then(|(_, o)| o.as_float().ok())).collect();
            if let [a, b, c, e] = v.as_slice() {
                return Some([*a, *b, *c, *e]);
            }
            return None;
        }
        dict = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok()).and_then(|r| doc.get_dictionary(r).ok());
    }
    None
}

type Matrix = [f32; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// How long a unit vector along y becomes (the vertical scale of a matrix).
fn vscale(m: &Matrix) -> f32 {
    (m[2] * m[2] + m[3] * m[3]).sqrt()
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    line_width: f32,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    /// Tr: 2 fills and strokes (a bold drawn by thickening), 3 draws nothing.
    render: i64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            line_width: 1.0,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// One glyph in device space (y still upwards until the page flips it).
#[derive(Debug, Clone)]
struct Glyph {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    font: usize,
    /// Drawn thickened (Tr 2), as Word does for a font without a bold face.
    thick: bool,
    text: String,
}

#[derive(Default)]
struct Ink {
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

/// A subpath in device space; `rect` marks one made by `re`.
#[derive(Default, Clone)]
struct Subpath {
    points: Vec<(f32, f32)>,
    closed: bool,
}

fn nums(ops: &[Object]) -> Vec<f32> {
    ops.iter().map(|o| o.as_float().unwrap_or(0.0)).collect()
}

/// Interprets one content stream.
fn run(doc: &Document, content: &[u8], resources: &[&Dictionary], start: GState, fonts: &mut FontCache, ink: &mut Ink, depth: usize) {
    let Ok(content) = Content::decode(content) else { return };
    let mut gs = start;
    let mut stack: Vec<GState> = Vec::new();
    let mut tm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut tlm: Matrix = tm;
    let mut path: Vec<Subpath> = Vec::new();
    for op in &content.operations {
        let a = &op.operands;
        match op.operator.as_str() {
            "q" if stack.len() < 256 => {
                stack.push(gs.clone());
            }
            "Q" => {
                if let Some(s) = stack.pop() {
                    gs = s;
                }
            }
            "cm" => {
                if let [m0, m1, m2, m3, m4, m5] = nums(a)[..] {
                    gs.ctm = mul(&[m0, m1, m2, m3, m4, m5], &gs.ctm);
                }
            }
            "w" => {
                if let Some(w) = nums(a).first() {
                    gs.line_width = *w;
                }
            }
            "m" => {
                if let [x, y] = nums(a)[..] {
                    path.push(Subpath { points: vec![apply(&gs.ctm, x, y)], closed: false });
                }
            }
            "l" => {
                if let ([x, y], Some(sp)) = (&nums(a)[..], path.last_mut()) {
                    sp.points.push(apply(&gs.ctm, *x, *y));
                }
            }
            "c" | "v" | "y" => {
                // Curves draw no rules; keep the end point so a following line starts right.
                let v = nums(a);
                if let (Some(sp), true) = (path.last_mut(), v.len() >= 4) {
                    let (x, y) = (v[v.len() - 2], v[v.len() - 1]);
                    sp.points.push(apply(&gs.ctm, x, y));
                    sp.closed = true; // not a straight line: never a rule
                    sp.points.push((f32::NAN, f32::NAN));
                }
            }
            "h" => {
                if let Some(sp) = path.last_mut() {
                    if let Some(&first) = sp.points.first() {
                        sp.points.push(first);
                    }
                    sp.closed = true;
                }
            }
            "re" => {
                if let [x, y, w, h] = nums(a)[..] {
                    let pts = vec![
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                        apply(&gs.ctm, x, y),
                    ];
                    path.push(Subpath { points: pts, closed: true });
                }
            }
            "S" | "s" => {
                stroke(&path, &gs, ink);
                path.clear();
            }
            "f" | "F" | "f*" => {
                fill(&path, ink);
                path.clear();
            }
            "B" | "B*" | "b" | "b*" => {
                fill(&path, ink);
                stroke(&path, &gs, ink);
                path.clear();
            }
            "n" => path.clear(),
            "BT" => {
                tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
                tlm = tm;
            }
            "Tf" => {
                if let [name, size] = &a[..] {
                    gs.font = name.as_name().ok().and_then(|n| fonts.lookup(doc, resources, n));
                    gs.size = size.as_float().unwrap_or(0.0);
                }
            }
            "Tc" => gs.char_spacing = nums(a).first().copied().unwrap_or(0.0),
            "Tw" => gs.word_spacing = nums(a).first().copied().unwrap_or(0.0),
            "Tz" => gs.hscale = nums(a).first().copied().unwrap_or(100.0) / 100.0,
            "TL" => gs.leading = nums(a).first().copied().unwrap_or(0.0),
            "Ts" => gs.rise = nums(a).first().copied().unwrap_or(0.0),
            "Tr" => gs.render = a.first().and_then(|o| o.as_i64().ok()).unwrap_or(0),
            "Td" | "TD" => {
                if let [x, y] = nums(a)[..] {
                    if op.operator == "TD" {
                        gs.leading = -y;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &tlm);
                    tm = tlm;
                }
            }
            "Tm" => {
                if let [m0, m1, m2, m3, m4, m5] = nums(a)[..] {
                    tlm = [m0, m1, m2, m3, m4, m5];
                    tm = tlm;
                }
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" => {
                if op.operator != "Tj" {
                    if op.operator == "\"" {
                        let v = nums(a);
                        if v.len() >= 2 {
                            gs.word_spacing = v[0];
                            gs.char_spacing = v[1];
                        }
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                if let Some(Ok(bytes)) = a.last().map(Object::as_str) {
                    show(bytes, &gs, &mut tm, fonts, ink);
                }
            }
            "TJ" => {
                if let Some(Ok(items)) = a.first().map(Object::as_array) {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => show(bytes, &gs, &mut tm, fonts, ink),
                            other => {
                                let n = other.as_float().unwrap_or(0.0);
                                let tx = -n / 1000.0 * gs.size * gs.hscale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                        }
                    }
                }
            }
            "Do" => {
                if depth < FORM_DEPTH
                    && let Some(Ok(name)) = a.first().map(Object::as_name)
                {
                    form(doc, resources, name, &gs, fonts, ink, depth);
                }
            }
            _ => {}
        }
    }
}

/// A form XObject drawn with `Do`: its content under its matrix, with its own resources.
fn form(doc: &Document, resources: &[&Dictionary], name: &[u8], gs: &GState, fonts: &mut FontCache, ink: &mut Ink, depth: usize) {
    let Some(stream) = resources.iter().find_map(|r| {
        let xobjects = deref_dict(doc, r.get(b"XObject").ok()?)?;
        doc.dereference(xobjects.get(name).ok()?).ok()?.1.as_stream().ok()
    }) else {
        return;
    };
    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
        return;
    }
    let mut inner = gs.clone();
    if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array)
        && let [m0, m1, m2, m3, m4, m5] = nums(m)[..]
    {
        inner.ctm = mul(&[m0, m1, m2, m3, m4, m5], &inner.ctm);
    }
    let own = stream.dict.get(b"Resources").ok().and_then(|r| deref_dict(doc, r));
    let mut res: Vec<&Dictionary> = own.into_iter().collect();
    res.extend_from_slice(resources);
    let content = stream.decompressed_content_with_limit(CONTENT_LIMIT).unwrap_or_else(|_| stream.content.clone());
    run(doc, &content, &res, inner, fonts, ink, depth + 1);
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(o).ok()?.1.as_dict().ok()
}

/// Strokes: every horizontal or vertical straight segment longer than 2 pt.
fn stroke(path: &[Subpath], gs: &GState, ink: &mut Ink) {
    let width = gs.line_width.max(0.0) * vscale(&gs.ctm).max(1e-3);
    for sp in path {
        for pair in sp.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
                continue;
            }
            if (y0 - y1).abs() < 0.5 && (x1 - x0).abs() > 2.0 {
                let y = (y0 + y1) / 2.0;
                ink.rules.push(Rule { x0: x0.min(x1), x1: x0.max(x1), y0: y, y1: y, thickness: width });
            } else if (x0 - x1).abs() < 0.5 && (y1 - y0).abs() > 2.0 {
                let x = (x0 + x1) / 2.0;
                ink.rules.push(Rule { x0: x, x1: x, y0: y0.min(y1), y1: y0.max(y1), thickness: width });
            }
        }
    }
}

/// Fills: a thin shape (≤ 1.5 pt high or wide) draws a rule along its long side.
fn fill(path: &[Subpath], ink: &mut Ink) {
    for sp in path {
        let pts: Vec<&(f32, f32)> = sp.points.iter().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
        if pts.len() < 3 || pts.len() != sp.points.len() {
            continue;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in pts {
            x0 = x0.min(*x);
            y0 = y0.min(*y);
            x1 = x1.max(*x);
            y1 = y1.max(*y);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if h <= 1.5 && w > 2.0 {
            let y = (y0 + y1) / 2.0;
            ink.rules.push(Rule { x0, x1, y0: y, y1: y, thickness: h });
        } else if w <= 1.5 && h > 2.0 {
            let x = (x0 + x1) / 2.0;
            ink.rules.push(Rule { x0: x, x1: x, y0, y1, thickness: w });
        }
    }
}

/// Shows a string: one glyph per character code, advancing the text matrix.
fn show(bytes: &[u8], gs: &GState, tm: &mut Matrix, fonts: &FontCache, ink: &mut Ink) {
    let Some(font) = gs.font.and_then(|f| fonts.fonts.get(f).map(|font| (f, font))) else { return };
    let (index, font) = font;
    let step = if font.two_byte { 2 } else { 1 };
    for chunk in bytes.chunks(step) {
        let code = chunk.iter().fold(0u32, |acc, b| acc * 256 + u32::from(*b));
        let w0 = font.width(code) / 1000.0;
        let trm = mul(&[gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise], &mul(tm, &gs.ctm));
        let (x0, y) = apply(&trm, 0.0, 0.0);
        let (x1, _) = apply(&trm, w0, 0.0);
        let size = vscale(&trm);
        let text = font.text(code);
        let visible = gs.render != 3 && gs.render != 7;
        if visible && !text.is_empty() && size > 0.1 && x0.is_finite() && y.is_finite() {
            ink.glyphs.push(Glyph { x0: x0.min(x1), x1: x0.max(x1), y, size, font: index, thick: gs.render == 2, text });
        }
        let space = if step == 1 && code == 32 { gs.word_spacing } else { 0.0 };
        let tx = (w0 * gs.size + gs.char_spacing + space) * gs.hscale;
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
    }
}

/// What lint needs of a font.
#[derive(Debug, Clone, Default)]
pub struct Font {
    pub name: String,
    pub bold: bool,
    pub italic: bool,
    two_byte: bool,
    unicode: HashMap<u32, String>,
    simple: Vec<String>,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font {
    fn width(&self, code: u32) -> f32 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }

    fn text(&self, code: u32) -> String {
        if let Some(t) = self.unicode.get(&code) {
            return t.clone();
        }
        if !self.two_byte
            && let Some(t) = self.simple.get(code as usize)
        {
            return t.clone();
        }
        String::new()
    }
}

#[derive(Default)]
struct FontCache {
    fonts: Vec<Font>,
    by_id: HashMap<ObjectId, usize>,
}

impl FontCache {
    fn lookup(&mut self, doc: &Document, resources: &[&Dictionary], name: &[u8]) -> Option<usize> {
        for r in resources {
            let Some(dict) = r.get(b"Font").ok().and_then(|f| deref_dict(doc, f)) else { continue };
            let Ok(entry) = dict.get(name) else { continue };
            let id = entry.as_reference().ok();
            if let Some(i) = id.and_then(|id| self.by_id.get(&id)) {
                return Some(*i);
            }
            let font_dict = deref_dict(doc, entry)?;
            let font = load_font(doc, font_dict);
            self.fonts.push(font);
            let index = self.fonts.len() - 1;
            if let Some(id) = id {
                self.by_id.insert(id, index);
            }
            return Some(index);
        }
        None
    }
}

/// The BaseFont without its subset tag ("ABCDEF+").
pub fn plain_name(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn load_font(doc: &Document, dict: &Dictionary) -> Font {
    let name_of = |d: &Dictionary| d.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned()).ok();
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
    let mut font = Font { name: plain_name(&name_of(dict).unwrap_or_default()).to_string(), ..Font::default() };
    let descendant = (subtype == b"Type0")
        .then(|| dict.get(b"DescendantFonts").ok().and_then(|d| doc.dereference(d).ok()?.1.as_array().ok()))
        .flatten()
        .and_then(|a| a.first())
        .and_then(|d| deref_dict(doc, d));
    let descriptor_owner = descendant.unwrap_or(dict);
    if let Some(desc) = descriptor_owner.get(b"FontDescriptor").ok().and_then(|d| deref_dict(doc, d)) {
        let flags = desc.get(b"Flags").and_then(Object::as_i64).unwrap_or(0);
        let angle = desc.get(b"ItalicAngle").and_then(Object::as_float).unwrap_or(0.0);
        let weight = desc.get(b"FontWeight").and_then(Object::as_float).unwrap_or(400.0);
        font.italic |= flags & 64 != 0 || angle.abs() > 0.5;
        font.bold |= flags & 262_144 != 0 || weight >= 600.0;
    }
    let lower = font.name.to_ascii_lowercase();
    font.bold |= ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| lower.contains(w));
    font.italic |= lower.contains("italic") || lower.contains("oblique");
    if let Some(d) = descendant {
        font.two_byte = true;
        font.default_width = d.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
        if let Some(w) = d.get(b"W").ok().and_then(|w| doc.dereference(w).ok()?.1.as_array().ok()) {
            cid_widths(doc, w, &mut font.widths);
        }
    } else {
        font.default_width = 500.0;
        let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0).clamp(0, 65_535) as u32;
        if let Some(w) = dict.get(b"Widths").ok().and_then(|w| doc.dereference(w).ok()?.1.as_array().ok()) {
            for (i, o) in w.iter().enumerate().take(65_536) {
                if let Ok(v) = doc.dereference(o).map(|(_, o)| o.as_float()) {
                    font.widths.insert(first + i as u32, v.unwrap_or(0.0));
                }
            }
        }
        font.simple = match dict.get_font_encoding(doc) {
            Ok(enc) => (0u8..=255).map(|b| enc.bytes_to_string(&[b]).unwrap_or_default()).collect(),
            Err(_) => Vec::new(),
        };
    }
    if let Some(stream) = dict.get(b"ToUnicode").ok().and_then(|t| doc.dereference(t).ok()?.1.as_stream().ok())
        && let Ok(data) = stream.decompressed_content_with_limit(CONTENT_LIMIT).or_else(|_| Ok::<_, ()>(stream.content.clone()))
    {
        font.unicode = cmap(&data);
    }
    font
}

/// The W array of a CID font: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let value = |o: &Object| doc.dereference(o).ok().and_then(|(_, o)| o.as_float().ok());
    let mut i = 0;
    while i < w.len() {
        let Some(first) = value(&w[i]) else { return };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| doc.dereference(o).map(|(_, o)| o)) {
            Some(Ok(Object::Array(list))) => {
                for (k, o) in list.iter().enumerate().take(65_536) {
                    out.insert(first + k as u32, value(o).unwrap_or(0.0));
                }
                i += 2;
            }
            Some(_) => {
                let (Some(last), Some(width)) = (w.get(i + 1).and_then(value), w.get(i + 2).and_then(value)) else { return };
                let last = (last.max(0.0) as u32).min(first + 65_536);
                for c in first..=last {
                    out.insert(c, width);
                }
                i += 3;
            }
            None => return,
        }
    }
}

#[derive(Debug, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(String),
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i + 1..].iter().position(|&b| b == b'>').map_or(data.len(), |p| i + 1 + p);
                let digits: Vec<u8> = data[i + 1..end].iter().filter(|b| b.is_ascii_hexdigit()).copied().collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).unwrap_or("0");
                        let s = if s.len() == 1 { format!("{s}0") } else { s.to_string() };
                        u8::from_str_radix(&s, 16).unwrap_or(0)
                    })
                    .collect();
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            c if c.is_ascii_alphanumeric() => {
                let start = i;
                while i < data.len() && (data[i].is_ascii_alphanumeric() || data[i] == b'_') {
                    i += 1;
                }
                out.push(Tok::Word(String::from_utf8_lossy(&data[start..i]).into_owned()));
            }
            _ => i += 1,
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|p| if p.len() == 2 { u16::from_be_bytes([p[0], p[1]]) } else { u16::from(p[0]) }).collect();
    String::from_utf16_lossy(&units)
}

/// A ToUnicode CMap's bfchar and bfrange entries.
fn cmap(data: &[u8]) -> HashMap<u32, String> {
    let toks = tokens(data);
    let mut out = HashMap::new();
    let mut i = 0;
    let mut mode = "";
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "beginbfchar" => mode = "char",
            Tok::Word(w) if w == "beginbfrange" => mode = "range",
            Tok::Word(w) if w.starts_with("end") => mode = "",
            Tok::Hex(src) if mode == "char" => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    out.insert(code_of(src), utf16(dst));
                    i += 1;
                }
            }
            Tok::Hex(lo) if mode == "range" => {
                let (lo, hi) = match toks.get(i + 1) {
                    Some(Tok::Hex(hi)) => (code_of(lo), code_of(hi)),
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let hi = hi.min(lo.saturating_add(65_535));
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) if !dst.is_empty() => {
                        let mut dst = dst.clone();
                        for code in lo..=hi {
                            out.insert(code, utf16(&dst));
                            // The last byte counts up through the range.
                            if let Some(last) = dst.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 2;
                    }
                    Some(Tok::Open) => {
                        let mut k = i + 3;
                        let mut code = lo;
                        while let Some(Tok::Hex(dst)) = toks.get(k) {
                            if code <= hi {
                                out.insert(code, utf16(dst));
                            }
                            code = code.saturating_add(1);
                            k += 1;
                        }
                        i = k;
                    }
                    _ => i += 1,
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Glyphs grouped into lines: the same baseline (±1 pt), gaps under 1.5 em
/// (under 0.3 em where no space glyph bridges them).
fn lines(mut glyphs: Vec<Glyph>, fonts: &FontCache) -> Vec<Line> {
    // A producer that writes spaces as glyphs leaves no bare gap between words:
    // there a gap without a space glyph parts two columns, even a narrow one.
    let spaces = glyphs.iter().filter(|g| g.text == " ").count();
    let spaced = spaces * 30 > glyphs.len();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut bands: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match bands.last_mut() {
            Some(band) if (g.y - band[0].y).abs() <= 1.0 => band.push(g),
            _ => bands.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut band in bands {
        band.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut current: Vec<Glyph> = Vec::new();
        let mut end = f32::MIN; // the right end of the line so far
        for g in band {
            if let Some(prev) = current.last() {
                let em = prev.size.max(g.size);
                let gap = g.x0 - end;
                let bare = spaced && prev.text != " " && g.text != " ";
                if gap > 1.5 * em || (bare && gap > 0.3 * em) {
                    out.extend(make_line(std::mem::take(&mut current), fonts));
                    end = f32::MIN;
                }
            }
            end = end.max(g.x1);
            current.push(g);
        }
        out.extend(make_line(current, fonts));
    }
    out
}

fn make_line(glyphs: Vec<Glyph>, fonts: &FontCache) -> Option<Line> {
    let visible: Vec<&Glyph> = glyphs.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let (first, last) = (visible.first()?, visible.last()?);
    let mut spans: Vec<Span> = Vec::new();
    let mut end = f32::MIN;
    for g in &glyphs {
        let font = fonts.fonts.get(g.font);
        let (name, bold, italic) = font.map_or(("", false, false), |f| (f.name.as_str(), f.bold || g.thick, f.italic));
        // A gap wider than a fifth of an em without a space glyph is a word space.
        let gap = end > f32::MIN && g.x0 - end > 0.2 * g.size;
        let same = spans.last().is_some_and(|s| s.font == name && s.bold == bold && (s.size - g.size).abs() < 0.05);
        if same && let Some(s) = spans.last_mut() {
            if gap && !s.text.ends_with(' ') && !g.text.starts_with(' ') {
                s.text.push(' ');
            }
            s.text.push_str(&g.text);
            if !g.text.trim().is_empty() {
                s.x1 = g.x1;
            }
        } else {
            let mut text = String::new();
            if gap
                && let Some(s) = spans.last_mut()
                && !s.text.ends_with(' ')
                && !g.text.starts_with(' ')
            {
                s.text.push(' ');
            }
            text.push_str(&g.text);
            spans.push(Span { text, x0: g.x0, x1: g.x1, size: g.size, font: name.to_string(), bold, italic });
        }
        end = end.max(g.x1);
    }
    // Text is compared in NFC; whether the file wrote it so is kept (C-10).
    let raw: String = spans.iter().map(|s| s.text.as_str()).collect::<String>();
    let nfc = unicode_normalization::is_nfc(&raw);
    if !nfc {
        for s in &mut spans {
            s.text = s.text.nfc().collect();
        }
    }
    let text: String = spans.iter().map(|s| s.text.as_str()).collect::<String>().trim().to_string();
    // Size by character count.
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for s in &spans {
        let n = s.text.trim().chars().count();
        match sizes.iter_mut().find(|(size, _)| (size - s.size).abs() < 0.05) {
            Some(e) => e.1 += n,
            None => sizes.push((s.size, n)),
        }
    }
    let size = sizes.iter().max_by_key(|e| e.1).map_or(first.size, |e| e.0);
    let styled = |f: fn(&Span) -> bool| spans.iter().filter(|s| !s.text.trim().is_empty()).all(f);
    Some(Line {
        bold: styled(|s| s.bold),
        italic: styled(|s| s.italic),
        text,
        x0: first.x0,
        x1: last.x1,
        baseline: first.y,
        size,
        spans,
        nfc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cmap_gives_chars_and_ranges() {
        let data = b"begincmap 2 beginbfchar <0003> <0020> <0011> <1EA1> endbfchar\n\
            1 beginbfrange <0041> <0043> <0061> endbfrange 1 beginbfrange <0050> <0051> [<0110> <0111>] endbfrange endcmap";
        let map = cmap(data);
        assert_eq!(map.get(&3).map(String::as_str), Some(" "));
        assert_eq!(map.get(&0x11).map(String::as_str), Some("ạ"));
        assert_eq!(map.get(&0x42).map(String::as_str), Some("b"));
        assert_eq!(map.get(&0x51).map(String::as_str), Some("đ"));
    }

    /// A hand-made page: simple and Type0 fonts, Tm/Td/TL/'/TJ/Tz/Tc, q/cm/Q,
    /// a stroked line and a thin filled rectangle, at known places.
    #[test]
    fn content_streams_are_interpreted_as_the_pdf_reference_says() {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        let widths: Vec<Object> = (32..=122).map(|_| Object::Integer(500)).collect();
        let f1 = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Bold",
            "FirstChar" => 32, "LastChar" => 122, "Widths" => widths, "Encoding" => "WinAnsiEncoding",
        });
        let cmap = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0001> <0110> <0002> <1EA3> endbfchar endcmap"
            .to_vec();
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap));
        let cid = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+LiberationSerif-Italic",
            "W" => vec![Object::Integer(1), Object::Array(vec![Object::Integer(700), Object::Integer(450)])],
        });
        let f2 = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+LiberationSerif-Italic",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(cid)], "ToUnicode" => to_unicode,
        });
        let content = b"q 1 0 0 1 10 0 cm BT /F1 10 Tf 1 0 0 1 50 700 Tm (AB) Tj ET Q\n\
            BT /F1 12 Tf 2 0 0 2 100 600 Tm (A) Tj ET\n\
            BT /F1 10 Tf 14 TL 50 500 Td (X) Tj (Y) ' ET\n\
            BT /F2 10 Tf 50 400 Td [<0001> -250 <0002>] TJ ET\n\
            BT /F1 10 Tf 50 Tz 300 400 Td (AB) Tj ET\n\
            BT /F1 10 Tf 100 Tz 2 Tc 50 250 Td (A A) Tj ET\n\
            0.5 w 100 300 m 200 300 l S 200 200 50 1 re f"
            .to_vec();
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => contents,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();

        let pages = read(&bytes).unwrap();
        let p = &pages[0];
        assert_eq!((p.width, p.height), (595.0, 842.0));
        let line = |text: &str| p.lines.iter().find(|l| l.text == text).unwrap_or_else(|| panic!("{text:?} in {:#?}", p.lines));
        let close = |a: f32, b: f32| (a - b).abs() < 0.01;
        let ab = line("AB");
        assert!(close(ab.x0, 60.0) && close(ab.x1, 70.0) && close(ab.baseline, 142.0) && close(ab.size, 10.0), "{ab:?}");
        assert!(ab.bold && !ab.italic && ab.spans[0].font == "Times-Bold");
        let a = line("A");
        assert!(close(a.x0, 100.0) && close(a.x1, 112.0) && close(a.size, 24.0), "{a:?}");
        assert!(close(line("X").baseline, 342.0) && close(line("Y").baseline, 356.0));
        // Two-byte codes through the ToUnicode map, widths from W, the TJ gap as a space.
        let cid_line = line("Đ ả");
        assert!(close(cid_line.x0, 50.0) && close(cid_line.x1, 64.0) && cid_line.italic && !cid_line.bold, "{cid_line:?}");
        assert_eq!(cid_line.spans[0].font, "LiberationSerif-Italic");
        // Tz 50 halves the advance.
        let squeezed = p.lines.iter().find(|l| close(l.x0, 300.0)).unwrap();
        assert!(close(squeezed.x1, 305.0), "{squeezed:?}");
        // Tc adds to every advance.
        let spaced = line("A A");
        assert!(close(spaced.x1, 69.0), "{spaced:?}");
        let rule = |y: f32| p.rules.iter().find(|r| r.horizontal() && (r.y0 - y).abs() < 0.6).copied();
        let stroke = rule(542.0).expect("the stroked line");
        assert!(close(stroke.x0, 100.0) && close(stroke.x1, 200.0) && close(stroke.thickness, 0.5));
        let bar = rule(641.5).expect("the thin rectangle");
        assert!(close(bar.x0, 200.0) && close(bar.length(), 50.0) && close(bar.thickness, 1.0));
    }

    #[test]
    fn the_subset_tag_is_dropped() {
        assert_eq!(plain_name("ABCDEF+LiberationSerif-Bold"), "LiberationSerif-Bold");
        assert_eq!(plain_name("Times New Roman,Bold"), "Times New Roman,Bold");
    }
}
