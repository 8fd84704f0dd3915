//! The DOCX package as lint sees it: paragraphs in body order (table cells
//! included, each knowing its table, row and column) with every property
//! resolved the way Word resolves it, the sections' page setup, and the
//! header/footer parts with their PAGE fields.
//!
//! Resolution order (ECMA-376 §17.7.2): document defaults → table style →
//! paragraph style (basedOn chain) → character style → direct formatting.
//! Toggle properties (bold, italic, caps) flip at each style level that turns
//! them on and are set outright by direct formatting (§17.7.3). Theme fonts
//! (`w:asciiTheme`) are looked up in `word/theme/theme1.xml`.
//!
//! Contract: nothing here panics on a foreign file; a missing optional part
//! (styles, settings, theme, headers) reads as empty.

use std::collections::HashMap;
use std::io::Read;

use super::tree::{self, El};

/// 1 mm in twentieths of a point.
pub const TWIPS_PER_MM: f32 = 56.692_913;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Both,
}

/// Line spacing as the XML states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineRule {
    /// A multiple of single spacing (`lineRule="auto"`, 240 = 1.0).
    Multiple(f32),
    /// Exactly this many points.
    Exact(f32),
    /// At least this many points.
    AtLeast(f32),
}

/// Resolved character properties.
#[derive(Debug, Clone, PartialEq)]
pub struct RunProps {
    /// The font of ASCII text (`w:ascii`) and of other Latin text, Vietnamese letters included (`w:hAnsi`).
    pub ascii: Option<String>,
    pub hansi: Option<String>,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub caps: bool,
    pub small_caps: bool,
    pub underline: bool,
    /// `w:color` unless auto/black.
    pub color: Option<String>,
    /// Superscript or subscript (footnote marks).
    pub raised: bool,
    /// Proofing language of Latin text (`w:lang w:val`).
    pub lang: Option<String>,
}

impl Default for RunProps {
    fn default() -> RunProps {
        // Word's own defaults when nothing states a value: 10 pt, no font named.
        RunProps {
            ascii: None,
            hansi: None,
            size: 10.0,
            bold: false,
            italic: false,
            caps: false,
            small_caps: false,
            underline: false,
            color: None,
            raised: false,
            lang: None,
        }
    }
}

impl RunProps {
    /// The font that shows `text`: hAnsi for Vietnamese letters, ascii for plain ASCII.
    pub fn fonts_for(&self, text: &str) -> Vec<Option<&str>> {
        let mut out = Vec::new();
        if text.chars().any(|c| c.is_ascii() && !c.is_whitespace()) {
            out.push(self.ascii.as_deref());
        }
        if text.chars().any(|c| !c.is_ascii() && !c.is_whitespace()) {
            out.push(self.hansi.as_deref());
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub props: RunProps,
    /// The list label Word draws from the numbering definitions ("-", "a)", "1."), not typed text.
    pub label: bool,
}

/// Where a paragraph sits in a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// 0-based index among the body's top-level tables, in order.
    pub table: usize,
    pub row: usize,
    /// 0-based grid column (spans counted).
    pub col: usize,
    /// The width available to text (cell width less its margins), when stated.
    pub text_width_mm: Option<f32>,
}

/// A horizontal line drawn as a shape, with its length when the XML states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub length_mm: Option<f32>,
}

/// A field (PAGE, NUMPAGES …) in a paragraph.
#[derive(Debug, Clone)]
pub struct Field {
    pub instr: String,
    pub props: RunProps,
}

impl Field {
    /// The PAGE field (not PAGEREF, NUMPAGES).
    pub fn is_page(&self) -> bool {
        self.instr.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
    }
}

#[derive(Debug, Clone)]
pub struct Para {
    /// 1-based position among the part's paragraphs.
    pub index: usize,
    pub runs: Vec<Run>,
    pub align: Align,
    pub left_mm: f32,
    pub right_mm: f32,
    /// First-line indent; negative for a hanging indent.
    pub first_line_mm: f32,
    pub before_pt: f32,
    pub after_pt: f32,
    pub line: LineRule,
    pub contextual: bool,
    pub style: String,
    pub numbered: bool,
    /// Custom tab stops: position from the left indent's origin (mm) and alignment ('l', 'c', 'r').
    pub tabs: Vec<(f32, char)>,
    pub cell: Option<Cell>,
    pub border_bottom: bool,
    pub shapes: Vec<Shape>,
    pub fields: Vec<Field>,
    /// Properties of the paragraph mark (what an empty paragraph is set in).
    pub mark: RunProps,
}

impl Para {
    /// The characters as stored.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The characters as shown: caps formatting applied.
    pub fn shown(&self) -> String {
        self.runs.iter().map(|r| if r.props.caps || r.props.small_caps { r.text.to_uppercase() } else { r.text.clone() }).collect()
    }

