//! The rules of `format-spec.md` that a DOCX's XML states, checked on the
//! resolved paragraphs. Each check emits one finding per rule and place:
//! Pass when it holds, Fail (MUST, MUST?) or Warn (CONV) when not, Skip with
//! the reason when the part it needs is not in the file. Party documents use
//! the P- rules where they replace a state rule (P-11 body size, P-18 margins …).
//!
//! Contract: the numbers (ranges, tolerances) are the spec's; a finding's
//! `found` says what the XML holds in words a văn thư can act on.

use unicode_normalization::is_nfc;

use super::read::{Align, HfKind, LineRule, Package, Para, RunProps, TWIPS_PER_MM};
use super::roles::{Agency, Mark, Roles, border_length, is_party_motto, is_quoc_hieu, is_upper, squash, starts_with_prefix};
use crate::data::model::System;
use crate::i18n::Text;
use crate::lint::{Finding, Place, Source, Status};

/// How a broken rule counts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    Must,
    Should,
}

fn t(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

fn join(parts: &[Text]) -> Text {
    Text::new(
        parts.iter().map(|p| p.vi.as_str()).collect::<Vec<_>>().join("; "),
        parts.iter().map(|p| p.en.as_str()).collect::<Vec<_>>().join("; "),
    )
}

/// A number the way each language writes it: "13", "12,7" / "12.7".
fn n(v: f32) -> Text {
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    Text::new(s.replace('.', ","), s)
}

fn range(lo: f32, hi: f32, unit: &str) -> Text {
    if (lo - hi).abs() < 0.01 {
        let v = n(lo);
        return t(format!("{} {unit}", v.vi), format!("{} {unit}", v.en));
    }
    let (a, b) = (n(lo), n(hi));
    t(format!("{}–{} {unit}", a.vi, b.vi), format!("{}–{} {unit}", a.en, b.en))
}

fn place(p: &Para) -> Place {
    Place::paragraph(p.index, &squash(&p.text()))
}

struct Out {
    findings: Vec<Finding>,
}

impl Out {
    fn push(&mut self, rule: &'static str, status: Status, found: Text, wants: Text, place: Place) {
        self.findings.push(Finding::new(rule, status, found, wants, place, Source::Xml));
    }

    /// Pass with `ok`, or the problems joined, at their level.
    fn verdict(&mut self, rule: &'static str, level: Level, problems: Vec<Text>, ok: Text, wants: Text, place: Place) {
        if problems.is_empty() {
            self.push(rule, Status::Pass, ok, wants, place);
        } else {
            let status = if level == Level::Must { Status::Fail } else { Status::Warn };
            self.push(rule, status, join(&problems), wants, place);
        }
    }

    fn skip(&mut self, rule: &'static str, why: Text, wants: Text) {
        self.push(rule, Status::Skip, why, wants, Place::Document);
    }

    /// One finding per distinct problem (at its first paragraph, with a count), or one pass.
    fn grouped(&mut self, rule: &'static str, level: Level, bad: Vec<(&Para, Text)>, ok: Text, wants: Text) {
        if bad.is_empty() {
            self.push(rule, Status::Pass, ok, wants, Place::Document);
            return;
        }
        let mut groups: Vec<(&Para, Text, usize)> = Vec::new();
        for (p, found) in bad {
            match groups.iter_mut().find(|g| g.1 == found) {
                Some(g) => g.2 += 1,
                None => groups.push((p, found, 1)),
            }
        }
        let status = if level == Level::Must { Status::Fail } else { Status::Warn };
        for (p, found, count) in groups {
            let found = if count > 1 {
                t(format!("{} ({count} đoạn, đầu tiên ở đây)", found.vi), format!("{} ({count} paragraphs, the first here)", found.en))
            } else {
                found
            };
            self.push(rule, status, found, wants.clone(), place(p));
        }
    }
}

/// What a line of text must look like.
#[derive(Clone, Copy)]
struct Want {
    size: (f32, f32),
    bold: Option<bool>,
    italic: Option<bool>,
    upper: bool,
    underline: Option<bool>,
}

impl Want {
    fn new(lo: f32, hi: f32) -> Want {
        Want { size: (lo, hi), bold: None, italic: Some(false), upper: false, underline: None }
    }
    fn bold(self, b: bool) -> Want {
        Want { bold: Some(b), ..self }
    }
    fn italic(self, i: bool) -> Want {
        Want { italic: Some(i), ..self }
    }
    fn upper(self) -> Want {
        Want { upper: true, ..self }
    }
    fn underline(self, u: bool) -> Want {
        Want { underline: Some(u), ..self }
    }

    fn describe(&self) -> Text {
        let mut vi = vec![range(self.size.0, self.size.1, "pt").vi];
        let mut en = vec![range(self.size.0, self.size.1, "pt").en];
        if self.upper {
            vi.push("in hoa".into());
            en.push("upper case".into());
        }
        match self.bold {
            Some(true) => {
                vi.push("đậm".into());
                en.push("bold".into());
            }
            Some(false) => {
                vi.push("không đậm".into());
                en.push("not bold".into());
            }
            None => {}
        }
        match self.italic {
            Some(true) => {
                vi.push("nghiêng".into());
                en.push("italic".into());
            }
            Some(false) => {
                vi.push("đứng".into());
                en.push("upright".into());
            }
            None => {}
        }
        if self.underline == Some(true) {
            vi.push("gạch chân".into());
            en.push("underlined".into());
        }
        Text::new(vi.join(", "), en.join(", "))
    }

    fn problems(&self, p: &Para) -> Vec<Text> {
        let mut out = Vec::new();
        for size in p.sizes() {
            if size < self.size.0 - 0.01 || size > self.size.1 + 0.01 {
                let v = n(size);
                out.push(t(format!("cỡ chữ {} pt", v.vi), format!("{} pt", v.en)));
            }
        }
        let any = |f: fn(&RunProps) -> bool| p.visible_runs().any(|r| f(&r.props));
        match self.bold {
            Some(true) if !p.all(|r| r.bold) => out.push(t("không đậm", "not bold")),
            Some(false) if any(|r| r.bold) => out.push(t("chữ đậm", "bold")),
            _ => {}
        }
        match self.italic {
            Some(true) if !p.all(|r| r.italic) => out.push(t("không nghiêng", "not italic")),
            Some(false) if any(|r| r.italic) => out.push(t("chữ nghiêng", "italic")),
            _ => {}
        }
        if self.underline == Some(true) && !p.all(|r| r.underline) {
            out.push(t("không gạch chân", "not underlined"));
        }
        if self.upper && !is_upper(&p.shown()) {
            out.push(t("không in hoa", "not upper case"));
        }
        out
    }
}

/// "13 pt, đậm" — how a paragraph is set, for a passing finding.
fn style_of(p: &Para) -> Text {
    let sizes: Vec<Text> = p.sizes().into_iter().map(n).collect();
    let size_vi = sizes.iter().map(|s| s.vi.clone()).collect::<Vec<_>>().join("/");
    let size_en = sizes.iter().map(|s| s.en.clone()).collect::<Vec<_>>().join("/");
    let mut vi = vec![format!("{size_vi} pt")];
    let mut en = vec![format!("{size_en} pt")];
    if p.all(|r| r.bold) {
        vi.push("đậm".into());
        en.push("bold".into());
    }
    if p.all(|r| r.italic) {
        vi.push("nghiêng".into());
        en.push("italic".into());
    }
    if p.all(|r| r.underline) {
        vi.push("gạch chân".into());
        en.push("underlined".into());
    }
    Text::new(vi.join(", "), en.join(", "))
}

/// A line checked against its text and style.
fn line_rule(out: &mut Out, rule: &'static str, level: Level, p: Option<&Para>, what: Text, want: Want, text_problems: Vec<Text>) {
    let wants = t(format!("{}: {}", what.vi, want.describe().vi), format!("{}: {}", what.en, want.describe().en));
    let Some(p) = p else {
        let status = if level == Level::Must { Status::Fail } else { Status::Warn };
        out.push(rule, status, t(format!("không có {}", what.vi), format!("no {}", what.en)), wants, Place::Document);
        return;
    };
    let mut problems = text_problems;
    problems.extend(want.problems(p));
    let ok = t(format!("“{}”, {}", squash(&p.shown()), style_of(p).vi), format!("“{}”, {}", squash(&p.shown()), style_of(p).en));
    out.verdict(rule, level, problems, ok, wants, place(p));
}

/// Width in mm of a paragraph's text as set in Times New Roman (metric twin).
fn text_width_mm(text: &str, p: &Para) -> f32 {
    let size = p.size();
    let style =
        crate::fonts::Style { size: crate::units::Pt(size), bold: p.all(|r| r.bold), italic: p.all(|r| r.italic), underline: false };
    crate::fonts::FontSet::get().width(text, &style) * 25.4 / 72.0
}

/// The widest line of a paragraph (hard line breaks split it).
fn widest_line_mm(p: &Para) -> f32 {
    p.shown().split('\n').map(|l| text_width_mm(squash(l).as_str(), p)).fold(0.0, f32::max)
}

fn mark_found(mark: &Mark) -> Text {
    let len = |l: &Option<f32>| match l {
        Some(v) => {
            let v = n(*v);
            (format!(", dài {} mm", v.vi), format!(", {} mm long", v.en))
        }
        None => (String::new(), String::new()),
    };
    match mark {
        Mark::Border(l) => {
            let (vi, en) = len(l);
            t(format!("đường viền dưới của đoạn{vi}"), format!("a paragraph bottom border{en}"))
        }
        Mark::Shape(l) => {
            let (vi, en) = len(l);
            t(format!("đường kẻ vẽ bằng hình (shape){vi}"), format!("a drawn line shape{en}"))
        }
        Mark::Underline => t("gạch chân chữ (định dạng underline)", "the text underlined (underline formatting)"),
        Mark::Typed(s) => t(format!("gõ ký tự “{s}” thay cho đường kẻ"), format!("characters “{s}” typed instead of a line")),
        Mark::Asterisk => t("dấu “*”", "an asterisk “*”"),
        Mark::Unplaced => t(
            "đường kẻ vẽ bằng hình trong phần đầu gõ bằng phím tab; XML không cho biết nó thuộc nửa nào (dùng --layout)",
            "a line shape in a header typed with tabs; the XML does not tell which half it is under (use --layout)",
        ),
        Mark::Missing => t("không có đường kẻ", "no rule"),
    }
}

/// A rule whose length must lie in `lo..=hi` mm.
fn check_mark(out: &mut Out, rule: &'static str, mark: Option<&Mark>, at: &Para, lo: f32, hi: f32, wants: Text) {
    let Some(mark) = mark else {
        out.push(rule, Status::Fail, mark_found(&Mark::Missing), wants, place(at));
        return;
    };
    let found = mark_found(mark);
    let (status, found) = match mark {
        Mark::Border(Some(l)) | Mark::Shape(Some(l)) => {
            if *l >= lo && *l <= hi {
                (Status::Pass, found)
            } else {
                (Status::Fail, found)
            }
        }
        Mark::Unplaced => (Status::Skip, found),
        Mark::Border(None) | Mark::Shape(None) => {
            (Status::Skip, t(format!("{}; XML không cho biết độ dài", found.vi), format!("{}; the XML does not give its length", found.en)))
        }
        // Underline formatting has the text's length but sits on the text: reviewers flag it (§12.8).
        Mark::Underline => (Status::Warn, found),
        Mark::Typed(_) | Mark::Asterisk | Mark::Missing => (Status::Fail, found),
    };
    if status == Status::Skip {
        out.push(rule, Status::Skip, found, wants, place(at));
    } else {
        out.push(rule, status, found, wants, place(at));
    }
}

fn length_wants(lo: f32, hi: f32, what: Text) -> Text {
    let r = range(lo, hi, "mm");
    t(format!("đường kẻ nét liền {}, {}", what.vi, r.vi), format!("a solid line {}, {}", what.en, r.en))
}

const SERIF_TWINS: [&str; 3] = ["times new roman", "liberation serif", "tinos"];

/// Every rule this module covers, checked on `pkg`.
pub fn check(pkg: &Package, system: System) -> Vec<Finding> {
    let mut out = Out { findings: Vec::new() };
    let roles = Roles::find(pkg);
    let party = system == System::Party;
    page(&mut out, pkg, party);
    fonts(&mut out, pkg);
    page_number(&mut out, pkg, party);
    // A joint document (§11): several issuing bodies, each numbering and
    // signing in its own system's form, all at the lead's sizes.
    let mixed = roles.agencies.iter().any(Agency::party_form) && roles.agencies.iter().any(|a| !a.party_form());
    header(&mut out, &roles, party, mixed);
    title(&mut out, pkg, &roles, party, roles.agencies.len() > 1);
    body(&mut out, &roles, party);
    signature(&mut out, &roles, party, mixed);
    recipients(&mut out, &roles, party);
    addressees(&mut out, &roles, party);
    structure(&mut out, &roles, party);
    appendices(&mut out, pkg, &roles, party);
    text_form(&mut out, pkg, &roles);
    out.findings
}

fn page(out: &mut Out, pkg: &Package, party: bool) {
    let a4 = t("A4 210 × 297 mm", "A4 210 × 297 mm");
    let Some(s) = pkg.sections.first() else {
        out.skip("G-01", t("tệp không có phần thiết lập trang (w:sectPr)", "the file has no page setup (w:sectPr)"), a4);
        return;
    };
    // Paper and orientation of the first section: a later landscape section for a wide table is allowed (G-02).
    match (s.width_tw, s.height_tw) {
        (Some(w), Some(h)) => {
            let (w_mm, h_mm) = (w / TWIPS_PER_MM, h / TWIPS_PER_MM);
            let (short, long) = (w_mm.min(h_mm), w_mm.max(h_mm));
            let found = t(format!("khổ {} × {} mm", n(w_mm).vi, n(h_mm).vi), format!("paper {} × {} mm", n(w_mm).en, n(h_mm).en));
            let ok = (short - 210.0).abs() <= 1.0 && (long - 297.0).abs() <= 1.0;
            out.verdict("G-01", Level::Must, if ok { vec![] } else { vec![found.clone()] }, found, a4, Place::Document);
            let portrait = t("khổ đứng (chiều dài khổ A4)", "portrait");
            if s.landscape {
                out.push("G-02", Status::Fail, t("trang 1 khổ ngang", "page 1 is landscape"), portrait, Place::Document);
            } else {
                out.push("G-02", Status::Pass, t("khổ đứng", "portrait"), portrait, Place::Document);
            }
        }
        _ => out.skip("G-01", t("XML không ghi khổ giấy (w:pgSz)", "the XML gives no paper size (w:pgSz)"), a4),
    }
    // Margins: ND30 ranges (G-03) or the Party's fixed values (P-18).
    let (rule, lo, hi): (&'static str, [f32; 4], [f32; 4]) = if party {
        ("P-18", [20.0, 20.0, 30.0, 15.0], [20.0, 20.0, 30.0, 15.0])
    } else {
        ("G-03", [20.0, 20.0, 30.0, 15.0], [25.0, 25.0, 35.0, 20.0])
    };
    let names_vi = ["trên", "dưới", "trái", "phải"];
    let names_en = ["top", "bottom", "left", "right"];
    let wants = {
        let parts: Vec<Text> = (0..4).map(|i| range(lo[i], hi[i], "mm")).collect();
        t(
            (0..4).map(|i| format!("{} {}", names_vi[i], parts[i].vi)).collect::<Vec<_>>().join(", "),
            (0..4).map(|i| format!("{} {}", names_en[i], parts[i].en)).collect::<Vec<_>>().join(", "),
        )
    };
    let Some(m) = s.margins else {
        out.skip(rule, t("XML không ghi lề trang (w:pgMar)", "the XML gives no margins (w:pgMar)"), wants);
        return;
    };
    // Twips are whole numbers: 20 mm is written 1134 (20.003 mm); half a millimetre of slack.
    let tol = 0.5;
    let mut problems = Vec::new();
    for i in 0..4 {
        if m[i] < lo[i] - tol || m[i] > hi[i] + tol {
            let v = n(m[i]);
            problems.push(t(format!("lề {} {} mm", names_vi[i], v.vi), format!("{} margin {} mm", names_en[i], v.en)));
        }
    }
    let all: Vec<Text> = (0..4).map(|i| n(m[i])).collect();
    let ok = t(
        (0..4).map(|i| format!("{} {} mm", names_vi[i], all[i].vi)).collect::<Vec<_>>().join(", "),
        (0..4).map(|i| format!("{} {} mm", names_en[i], all[i].en)).collect::<Vec<_>>().join(", "),
    );
    out.verdict(rule, Level::Must, problems, ok, wants, Place::Document);
}

/// G-04: Times New Roman (or a metric twin) in black wherever text is; C-10 legacy fonts.
fn fonts(out: &mut Out, pkg: &Package) {
    let mut bad: Vec<(&Para, Text)> = Vec::new();
    let paras = pkg.paras.iter().chain(pkg.parts.iter().flat_map(|h| h.paras.iter()));
    for p in paras {
        // A list's bullet is drawn in its own font (Symbol); R-04 judges the bullet itself.
        for r in p.visible_runs().filter(|r| !r.label) {
            let mut problem = None;
            for font in r.props.fonts_for(&r.text) {
                // No font named anywhere: Word and LibreOffice fall back to Times New Roman / its twin.
                let name = font.unwrap_or("Times New Roman");
                if !SERIF_TWINS.contains(&name.trim().to_lowercase().as_str()) {
                    let legacy = name.starts_with(".Vn") || name.starts_with("VNI-") || name.starts_with("VN ");
                    problem = Some(if legacy {
                        t(format!("phông {name} (bảng mã cũ, không phải Unicode)"), format!("{name} (a legacy, non-Unicode font)"))
                    } else {
                        t(format!("phông {name}"), format!("font {name}"))
                    });
                    break;
                }
            }
            if problem.is_none()
                && let Some(c) = &r.props.color
            {
                problem = Some(t(format!("chữ màu #{c}"), format!("text in colour #{c}")));
            }
            if let Some(pr) = problem {
                bad.push((p, pr));
                break;
            }
        }
    }
    out.grouped(
        "G-04",
        Level::Must,
        bad,
        t("Times New Roman ở mọi đoạn", "Times New Roman in every paragraph"),
        t("phông Times New Roman (hoặc phông cùng số đo), màu đen", "Times New Roman (or a metric twin), black"),
    );
}

/// G-06 (P-17 for the Party) and C-13: the page number.
fn page_number(out: &mut Out, pkg: &Package, party: bool) {
    let rule = if party { "P-17" } else { "G-06" };
    let (lo, hi) = if party { (14.0, 14.0) } else { (13.0, 14.0) };
    let size = range(lo, hi, "pt");
    let wants = t(
        format!("số trang (trường PAGE) ở giữa lề trên, {}, chữ đứng, không hiện ở trang 1", size.vi),
        format!("a page number (PAGE field) centred in the header, {}, upright, not on page 1", size.en),
    );
    let c13_wants = t(
        "trường PAGE trong đầu trang mặc định, bật “trang đầu khác” (đầu trang 1 để trống)",
        "a PAGE field in the default header with “different first page” set (empty first-page header)",
    );
    let Some(section) = pkg.sections.first() else {
        out.skip(rule, t("tệp không có phần thiết lập trang", "the file has no page setup"), wants);
        out.skip("C-13", t("tệp không có phần thiết lập trang", "the file has no page setup"), c13_wants);
        return;
    };
    let part = |kind: HfKind, footer: bool| pkg.parts.iter().find(|h| h.kind == kind && h.footer == footer);
    let default_header = part(HfKind::Default, false);
    let field = default_header.and_then(|h| h.page_fields().next());
    // `IF { PAGE } > 1 …` shows the number from page 2 on, without “different first page”.
    let if_field = default_header.and_then(|h| {
        h.paras
            .iter()
            .flat_map(|p| p.fields.iter().map(move |f| (p, f)))
            .find(|(_, f)| f.instr.to_uppercase().starts_with("IF") && f.instr.to_uppercase().contains("PAGE"))
    });
    let Some((p, f)) = field.or(if_field) else {
        let in_footer = pkg.parts.iter().any(|h| h.footer && h.page_fields().next().is_some());
        let found = if in_footer {
            t("số trang đặt ở chân trang", "the page number is in the footer")
        } else {
            t("không có trường số trang (PAGE) trong đầu trang", "no page number field (PAGE) in the header")
        };
        out.push(rule, Status::Fail, found, wants, Place::Document);
        out.skip("C-13", t(format!("không có số trang ({rule})"), format!("no page number ({rule})")), c13_wants);
        return;
    };
    let mut problems = Vec::new();
    if p.align != Align::Center {
        problems.push(t("số trang không căn giữa", "the page number is not centred"));
    }
    if f.props.size < lo - 0.01 || f.props.size > hi + 0.01 {
        let v = n(f.props.size);
        problems.push(t(format!("số trang cỡ {} pt", v.vi), format!("the page number is {} pt", v.en)));
    }
    if f.props.italic {
        problems.push(t("số trang in nghiêng", "the page number is italic"));
    }
    let first_header_shows = part(HfKind::First, false).is_some_and(|h| h.page_fields().next().is_some());
    let hidden_by_title_pg = section.title_pg && !first_header_shows;
    let hidden = hidden_by_title_pg || field.is_none();
    if !hidden {
        problems.push(t("số trang hiện cả ở trang 1", "the page number shows on page 1"));
    }
    let ok = t(
        format!("trường PAGE căn giữa, {} pt, ẩn ở trang 1", n(f.props.size).vi),
        format!("a centred PAGE field, {} pt, hidden on page 1", n(f.props.size).en),
    );
    let _ = p;
    out.verdict(rule, Level::Must, problems, ok, wants, Place::Document);
    if !hidden {
        out.skip("C-13", t(format!("trang 1 hiện số trang ({rule})"), format!("page 1 shows the number ({rule})")), c13_wants);
    } else if hidden_by_title_pg && field.is_some() {
        out.push(
            "C-13",
            Status::Pass,
            t("trường PAGE, “trang đầu khác” bật", "a PAGE field, “different first page” set"),
            c13_wants,
            Place::Document,
        );
    } else {
        out.push(
            "C-13",
            Status::Warn,
            t(
                "trang 1 ẩn số bằng trường IF, không bằng “trang đầu khác”",
                "page 1 hides its number through an IF field, not “different first page”",
            ),
            c13_wants,
            Place::Document,
        );
    }
}

fn header(out: &mut Out, roles: &Roles, party: bool, mixed: bool) {
    if roles.header.is_empty() {
        let why = t(
            "không thấy bảng đầu văn bản (Quốc hiệu, tên cơ quan, số, ngày) ở đầu tệp; các quy tắc vị trí cần --layout",
            "no header table (motto, issuing body, number, date) at the top of the file; position rules need --layout",
        );
        for rule in if party { ["P-01", "P-03", "P-04", "P-06", "H-13"] } else { ["H-01", "H-02", "H-06", "H-09", "H-13"] } {
            out.skip(rule, why.clone(), t("phần đầu văn bản trình bày bằng bảng", "a header laid out as a table"));
        }
        return;
    }
    if party {
        party_motto(out, roles);
    } else {
        state_motto(out, roles);
    }
    // Issuing bodies, each by the form its own column uses (joint documents mix them, §11).
    if roles.agencies.is_empty() {
        let rule = if party { "P-03" } else { "H-06" };
        out.push(
            rule,
            Status::Fail,
            t("không thấy tên cơ quan ban hành", "no issuing body found"),
            t("tên cơ quan ban hành ở góc trái", "the issuing body top left"),
            Place::Document,
        );
    }
    for a in &roles.agencies {
        if a.party_form() || (party && !mixed) {
            // In a joint document led by a state body the lead's sizes apply to every column (§11).
            party_agency(out, a, if party { (14.0, 14.0) } else { (12.0, 13.0) });
        } else if party {
            // A state or Front body beside a Party lead: its own form, the lead's 14 pt.
            state_agency(out, a, (14.0, 14.0), (14.0, 14.0));
        } else {
            state_agency(out, a, (12.0, 13.0), (13.0, 13.0));
        }
    }
    date(out, roles, party);
}

fn state_motto(out: &mut Out, roles: &Roles) {
    let qh = roles.motto.filter(|p| is_quoc_hieu(p));
    if let Some(p) = roles.motto.filter(|p| is_party_motto(p)) {
        out.push(
            "H-01",
            Status::Fail,
            t("văn bản nhà nước mang dòng “ĐẢNG CỘNG SẢN VIỆT NAM”", "a state document with the Party's “ĐẢNG CỘNG SẢN VIỆT NAM”"),
            t("Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”", "the Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"),
            place(p),
        );
        return;
    }
    let text_ok = |p: &Para| {
        let s = squash(&p.shown());
        if s == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" || s == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" {
            vec![]
        } else {
            vec![t(format!("chữ “{s}”"), format!("text “{s}”"))]
        }
    };
    line_rule(
        out,
        "H-01",
        Level::Must,
        qh,
        t("Quốc hiệu", "the Quốc hiệu"),
        Want::new(12.0, 13.0).bold(true).upper(),
        qh.map(text_ok).unwrap_or_default(),
    );
    let tn = roles.motto2;
    let tn_text = tn
        .map(|p| {
            let s = squash(&p.shown());
            if s == "Độc lập - Tự do - Hạnh phúc" {
                vec![]
            } else if s.contains('–') || s.contains('—') {
                vec![t(format!("“{s}”: dùng gạch dài thay cho “-”"), format!("“{s}”: a dash instead of “-”"))]
            } else {
                vec![t(format!("chữ “{s}”"), format!("text “{s}”"))]
            }
        })
        .unwrap_or_default();
    line_rule(
        out,
        "H-02",
        Level::Must,
        tn,
        t("Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”", "the Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”"),
        Want::new(13.0, 14.0).bold(true),
        tn_text,
    );
    if let Some(tn) = tn {
        let w = text_width_mm("Độc lập - Tự do - Hạnh phúc", tn);
        let (lo, hi) = (w * 0.9, w * 1.1);
        check_mark(
            out,
            "H-03",
            roles.motto_mark.as_ref(),
            tn,
            lo,
            hi,
            length_wants(lo, hi, t("dài bằng Tiêu ngữ", "as long as the Tiêu ngữ")),
        );
        if let Some(q) = qh {
            let mut problems = Vec::new();
            if !roles.motto_gap.is_empty() {
                problems.push(t("có dòng trống giữa Quốc hiệu và Tiêu ngữ", "a blank line between the Quốc hiệu and the Tiêu ngữ"));
            }
            let gap = q.after_pt + tn.before_pt;
            if gap > 6.0 {
                let v = n(gap);
                problems.push(t(format!("cách nhau {} pt", v.vi), format!("{} pt apart", v.en)));
            }
            out.verdict(
                "H-04",
                Level::Must,
                problems,
                t("Tiêu ngữ ngay dưới Quốc hiệu", "the Tiêu ngữ right under the Quốc hiệu"),
                t("Quốc hiệu và Tiêu ngữ cách dòng đơn, không có dòng trống", "Quốc hiệu and Tiêu ngữ single-spaced, no blank line"),
                place(tn),
            );
        }
        // G-05: one size set (Quốc hiệu 13 / Tiêu ngữ 14 / date 14, or 12 / 13 / 13).
        if let (Some(q), Some(d)) = (qh, roles.date) {
            let (sq, st, sd) = (q.size(), tn.size(), d.size());
            let consistent = (st - sq - 1.0).abs() < 0.01 && (sd - st).abs() < 0.01;
            let found = t(
                format!("Quốc hiệu {} pt, Tiêu ngữ {} pt, ngày tháng {} pt", n(sq).vi, n(st).vi, n(sd).vi),
                format!("Quốc hiệu {} pt, Tiêu ngữ {} pt, date {} pt", n(sq).en, n(st).en, n(sd).en),
            );
            out.verdict(
                "G-05",
                Level::Must,
                if consistent { vec![] } else { vec![found.clone()] },
                found,
                t(
                    "một bộ cỡ chữ: Quốc hiệu 13, Tiêu ngữ 14, ngày tháng 14 (hoặc 12/13/13)",
                    "one size set: Quốc hiệu 13, Tiêu ngữ 14, date 14 (or 12/13/13)",
                ),
                place(q),
            );
        }
    }
}

fn party_motto(out: &mut Out, roles: &Roles) {
    let wants_motto = t("dòng “ĐẢNG CỘNG SẢN VIỆT NAM”, không có Quốc hiệu", "“ĐẢNG CỘNG SẢN VIỆT NAM”, no Quốc hiệu");
    if let Some(q) = roles.header.iter().find(|p| is_quoc_hieu(p)) {
        out.push("P-01", Status::Fail, t("văn bản của Đảng mang Quốc hiệu", "a Party document with the Quốc hiệu"), wants_motto, place(q));
        return;
    }
    let m = roles.motto.filter(|p| is_party_motto(p));
    let Some(m) = m else {
        out.push(
            "P-01",
            Status::Fail,
            t("không có dòng “ĐẢNG CỘNG SẢN VIỆT NAM”", "no “ĐẢNG CỘNG SẢN VIỆT NAM” line"),
            wants_motto,
            Place::Document,
        );
        return;
    };
    let w = widest_line_mm(m);
    let (lo, hi) = (w * 0.9, w * 1.1);
    check_mark(
        out,
        "P-01",
        roles.motto_mark.as_ref(),
        m,
        lo,
        hi,
        length_wants(lo, hi, t("dài bằng dòng tiêu đề", "as long as the title line")),
    );
    // P-02: 15 pt per HD36 summaries; 14 and 16 are both in use (MUST?, sources differ).
    line_rule(
        out,
        "P-02",
        Level::Must,
        Some(m),
        t("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "the title “ĐẢNG CỘNG SẢN VIỆT NAM”"),
        Want::new(14.0, 16.0).bold(true).upper(),
        vec![],
    );
}

/// `names` and `number`: the sizes allowed (ND30's, or a Party lead's in a joint document).
fn state_agency(out: &mut Out, a: &Agency, names: (f32, f32), number_size: (f32, f32)) {
    for p in &a.parent {
        line_rule(
            out,
            "H-05",
            Level::Must,
            Some(p),
            t("tên cơ quan chủ quản", "the governing body"),
            Want::new(names.0, names.1).bold(false).upper(),
            vec![],
        );
    }
    if a.parent.is_empty()
        && let Some(first) = a.issuer.first()
    {
        out.push(
            "H-05",
            Status::Pass,
            t("không có dòng cơ quan chủ quản (không bắt buộc)", "no governing-body line (optional)"),
            t("tên cơ quan chủ quản (nếu có): in hoa, 12–13 pt, không đậm", "the governing body (if any): upper case, 12–13 pt, not bold"),
            place(first),
        );
    }
    for p in &a.issuer {
        line_rule(
            out,
            "H-06",
            Level::Must,
            Some(p),
            t("tên cơ quan ban hành", "the issuing body"),
            Want::new(names.0, names.1).bold(true).upper(),
            vec![],
        );
    }
    if let Some(last) = a.issuer.last() {
        // H-07 leaves open which line of a long name is the reference: the last or the longest both count.
        let widths: Vec<f32> = a.issuer.iter().map(|p| widest_line_mm(p)).collect();
        let last_w = widths.last().copied().unwrap_or(0.0);
        let max_w = widths.iter().copied().fold(0.0, f32::max);
        let (lo, hi) = (last_w.min(max_w) / 3.0 - 1.0, last_w.max(max_w) / 2.0 + 1.0);
        check_mark(
            out,
            "H-07",
            Some(&a.mark),
            last,
            lo,
            hi,
            length_wants(lo, hi, t("dài 1/3–1/2 dòng tên cơ quan, căn giữa", "1/3–1/2 of the name line, centred")),
        );
    }
    number(out, a, false, number_size);
}

fn party_agency(out: &mut Out, a: &Agency, (lo, hi): (f32, f32)) {
    let mut problems = Vec::new();
    for p in &a.parent {
        problems.extend(
            Want::new(lo, hi).bold(false).upper().problems(p).into_iter().map(|x| x.map(|s| format!("{s} ({})", squash(&p.text())))),
        );
    }
    for p in &a.issuer {
        problems.extend(
            Want::new(lo, hi).bold(true).upper().problems(p).into_iter().map(|x| x.map(|s| format!("{s} ({})", squash(&p.text())))),
        );
    }
    if a.mark != Mark::Asterisk {
        problems.push(mark_found(&a.mark).map(|s| format!("{s} ≠ “*”")));
    }
    if let Some(first) = a.parent.first().or(a.issuer.first()) {
        let lines: Vec<String> = a.parent.iter().chain(&a.issuer).map(|p| squash(&p.shown())).collect();
        out.verdict(
            "P-03",
            Level::Must,
            problems,
            t(format!("{} / *", lines.join(" / ")), format!("{} / *", lines.join(" / "))),
            t(
                format!("cơ quan cấp trên in hoa không đậm, cơ quan ban hành in hoa đậm, {}, dấu “*” bên dưới", range(lo, hi, "pt").vi),
                format!("superior body upper case not bold, issuing body upper case bold, {}, “*” under them", range(lo, hi, "pt").en),
            ),
            place(first),
        );
    }
    number(out, a, true, if (lo - 14.0).abs() < 0.01 { (14.0, 14.0) } else { (13.0, 13.0) });
}

/// H-09/H-10 ("Số: 05/BC-UBND") or P-04 ("Số 45-BC/BDVHU").
fn number(out: &mut Out, a: &Agency, party: bool, (lo, hi): (f32, f32)) {
    let p = a.number;
    if party {
        let problems = p.map(|p| party_number_problems(&squash(&p.text()))).unwrap_or_default();
        line_rule(
            out,
            "P-04",
            Level::Must,
            p,
            t("dòng “Số 45-BC/BDVHU”", "the line “Số 45-BC/BDVHU”"),
            Want::new(lo, hi).bold(false),
            problems,
        );
        return;
    }
    let text = p.map(|p| p.text().replace('\u{a0}', " ")).unwrap_or_default();
    let mut h09 = Vec::new();
    if p.is_some() {
        let after = text.trim_start().strip_prefix("Số").or_else(|| text.trim_start().strip_prefix("SỐ")).unwrap_or("");
        if text.trim_start().starts_with("SỐ") {
            h09.push(t("“SỐ” in hoa", "“SỐ” in capitals"));
        }
        if !after.trim_start().starts_with(':') {
            h09.push(t("thiếu dấu hai chấm sau “Số”", "no colon after “Số”"));
        }
    }
    line_rule(out, "H-09", Level::Must, p, t("dòng “Số:”", "the “Số:” line"), Want::new(lo, hi).bold(false), h09);
    if let Some(p) = p {
        let problems = state_symbol_problems(&text);
        let s = squash(&text);
        out.verdict(
            "H-10",
            Level::Must,
            problems,
            t(format!("“{s}”"), format!("“{s}”")),
            t(
                "Số: <số>/<LOẠI>-<CƠ QUAN>, số dưới 10 thêm 0, không có dấu cách quanh “/” và “-”, ký hiệu in hoa",
                "Số: <n>/<TYPE>-<ISSUER>, numbers under 10 with a leading zero, no spaces around “/” and “-”, symbol in capitals",
            ),
            place(p),
        );
    }
}

fn number_digits_problems(num: &str) -> Vec<Text> {
    let num = num.trim();
    if num.is_empty() || num.chars().all(|c| matches!(c, '.' | '…' | '_')) {
        return vec![]; // an unregistered draft leaves the number blank (H-11)
    }
    if !num.chars().all(|c| c.is_ascii_digit()) {
        return vec![t(format!("số “{num}” không phải chữ số"), format!("number “{num}” is not digits"))];
    }
    if num.len() == 1 && num != "0" {
        return vec![t(format!("số “{num}” thiếu số 0 đứng trước (0{num})"), format!("number “{num}” without its leading zero (0{num})"))];
    }
    vec![]
}

fn state_symbol_problems(text: &str) -> Vec<Text> {
    let after = text.trim_start().trim_start_matches("Số").trim_start_matches("SỐ").trim_start().trim_start_matches(':');
    let Some((num, symbol)) = after.split_once('/') else {
        return vec![t("không có “/” giữa số và ký hiệu", "no “/” between the number and the symbol")];
    };
    let mut out = number_digits_problems(num);
    let digits = num.trim();
    if !digits.is_empty() && num.ends_with(' ') {
        out.push(t("dấu cách trước “/”", "a space before “/”"));
    }
    if symbol.starts_with(' ') || symbol.trim_end().contains(' ') {
        out.push(t("dấu cách trong ký hiệu", "spaces in the symbol"));
    }
    let symbol = symbol.trim();
    if symbol.chars().any(char::is_lowercase)
        && !symbol.split('-').next().is_some_and(|kind| matches!(kind, "CTr" | "TTr" | "QyĐ" | "TrS" | "CTrPH"))
    {
        out.push(t(format!("ký hiệu “{symbol}” có chữ thường"), format!("symbol “{symbol}” has lower-case letters")));
    }
    if symbol.contains('/') || !symbol.contains('-') && symbol.chars().count() > 6 {
        out.push(t(format!("ký hiệu “{symbol}” không theo dạng LOẠI-CƠ QUAN"), format!("symbol “{symbol}” is not TYPE-ISSUER")));
    }
    if symbol.split('-').any(str::is_empty) {
        out.push(t(format!("ký hiệu “{symbol}” có nhóm rỗng"), format!("symbol “{symbol}” has an empty group")));
    }
    out
}

fn party_number_problems(text: &str) -> Vec<Text> {
    let mut out = Vec::new();
    let after = text.trim_start_matches("Số").trim_start_matches("SỐ");
    if after.trim_start().starts_with(':') {
        out.push(t("có dấu hai chấm sau “Số” (văn bản Đảng không dùng)", "a colon after “Số” (Party documents have none)"));
    }
    let after = after.trim_start().trim_start_matches(':').trim();
    match after.split_once('-') {
        Some((num, symbol)) if symbol.contains('/') => {
            out.extend(number_digits_problems(num));
            if symbol.contains(' ') {
                out.push(t("dấu cách trong ký hiệu", "spaces in the symbol"));
            }
        }
        _ => out.push(t(format!("“{after}” không theo dạng <số>-<LOẠI>/<CƠ QUAN>"), format!("“{after}” is not <n>-<TYPE>/<ISSUER>"))),
    }
    out
}

/// H-12 place, H-13 wording, H-14 style (P-06 for the Party), H-15 same row as "Số".
fn date(out: &mut Out, roles: &Roles, party: bool) {
    let p = roles.date;
    let wants13 = t(
        "“ngày DD tháng M năm YYYY”: số 0 chỉ cho ngày 1–9 và tháng 1, 2 (ngày 05 tháng 01; tháng 3, không “tháng 03”)",
        "“ngày DD tháng M năm YYYY”: a leading zero only for days 1–9 and months 1, 2 (ngày 05 tháng 01; tháng 3, never “tháng 03”)",
    );
    let Some(p) = p else {
        out.push("H-13", Status::Fail, t("không thấy dòng địa danh, ngày tháng năm", "no place and date line"), wants13, Place::Document);
        return;
    };
    let s = squash(&p.shown());
    // H-12: "Place, ngày …".
    let (place_name, rest) = match s.find("ngày") {
        Some(i) => (s[..i].trim_end(), &s[i..]),
        None => (s.as_str(), ""),
    };
    let mut h12 = Vec::new();
    let name = place_name.trim_end_matches(',').trim();
    if !place_name.ends_with(',') {
        h12.push(t("thiếu dấu phẩy sau địa danh", "no comma after the place name"));
    }
    if name.is_empty() {
        h12.push(t("thiếu địa danh", "no place name"));
    } else if !crate::lint::place_is_capitalised(name) {
        h12.push(t(format!("địa danh “{name}” không viết hoa chữ đầu"), format!("place “{name}” not capitalised")));
    }
    out.verdict(
        "H-12",
        Level::Must,
        h12,
        t(format!("“{name},”"), format!("“{name},”")),
        t("địa danh viết hoa chữ đầu, dấu phẩy sau địa danh", "the place name capitalised, a comma after it"),
        place(p),
    );
    out.verdict("H-13", Level::Must, date_problems(rest), t(format!("“{rest}”"), format!("“{rest}”")), wants13, place(p));
    let (rule, want) = if party {
        ("P-06", Want::new(14.0, 14.0).italic(true).bold(false))
    } else {
        ("H-14", Want::new(13.0, 14.0).italic(true).bold(false))
    };
    line_rule(out, rule, Level::Must, Some(p), t("địa danh và ngày tháng", "the place and date"), want, vec![]);
    // H-15: level with the "Số" line: the same table row.
    let number_row = roles.agencies.iter().find_map(|a| a.number).and_then(|n| n.cell).map(|c| c.row);
    if let (Some(row), Some(c)) = (number_row, p.cell) {
        let ok = row == c.row;
        out.verdict(
            "H-15",
            Level::Must,
            if ok {
                vec![]
            } else {
                vec![t("ngày tháng không cùng hàng với dòng “Số”", "the date is not on the row of the “Số” line")]
            },
            t("cùng hàng với dòng “Số”", "on the row of the “Số” line"),
            t("ngày tháng ngang hàng với số, ký hiệu", "the date level with the number"),
            place(p),
        );
    }
}

fn date_problems(rest: &str) -> Vec<Text> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let pos = |w: &str| words.iter().position(|x| x.trim_end_matches([',', '.']) == w);
    let (Some(d), Some(m), Some(y)) = (pos("ngày"), pos("tháng"), pos("năm")) else {
        return vec![t(
            format!("“{rest}” không viết đủ “ngày … tháng … năm …”"),
            format!("“{rest}” is not written out as “ngày … tháng … năm …”"),
        )];
    };
    if !(d < m && m < y) {
        return vec![t("thứ tự ngày, tháng, năm sai", "day, month and year out of order")];
    }
    let blank = |s: &[&str]| s.iter().all(|w| w.chars().all(|c| matches!(c, '.' | '…' | '_')));
    let mut out = Vec::new();
    let day = &words[d + 1..m];
    let month = &words[m + 1..y];
    let year = words.get(y + 1).map(|w| w.trim_end_matches(['.', ','])).unwrap_or("");
    if !blank(day) {
        let v = day.join(" ");
        let ok = v.len() == 2 && v.chars().all(|c| c.is_ascii_digit()) && (1..=31).contains(&v.parse::<u32>().unwrap_or(0));
        if !ok {
            out.push(t(format!("ngày “{v}” (viết hai chữ số: 05, 15)"), format!("day “{v}” (two digits: 05, 15)")));
        }
    }
    if !blank(month) {
        let v = month.join(" ");
        let ok = match v.parse::<u32>() {
            Ok(1) | Ok(2) => v.len() == 2,
            Ok(3..=12) => !v.starts_with('0'),
            _ => false,
        };
        if !ok || !v.chars().all(|c| c.is_ascii_digit()) {
            out.push(t(format!("tháng “{v}” (01, 02, rồi 3 … 12)"), format!("month “{v}” (01, 02, then 3 … 12)")));
        }
    }
    if !(year.len() == 4 && year.chars().all(|c| c.is_ascii_digit())) {
        out.push(t(format!("năm “{year}”"), format!("year “{year}”")));
    }
    out
}

fn title(out: &mut Out, pkg: &Package, roles: &Roles, party: bool, joint: bool) {
    let Some(tn) = roles.type_name else {
        out.push(
            "T-01",
            Status::Fail,
            t("không thấy tên loại văn bản", "no document type line"),
            t("tên loại (BÁO CÁO …) căn giữa", "the type name (BÁO CÁO …) centred"),
            Place::Document,
        );
        return;
    };
    let centred = |p: &Para| if p.align == Align::Center { vec![] } else { vec![t("không căn giữa", "not centred")] };
    let (rule, want) =
        if party { ("P-07", Want::new(15.0, 16.0).bold(true).upper()) } else { ("T-01", Want::new(13.0, 14.0).bold(true).upper()) };
    // Type name and summary in one paragraph (a line break between them): the case rule reads the first line.
    let combined = roles.summary.first().is_some_and(|p| p.index == tn.index);
    let mut problems = centred(tn);
    let want = if combined {
        if !is_upper(tn.shown().split('\n').next().unwrap_or("")) {
            problems.push(t("không in hoa", "not upper case"));
        }
        Want { upper: false, ..want }
    } else {
        want
    };
    line_rule(out, rule, Level::Must, Some(tn), t("tên loại văn bản, căn giữa", "the type name, centred"), want, problems);
    let (rule, want) = if party { ("P-08", Want::new(14.0, 15.0).bold(true)) } else { ("T-02", Want::new(13.0, 14.0).bold(true)) };
    if roles.summary.is_empty() {
        out.push(rule, Status::Fail, t("không thấy trích yếu dưới tên loại", "no summary under the type name"), want.describe(), place(tn));
        return;
    }
    for (i, p) in roles.summary.iter().enumerate() {
        let mut problems = centred(p);
        if i == 0 {
            let text = p.text();
            let text = if combined { text.split_once('\n').map_or("", |(_, rest)| rest) } else { &text };
            let first = squash(text).chars().find(|c| c.is_alphabetic());
            match (party, first) {
                // A joint programme's summary continues its type name ("CHƯƠNG TRÌNH PHỐI HỢP / giữa …", §11).
                (false, Some(c)) if c.is_lowercase() && !joint => {
                    problems.push(t("trích yếu bắt đầu bằng chữ thường", "the summary starts in lower case"))
                }
                (true, Some(c)) if c.is_uppercase() => {
                    problems.push(t("trích yếu văn bản Đảng bắt đầu bằng chữ hoa", "a Party summary starting with a capital"))
                }
                _ => {}
            }
        }
        line_rule(out, rule, Level::Must, Some(p), t("trích yếu, căn giữa", "the summary, centred"), want, problems);
    }
    let last = roles.summary[roles.summary.len() - 1];
    if party {
        let ok = matches!(&roles.summary_mark, Some(Mark::Typed(_)) | Some(Mark::Border(_)) | Some(Mark::Shape(_)));
        let found = match &roles.summary_mark {
            Some(Mark::Typed(s)) => t(format!("“{s}”"), format!("“{s}”")),
            Some(m) => mark_found(m),
            None => mark_found(&Mark::Missing),
        };
        // P-09 is OPEN: dashes in HD36 practice, a rule when the document asks for one.
        out.verdict(
            "P-09",
            Level::Should,
            if ok { vec![] } else { vec![found.clone()] },
            found,
            t("“-----” (hoặc đường kẻ ngắn) căn giữa dưới trích yếu", "“-----” (or a short rule) centred under the summary"),
            place(last),
        );
    } else {
        let w = roles.summary.iter().map(|p| widest_line_mm(p).min(text_width(pkg, p))).fold(0.0, f32::max);
        let (lo, hi) = (w / 3.0 - 1.0, w / 2.0 + 1.0);
        check_mark(
            out,
            "T-03",
            roles.summary_mark.as_ref(),
            last,
            lo,
            hi,
            length_wants(lo, hi, t("dài 1/3–1/2 dòng trích yếu, căn giữa", "1/3–1/2 of the summary line, centred")),
        );
        let vv = roles.summary.first().is_some_and(|p| squash(&p.text()).to_lowercase().starts_with("v/v"));
        out.verdict(
            "T-04",
            Level::Must,
            if vv { vec![t("trích yếu có “V/v”", "the summary has “V/v”")] } else { vec![] },
            t("không có “V/v”", "no “V/v”"),
            t("báo cáo không dùng “V/v” (chỉ công văn)", "no “V/v” in a report (công văn only)"),
            place(roles.summary[0]),
        );
    }
}

/// The width text can take in a paragraph outside tables.
fn text_width(pkg: &Package, p: &Para) -> f32 {
    border_length(pkg, p).unwrap_or(165.0)
}

fn body(out: &mut Out, roles: &Roles, party: bool) {
    let body = &roles.body;
    let (rule, lo, hi) = if party { ("P-11", 14.0, 15.0) } else { ("B-01", 13.0, 14.0) };
    if body.is_empty() {
        for r in [rule, "B-02", "B-03", "B-04"] {
            out.skip(r, t("không thấy phần nội dung", "no body text found"), t("nội dung văn bản", "the body text"));
        }
        return;
    }
    // Size, and justification of running text (headings and centred lines aside).
    let mut bad = Vec::new();
    for p in body {
        for size in p.sizes() {
            if size < lo - 0.01 || size > hi + 0.01 {
                let v = n(size);
                bad.push((*p, t(format!("cỡ chữ {} pt", v.vi), format!("{} pt", v.en))));
                break;
            }
        }
        let heading = p.all(|r| r.bold);
        if !heading && p.align == Align::Left && p.text().chars().count() > 90 {
            bad.push((*p, t("căn trái, không canh đều hai lề", "left-aligned, not justified")));
        }
    }
    let sizes = body.iter().flat_map(|p| p.sizes()).fold(Vec::<f32>::new(), |mut acc, s| {
        if !acc.iter().any(|a| (a - s).abs() < 0.01) {
            acc.push(s);
        }
        acc
    });
    let size_text = sizes.iter().map(|s| n(*s)).collect::<Vec<_>>();
    let size_vi = size_text.iter().map(|s| s.vi.clone()).collect::<Vec<_>>().join(", ");
    let size_en = size_text.iter().map(|s| s.en.clone()).collect::<Vec<_>>().join(", ");
    let r = range(lo, hi, "pt");
    out.grouped(
        rule,
        Level::Must,
        bad,
        t(format!("nội dung {size_vi} pt, canh đều"), format!("body {size_en} pt, justified")),
        t(format!("nội dung {}, canh đều hai lề", r.vi), format!("body text {}, justified", r.en)),
    );
    // G-05: one body size in the whole document.
    if sizes.len() > 1 {
        let first_other = body.iter().find(|p| p.sizes().iter().any(|s| (s - sizes[0]).abs() > 0.01)).copied();
        out.push(
            "G-05",
            Status::Fail,
            t(format!("nội dung dùng nhiều cỡ chữ: {size_vi} pt"), format!("the body mixes sizes: {size_en} pt")),
            t("một cỡ chữ cho toàn bộ nội dung", "one size for all body text"),
            first_other.map_or(Place::Document, place),
        );
    }
    // B-02: first-line indent of running paragraphs.
    let mut bad = Vec::new();
    for p in body {
        if p.all(|r| r.bold) || matches!(p.align, Align::Center | Align::Right) || p.numbered {
            continue;
        }
        let i = p.first_line_mm;
        if !(9.9..=12.8).contains(&i) {
            let v = n(i);
            bad.push((*p, t(format!("thụt đầu dòng {} mm", v.vi), format!("first-line indent {} mm", v.en))));
        }
    }
    out.grouped(
        "B-02",
        Level::Must,
        bad,
        t("thụt đầu dòng 10–12,7 mm", "first-line indent 10–12.7 mm"),
        t("lùi đầu dòng 1 cm hoặc 1,27 cm", "a first-line indent of 1 cm or 1.27 cm"),
    );
    // B-03: at least 6 pt between consecutive paragraphs.
    let mut bad = Vec::new();
    for w in body.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b.index != a.index + 1 {
            continue;
        }
        let gap = if a.contextual && b.contextual && a.style == b.style { 0.0 } else { a.after_pt + b.before_pt };
        if gap < 6.0 - 0.05 {
            let v = n(gap);
            bad.push((b, t(format!("cách đoạn trước {} pt", v.vi), format!("{} pt after the previous paragraph", v.en))));
        }
    }
    out.grouped(
        "B-03",
        Level::Must,
        bad,
        t("các đoạn cách nhau từ 6 pt", "paragraphs 6 pt or more apart"),
        t("khoảng cách giữa các đoạn tối thiểu 6 pt", "at least 6 pt between paragraphs"),
    );
    // B-04: single to 1.5 lines; exact spacing from 15 pt (TT01) to 1.5 single lines.
    let mut bad = Vec::new();
    for p in body {
        let single = 1.15 * p.size();
        let problem = match p.line {
            LineRule::Multiple(m) if !(0.99..=1.51).contains(&m) => {
                Some(t(format!("giãn dòng {} dòng", n(m).vi), format!("line spacing {} lines", n(m).en)))
            }
            LineRule::Exact(v) if v < 15.0 - 0.05 || v > 1.5 * single + 0.05 => {
                Some(t(format!("giãn dòng chính xác {} pt", n(v).vi), format!("exact line spacing {} pt", n(v).en)))
            }
            LineRule::AtLeast(v) if v > 1.5 * single + 0.05 => {
                Some(t(format!("giãn dòng tối thiểu {} pt", n(v).vi), format!("line spacing at least {} pt", n(v).en)))
            }
            _ => None,
        };
        if let Some(pr) = problem {
            bad.push((*p, pr));
        }
    }
    out.grouped(
        "B-04",
        Level::Must,
        bad,
        t("giãn dòng trong khoảng dòng đơn – 1,5 dòng", "line spacing between single and 1.5 lines"),
        t(
            "giãn dòng từ dòng đơn (hoặc chính xác từ 15 pt) đến 1,5 dòng",
            "line spacing from single (or exactly 15 pt and up) to 1.5 lines",
        ),
    );
}

