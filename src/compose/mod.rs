//! Composer: builds the parts of the document that the format rules fix (the
//! header block, title, "Kính gửi", signature blocks, "Nơi nhận") from the
//! validated report and the format [`Profile`]s, and joins them with the body
//! blocks that the templates produced.
//!
//! Contract: pure; every string is final (upper case, prefixes, punctuation).
//!
//! - The lead issuer (the first in the input, chủ trì) decides the motto, the
//!   sizes of the whole document, the title, "Nơi nhận" and how the body ends
//!   (§11 "Fonts": the sizes of the lead profile apply to the whole document).
//! - Each issuer column keeps its own system's mark ("*" or a rule) and number
//!   syntax; each signature block its own system's prefixes (T/M or TM.).
//! - Joint documents (§11): the issuer columns stand side by side with the
//!   lead's column last, next to the motto; the lead's signature block is the
//!   right one of the first row ("the lead body signs on the right").
//! - Header column widths come from the measured text; a line wider than its
//!   column is broken between words, before an administrative unit word
//!   ("HUYỆN", "TỈNH" …) when possible (H-06 allows long names to wrap).

mod fit;

use crate::data::model::{Authority, Issuer, Report, Signer, System};
use crate::doc::{
    AddresseeRow, Addressees, Block, BodyStyle, Closing, Document, Header, HeaderColumn, Line, Mark, Meta, PageSetup, Recipients,
    Separator, SignatureBlock, Style, Title,
};
use crate::profile::{self, AgencyMark, Profile, TitleSeparator};
use crate::units::{Mm, Pt};

pub(crate) use fit::{Kind, Phrases};

/// Horizontal room kept free on each side of the text in a header or
/// signature column (pt): names in columns side by side stay 6 pt apart and
/// read as two bodies, not as one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …").
const COLUMN_PAD: f32 = 3.0;
/// The same for the header's bottom lines, the "Số" lines and the date, which
/// share one baseline: 8 pt (about 3 mm) apart at the least, so a number
/// never reads on into the date beside it.
const BOTTOM_PAD: f32 = 4.0;

/// The lead issuer's profile (the first issuer leads, §11), with the
/// document's `style` overrides.
pub(crate) fn lead_profile(report: &Report) -> Profile {
    issuer_profile(report, &report.issuers[0])
}

/// The profile of one issuer's system, with the document's `style` overrides.
pub(crate) fn issuer_profile(report: &Report, issuer: &Issuer) -> Profile {
    Profile::for_system(issuer.system, report.document.size_set).with_overrides(&report.document.style)
}

/// What follows a Mục's Roman numeral in the body ("I. " or "I- "), for
/// `template::markdown::to_blocks_with`.
pub(crate) fn section_suffix(report: &Report) -> &'static str {
    lead_profile(report).headings.section_suffix()
}

/// The whole document: fixed parts from the report, `body` from the template.
/// Text that cannot fit its box is still composed; [`frame`] says what does
/// not fit (the reviewer checks refuse such input). For tests: the product
/// composes through [`frame`] once.
#[cfg(test)]
pub(crate) fn compose(report: &Report, body: Vec<Block>) -> Document {
    frame(report).with_body(report, body)
}

/// The parts of a document the format rules fix (header, title, "Kính gửi",
/// closing), composed once per document: the reviewer checks read them and
/// what in them does not fit, then [`Frame::with_body`] adds the template's
/// body and the writers print the result.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The document with an empty body.
    pub(crate) document: Document,
    /// Text that does not fit its box.
    pub(crate) problems: Vec<Problem>,
}

impl Frame {
    /// The whole document: the frame around `body` (which ends with the
    /// lead profile's mark, its tables' columns resolved to the text width).
    pub fn with_body(self, report: &Report, mut body: Vec<Block>) -> Document {
        let lead = lead_profile(report);
        end_body(&mut body, lead.end_mark);
        resolve_tables(&mut body, text_width(&lead), lead.table_size);
        Document { body, ..self.document }
    }
}

/// The fixed parts of `report`'s document and what in them does not fit.
pub fn frame(report: &Report) -> Frame {
    let lead = lead_profile(report);
    let mut fit = Fitting { phrases: phrases(report), problems: Vec::new() };
    let header = header(report, &lead, &mut fit);
    let title = title(report, &lead, &mut fit);
    let to = addressees(report, &lead, &mut fit);
    let closing = closing(report, &lead, &mut fit);
    let document = Document {
        meta: meta(report),
        page: PageSetup {
            width: Mm(210.0),
            height: Mm(297.0),
            margin_top: lead.margin_top,
            margin_bottom: lead.margin_bottom,
            margin_left: lead.margin_left,
            margin_right: lead.margin_right,
            page_number_size: Pt(lead.page_number_size),
            page_number_baseline: Mm(12.0),
        },
        body_style: BodyStyle {
            size: Pt(lead.body_size),
            line_spacing: lead.line_spacing,
            first_line_indent: lead.first_line_indent,
            space_after: Pt(lead.space_after_pt),
            table_size: Pt(lead.table_size),
        },
        header,
        title,
        to,
        body: Vec::new(),
        closing,
    };
    Frame { document, problems: fit.problems }
}