    /// The runs that show something (not only spaces).
    pub fn visible_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| r.text.chars().any(|c| !c.is_whitespace()))
    }

    pub fn is_empty(&self) -> bool {
        self.visible_runs().next().is_none()
    }

    /// True when every visible run has the property.
    pub fn all(&self, f: impl Fn(&RunProps) -> bool) -> bool {
        let mut any = false;
        for r in self.visible_runs() {
            any = true;
            if !f(&r.props) {
                return false;
            }
        }
        any
    }

    /// The sizes of the visible runs (footnote marks aside), deduplicated, in order.
    pub fn sizes(&self) -> Vec<f32> {
        let mut out: Vec<f32> = Vec::new();
        // A list label is drawn in the paragraph mark's size; the sizes are those of the typed text.
        for r in self.visible_runs().filter(|r| !r.props.raised && !r.label) {
            if !out.iter().any(|s| (s - r.props.size).abs() < 0.01) {
                out.push(r.props.size);
            }
        }
        out
    }

    /// The single size of the text, or the first when mixed.
    pub fn size(&self) -> f32 {
        self.sizes().first().copied().unwrap_or(self.mark.size)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HfKind {
    Default,
    First,
    Even,
}

/// A header or footer part referenced by the first section.
#[derive(Debug, Clone)]
pub struct HeaderFooter {
    pub kind: HfKind,
    pub footer: bool,
    pub paras: Vec<Para>,
}

impl HeaderFooter {
    pub fn page_fields(&self) -> impl Iterator<Item = (&Para, &Field)> {
        self.paras.iter().flat_map(|p| p.fields.iter().filter(|f| f.is_page()).map(move |f| (p, f)))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Page size in twips; None when `w:pgSz` is missing.
    pub width_tw: Option<f32>,
    pub height_tw: Option<f32>,
    pub landscape: bool,
    /// Margins in mm (the gutter added to the left); None when `w:pgMar` is missing.
    pub margins: Option<[f32; 4]>,
    pub title_pg: bool,
    pub headers: Vec<(HfKind, bool, String)>,
}

/// What lint reads from a DOCX.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// The body's paragraphs in order, table cells included.
    pub paras: Vec<Para>,
    pub sections: Vec<Section>,
    /// The first section's headers and footers.
    pub parts: Vec<HeaderFooter>,
    pub mirror_margins: bool,
    /// The halves of a header typed with tabs instead of a table (see `roles::tab_header`).
    pub tab_header: Vec<Para>,
}

struct Style {
    kind: String,
    based_on: Option<String>,
    ppr: Option<El>,
    rpr: Option<El>,
    tbl_cell_mar: Option<(f32, f32)>,
}

/// The styles part and the theme's fonts.
#[derive(Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_para: Option<String>,
    default_table: Option<String>,
    default_char: Option<String>,
    ppr_default: Option<El>,
    rpr_default: Option<El>,
    major_font: Option<String>,
    minor_font: Option<String>,
    numbering: Numbering,
}

/// One level of a list definition (`w:abstractNum/w:lvl`).
struct NumLevel {
    format: String,
    text: String,
    start: u32,
    ppr: Option<El>,
    rpr: Option<El>,
}

/// `word/numbering.xml`: list instances and the levels of their definitions.
#[derive(Default)]
struct Numbering {
    abstract_of: HashMap<String, String>,
    levels: HashMap<(String, usize), NumLevel>,
}

impl Numbering {
    fn read(xml: Option<&El>) -> Numbering {
        let mut out = Numbering::default();
        let Some(xml) = xml else { return out };
        for a in xml.children("w:abstractNum") {
            let Some(id) = a.attr("w:abstractNumId") else { continue };
            for lvl in a.children("w:lvl") {
                let ilvl = num(lvl.attr("w:ilvl")).unwrap_or(0.0).clamp(0.0, 8.0) as usize;
                let val = |name: &str| lvl.child(name).and_then(|e| e.attr("w:val")).map(str::to_string);
                out.levels.insert(
                    (id.to_string(), ilvl),
                    NumLevel {
                        format: val("w:numFmt").unwrap_or_else(|| "decimal".into()),
                        text: val("w:lvlText").unwrap_or_default(),
                        start: lvl.child("w:start").and_then(|e| num(e.attr("w:val"))).unwrap_or(1.0).clamp(0.0, 1e6) as u32,
                        ppr: lvl.child("w:pPr").cloned(),
                        rpr: lvl.child("w:rPr").cloned(),
                    },
                );
            }
        }
        for n in xml.children("w:num") {
            if let (Some(id), Some(a)) = (n.attr("w:numId"), n.child("w:abstractNumId").and_then(|a| a.attr("w:val"))) {
                out.abstract_of.insert(id.to_string(), a.to_string());
            }
        }
        out
    }
}