fn signature(out: &mut Out, roles: &Roles, party: bool, mixed: bool) {
    if roles.signers.is_empty() {
        out.skip(
            if party { "P-14" } else { "S-02" },
            t("không thấy khối chữ ký trong bảng cuối văn bản", "no signature block found in a closing table"),
            t("khối chữ ký: quyền hạn, chức vụ, họ tên", "the signature block: authority, title, name"),
        );
        return;
    }
    for lines in &roles.signers {
        let (name, titles) = lines.split_last().map_or((None, &[][..]), |(n, t)| (Some(*n), t));
        let titles: Vec<&Para> = titles.iter().copied().filter(|p| is_upper(&p.shown())).collect();
        // S-01 / P-13: prefixes with a dot (state) or a slash (Party).
        let mut s01 = Vec::new();
        for p in &titles {
            let s = squash(&p.shown());
            let upper = s.to_uppercase();
            let slash = ["T/M", "K/T", "T/L"].iter().any(|x| upper.starts_with(x));
            let dot = ["TM.", "KT.", "TL.", "TUQ.", "Q."].iter().any(|x| upper.starts_with(x));
            let bare = ["TM ", "KT ", "TL ", "TUQ "].iter().any(|x| upper.starts_with(x));
            if party && dot && !mixed {
                s01.push(t(format!("“{s}”: văn bản Đảng dùng T/M, K/T, T/L"), format!("“{s}”: Party documents use T/M, K/T, T/L")));
            } else if !party && slash && !mixed {
                s01.push(t(format!("“{s}”: văn bản nhà nước dùng TM., KT., TL."), format!("“{s}”: state documents use TM., KT., TL.")));
            } else if bare {
                s01.push(t(
                    format!("“{s}”: thiếu dấu chấm/gạch chéo sau chữ viết tắt"),
                    format!("“{s}”: the prefix lacks its dot or slash"),
                ));
            }
        }
        if let Some(first) = titles.first().or(lines.first()) {
            let prefixed = titles.iter().any(|p| starts_with_prefix(&p.shown()));
            let ok = if prefixed {
                t("tiền tố quyền hạn đúng dạng", "authority prefixes well formed")
            } else {
                t("ký trực tiếp (không có tiền tố)", "signed directly (no prefix)")
            };
            let wants = if party {
                t("T/M, K/T, T/L (có gạch chéo)", "T/M, K/T, T/L (with a slash)")
            } else {
                t("TM., KT., TL., TUQ., Q. (có dấu chấm)", "TM., KT., TL., TUQ., Q. (with a dot)")
            };
            out.verdict(if party { "P-13" } else { "S-01" }, Level::Must, s01, ok, wants, place(first));
        }
        // S-02 / P-14: authority and title lines.
        for (i, p) in titles.iter().enumerate() {
            let last_title = i + 1 == titles.len();
            let want = if party {
                // P-14 leaves the title line's weight OPEN: only the authority lines must be bold.
                let w = Want::new(14.0, 14.0).upper();
                if last_title && titles.len() > 1 { w } else { w.bold(true) }
            } else {
                Want::new(13.0, 14.0).bold(true).upper()
            };
            line_rule(
                out,
                if party { "P-14" } else { "S-02" },
                Level::Must,
                Some(p),
                t("dòng quyền hạn, chức vụ", "the authority or title line"),
                want,
                vec![],
            );
            let s = squash(&p.shown());
            if s.contains("PHỤ TRÁCH") {
                out.push(
                    "S-03",
                    Status::Fail,
                    t(format!("chức vụ “{s}”"), format!("title “{s}”")),
                    t("chức vụ do Nhà nước quy định (không “PHỤ TRÁCH”)", "a position the State defines (not “PHỤ TRÁCH”)"),
                    place(p),
                );
            }
        }
        // S-04: the name.
        if let Some(p) = name {
            let s = squash(&p.shown());
            let mut problems = Vec::new();
            if is_upper(&s) {
                problems.push(t("họ tên in hoa", "the name in capitals"));
            }
            let lower = s.to_lowercase();
            for title in ["ts.", "ths.", "pgs.", "gs.", "đồng chí", "ông ", "bà ", "cn.", "ks.", "bs."] {
                if lower.starts_with(title) {
                    problems.push(t(format!("học hàm, danh xưng trước tên: “{s}”"), format!("a title before the name: “{s}”")));
                    break;
                }
            }
            if p.align != Align::Center {
                problems.push(t("họ tên không căn giữa", "the name is not centred"));
            }
            let want = if party { Want::new(14.0, 14.0).bold(true) } else { Want::new(13.0, 14.0).bold(true) };
            line_rule(
                out,
                "S-04",
                Level::Must,
                Some(p),
                t("họ tên người ký, chữ thường, căn giữa", "the signer's name, normal case, centred"),
                want,
                problems,
            );
        }
    }
}