/// C-01 / P-23: the last body paragraph ends with the profile's mark ("./." or
/// "."), whatever the template wrote; a paragraph ending otherwise (":", a
/// table) is left alone.
fn end_body(body: &mut [Block], end_mark: &str) {
    let Some(Block::Paragraph(p)) = body.last_mut() else { return };
    let Some(run) = p.runs.last_mut() else { return };
    let trimmed = run.text.trim_end();
    let stem = if let Some(s) = trimmed.strip_suffix("./.") {
        s
    } else if let Some(s) = trimmed.strip_suffix('.') {
        s
    } else {
        return;
    };
    run.text = format!("{stem}{end_mark}");
}

fn meta(report: &Report) -> Meta {
    let type_name = type_line(report);
    let lead = &report.issuers[0];
    let author = lead.name.join(" ");
    Meta {
        title: format!("{} {}", sentence_case(&type_name), report.document.summary),
        author,
        subject: report.document.summary.clone(),
        date: report.document.date,
        lang: "vi-VN".to_string(),
    }
}

/// "BÁO CÁO" -> "Báo cáo" (for the document title property only).
fn sentence_case(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The issuers in header and signing order: co-issuers as written, the lead last.
fn header_order(report: &Report) -> Vec<usize> {
    let n = report.issuers.len();
    (1..n).chain(std::iter::once(0)).collect()
}

fn header(report: &Report, lead: &Profile, fit: &mut Fitting) -> Header {
    let doc = &report.document;
    let order = header_order(report);
    let place_date = Line::new(format!("{}, {}", doc.place, crate::vi::date_long(doc.date)), lead.place_date);
    let motto = HeaderColumn {
        lines: lead.motto.iter().map(|(text, style)| Line::new(*text, *style)).collect(),
        mark: Mark::None,
        bottom: Some(place_date),
    };
    let total = text_width(lead);
    // Side by side at the lead's sizes; a joint header that does not fit tries
    // the smaller header sizes the rules allow (H-05, H-06: 12–13 pt) before
    // it is refused. The Party's header has one size, 14 pt (P-03): it
    // stacks instead.
    let attempts: &[(f32, bool)] = match (order.len() > 1, lead.system) {
        (false, _) => &[(0.0, false)],
        (true, System::Party) => &[(0.0, false), (0.0, true)],
        (true, _) => &[(0.0, false), (-1.0, false), (0.0, true)],
    };
    // Of the attempts, the one that fits with the fewest broken name lines
    // (the lead's own sizes when they tie); stacking counts as two broken
    // lines, since side by side is the usual form.
    let mut best: Option<(usize, LaidHeader)> = None;
    for &(delta, stacked) in attempts {
        let sized = |style: Style| Style { size: Pt((style.size.0 + delta).max(12.0)), ..style };
        let mut styled = lead.clone();
        styled.parent = sized(lead.parent);
        styled.agency = sized(lead.agency);
        let mut motto = motto.clone();
        // The motto column's sizes go together (G-05): a Quốc hiệu of 12 pt
        // takes the 13 set's Tiêu ngữ and date with it (12/13/13), never
        // 12/14/14. A Quốc hiệu already at 12 pt, or the Party's motto, stays.
        let smaller_set = lead.system != System::Party && motto.lines.first().is_some_and(|l| l.style.size.0 + delta >= 12.0);
        if delta != 0.0 && smaller_set {
            for line in motto.lines.iter_mut().chain(motto.bottom.iter_mut()) {
                line.style = sized(line.style);
            }
        }
        let columns: Vec<(usize, HeaderColumn)> = order.iter().map(|&i| (i, issuer_column(report, i, &styled, lead))).collect();
        let typed: usize = columns.iter().map(|(_, c)| c.lines.len()).sum();
        let laid = if stacked {
            lay_out_stacked(report, columns, motto, total, &fit.phrases)
        } else {
            lay_out_header(report, columns, motto, total, &fit.phrases)
        };
        let printed: usize = laid.issuers.iter().map(|c| c.lines.len()).sum();
        let score = laid.problems.len() * 1000 + (printed - typed) + if stacked { 2 } else { 0 };
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, laid));
        }
    }
    let (_, laid) = best.expect("at least one attempt");
    fit.problems.extend(laid.problems);
    let mut motto = laid.motto;
    motto.mark = rule_under(&motto, 1.0);
    Header { issuers: laid.issuers, motto, widths: laid.widths, stacked: laid.stacked }
}

/// One header layout attempt.
struct LaidHeader {
    issuers: Vec<HeaderColumn>,
    motto: HeaderColumn,
    widths: Vec<Pt>,
    stacked: bool,
    problems: Vec<Problem>,
}

/// Breaks every line of issuer `i`'s column wider than `max` where a reader
/// breaks a name (H-06); what still does not fit is a problem.
fn break_column(i: usize, column: &mut HeaderColumn, max: f32, phrases: &Phrases, problems: &mut Vec<Problem>) {
    let mut lines = Vec::new();
    for (k, line) in column.lines.iter().enumerate() {
        let broken = fit::break_text(&line.text, &line.style, max, max, Kind::Header, phrases);
        if !broken.fits {
            problems.push(Problem { field: Field::IssuerName(i, k), text: line.text.clone(), need: broken.widest, room: max });
        }
        lines.extend(broken.lines.into_iter().map(|t| Line::new(t, line.style)));
    }
    column.lines = lines;
}