/// A list counter in a numbering format.
fn format_number(n: u32, format: &str) -> String {
    let letter = |upper: bool| {
        // Word repeats the letter past z: a … z, aa … zz.
        let n = n.max(1) - 1;
        let c = (b'a' + (n % 26) as u8) as char;
        let s = c.to_string().repeat(n as usize / 26 + 1);
        if upper { s.to_uppercase() } else { s }
    };
    match format {
        "upperRoman" => crate::vi::roman(u64::from(n)),
        "lowerRoman" => crate::vi::roman(u64::from(n)).to_lowercase(),
        "upperLetter" => letter(true),
        "lowerLetter" => letter(false),
        "decimalZero" if n < 10 => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Symbol-font bullets live in the private use area; show them as what they look like.
fn bullet_char(c: char) -> char {
    match c as u32 {
        0xF0B7 | 0xF06C => '•',
        0xF0A7 | 0xF06E => '▪',
        0xF0D8 => '➢',
        0xF076 => '❖',
        0xF0FC => '✓',
        0xE000..=0xF8FF => '•',
        _ => c,
    }
}

impl Styles {
    fn read(styles: Option<&El>, theme: Option<&El>, numbering: Option<&El>) -> Styles {
        let mut out = Styles { numbering: Numbering::read(numbering), ..Styles::default() };
        if let Some(theme) = theme {
            out.major_font =
                theme.find("a:majorFont").and_then(|f| f.child("a:latin")).and_then(|l| l.attr("typeface")).map(str::to_string);
            out.minor_font =
                theme.find("a:minorFont").and_then(|f| f.child("a:latin")).and_then(|l| l.attr("typeface")).map(str::to_string);
        }
        let Some(styles) = styles else { return out };
        if let Some(d) = styles.child("w:docDefaults") {
            out.rpr_default = d.child("w:rPrDefault").and_then(|r| r.child("w:rPr")).cloned();
            out.ppr_default = d.child("w:pPrDefault").and_then(|p| p.child("w:pPr")).cloned();
        }
        for s in styles.children("w:style") {
            let Some(id) = s.attr("w:styleId") else { continue };
            let kind = s.attr("w:type").unwrap_or("paragraph").to_string();
            if matches!(s.attr("w:default"), Some("1" | "true" | "on")) {
                match kind.as_str() {
                    "paragraph" => out.default_para = Some(id.to_string()),
                    "table" => out.default_table = Some(id.to_string()),
                    "character" => out.default_char = Some(id.to_string()),
                    _ => {}
                }
            }
            let tbl_cell_mar = s.child("w:tblPr").and_then(|t| t.child("w:tblCellMar")).map(cell_margins);
            out.by_id.insert(
                id.to_string(),
                Style {
                    kind,
                    based_on: s.child("w:basedOn").and_then(|b| b.attr("w:val")).map(str::to_string),
                    ppr: s.child("w:pPr").cloned(),
                    rpr: s.child("w:rPr").cloned(),
                    tbl_cell_mar,
                },
            );
        }
        out
    }

    /// The style and its ancestors, root first (cycles cut).
    fn chain(&self, id: Option<&str>, kind: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            if seen.contains(&id) || seen.len() > 32 {
                break;
            }
            seen.push(id);
            let Some(style) = self.by_id.get(id) else { break };
            if style.kind != kind {
                break;
            }
            out.push(style);
            next = style.based_on.as_deref();
        }
        out.reverse();
        out
    }

    fn theme_font(&self, name: &str) -> Option<String> {
        if name.starts_with("major") {
            self.major_font.clone()
        } else if name.starts_with("minor") {
            self.minor_font.clone()
        } else {
            None
        }
    }
}

fn cell_margins(mar: &El) -> (f32, f32) {
    let side = |names: [&str; 2]| {
        names.iter().find_map(|n| mar.child(n)).filter(|e| e.attr("w:type").is_none_or(|t| t == "dxa")).and_then(|e| num(e.attr("w:w")))
    };
    (side(["w:left", "w:start"]).unwrap_or(0.0) / TWIPS_PER_MM, side(["w:right", "w:end"]).unwrap_or(0.0) / TWIPS_PER_MM)
}

fn num(v: Option<&str>) -> Option<f32> {
    v.and_then(|v| v.trim().parse::<f32>().ok()).filter(|v| v.is_finite())
}

/// `w:val` of an on/off property: absent or "1"/"true"/"on" is on.
fn on(e: &El) -> bool {
    !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none"))
}

/// The non-toggle character properties, applied level by level.
#[derive(Default, Clone)]
struct RunAcc {
    ascii: Option<String>,
    hansi: Option<String>,
    size: Option<f32>,
    underline: Option<bool>,
    color: Option<Option<String>>,
    raised: Option<bool>,
    lang: Option<String>,
}

const TOGGLES: [&str; 4] = ["w:b", "w:i", "w:caps", "w:smallCaps"];

impl RunAcc {
    fn apply(&mut self, rpr: &El, styles: &Styles) {
        if let Some(f) = rpr.child("w:rFonts") {
            let theme_ascii = f.attr("w:asciiTheme").and_then(|t| styles.theme_font(t));
            let theme_hansi = f.attr("w:hAnsiTheme").and_then(|t| styles.theme_font(t));
            if let Some(a) = theme_ascii.or_else(|| f.attr("w:ascii").map(str::to_string)) {
                self.ascii = Some(a);
            }
            if let Some(h) = theme_hansi.or_else(|| f.attr("w:hAnsi").map(str::to_string)) {
                self.hansi = Some(h);
            }
        }
        if let Some(sz) = rpr.child("w:sz").and_then(|s| num(s.attr("w:val"))) {
            self.size = Some(sz / 2.0);
        }
        if let Some(u) = rpr.child("w:u") {
            self.underline = Some(!matches!(u.attr("w:val"), Some("none")));
        }
        if let Some(c) = rpr.child("w:color") {
            let v = c.attr("w:val").unwrap_or("auto");
            self.color = Some(if v.eq_ignore_ascii_case("auto") || v == "000000" { None } else { Some(v.to_string()) });
        }
        if let Some(v) = rpr.child("w:vertAlign") {
            self.raised = Some(matches!(v.attr("w:val"), Some("superscript" | "subscript")));
        }
        if let Some(l) = rpr.child("w:lang").and_then(|l| l.attr("w:val")) {
            self.lang = Some(l.to_string());
        }
    }
}

/// A toggle's value at one style level: Some(true) when the level turns it on.
fn toggle_in(chain: &[&El], name: &str) -> Option<bool> {
    let mut v = None;
    for rpr in chain {
        if let Some(e) = rpr.child(name) {
            v = Some(on(e));
        }
    }
    v
}

/// Paragraph properties applied level by level.
#[derive(Clone)]
struct ParaAcc {
    align: Align,
    left: f32,
    right: f32,
    first: f32,
    before: f32,
    after: f32,
    line: LineRule,
    contextual: bool,
    num_id: Option<String>,
    ilvl: Option<usize>,
    border_bottom: bool,
    tabs: Vec<(f32, char)>,
}

impl Default for ParaAcc {
    fn default() -> ParaAcc {
        ParaAcc {
            align: Align::Left,
            left: 0.0,
            right: 0.0,
            first: 0.0,
            before: 0.0,
            after: 0.0,
            line: LineRule::Multiple(1.0),
            contextual: false,
            num_id: None,
            ilvl: None,
            tabs: Vec::new(),
            border_bottom: false,
        }
    }
}

impl ParaAcc {
    fn apply(&mut self, ppr: &El) {
        if let Some(jc) = ppr.child("w:jc").and_then(|j| j.attr("w:val")) {
            self.align = match jc {
                "center" => Align::Center,
                "right" | "end" => Align::Right,
                "both" | "distribute" | "lowKashida" | "mediumKashida" | "highKashida" | "thaiDistribute" => Align::Both,
                _ => Align::Left,
            };
        }
        if let Some(ind) = ppr.child("w:ind") {
            let tw = |names: &[&str]| names.iter().find_map(|n| num(ind.attr(n)));
            if let Some(v) = tw(&["w:left", "w:start"]) {
                self.left = v / TWIPS_PER_MM;
            }
            if let Some(v) = tw(&["w:right", "w:end"]) {
                self.right = v / TWIPS_PER_MM;
            }
            if let Some(v) = tw(&["w:firstLine"]) {
                self.first = v / TWIPS_PER_MM;
            }
            if let Some(v) = tw(&["w:hanging"]) {
                self.first = -v / TWIPS_PER_MM;
            }
        }
        if let Some(sp) = ppr.child("w:spacing") {
            if let Some(v) = num(sp.attr("w:before")) {
                self.before = v / 20.0;
            }
            if let Some(v) = num(sp.attr("w:after")) {
                self.after = v / 20.0;
            }
            if matches!(sp.attr("w:beforeAutospacing"), Some("1" | "true" | "on")) {
                self.before = 14.0;
            }
            if matches!(sp.attr("w:afterAutospacing"), Some("1" | "true" | "on")) {
                self.after = 14.0;
            }
            if let Some(v) = num(sp.attr("w:line")) {
                self.line = match sp.attr("w:lineRule") {
                    Some("exact") => LineRule::Exact(v.abs() / 20.0),
                    Some("atLeast") => LineRule::AtLeast(v / 20.0),
                    _ => LineRule::Multiple(v / 240.0),
                };
            }
        }
        if let Some(c) = ppr.child("w:contextualSpacing") {
            self.contextual = on(c);
        }
        if let Some(n) = ppr.child("w:numPr") {
            if let Some(id) = n.child("w:numId").and_then(|i| i.attr("w:val")) {
                self.num_id = (id != "0").then(|| id.to_string());
            }
            if let Some(l) = n.child("w:ilvl").and_then(|i| num(i.attr("w:val"))) {
                self.ilvl = Some(l.clamp(0.0, 8.0) as usize);
            }
        }
        if let Some(tabs) = ppr.child("w:tabs") {
            for tab in tabs.children("w:tab") {
                let Some(pos) = num(tab.attr("w:pos")).map(|p| p / TWIPS_PER_MM) else { continue };
                self.tabs.retain(|(p, _)| (p - pos).abs() > 0.1);
                let kind = match tab.attr("w:val") {
                    Some("clear") => continue,
                    Some("center") => 'c',
                    Some("right" | "end") => 'r',
                    _ => 'l',
                };
                self.tabs.push((pos, kind));
            }
            self.tabs.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        if let Some(b) = ppr.child("w:pBdr") {
            self.border_bottom = b.child("w:bottom").is_some_and(|e| !matches!(e.attr("w:val"), Some("none" | "nil") | None));
        }
    }
}

/// Reading state for one part.
struct Ctx<'a> {
    styles: &'a Styles,
    paras: Vec<Para>,
    sections: Vec<Section>,
    tables: usize,
    /// List counters per list definition and level.
    counters: HashMap<String, [u32; 9]>,
}

struct TableCtx<'a> {
    style: Option<&'a str>,
    cell: Option<Cell>,
}