fn recipients(out: &mut Out, roles: &Roles, party: bool) {
    let label = roles.recipients_label;
    let (rule, want) = if party {
        ("P-15", Want::new(14.0, 14.0).bold(false).underline(true))
    } else {
        ("R-03", Want::new(12.0, 12.0).bold(true).italic(true))
    };
    let Some(p) = label else {
        out.skip(
            rule,
            t("không thấy “Nơi nhận:”", "no “Nơi nhận:” found"),
            t("“Nơi nhận:” dưới nội dung, bên trái", "“Nơi nhận:” after the body, on the left"),
        );
        return;
    };
    let mut problems = Vec::new();
    let s = squash(&p.shown());
    if !s.starts_with("Nơi nhận:") {
        problems.push(t(format!("“{s}”: thiếu dấu hai chấm"), format!("“{s}”: no colon")));
    }
    if !matches!(p.align, Align::Left | Align::Both) || p.left_mm.abs() > 0.5 || p.first_line_mm.abs() > 0.5 {
        problems.push(t("không sát lề trái", "not flush left"));
    }
    line_rule(out, rule, Level::Must, Some(p), t("“Nơi nhận:”, sát lề trái", "“Nơi nhận:”, flush left"), want, problems);
    // R-04 / P-16: the list.
    let items = &roles.recipients;
    let (rule, lo) = if party { ("P-16", 12.0) } else { ("R-04", 11.0) };
    let item_want = Want::new(lo, lo).bold(false);
    let mut bad = Vec::new();
    for (i, p) in items.iter().enumerate() {
        let s = squash(&p.shown());
        let last = i + 1 == items.len();
        let mut problems: Vec<Text> = item_want.problems(p);
        // The drafter code line ("PL.(15)", R-06) may close the list.
        let drafter = last && s.contains('(');
        if !s.starts_with('-') && !drafter {
            problems.push(t("không bắt đầu bằng “-”", "does not start with “-”"));
        }
        let ends_ok = if party {
            s.ends_with([',', ';', '.'])
        } else if last || s.starts_with("- Lưu") {
            s.ends_with('.')
        } else {
            s.ends_with(';')
        };
        if !ends_ok && s.starts_with('-') {
            problems.push(if party {
                t("thiếu dấu cuối dòng", "no line terminator")
            } else {
                t("không kết thúc bằng “;”", "does not end with “;”")
            });
        }
        if !problems.is_empty() {
            bad.push((*p, join(&problems)));
        }
    }
    if items.is_empty() {
        out.push(rule, Status::Fail, t("“Nơi nhận:” không có danh sách", "“Nơi nhận:” has no list"), item_want.describe(), place(p));
    } else {
        let r = range(lo, lo, "pt");
        out.grouped(
            rule,
            Level::Must,
            bad,
            t(format!("{} dòng nơi nhận, {}", items.len(), r.vi), format!("{} recipient lines, {}", items.len(), r.en)),
            t(
                format!("mỗi nơi nhận một dòng bắt đầu “-”, {}, chữ đứng", r.vi),
                format!("one recipient per line starting “-”, {}, upright", r.en),
            ),
        );
    }
    // R-05 / P-16: the archive line.
    let lưu = items.iter().rev().find(|p| squash(&p.text()).trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with("Lưu"));
    let wants = if party {
        t("“- Lưu <đơn vị>.” không có dấu hai chấm, không có “VT”", "“- Lưu <unit>.” with no colon and no “VT”")
    } else {
        t("“- Lưu: VT, <đơn vị soạn thảo>.”", "“- Lưu: VT, <drafting unit>.”")
    };
    let rule = if party { "P-16" } else { "R-05" };
    let Some(l) = lưu else {
        out.push(rule, Status::Fail, t("không có dòng “Lưu”", "no “Lưu” line"), wants, items.last().map_or(place(p), |q| place(q)));
        return;
    };
    let s = squash(&l.text());
    let mut problems = Vec::new();
    let after = s.trim_start_matches(|c: char| !c.is_alphanumeric()).trim_start_matches("Lưu");
    if party {
        if after.trim_start().starts_with(':') || after.contains("VT,") || after.trim() == "VT." {
            problems.push(t(format!("“{s}”"), format!("“{s}”")));
        }
    } else {
        let body = after.trim_start();
        let ok = body.starts_with(':') && {
            let rest = body[1..].trim_start();
            rest.starts_with("VT,") && rest.len() > 4 && rest.ends_with('.')
        };
        if !ok {
            problems.push(t(format!("“{s}”"), format!("“{s}”")));
        }
    }
    if party {
        if !problems.is_empty() {
            out.push(rule, Status::Fail, join(&problems), wants, place(l));
        }
    } else {
        out.verdict(rule, Level::Must, problems, t(format!("“{s}”"), format!("“{s}”")), wants, place(l));
    }
}