/// Joint bodies stacked in one left column (§11): the motto column as wide as
/// its widest line, every body's lines broken to the rest.
fn lay_out_stacked(
    report: &Report,
    mut columns: Vec<(usize, HeaderColumn)>,
    motto: HeaderColumn,
    total: f32,
    phrases: &Phrases,
) -> LaidHeader {
    let pad = 2.0 * COLUMN_PAD;
    let motto_width = widest(&motto.lines).max(motto.bottom.as_ref().map_or(0.0, width_of)) + pad;
    let left = total - motto_width;
    let max = left - pad;
    let mut problems = Vec::new();
    for (i, column) in &mut columns {
        break_column(*i, column, max, phrases, &mut problems);
        if let Some(bottom) = &column.bottom
            && width_of(bottom) > max + 0.01
        {
            problems.push(Problem { field: Field::IssuerNumber(*i), text: bottom.text.clone(), need: width_of(bottom), room: max });
        }
    }
    let issuers = columns
        .into_iter()
        .map(|(i, mut c)| {
            c.mark = issuer_mark(report, i, &c);
            c
        })
        .collect();
    LaidHeader { issuers, motto, widths: vec![Pt(left), Pt(motto_width)], stacked: true, problems }
}

fn text_width(p: &Profile) -> f32 {
    Mm(210.0 - p.margin_left.0 - p.margin_right.0).pt()
}

fn width_of(line: &Line) -> f32 {
    fit::width(&line.text, &line.style)
}

fn widest(lines: &[Line]) -> f32 {
    lines.iter().map(width_of).fold(0.0, f32::max)
}

/// The names a header or title line never splits: the place and the
/// programme's parties (the header names themselves are broken by rank,
/// see [`fit`]).
fn phrases(report: &Report) -> Phrases {
    let doc = &report.document;
    let mut names: Vec<&str> = vec![doc.place.as_str()];
    if let Some(p) = &report.programme {
        names.extend(p.parties.iter().map(String::as_str));
    }
    Phrases::new(names)
}

/// Column widths and line breaks of the header (§5, §11). The motto column is
/// as wide as its widest line, the place-date line included, so the Quốc
/// hiệu, Tiêu ngữ and date share one axis (H-16); a state header keeps at least
/// the usual 60 % for it, a Party header gives the rest to the issuer (its
/// motto is short). Issuer columns share what is left, their name lines broken
/// between words where a reader breaks them (H-06).
fn lay_out_header(
    report: &Report,
    mut columns: Vec<(usize, HeaderColumn)>,
    motto: HeaderColumn,
    total: f32,
    phrases: &Phrases,
) -> LaidHeader {
    let pad = 2.0 * COLUMN_PAD;
    let need = |c: &HeaderColumn| (widest(&c.lines) + pad).max(c.bottom.as_ref().map_or(0.0, |b| width_of(b) + 2.0 * BOTTOM_PAD));
    let motto_need = need(&motto);
    let lead_system = report.issuers[0].system;
    let motto_width = if columns.len() == 1 && lead_system != System::Party { motto_need.max(total * 0.6) } else { motto_need };
    let room = total - motto_width;
    let mut problems = Vec::new();
    let n = columns.len();
    // A single issuer breaks whatever is wider than its column.
    if n == 1 {
        let (i, column) = &mut columns[0];
        break_column(*i, column, room - pad, phrases, &mut problems);
    }
    // Side by side: while the columns do not fit, the widest line of more
    // than one word that sets its column's width is broken where a reader
    // breaks it; names stay as typed whenever they fit.
    let widths: Vec<f32> = loop {
        let needs: Vec<f32> = columns.iter().map(|(_, c)| need(c)).collect();
        let sum: f32 = needs.iter().sum();
        if sum <= room + 0.01 || n == 1 {
            let slack = (room - sum) / n as f32;
            break needs.iter().map(|w| w + slack).collect();
        }
        let widest_line = columns
            .iter()
            .enumerate()
            .flat_map(|(c, (_, col))| col.lines.iter().enumerate().map(move |(l, line)| (c, l, width_of(line), line)))
            .filter(|&(c, _, w, line)| line.text.split_whitespace().count() > 1 && w + pad >= needs[c] - 0.01)
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(c, l, w, _)| (c, l, w));
        let Some((c, l, w)) = widest_line else {
            // Nothing left to break: shrink in proportion; what then overflows is refused below.
            break needs.iter().map(|w| w / sum * room).collect();
        };
        let line = columns[c].1.lines[l].clone();
        let broken = fit::break_text(&line.text, &line.style, w - 0.5, w - 0.5, Kind::Header, phrases);
        if broken.lines.len() < 2 {
            break needs.iter().map(|w| w / sum * room).collect();
        }
        let parts: Vec<Line> = broken.lines.into_iter().map(|t| Line::new(t, line.style)).collect();
        columns[c].1.lines.splice(l..=l, parts);
    };
    let mut widths = widths;
    for ((i, column), width) in columns.iter().zip(&widths) {
        let max = width - pad;
        for (k, line) in column.lines.iter().enumerate() {
            if width_of(line) > max + 0.01 {
                problems.push(Problem {
                    field: Field::IssuerName(*i, k.min(report.issuers[*i].name.len())),
                    text: line.text.clone(),
                    need: width_of(line),
                    room: max,
                });
            }
        }
        if let Some(bottom) = &column.bottom
            && width_of(bottom) > max + 0.01
        {
            problems.push(Problem { field: Field::IssuerNumber(*i), text: bottom.text.clone(), need: width_of(bottom), room: max });
        }
    }
    if let Some(bottom) = &motto.bottom
        && width_of(bottom) > total * 0.75
    {
        problems.push(Problem { field: Field::Place, text: bottom.text.clone(), need: width_of(bottom), room: total * 0.75 });
    }
    // The widths add up to the text width exactly.
    widths.push(motto_width);
    let sum: f32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - sum;
    }
    let issuers = columns
        .into_iter()
        .map(|(i, mut c)| {
            c.mark = issuer_mark(report, i, &c);
            c
        })
        .collect();
    LaidHeader { issuers, motto, widths: widths.into_iter().map(Pt).collect(), stacked: false, problems }
}