impl<'a> Ctx<'a> {
    fn block(&mut self, container: &'a El, table: &TableCtx<'a>, depth: usize) {
        if depth > tree::MAX_DEPTH {
            return;
        }
        for e in container.els() {
            match e.name.as_str() {
                "w:p" => self.paragraph(e, table),
                "w:tbl" => self.table(e, table, depth + 1),
                "w:sdt" => {
                    if let Some(c) = e.child("w:sdtContent") {
                        self.block(c, table, depth + 1);
                    }
                }
                "w:customXml" | "w:ins" | "w:moveTo" => self.block(e, table, depth + 1),
                "w:sectPr" => self.sections.push(section(e)),
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &'a El, outer: &TableCtx<'a>, depth: usize) {
        let index = match outer.cell {
            Some(c) => c.table,
            None => {
                self.tables += 1;
                self.tables - 1
            }
        };
        let tbl_pr = tbl.child("w:tblPr");
        let style = tbl_pr.and_then(|p| p.child("w:tblStyle")).and_then(|s| s.attr("w:val")).or(self.styles.default_table.as_deref());
        let style_margins = self.styles.chain(style, "table").iter().rev().find_map(|s| s.tbl_cell_mar);
        // Word's built-in cell margins are 0.19 cm either side.
        let margins = tbl_pr.and_then(|p| p.child("w:tblCellMar")).map(cell_margins).or(style_margins).unwrap_or((1.905, 1.905));
        let grid: Vec<f32> = tbl
            .child("w:tblGrid")
            .map(|g| g.children("w:gridCol").map(|c| num(c.attr("w:w")).unwrap_or(0.0) / TWIPS_PER_MM).collect())
            .unwrap_or_default();
        let rows = tbl.els().filter(|e| e.name == "w:tr");
        for (r, tr) in rows.enumerate() {
            let mut col = 0;
            let mut cells: Vec<&El> = Vec::new();
            for e in tr.els() {
                match e.name.as_str() {
                    "w:tc" => cells.push(e),
                    "w:sdt" => {
                        if let Some(c) = e.child("w:sdtContent") {
                            cells.extend(c.children("w:tc"));
                        }
                    }
                    _ => {}
                }
            }
            for tc in cells {
                let tc_pr = tc.child("w:tcPr");
                let span =
                    tc_pr.and_then(|p| p.child("w:gridSpan")).and_then(|g| num(g.attr("w:val"))).unwrap_or(1.0).clamp(1.0, 64.0) as usize;
                let stated = tc_pr
                    .and_then(|p| p.child("w:tcW"))
                    .filter(|w| w.attr("w:type").is_none_or(|t| t == "dxa"))
                    .and_then(|w| num(w.attr("w:w")))
                    .filter(|w| *w > 0.0)
                    .map(|w| w / TWIPS_PER_MM);
                let from_grid = grid.get(col..col + span).map(|g| g.iter().sum::<f32>()).filter(|w| *w > 0.0);
                let (ml, mr) = tc_pr.and_then(|p| p.child("w:tcMar")).map(cell_margins).unwrap_or(margins);
                let width = stated.or(from_grid).map(|w| w - ml - mr);
                let cell = outer.cell.unwrap_or(Cell { table: index, row: r, col, text_width_mm: width });
                let inner = TableCtx { style, cell: Some(cell) };
                self.block(tc, &inner, depth + 1);
                col += span;
            }
        }
    }

    fn paragraph(&mut self, p: &'a El, table: &TableCtx<'a>) {
        let styles = self.styles;
        let ppr = p.child("w:pPr");
        let style_id = ppr.and_then(|p| p.child("w:pStyle")).and_then(|s| s.attr("w:val")).or(styles.default_para.as_deref());
        let para_chain = styles.chain(style_id, "paragraph");
        let table_chain = styles.chain(table.style, "table");

        let mut pacc = ParaAcc::default();
        if let Some(d) = &styles.ppr_default {
            pacc.apply(d);
        }
        for s in table_chain.iter().chain(para_chain.iter()) {
            if let Some(ppr) = &s.ppr {
                pacc.apply(ppr);
            }
        }
        // A list level's indents sit between the paragraph style and direct formatting.
        let mut with_direct = pacc.clone();
        if let Some(ppr) = ppr {
            with_direct.apply(ppr);
        }
        let level = with_direct.num_id.as_ref().and_then(|id| {
            let abs = styles.numbering.abstract_of.get(id)?;
            let ilvl = with_direct.ilvl.unwrap_or(0);
            Some((abs.clone(), ilvl, styles.numbering.levels.get(&(abs.clone(), ilvl))?))
        });
        if let Some((_, _, lvl)) = &level
            && let Some(lp) = &lvl.ppr
        {
            pacc.apply(lp);
        }
        if let Some(ppr) = ppr {
            pacc.apply(ppr);
        }
        let label = level.map(|(abs, ilvl, lvl)| {
            let counters = self.counters.entry(abs.clone()).or_insert([0; 9]);
            counters[ilvl] = if counters[ilvl] == 0 { lvl.start } else { counters[ilvl] + 1 };
            for c in counters.iter_mut().skip(ilvl + 1) {
                *c = 0;
            }
            let counters = *counters;
            let mut text = String::new();
            let mut chars = lvl.text.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                    ('%', Some(d)) if (1..=9).contains(&d) => {
                        chars.next();
                        let l = d as usize - 1;
                        let format = styles.numbering.levels.get(&(abs.clone(), l)).map_or("decimal", |x| x.format.as_str());
                        text.push_str(&format_number(counters[l].max(1), if lvl.format == "bullet" { "decimal" } else { format }));
                    }
                    _ => text.push(if lvl.format == "bullet" { bullet_char(c) } else { c }),
                }
            }
            (text, lvl.rpr.as_ref())
        });

        let mut base = RunAcc::default();
        if let Some(d) = &styles.rpr_default {
            base.apply(d, styles);
        }
        let table_rpr: Vec<&El> = table_chain.iter().filter_map(|s| s.rpr.as_ref()).collect();
        let para_rpr: Vec<&El> = para_chain.iter().filter_map(|s| s.rpr.as_ref()).collect();
        for rpr in table_rpr.iter().chain(para_rpr.iter()) {
            base.apply(rpr, styles);
        }
        let defaults: Vec<bool> = TOGGLES.iter().map(|t| styles.rpr_default.as_ref().and_then(|d| d.child(t)).is_some_and(on)).collect();
        let resolve = |direct: Option<&El>| -> RunProps {
            let char_id = direct.and_then(|r| r.child("w:rStyle")).and_then(|s| s.attr("w:val")).or(styles.default_char.as_deref());
            let char_chain: Vec<&El> = styles.chain(char_id, "character").iter().filter_map(|s| s.rpr.as_ref()).collect();
            let mut acc = base.clone();
            for rpr in &char_chain {
                acc.apply(rpr, styles);
            }
            if let Some(d) = direct {
                acc.apply(d, styles);
            }
            let toggles: Vec<bool> = TOGGLES
                .iter()
                .zip(&defaults)
                .map(|(t, default)| {
                    if let Some(e) = direct.and_then(|d| d.child(t)) {
                        return on(e);
                    }
                    let levels = [toggle_in(&table_rpr, t), toggle_in(&para_rpr, t), toggle_in(&char_chain, t)];
                    if levels.iter().all(Option::is_none) { *default } else { levels.iter().filter(|l| **l == Some(true)).count() % 2 == 1 }
                })
                .collect();
            RunProps {
                ascii: acc.ascii,
                hansi: acc.hansi,
                size: acc.size.unwrap_or(10.0),
                bold: toggles[0],
                italic: toggles[1],
                caps: toggles[2],
                small_caps: toggles[3],
                underline: acc.underline.unwrap_or(false),
                color: acc.color.flatten(),
                raised: acc.raised.unwrap_or(false),
                lang: acc.lang,
            }
        };

        let mark = resolve(ppr.and_then(|p| p.child("w:rPr")));
        let mut para = Para {
            index: self.paras.len() + 1,
            runs: Vec::new(),
            align: pacc.align,
            left_mm: pacc.left,
            right_mm: pacc.right,
            first_line_mm: pacc.first,
            before_pt: pacc.before,
            after_pt: pacc.after,
            line: pacc.line,
            contextual: pacc.contextual,
            style: style_id.unwrap_or("").to_string(),
            numbered: pacc.num_id.is_some(),
            tabs: pacc.tabs.clone(),
            cell: table.cell,
            border_bottom: pacc.border_bottom,
            shapes: Vec::new(),
            fields: Vec::new(),
            mark,
        };
        if let Some((text, rpr)) = label
            && !text.is_empty()
        {
            // Word draws the label in the paragraph mark's look unless the level sets its own.
            let props = resolve(rpr.or(ppr.and_then(|p| p.child("w:rPr"))));
            para.runs.push(Run { text: format!("{text} "), props, label: true });
        }
        let mut field = FieldState::default();
        inline(p, &resolve, &mut para, &mut field, 0);
        if let Some(s) = ppr.and_then(|p| p.child("w:sectPr")) {
            self.sections.push(section(s));
        }
        self.paras.push(para);
    }
}