/// C-10: NFC text; C-11: real capitals where the spec wants upper case.
fn text_form(out: &mut Out, pkg: &Package, roles: &Roles) {
    let not_nfc: Vec<(&Para, Text)> = pkg
        .paras
        .iter()
        .chain(pkg.parts.iter().flat_map(|h| h.paras.iter()))
        .filter(|p| !is_nfc(&p.text()))
        .map(|p| (p, t("chữ ở dạng tổ hợp (không phải NFC)", "decomposed text (not NFC)")))
        .collect();
    out.grouped(
        "C-10",
        Level::Should,
        not_nfc,
        t("chữ Unicode dựng sẵn (NFC)", "precomposed Unicode text (NFC)"),
        t("Unicode dựng sẵn (NFC)", "precomposed Unicode (NFC)"),
    );
    let mut upper_lines: Vec<&Para> = Vec::new();
    upper_lines.extend(roles.motto);
    for a in &roles.agencies {
        upper_lines.extend(a.parent.iter().chain(&a.issuer));
    }
    upper_lines.extend(roles.type_name);
    for s in &roles.signers {
        upper_lines.extend(s.iter().filter(|p| is_upper(&p.shown())));
    }
    let caps: Vec<(&Para, Text)> = upper_lines
        .into_iter()
        .filter(|p| p.visible_runs().any(|r| (r.props.caps || r.props.small_caps) && r.text.chars().any(char::is_lowercase)))
        .map(|p| (p, t("in hoa bằng định dạng “caps”, chữ gõ là chữ thường", "capitals by “caps” formatting over lower-case text")))
        .collect();
    out.grouped(
        "C-11",
        Level::Should,
        caps,
        t("chữ in hoa gõ thật", "real capitals typed"),
        t("gõ chữ in hoa thật, không dùng định dạng caps", "real capitals, not caps formatting"),
    );
    // C-14: proofing language vi-VN on the text (Word's spelling check, hyphenation, screen readers).
    let lang: Vec<(&Para, Text)> = pkg
        .paras
        .iter()
        .filter_map(|p| {
            let r = p.visible_runs().find(|r| !r.props.lang.as_deref().is_some_and(|l| l.to_lowercase().starts_with("vi")))?;
            Some((
                p,
                match &r.props.lang {
                    Some(l) => t(format!("ngôn ngữ {l}"), format!("language {l}")),
                    None => t("không đặt ngôn ngữ", "no language set"),
                },
            ))
        })
        .collect();
    out.grouped(
        "C-14",
        Level::Should,
        lang,
        t("ngôn ngữ vi-VN", "language vi-VN"),
        t("đặt ngôn ngữ w:lang=\"vi-VN\"", "w:lang=\"vi-VN\" on the text"),
    );
}