/// The mark under an issuer's name in its own system's form.
fn issuer_mark(report: &Report, i: usize, column: &HeaderColumn) -> Mark {
    let own = issuer_profile(report, &report.issuers[i]);
    match own.agency_mark {
        AgencyMark::Rule(f) => rule_under(column, f),
        AgencyMark::Asterisk => {
            let size = column.lines.last().map_or(Pt(13.0), |l| l.style.size);
            Mark::Symbol(Line::new("*", Style::regular(size.0)))
        }
    }
}

/// A rule of `fraction` of the column's last line (H-03 with 1.0, H-07).
fn rule_under(column: &HeaderColumn, fraction: f32) -> Mark {
    match column.lines.last() {
        Some(last) => Mark::Rule(Pt(width_of(last) * fraction)),
        None => Mark::None,
    }
}

/// One issuer: governing body (not bold), issuing body (bold) in `styled`
/// sizes, and its number line in its own system's syntax (H-09, P-04).
fn issuer_column(report: &Report, i: usize, styled: &Profile, lead: &Profile) -> HeaderColumn {
    let doc = &report.document;
    let issuer = &report.issuers[i];
    let own = issuer_profile(report, issuer);
    let number = match (&doc.joint_code, i) {
        // One joint number (§11): under the lead's column only.
        (Some(code), 0) => Some(Line::new(lead.joint_number_line(doc.number, code), lead.number)),
        (Some(_), _) => None,
        // One number per issuer; the lead falls back to the document's number.
        (None, 0) => Some(Line::new(own.number_line(issuer.number.or(doc.number), &doc.doc_type, &issuer.code), lead.number)),
        (None, _) => Some(Line::new(own.number_line(issuer.number, &doc.doc_type, &issuer.code), lead.number)),
    };
    let mut lines = Vec::new();
    if let Some(parent) = &issuer.parent {
        lines.push(Line::new(parent.to_uppercase(), styled.parent));
    }
    lines.extend(issuer.name.iter().map(|l| Line::new(l.to_uppercase(), styled.agency)));
    HeaderColumn { lines, mark: Mark::None, bottom: number }
}

/// The tên loại: `document.type_name` when given, else the type's name (§4.2).
fn type_line(report: &Report) -> String {
    match &report.document.type_name {
        Some(name) => name.to_uppercase(),
        None => profile::type_name(&report.document.doc_type).unwrap_or("BÁO CÁO").to_string(),
    }
}

/// The trích yếu is set in 90 % of the text width, centred, in balanced
/// lines that keep compounds and names whole and never end with a lone word;
/// the rule under it is a fraction of its longest line (T-03).
fn title(report: &Report, lead: &Profile, fit: &mut Fitting) -> Title {
    let summary = &report.document.summary;
    let summary = if lead.summary_lowercase_start {
        lowercase_first(summary)
    } else if report.document.type_name.is_some() && summary.starts_with(char::is_lowercase) {
        // "CHƯƠNG TRÌNH PHỐI HỢP / giữa …": the trích yếu continues the tên loại.
        summary.clone()
    } else {
        uppercase_first(summary)
    };
    let style = lead.summary;
    let max = text_width(lead) * TITLE_MEASURE;
    let broken = fit::break_text(&summary, &style, max, max, Kind::Title, &fit.phrases);
    if !broken.fits {
        fit.problems.push(Problem { field: Field::Summary, text: summary.clone(), need: broken.widest, room: max });
    }
    let separator = match lead.summary_separator {
        TitleSeparator::Rule(f) => Separator::Rule(Pt(broken.widest * f)),
        TitleSeparator::Dashes => Separator::Symbol(Line::new("-----", Style::regular(style.size.0))),
    };
    Title {
        type_line: Line::new(type_line(report), lead.type_name),
        summary: broken.lines.into_iter().map(|t| Line::new(t, style)).collect(),
        separator,
    }
}