/// Complex field state across runs: `begin` … instrText … `separate` … result … `end`.
#[derive(Default)]
struct FieldState {
    /// Inside begin … separate: instruction text is being collected.
    instr: Option<String>,
    /// Nesting depth of open fields.
    depth: usize,
    /// The field whose result has not shown a character yet: its first result run sets its look.
    result_of: Option<usize>,
}

fn inline<F: Fn(Option<&El>) -> RunProps>(container: &El, resolve: &F, para: &mut Para, field: &mut FieldState, depth: usize) {
    if depth > tree::MAX_DEPTH {
        return;
    }
    for e in container.els() {
        match e.name.as_str() {
            "w:r" => run(e, resolve, para, field, depth + 1),
            "w:fldSimple" => {
                let instr = e.attr("w:instr").unwrap_or("").trim().to_string();
                let props = e.find("w:rPr").map(|r| resolve(Some(r))).unwrap_or_else(|| resolve(None));
                para.fields.push(Field { instr, props });
                inline(e, resolve, para, field, depth + 1);
            }
            "w:hyperlink" | "w:ins" | "w:moveTo" | "w:smartTag" | "w:customXml" | "w:bdo" | "w:dir" => {
                inline(e, resolve, para, field, depth + 1)
            }
            "w:sdt" => {
                if let Some(c) = e.child("w:sdtContent") {
                    inline(c, resolve, para, field, depth + 1);
                }
            }
            "mc:AlternateContent" => {
                if let Some(c) = e.child("mc:Choice") {
                    inline(c, resolve, para, field, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn run<F: Fn(Option<&El>) -> RunProps>(r: &El, resolve: &F, para: &mut Para, field: &mut FieldState, depth: usize) {
    let props = resolve(r.child("w:rPr"));
    let mut text = String::new();
    for e in r.els() {
        match e.name.as_str() {
            "w:t" if field.instr.is_none() => text.push_str(&e.text()),
            "w:tab" | "w:ptab" if field.instr.is_none() => text.push('\t'),
            "w:br" | "w:cr" if field.instr.is_none() => text.push('\n'),
            "w:noBreakHyphen" if field.instr.is_none() => text.push('-'),
            "w:instrText" => {
                if let Some(i) = field.instr.as_mut() {
                    i.push_str(&e.text());
                }
            }
            "w:fldChar" => match e.attr("w:fldCharType") {
                Some("begin") => {
                    field.depth += 1;
                    if field.depth == 1 {
                        field.instr = Some(String::new());
                    }
                }
                Some("separate") => {
                    if field.depth == 1
                        && let Some(instr) = field.instr.take()
                    {
                        para.fields.push(Field { instr: instr.trim().to_string(), props: props.clone() });
                        field.result_of = Some(para.fields.len() - 1);
                    }
                }
                Some("end") => {
                    if field.depth == 1 {
                        // A field without a result (no separate) still counts.
                        if let Some(instr) = field.instr.take() {
                            para.fields.push(Field { instr: instr.trim().to_string(), props: props.clone() });
                        }
                    }
                    field.depth = field.depth.saturating_sub(1);
                    field.result_of = None;
                }
                _ => {}
            },
            "w:drawing" | "w:pict" | "w:object" => para.shapes.extend(shapes(e, depth + 1)),
            "mc:AlternateContent" => {
                if let Some(c) = e.child("mc:Choice") {
                    para.shapes.extend(shapes(c, depth + 1));
                }
            }
            _ => {}
        }
    }
    if !text.is_empty() {
        if let Some(i) = field.result_of.take()
            && let Some(f) = para.fields.get_mut(i)
        {
            f.props = props.clone();
        }
        para.runs.push(Run { text, props, label: false });
    }
}

/// Straight lines drawn in a drawing or VML picture, with their lengths.
fn shapes(e: &El, depth: usize) -> Vec<Shape> {
    let mut out = Vec::new();
    collect_shapes(e, None, &mut out, depth);
    out
}

fn collect_shapes(e: &El, extent_mm: Option<f32>, out: &mut Vec<Shape>, depth: usize) {
    if depth > tree::MAX_DEPTH {
        return;
    }
    let extent_mm = e.child("wp:extent").and_then(|x| num(x.attr("cx"))).map(|emu| emu / 36_000.0).or(extent_mm);
    match e.name.as_str() {
        "wps:wsp" => {
            let prst = e.find("a:prstGeom").and_then(|g| g.attr("prst")).unwrap_or("");
            let connector = e.child("wps:cNvCnPr").is_some();
            let thin = e.find("a:xfrm").and_then(|x| x.child("a:ext")).and_then(|x| num(x.attr("cy"))).is_some_and(|cy| cy < 36_000.0);
            if connector || matches!(prst, "line" | "straightConnector1") || (prst == "rect" && thin) {
                let own = e.find("a:xfrm").and_then(|x| x.child("a:ext")).and_then(|x| num(x.attr("cx"))).map(|emu| emu / 36_000.0);
                out.push(Shape { length_mm: own.or(extent_mm) });
            }
            return;
        }
        "v:line" => {
            let from = e.attr("from").and_then(point_mm);
            let to = e.attr("to").and_then(point_mm);
            let length_mm = match (from, to) {
                (Some(a), Some(b)) => Some(((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt()),
                _ => None,
            };
            out.push(Shape { length_mm });
            return;
        }
        "v:shape" | "v:rect" => {
            let style = e.attr("style").unwrap_or("");
            let width = style_len(style, "width");
            let height = style_len(style, "height");
            let straight = e.attr("o:connectortype").is_some() || e.attr("type").is_some_and(|t| t.contains("_x0000_t32"));
            if straight || height.is_some_and(|h| h < 1.0) {
                out.push(Shape { length_mm: width });
            }
            return;
        }
        "w:txbxContent" | "v:textbox" => return,
        _ => {}
    }
    for k in e.els() {
        collect_shapes(k, extent_mm, out, depth + 1);
    }
}

/// A VML length ("170.1pt", "6cm", "2in", "100px") in mm.
fn length_mm(v: &str) -> Option<f32> {
    let v = v.trim();
    let split = v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len());
    let (n, unit) = v.split_at(split);
    let n: f32 = n.trim().parse().ok()?;
    let mm = match unit {
        "pt" => n * 25.4 / 72.0,
        "in" => n * 25.4,
        "cm" => n * 10.0,
        "mm" => n,
        "px" => n * 25.4 / 96.0,
        "" => n / 36_000.0, // EMU
        _ => return None,
    };
    mm.is_finite().then_some(mm)
}

fn point_mm(v: &str) -> Option<(f32, f32)> {
    let (x, y) = v.split_once(',')?;
    Some((length_mm(x)?, length_mm(y)?))
}

fn style_len(style: &str, key: &str) -> Option<f32> {
    style.split(';').filter_map(|kv| kv.split_once(':')).find(|(k, _)| k.trim() == key).and_then(|(_, v)| length_mm(v))
}

fn section(s: &El) -> Section {
    let sz = s.child("w:pgSz");
    let width_tw = sz.and_then(|z| num(z.attr("w:w")));
    let height_tw = sz.and_then(|z| num(z.attr("w:h")));
    let landscape =
        sz.and_then(|z| z.attr("w:orient")) == Some("landscape") || matches!((width_tw, height_tw), (Some(w), Some(h)) if w > h);
    let margins = s.child("w:pgMar").map(|m| {
        let v = |k: &str| num(m.attr(k)).unwrap_or(0.0).abs() / TWIPS_PER_MM;
        [v("w:top"), v("w:bottom"), v("w:left") + v("w:gutter"), v("w:right")]
    });
    let title_pg = s.child("w:titlePg").is_some_and(on);
    let mut headers = Vec::new();
    for e in s.els() {
        let footer = match e.name.as_str() {
            "w:headerReference" => false,
            "w:footerReference" => true,
            _ => continue,
        };
        let kind = match e.attr("w:type") {
            Some("first") => HfKind::First,
            Some("even") => HfKind::Even,
            _ => HfKind::Default,
        };
        if let Some(id) = e.attr("r:id") {
            headers.push((kind, footer, id.to_string()));
        }
    }
    Section { width_tw, height_tw, landscape, margins, title_pg, headers }
}

fn damaged() -> crate::i18n::Text {
    crate::i18n::Text::new("tệp DOCX hỏng hoặc không đọc được", "a damaged or unreadable DOCX")
}

/// Reads a DOCX's parts. A missing or broken `word/document.xml` is an error;
/// other parts are optional.
pub fn read(bytes: &[u8]) -> Result<Package, crate::i18n::Text> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| damaged())?;
    let mut part = |name: &str| -> Option<String> {
        let mut file = zip.by_name(name).ok()?;
        // A part larger than any real one is not read (zip bombs).
        if file.size() > 64 << 20 {
            return None;
        }
        let mut s = String::new();
        file.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let document = part("word/document.xml").ok_or_else(damaged)?;
    let document = tree::parse(&document).map_err(|_| damaged())?;
    let parse_opt = |s: Option<String>| s.and_then(|s| tree::parse(&s).ok());
    let rels = parse_opt(part("word/_rels/document.xml.rels"));
    let target = |id: &str| -> Option<String> {
        let rel = rels.as_ref()?.children("Relationship").find(|r| r.attr("Id") == Some(id))?;
        let t = rel.attr("Target")?;
        Some(match t.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("word/{t}"),
        })
    };
    let theme_target = rels
        .as_ref()
        .and_then(|r| r.children("Relationship").find(|r| r.attr("Type").is_some_and(|t| t.ends_with("/theme"))))
        .and_then(|r| r.attr("Id"))
        .and_then(target)
        .unwrap_or_else(|| "word/theme/theme1.xml".to_string());
    let styles_xml = parse_opt(part("word/styles.xml"));
    let theme_xml = parse_opt(part(&theme_target));
    let settings = parse_opt(part("word/settings.xml"));
    let numbering_xml = parse_opt(part("word/numbering.xml"));
    let styles = Styles::read(styles_xml.as_ref(), theme_xml.as_ref(), numbering_xml.as_ref());

    let body = document.child("w:body").ok_or_else(damaged)?;
    let mut ctx = Ctx { styles: &styles, paras: Vec::new(), sections: Vec::new(), tables: 0, counters: HashMap::new() };
    ctx.block(body, &TableCtx { style: None, cell: None }, 0);
    let (paras, sections) = (ctx.paras, ctx.sections);

    let mut parts = Vec::new();
    if let Some(first) = sections.first() {
        for (kind, footer, id) in &first.headers {
            let Some(name) = target(id) else { continue };
            let Some(xml) = parse_opt(part(&name)) else { continue };
            let mut hctx = Ctx { styles: &styles, paras: Vec::new(), sections: Vec::new(), tables: 0, counters: HashMap::new() };
            hctx.block(&xml, &TableCtx { style: None, cell: None }, 0);
            parts.push(HeaderFooter { kind: *kind, footer: *footer, paras: hctx.paras });
        }
    }
    let mirror_margins = settings.as_ref().and_then(|s| s.child("w:mirrorMargins")).is_some_and(on);
    let text_width = sections.first().and_then(|s| Some(s.width_tw? / TWIPS_PER_MM - s.margins?[2] - s.margins?[3])).unwrap_or(165.0);
    let tab_header = super::roles::tab_header(&paras, text_width);
    Ok(Package { paras, sections, parts, mirror_margins, tab_header })
}