/// "Kính gửi:" and its addressees (when the report has them).
fn addressees(out: &mut Out, roles: &Roles, party: bool) {
    let Some(first) = roles.to.first() else { return };
    let s = squash(&first.text());
    let mut problems = Vec::new();
    let after = s.strip_prefix("Kính gửi").unwrap_or("");
    if !after.starts_with(':') {
        problems.push(t("thiếu dấu hai chấm sau “Kính gửi”", "no colon after “Kính gửi”"));
    }
    let (lo, hi) = if party { (14.0, 14.0) } else { (13.0, 14.0) };
    for p in &roles.to {
        problems.extend(Want::new(lo, hi).problems(p));
    }
    // Several addressees: "- …;" lines, the last ending "."; one: no final punctuation.
    let mut lines: Vec<String> = Vec::new();
    let inline = after.trim_start_matches(':').trim();
    if !inline.is_empty() {
        lines.push(inline.to_string());
    }
    lines.extend(roles.to[1..].iter().map(|p| squash(&p.text())));
    if lines.len() > 1 {
        for (i, l) in lines.iter().enumerate() {
            let last = i + 1 == lines.len();
            if !l.starts_with('-') {
                problems.push(t(format!("“{l}” không bắt đầu bằng “-”"), format!("“{l}” does not start with “-”")));
            } else if !last && !l.ends_with(';') {
                problems.push(t(format!("“{l}” không kết thúc bằng “;”"), format!("“{l}” does not end with “;”")));
            } else if last && !l.ends_with('.') {
                problems.push(t(format!("“{l}” không kết thúc bằng “.”"), format!("“{l}” does not end with “.”")));
            }
        }
    } else if let Some(l) = lines.first()
        && l.ends_with(['.', ';', ','])
    {
        problems
            .push(t(format!("“{l}”: một nơi gửi thì không có dấu cuối"), format!("“{l}”: a single addressee takes no final punctuation")));
    }
    let r = range(lo, hi, "pt");
    out.verdict(
        "R-01",
        Level::Must,
        problems,
        t(format!("“Kính gửi:”, {} nơi gửi", lines.len()), format!("“Kính gửi:”, {} addressee(s)", lines.len())),
        t(
            format!("“Kính gửi:” {}, chữ đứng; nhiều nơi gửi: mỗi dòng “- …;”, dòng cuối “.”", r.vi),
            format!("“Kính gửi:” {}, upright; several addressees: one “- …;” line each, the last ending “.”", r.en),
        ),
        place(first),
    );
}