/// Share of the text width the trích yếu lines may take.
const TITLE_MEASURE: f32 = 0.9;

fn uppercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// P-08: Party trích yếu starts in lower case, unless it starts with a proper
/// noun we can recognise (an all-caps word such as "UBND" is left alone).
fn lowercase_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().filter(|c| c.is_alphabetic()).count() > 1 && first_word.chars().all(|c| !c.is_lowercase()) {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Horizontal room kept free between the recipients and the signature (pt).
const CLOSING_GUTTER: f32 = 6.0;
/// Share of the text width for "Nơi nhận" beside one signer.
const RECIPIENTS_SHARE: f32 = 0.45;

fn closing(report: &Report, lead: &Profile, fit: &mut Fitting) -> Closing {
    let total = text_width(lead);
    let order = signing_order(report);
    let grid = if order.len() <= 1 {
        vec![Pt(total * RECIPIENTS_SHARE), Pt(total * (1.0 - RECIPIENTS_SHARE))]
    } else {
        vec![Pt(total / 2.0), Pt(total / 2.0)]
    };
    let signer_room = grid[1].0 - 2.0 * COLUMN_PAD;
    let phrases = &fit.phrases;
    let mut signers = order
        .into_iter()
        .map(|(index, signer)| {
            let issuer = report.issuers.iter().find(|i| i.code == signer.issuer).unwrap_or(&report.issuers[0]);
            let mut lines = Vec::new();
            for line in signature_lines(signer, &issuer_profile(report, issuer), lead) {
                let broken = fit::break_text(&line.text, &line.style, signer_room, signer_room, Kind::Title, phrases);
                if !broken.fits {
                    fit.problems.push(Problem {
                        field: Field::SignerTitle(index),
                        text: line.text.clone(),
                        need: broken.widest,
                        room: signer_room,
                    });
                }
                lines.extend(broken.lines.into_iter().map(|t| Line::new(t, line.style)));
            }
            let name = Line::new(signer.name.clone(), lead.signer_name);
            if width_of(&name) > signer_room {
                fit.problems.push(Problem {
                    field: Field::SignerName(index),
                    text: name.text.clone(),
                    need: width_of(&name),
                    room: signer_room,
                });
            }
            SignatureBlock { lines, name, level_lines: 0 }
        })
        .collect::<Vec<_>>();
    // Two per row (§11): the names of a row stand level.
    for row in signers.chunks_mut(2) {
        let most = row.iter().map(|s| s.lines.len()).max().unwrap_or(0);
        for block in row {
            block.level_lines = most - block.lines.len();
        }
    }
    let recipients_room = if signers.len() <= 1 { grid[0].0 - CLOSING_GUTTER } else { total };
    Closing { signers, recipients: Some(recipients(report, lead, recipients_room, fit)), signature_gap: lead.signature_gap, grid }
}

/// Signers as printed, left to right, two per row (§11): co-issuers' blocks in
/// input order with the lead's block(s) second, i.e. on the right of the first
/// row ("the lead body signs on the right").
pub(crate) fn signing_order(report: &Report) -> Vec<(usize, &Signer)> {
    let lead = &report.issuers[0].code;
    type Indexed<'a> = Vec<(usize, &'a Signer)>;
    let (mut ordered, leads): (Indexed, Indexed) = report.signers.iter().enumerate().partition(|(_, s)| &s.issuer != lead);
    if ordered.is_empty() || leads.is_empty() {
        return report.signers.iter().enumerate().collect();
    }
    let at = 1.min(ordered.len());
    for (k, s) in leads.into_iter().enumerate() {
        ordered.insert(at + k, s);
    }
    ordered
}

/// S-01, S-08, §7: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH";
/// "K/T TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN" (P-13). Prefixes from the signer's own
/// profile, styles from the lead's; the last line is the signer's title,
/// in the title's style when a line stands above it. A title alone (the head
/// signing directly) is the block's authority line, bold in every profile
/// (S-02, P-14).
fn signature_lines(signer: &Signer, own: &Profile, lead: &Profile) -> Vec<Line> {
    let mut lines = Vec::new();
    let head = signer.head.as_deref().map(str::to_uppercase);
    let title = signer.title.to_uppercase();
    let mut title_line = true;
    match signer.authority {
        Authority::Tm => {
            let collective = signer.on_behalf_of.as_deref().map(str::to_uppercase).unwrap_or_else(|| title.clone());
            lines.push(format!("{}{}", own.authority_prefix(Authority::Tm).unwrap_or_default(), collective));
            if collective != title {
                lines.push(title);
            } else {
                title_line = false;
            }
        }
        Authority::None => {
            if let Some(collective) = &signer.on_behalf_of {
                lines.push(collective.to_uppercase());
            }
            lines.push(title);
        }
        acting => {
            // KT., Q., TL., TUQ.: the collective line first when the body is collective.
            if let Some(collective) = &signer.on_behalf_of {
                let tm = own.authority_prefix(Authority::Tm).unwrap_or_default();
                lines.push(format!("{tm}{}", collective.to_uppercase()));
            }
            let prefix = own.authority_prefix(acting).unwrap_or_default();
            lines.push(format!("{prefix}{}", head.unwrap_or_else(|| title.clone())));
            lines.push(title);
        }
    }
    let last = lines.len().saturating_sub(1);
    let title_line = title_line && last > 0;
    lines
        .into_iter()
        .enumerate()
        .map(|(k, l)| Line::new(l, if title_line && k == last { lead.signer_title } else { lead.signer_lines }))
        .collect()
}