/// Roman numerals as ND30 headings use them.
fn roman_prefix(s: &str) -> Option<(&str, char)> {
    let end = s.find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))?;
    if end == 0 {
        return None;
    }
    let sep = s[end..].chars().next()?;
    Some((&s[..end], sep))
}

/// T-05 căn cứ lines, B-12 Mục headings, B-15 điểm letters, B-17 decimal numbering, C-01 end mark.
fn structure(out: &mut Out, roles: &Roles, party: bool) {
    let body = &roles.body;
    // T-05: a block of căn cứ lines right under the title (italic or ending ";": not a body sentence).
    let grounds: Vec<&Para> = body
        .iter()
        .copied()
        .take_while(|p| {
            let s = squash(&p.text());
            s.starts_with("Căn cứ") && (p.all(|r| r.italic) || s.ends_with(';'))
        })
        .collect();
    if let Some(first) = grounds.first() {
        let mut problems = Vec::new();
        for (i, p) in grounds.iter().enumerate() {
            let s = squash(&p.text());
            let last = i + 1 == grounds.len();
            if !p.all(|r| r.italic) {
                problems.push(t(format!("“{s}” không in nghiêng"), format!("“{s}” is not italic")));
            }
            let end_ok = if last { s.ends_with('.') } else { s.ends_with(';') };
            if !end_ok {
                let want = if last { "." } else { ";" };
                problems.push(t(format!("“{s}” không kết thúc bằng “{want}”"), format!("“{s}” does not end with “{want}”")));
            }
        }
        out.verdict(
            "T-05",
            Level::Must,
            problems,
            t(format!("{} dòng căn cứ", grounds.len()), format!("{} căn cứ lines", grounds.len())),
            t("căn cứ in nghiêng, mỗi dòng kết thúc “;”, dòng cuối “.”", "căn cứ lines italic, each ending “;”, the last “.”"),
            place(first),
        );
    }
    // B-12: "I. TÊN MỤC" upper case and bold (Party practice "I-", P-12).
    let mut bad = Vec::new();
    let mut seen = 0;
    for &p in body {
        let s = squash(&p.shown());
        let Some((_, sep)) = roman_prefix(&s) else { continue };
        if !matches!(sep, '.' | '-') || !s[..s.find(sep).unwrap_or(0)].chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        seen += 1;
        let mut problems = Vec::new();
        if !is_upper(&s) {
            problems.push(t("tên mục không in hoa", "the Mục title is not upper case"));
        }
        if !p.all(|r| r.bold) {
            problems.push(t("tên mục không đậm", "the Mục title is not bold"));
        }
        if sep == '-' && !party {
            problems.push(t(
                "“I-” là cách đánh số của văn bản Đảng; văn bản nhà nước dùng “I.”",
                "“I-” is the Party's numbering; state documents use “I.”",
            ));
        }
        if !problems.is_empty() {
            bad.push((p, join(&problems)));
        }
    }
    if seen > 0 {
        out.grouped(
            "B-12",
            Level::Must,
            bad,
            t(format!("{seen} mục in hoa, đậm"), format!("{seen} Mục headings, upper case, bold")),
            t("mục: số La Mã và dấu chấm, tên in hoa, đậm", "Mục: a Roman numeral and a dot, the title upper case and bold"),
        );
    }
    // B-15: điểm "a)" in the Vietnamese order, never "a." or "(a)"; B-17: decimal numbering "1.1." (CONV).
    let letters = "abcdđeghiklmnopqrstuvxy";
    let mut bad15 = Vec::new();
    let mut bad17 = Vec::new();
    let mut prev: Option<usize> = None;
    let mut points = 0;
    for &p in body {
        let s = squash(&p.text());
        let mut chars = s.chars();
        let (Some(c), Some(next)) = (chars.next(), chars.next()) else { continue };
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        if digits.matches('.').count() >= 2
            && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
            && digits.contains(|c: char| c.is_ascii_digit())
        {
            let d = digits.split('.').filter(|x| !x.is_empty()).count();
            if d >= 2 {
                bad17.push((p, t(format!("đánh số thập phân “{digits}”"), format!("decimal numbering “{digits}”"))));
            }
        }
        if !c.is_lowercase() || !matches!(next, ')' | '.') || s.chars().nth(2) != Some(' ') {
            if s.starts_with('(') && s.chars().nth(2) == Some(')') && s.chars().nth(1).is_some_and(char::is_lowercase) {
                bad15.push((
                    p,
                    t(
                        format!("điểm “{}”", &s[..s.char_indices().nth(3).map_or(s.len(), |x| x.0)]),
                        format!("point “{}”", &s[..s.char_indices().nth(3).map_or(s.len(), |x| x.0)]),
                    ),
                ));
            }
            continue;
        }
        points += 1;
        if next == '.' {
            bad15.push((p, t(format!("điểm “{c}.” (viết “{c})”)"), format!("point “{c}.” (write “{c})”)"))));
            continue;
        }
        match letters.chars().position(|x| x == c) {
            None => bad15.push((p, t(format!("điểm “{c})”: không dùng f, j, w, z"), format!("point “{c})”: f, j, w, z are not used")))),
            Some(i) => {
                if let Some(j) = prev
                    && i != 0
                    && i != j + 1
                {
                    let want = letters.chars().nth(j + 1).unwrap_or('?');
                    bad15.push((
                        p,
                        t(
                            format!("điểm “{c})” sau “{})”, thiếu “{want})”", letters.chars().nth(j).unwrap_or('?')),
                            format!("point “{c})” after “{})”, “{want})” skipped", letters.chars().nth(j).unwrap_or('?')),
                        ),
                    ));
                }
                prev = Some(i);
            }
        }
    }
    if points > 0 || !bad15.is_empty() {
        out.grouped(
            "B-15",
            Level::Must,
            bad15,
            t(format!("{points} điểm “a)”, “b)” … đúng thứ tự"), format!("{points} points “a)”, “b)” … in order")),
            t(
                "điểm: chữ cái tiếng Việt theo thứ tự và “)”: a) b) c) d) đ) e) g) …",
                "points: Vietnamese letters in order with “)”: a) b) c) d) đ) e) g) …",
            ),
        );
    }
    if !party {
        out.grouped(
            "B-17",
            Level::Should,
            bad17,
            t("không dùng đánh số thập phân “1.1.”", "no decimal numbering “1.1.”"),
            t("mục, khoản, điểm theo I., 1., a) (không “1.1.”)", "I., 1., a) numbering (not “1.1.”)"),
        );
    }
    // C-01: a state document's body ends with "./." (every ND30 template does); the Party's "." is OPEN.
    if !party && let Some(last) = body.iter().rev().find(|p| !p.all(|r| r.bold)) {
        let s = squash(&last.text());
        let ok = s.ends_with("./.");
        let tail: String = s.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        out.verdict(
            "C-01",
            Level::Should,
            if ok { vec![] } else { vec![t(format!("nội dung kết thúc “…{tail}”"), format!("the body ends “…{tail}”"))] },
            t("nội dung kết thúc bằng “./.”", "the body ends with “./.”"),
            t("kết thúc nội dung bằng “./.”", "the body ending with “./.”"),
            place(last),
        );
    }
}