/// R-01..R-05, P-15, P-16: "- Như trên;" first when there is a "Kính gửi",
/// one entry per recipient in the lead's style (an input line that repeats
/// one already listed, "Như trên" included, is printed once), the archive
/// line last. Each entry is wrapped within `room`, hanging under its text.
fn recipients(report: &Report, lead: &Profile, room: f32, fit: &mut Fitting) -> Recipients {
    let style = lead.recipients_item;
    let mut entries: Vec<(Option<usize>, String)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let key = |r: &str| r.trim_start_matches(['-', ' ']).trim_end_matches([';', '.', ',', ' ']).to_lowercase();
    if !report.document.to.is_empty() {
        entries.push((None, lead.recipient_line("Như trên")));
        seen.push(key("Như trên"));
    }
    for (i, r) in report.recipients.iter().enumerate() {
        let k = key(r);
        if k.is_empty() || seen.contains(&k) {
            continue;
        }
        seen.push(k);
        entries.push((Some(i), lead.recipient_line(r.trim_start_matches(['-', ' ']))));
    }
    entries.push((None, lead.archive_line(&report.archive)));
    let hang = fit::width("- ", &style);
    let phrases = &fit.phrases;
    let items = entries
        .into_iter()
        .map(|(index, text)| {
            let broken = fit::break_text(&text, &style, room, room - hang, Kind::Ragged, phrases);
            if let (false, Some(i)) = (broken.fits, index) {
                fit.problems.push(Problem { field: Field::Recipient(i), text: text.clone(), need: broken.widest, room });
            }
            broken.lines
        })
        .collect();
    Recipients { label: Line::new("Nơi nhận:", lead.recipients_label), items, item_style: style, hang: Pt(hang) }
}

/// "Kính gửi:": one addressee on the label's line, centred; several
/// as a list, dashes aligned under each other after the label, the block
/// centred; a long addressee wraps under its own text.
fn addressees(report: &Report, lead: &Profile, fit: &mut Fitting) -> Option<Addressees> {
    let to = &report.document.to;
    if to.is_empty() {
        return None;
    }
    let style = lead.to;
    let total = text_width(lead);
    let label = "Kính gửi:".to_string();
    let label_width = fit::width(&format!("{label} "), &style);
    let room = total - label_width;
    let phrases = &fit.phrases;
    let n = to.len();
    let mut rows = Vec::new();
    for (i, addressee) in to.iter().enumerate() {
        let a = addressee.trim();
        let text = if n == 1 {
            a.trim_end_matches([';', '.']).to_string()
        } else {
            let a = if a.starts_with("- ") { a.to_string() } else { format!("- {a}") };
            let end = if i + 1 == n { '.' } else { ';' };
            if a.ends_with([';', '.', ',']) { a } else { format!("{a}{end}") }
        };
        let hang = if n == 1 { 0.0 } else { fit::width("- ", &style) };
        let broken = fit::break_text(&text, &style, room, room - hang, Kind::Ragged, phrases);
        if !broken.fits {
            fit.problems.push(Problem { field: Field::To(i), text: text.clone(), need: broken.widest, room });
        }
        for (k, line) in broken.lines.into_iter().enumerate() {
            rows.push(AddresseeRow { offset: Pt(if k == 0 { 0.0 } else { hang }), text: line });
        }
    }
    let widest = rows.iter().map(|r| r.offset.0 + fit::width(&r.text, &style)).fold(0.0, f32::max);
    let indent = ((total - label_width - widest) / 2.0).max(0.0);
    Some(Addressees { label, style, indent: Pt(indent), label_width: Pt(label_width), rows, line_spacing: lead.line_spacing })
}

/// The grid of every data table: the template's weights, each column at least
/// as wide as its header's longest word plus padding, so no header word is
/// cut in either writer; the same padding and line pitch for both writers.
pub(crate) fn resolve_tables(body: &mut [Block], total: f32, size: f32) {
    for block in body {
        let Block::Table(t) = block else { continue };
        let bold = Style::bold(size);
        // Every column holds a character; a header word gets its padding too
        // when the page has room for all of them.
        let base = 1.4 * size;
        let words: Vec<f32> = (0..t.widths.len())
            .map(|c| {
                let word = t.header.get(c).map_or(0.0, |cell| {
                    cell.runs.iter().flat_map(|r| r.text.split_whitespace()).map(|w| fit::width(w, &bold)).fold(0.0, f32::max)
                });
                (word + 2.0 * CELL_PAD_X + 1.0).max(base)
            })
            .collect();
        let n = words.len() as f32;
        let extra: f32 = words.iter().map(|w| w - base).sum();
        let room = (total - n * base).max(0.0);
        let mins: Vec<f32> = words.iter().map(|w| if extra > room { base + (w - base) / extra * room } else { *w }).collect();
        t.grid = column_grid(&t.widths, total, &mins).into_iter().map(Pt).collect();
        // Narrow columns give up most of their padding before their text.
        let narrowest = t.grid.iter().map(|w| w.0).fold(f32::INFINITY, f32::min);
        t.pad_x = Pt(CELL_PAD_X.min(narrowest * 0.1));
        t.pad_y = Pt(CELL_PAD_Y);
        t.line_height = Pt(crate::fonts::FontSet::get().face(crate::fonts::Face::Regular).single_line_em() * size * 1.05);
    }
}