/// A-01..A-03 (P-21 for the Party): the phụ lục after the signature, when the file has them.
fn appendices(out: &mut Out, pkg: &Package, roles: &Roles, party: bool) {
    let after = roles.recipients.last().or(roles.body.last()).map_or(0, |p| p.index);
    let is_label = |p: &Para| {
        let s = squash(&p.text());
        let lower = s.to_lowercase();
        lower.starts_with("phụ lục") && s.chars().count() <= 16 && p.cell.is_none()
    };
    let labels: Vec<&Para> = pkg.paras.iter().filter(|p| p.index > after && is_label(p)).collect();
    if labels.is_empty() {
        return;
    }
    // A-01 / P-21: Roman numerals when there are two or more (state), Arabic (Party).
    let numbers: Vec<String> = labels.iter().map(|p| squash(&p.text()).chars().skip(7).collect::<String>().trim().to_string()).collect();
    let roman = |n: &str| !n.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    let arabic = |n: &str| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit());
    let ok = if party {
        numbers.iter().all(|n| arabic(n) || (labels.len() == 1 && n.is_empty()))
    } else {
        labels.len() == 1 || numbers.iter().all(|n| roman(n))
    };
    let list = numbers.iter().map(|n| if n.is_empty() { "—".to_string() } else { n.clone() }).collect::<Vec<_>>().join(", ");
    out.verdict(
        if party { "P-21" } else { "A-01" },
        Level::Must,
        if ok { vec![] } else { vec![t(format!("phụ lục đánh số: {list}"), format!("appendices numbered: {list}"))] },
        t(format!("phụ lục đánh số: {list}"), format!("appendices numbered: {list}")),
        if party {
            t("phụ lục đánh số Ả Rập (Phụ lục 1, 2 …)", "appendices in Arabic numerals (Phụ lục 1, 2 …)")
        } else {
            t("từ hai phụ lục: số La Mã (Phụ lục I, II …)", "two or more appendices: Roman numerals (Phụ lục I, II …)")
        },
        place(labels[0]),
    );
    for label in labels {
        let mut problems = Vec::new();
        let s = squash(&label.text());
        if !s.starts_with("Phụ lục") {
            problems.push(t(format!("“{s}”: viết “Phụ lục”, chữ thường"), format!("“{s}”: write “Phụ lục”, normal case")));
        }
        if label.align != Align::Center {
            problems.push(t("không căn giữa", "not centred"));
        }
        line_rule(
            out,
            "A-02",
            Level::Must,
            Some(label),
            t("dòng “Phụ lục”, căn giữa", "the “Phụ lục” line, centred"),
            Want::new(14.0, 14.0).bold(true),
            problems,
        );
        // the "(Kèm theo …)" line under the title, italic.
        let next: Vec<&Para> = pkg.paras.iter().filter(|p| p.index > label.index && !p.is_empty()).take(4).collect();
        if let Some(r) = next.iter().find(|p| squash(&p.text()).starts_with("(Kèm theo")) {
            let centred = if r.align == Align::Center { vec![] } else { vec![t("không căn giữa", "not centred")] };
            line_rule(
                out,
                "A-03",
                Level::Must,
                Some(r),
                t("dòng “(Kèm theo …)”, căn giữa", "the “(Kèm theo …)” line, centred"),
                Want::new(13.0, 14.0).italic(true).bold(false),
                centred,
            );
        }
    }
}