const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 2.5;

/// Column widths in points from `fractions`, each at least its `min` (when
/// all minimums fit), the others narrowed in proportion to pay for it; the
/// widths add up to `total`.
pub(crate) fn column_grid(fractions: &[f32], total: f32, mins: &[f32]) -> Vec<f32> {
    let total_fraction: f32 = fractions.iter().sum::<f32>().max(f32::EPSILON);
    let wanted: Vec<f32> = fractions.iter().map(|f| f / total_fraction * total).collect();
    let min_sum: f32 = mins.iter().sum();
    let mins: Vec<f32> = if min_sum > total { mins.iter().map(|m| m / min_sum * total).collect() } else { mins.to_vec() };
    let short: f32 = wanted.iter().zip(&mins).filter(|(w, m)| w < m).map(|(w, m)| m - w).sum();
    let spare: f32 = wanted.iter().zip(&mins).filter(|(w, m)| w >= m).map(|(w, m)| w - m).sum();
    let mut out: Vec<f32> = wanted
        .iter()
        .zip(&mins)
        .map(|(&w, &m)| {
            if w < m {
                m
            } else if spare > 0.0 {
                w - (w - m) / spare * short
            } else {
                w
            }
        })
        .collect();
    let sum: f32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - sum;
    }
    out
}

/// What did not fit: a located refusal in `checks`, never a broken document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub(crate) field: Field,
    pub(crate) text: String,
    /// Width the text needs and the width it has (pt).
    pub(crate) need: f32,
    pub(crate) room: f32,
}

/// The input field a [`Problem`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// `issuers[i]`: line `k` of its parent-then-name lines.
    IssuerName(usize, usize),
    IssuerNumber(usize),
    Place,
    Summary,
    To(usize),
    SignerTitle(usize),
    SignerName(usize),
    Recipient(usize),
}

/// What composition carries from part to part: the names no line splits
/// (worked out once per document) and what did not fit.
struct Fitting {
    phrases: Phrases,
    problems: Vec<Problem>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn h13_dates() {
        assert_eq!(crate::vi::date_long(NaiveDate::from_ymd_opt(2021, 1, 5).unwrap()), "ngày 05 tháng 01 năm 2021");
        assert_eq!(crate::vi::date_long(NaiveDate::from_ymd_opt(2021, 3, 31).unwrap()), "ngày 31 tháng 3 năm 2021");
        assert_eq!(crate::vi::date_long(NaiveDate::from_ymd_opt(2019, 6, 29).unwrap()), "ngày 29 tháng 6 năm 2019");
        assert_eq!(crate::vi::date_long(NaiveDate::from_ymd_opt(2024, 12, 15).unwrap()), "ngày 15 tháng 12 năm 2024");
        assert_eq!(crate::vi::date_long(NaiveDate::from_ymd_opt(2024, 2, 9).unwrap()), "ngày 09 tháng 02 năm 2024");
    }

    #[test]
    fn p08_lowercase_start_keeps_acronyms() {
        assert_eq!(lowercase_first("Kết quả thực hiện"), "kết quả thực hiện");
        assert_eq!(lowercase_first("UBND huyện"), "UBND huyện");
        assert_eq!(uppercase_first("kết quả"), "Kết quả");
    }

    fn joint() -> Report {
        let text = include_str!("../../samples/chuong-trinh-phoi-hop-2021.yaml");
        crate::data::load(std::path::Path::new("x.yaml"), text).unwrap().report
    }

    #[test]
    fn section11_lead_signs_on_the_right_and_a_third_goes_below() {
        let mut r = joint();
        let names = |r: &Report| signing_order(r).iter().map(|(_, s)| s.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&r), ["Hoàng Văn Thắng", "Nguyễn Thị Tuyết Hạnh"]);
        let mut third = r.signers[1].clone();
        third.name = "Người Thứ Ba".into();
        r.signers.push(third);
        // Row one: first co-signer, the lead on its right; the other co-signer centred below.
        assert_eq!(names(&r), ["Hoàng Văn Thắng", "Nguyễn Thị Tuyết Hạnh", "Người Thứ Ba"]);
        let doc = compose(&r, Vec::new());
        assert_eq!(doc.closing.signers[0].lines[0].text, "K/T TRƯỞNG BAN DÂN VẬN", "P-13 in its own block");
        assert_eq!(doc.closing.signers[1].lines[0].text, "TM. ỦY BAN NHÂN DÂN", "S-01");
        assert!(doc.closing.signers[1].lines[1].style.bold, "lead (state) sizes and styles for every block");
    }

    #[test]
    fn p14_a_party_title_is_bold_when_it_stands_alone_and_regular_under_an_authority_line() {
        let text = include_str!("../../samples/ban-dan-van-quy-3-2017.yaml");
        let mut r = crate::data::load(std::path::Path::new("x.yaml"), text).unwrap().report;
        let styles = |r: &Report| {
            let doc = compose(r, Vec::new());
            doc.closing.signers[0].lines.iter().map(|l| (l.text.clone(), l.style.bold)).collect::<Vec<_>>()
        };
        assert_eq!(styles(&r), [("K/T TRƯỞNG BAN".to_string(), true), ("PHÓ TRƯỞNG BAN".to_string(), false)], "P-14 under K/T");
        // The head signs directly: the title is the block's only line above
        // the signature, its authority line (S-02, P-14).
        r.signers[0].authority = Authority::None;
        r.signers[0].head = None;
        r.signers[0].title = "Trưởng ban".into();
        assert_eq!(styles(&r), [("TRƯỞNG BAN".to_string(), true)]);
    }

    #[test]
    fn section11_the_names_of_one_row_stand_level() {
        let mut r = joint();
        let lead = r.signers.iter_mut().find(|s| s.issuer == r.issuers[0].code).unwrap();
        lead.authority = Authority::Kt;
        lead.head = Some("Chủ tịch".into());
        lead.title = "Phó Chủ tịch".into();
        let doc = compose(&r, Vec::new());
        let counts: Vec<(usize, usize)> = doc.closing.signers.iter().map(|s| (s.lines.len(), s.level_lines)).collect();
        assert_eq!(counts, [(2, 1), (3, 0)], "the two-line block drops its name by one line");
    }

    #[test]
    fn section11_header_order_marks_and_joint_number() {
        let mut r = joint();
        let doc = compose(&r, Vec::new());
        assert!(doc.header.issuers[0].mark.is_symbol("*"), "co-issuer (Party) first");
        assert!(matches!(doc.header.issuers[1].mark, Mark::Rule(_)), "lead (state) next to the motto");
        let sum: f32 = doc.header.widths.iter().map(|w| w.0).sum();
        assert!((sum - doc.page.text_width().pt()).abs() < 0.01, "{sum}");
        r.document.joint_code = Some("CTrPH-UBND-BDV".into());
        r.document.number = Some(1);
        let doc = compose(&r, Vec::new());
        assert!(doc.header.issuers[0].bottom.is_none());
        assert_eq!(doc.header.issuers[1].bottom.as_ref().unwrap().text, "Số: 01/CTrPH-UBND-BDV");
    }

    #[test]
    fn table_columns_are_never_narrower_than_their_minimum() {
        let widths = column_grid(&[0.02, 0.49, 0.49], 400.0, &[18.0, 18.0, 18.0]);
        assert!((widths[0] - 18.0).abs() < 0.01);
        assert!((widths.iter().sum::<f32>() - 400.0).abs() < 0.01, "{widths:?}");
        assert!((widths[1] - widths[2]).abs() < 0.01);
        let unchanged = column_grid(&[0.25, 0.75], 400.0, &[18.0, 18.0]);
        assert_eq!(unchanged, vec![100.0, 300.0]);
    }

    #[test]
    fn c04_stt_gets_room_for_its_word_and_padding() {
        let stt = crate::doc::Cell { runs: vec![crate::doc::Run::plain("STT")], align: crate::doc::Align::Center };
        let text = crate::doc::Cell { runs: vec![crate::doc::Run::plain("Nội dung")], align: crate::doc::Align::Left };
        let mut body = vec![Block::Table(crate::doc::Table::new(vec![0.05, 0.95], vec![stt, text], Vec::new(), None))];
        resolve_tables(&mut body, 468.0, 13.0);
        let Block::Table(t) = &body[0] else { unreachable!() };
        let word = fit::width("STT", &Style::bold(13.0));
        assert!(t.grid[0].0 - 2.0 * t.pad_x.0 > word, "{:?} pad {:?}", t.grid, t.pad_x);
        assert!((t.grid.iter().map(|w| w.0).sum::<f32>() - 468.0).abs() < 0.01);
    }

    #[test]
    fn c01_p23_the_body_ends_with_the_profile_mark() {
        use crate::doc::{Align, Paragraph, Role, Run};
        let para = |t: &str| {
            Block::Paragraph(Paragraph {
                role: Role::Body,
                runs: vec![Run::plain(t)],
                align: Align::Justify,
                first_line_indent: true,
                keep_with_next: false,
            })
        };
        let mut body = vec![para("Trên đây là báo cáo./.")];
        end_body(&mut body, ".");
        assert_eq!(body[0], para("Trên đây là báo cáo."));
        end_body(&mut body, "./.");
        assert_eq!(body[0], para("Trên đây là báo cáo./."));
        let mut open = vec![para("như sau:")];
        end_body(&mut open, ".");
        assert_eq!(open[0], para("như sau:"));
    }
}
