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

use crate::data::model::{Authority, Issuer, Report, Signer};
use crate::doc::{
    BodyStyle, Block, Closing, Document, Header, HeaderColumn, Line, Mark, Meta, PageSetup, Recipients,
    SignatureBlock, Title,
};
use crate::fonts::FontSet;
use crate::profile::{self, Profile};
use crate::units::{Mm, Pt};

/// Horizontal room kept free on each side of the text in a header column (pt).
const COLUMN_PAD: f32 = 1.5;

/// The lead issuer's profile (the first issuer leads, §11), with the
/// document's `style` overrides.
pub fn lead_profile(report: &Report) -> Profile {
    issuer_profile(report, &report.issuers[0])
}

/// The profile of one issuer's system, with the document's `style` overrides.
pub fn issuer_profile(report: &Report, issuer: &Issuer) -> Profile {
    Profile::for_system(issuer.system, report.document.size_set).with_overrides(&report.document.style)
}

/// What follows a Mục's Roman numeral in the body ("I. " or "I- "), for
/// `template::markdown::to_blocks_with`.
pub fn section_suffix(report: &Report) -> &'static str {
    lead_profile(report).headings.section_suffix()
}

/// The whole document: fixed parts from the report, `body` from the template.
pub fn compose(report: &Report, mut body: Vec<Block>) -> Document {
    let lead = lead_profile(report);
    end_body(&mut body, lead.end_mark);
    Document {
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
        header: header(report, &lead),
        title: title(report, &lead),
        to: report.document.to.clone(),
        body,
        closing: closing(report, &lead),
    }
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
        lang: "vi-VN".to_string(),
        date: report.document.date,
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

fn header(report: &Report, lead: &Profile) -> Header {
    let doc = &report.document;
    let mut issuers: Vec<HeaderColumn> = header_order(report)
        .into_iter()
        .map(|i| {
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
            issuer_column(issuer, &own, lead, number)
        })
        .collect();
    let place_date = Line::new(format!("{}, {}", doc.place, long_date(doc.date)), lead.place_date);
    let motto = HeaderColumn {
        lines: lead.motto.iter().map(|(text, style)| Line::new(*text, *style)).collect(),
        mark: Mark::RuleTextWidth,
        bottom: Some(place_date),
    };
    let widths = column_widths(&mut issuers, &motto, text_width(lead));
    Header { issuers, motto, widths }
}

fn text_width(p: &Profile) -> f32 {
    Mm(210.0 - p.margin_left.0 - p.margin_right.0).pt()
}

fn width_of(line: &Line) -> f32 {
    FontSet::get().width(&line.text, &line.style)
}

/// Widest line of a column, its bottom line included (pt).
fn column_need(c: &HeaderColumn) -> f32 {
    c.lines.iter().chain(c.bottom.as_ref()).map(width_of).fold(0.0, f32::max) + 2.0 * COLUMN_PAD
}

/// Column fractions. One issuer: 40 % / 60 % (§5), its lines broken when
/// wider than its column. Several (§11): the motto column as wide as its
/// widest line; the issuer columns as wide as their widest line, the slack
/// shared evenly. While they do not fit, the widest breakable line (a name
/// line of two or more words, never the number) is broken in two; when no
/// line can be broken, the columns are scaled down and `checks` reports the
/// overflow.
fn column_widths(issuers: &mut [HeaderColumn], motto: &HeaderColumn, total: f32) -> Vec<f32> {
    if issuers.len() == 1 {
        let cap = total * 0.4 - 2.0 * COLUMN_PAD;
        let column = &mut issuers[0];
        column.lines = column.lines.iter().flat_map(|l| wrap_line(l, cap)).collect();
        return vec![0.4, 0.6];
    }
    let motto_need = motto.lines.iter().map(width_of).fold(0.0, f32::max) + 2.0 * COLUMN_PAD;
    let room = total - motto_need;
    loop {
        let needs: Vec<f32> = issuers.iter().map(column_need).collect();
        let sum: f32 = needs.iter().sum();
        if sum <= room {
            let slack = (room - sum) / issuers.len() as f32;
            let mut widths: Vec<f32> = needs.iter().map(|w| (w + slack) / total).collect();
            widths.push(motto_need / total);
            return widths;
        }
        // The widest line of more than one word that sets its column's width.
        let widest = issuers
            .iter()
            .enumerate()
            .flat_map(|(c, col)| col.lines.iter().enumerate().map(move |(l, line)| (c, l, width_of(line))))
            .filter(|&(c, l, w)| issuers[c].lines[l].text.split_whitespace().count() > 1 && w + 2.0 * COLUMN_PAD >= needs[c] - 0.01)
            .max_by(|a, b| a.2.total_cmp(&b.2));
        match widest {
            Some((c, l, w)) => {
                let line = issuers[c].lines[l].clone();
                let parts = wrap_line(&line, w - 0.5);
                issuers[c].lines.splice(l..=l, parts);
            }
            _ => {
                let mut widths: Vec<f32> = needs.iter().map(|w| w / sum * room / total).collect();
                widths.push(motto_need / total);
                return widths;
            }
        }
    }
}

/// Administrative unit words: a header line breaks before them first.
const UNIT_WORDS: &[&str] = &["HUYỆN", "TỈNH", "XÃ", "QUẬN", "THỊ", "THÀNH", "PHƯỜNG"];

/// Breaks a header line wider than `max` (pt) between words; each part is
/// broken again if needed. A single word wider than `max` stays whole.
fn wrap_line(line: &Line, max: f32) -> Vec<Line> {
    if width_of(line) <= max {
        return vec![line.clone()];
    }
    let words: Vec<&str> = line.text.split_whitespace().collect();
    if words.len() < 2 {
        return vec![line.clone()];
    }
    let part = |range: std::ops::Range<usize>| Line::new(words[range].join(" "), line.style);
    let fits = |k: usize| width_of(&part(0..k)) <= max;
    // Before a unit word, as far right as fits.
    let unit = (1..words.len()).rev().find(|&k| UNIT_WORDS.contains(&words[k]) && fits(k));
    // Otherwise the break that best balances the two parts among those that fit.
    let balanced = || {
        (1..words.len())
            .filter(|&k| fits(k))
            .min_by(|&a, &b| {
                let d = |k: usize| (width_of(&part(0..k)) - width_of(&part(k..words.len()))).abs();
                d(a).total_cmp(&d(b))
            })
            .unwrap_or(1)
    };
    let k = unit.unwrap_or_else(balanced);
    let mut out = vec![part(0..k)];
    out.extend(wrap_line(&part(k..words.len()), max));
    out
}

/// One issuer: governing body (not bold), issuing body (bold), then its own
/// system's mark (H-07 rule or P-03 "*"), in the lead's sizes.
fn issuer_column(issuer: &Issuer, own: &Profile, lead: &Profile, number: Option<Line>) -> HeaderColumn {
    let mut lines = Vec::new();
    if let Some(parent) = &issuer.parent {
        lines.push(Line::new(parent.to_uppercase(), lead.parent));
    }
    lines.extend(issuer.name.iter().map(|l| Line::new(l.to_uppercase(), lead.agency)));
    HeaderColumn { lines, mark: own.agency_mark, bottom: number }
}

/// H-13: "ngày 05 tháng 01 năm 2021", "ngày 31 tháng 3 năm 2021".
pub fn long_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    format!("ngày {:02} tháng {} năm {}", date.day(), month, date.year())
}

/// The tên loại: `document.type_name` when given, else the type's name (§4.2).
fn type_line(report: &Report) -> String {
    match &report.document.type_name {
        Some(name) => name.to_uppercase(),
        None => profile::type_name(&report.document.doc_type).unwrap_or("BÁO CÁO").to_string(),
    }
}

fn title(report: &Report, lead: &Profile) -> Title {
    let summary = &report.document.summary;
    let summary = if lead.summary_lowercase_start {
        lowercase_first(summary)
    } else if report.document.type_name.is_some() && summary.starts_with(char::is_lowercase) {
        // "CHƯƠNG TRÌNH PHỐI HỢP / giữa …": the trích yếu continues the tên loại.
        summary.clone()
    } else {
        uppercase_first(summary)
    };
    Title {
        type_line: Line::new(type_line(report), lead.type_name),
        summary: Line::new(summary, lead.summary),
        separator: lead.summary_separator,
    }
}

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

fn closing(report: &Report, lead: &Profile) -> Closing {
    let signers = signing_order(report)
        .into_iter()
        .map(|signer| {
            let issuer = report.issuers.iter().find(|i| i.code == signer.issuer).unwrap_or(&report.issuers[0]);
            signature_block(signer, &issuer_profile(report, issuer), lead)
        })
        .collect();
    Closing {
        signers,
        recipients: Some(recipients(report, lead)),
        signature_gap: lead.signature_gap,
        recipients_width: 0.45,
    }
}

/// Signers as printed, left to right, two per row (§11): co-issuers' blocks in
/// input order with the lead's block(s) second, i.e. on the right of the first
/// row ("the lead body signs on the right").
pub fn signing_order(report: &Report) -> Vec<&Signer> {
    let lead = &report.issuers[0].code;
    let (mut ordered, leads): (Vec<&Signer>, Vec<&Signer>) = report.signers.iter().partition(|s| &s.issuer != lead);
    if ordered.is_empty() || leads.is_empty() {
        return report.signers.iter().collect();
    }
    let at = 1.min(ordered.len());
    for (k, s) in leads.into_iter().enumerate() {
        ordered.insert(at + k, s);
    }
    ordered
}

/// S-01, S-08, §7: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH";
/// "K/T TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN" (P-13). Prefixes from the signer's own
/// profile, styles from the lead's; the last line is the signer's title.
fn signature_block(signer: &Signer, own: &Profile, lead: &Profile) -> SignatureBlock {
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
    SignatureBlock {
        lines: lines
            .into_iter()
            .enumerate()
            .map(|(k, l)| Line::new(l, if title_line && k == last { lead.signer_title } else { lead.signer_lines }))
            .collect(),
        name: Line::new(signer.name.clone(), lead.signer_name),
    }
}

/// R-01..R-05, P-15, P-16: "- Như trên;" first when there is a "Kính gửi",
/// one line per recipient in the lead's style, the archive line last.
fn recipients(report: &Report, lead: &Profile) -> Recipients {
    let style = lead.recipients_item;
    let mut items = Vec::new();
    if !report.document.to.is_empty() {
        items.push(lead.recipient_line("Như trên"));
    }
    items.extend(report.recipients.iter().map(|r| lead.recipient_line(r)));
    items.push(lead.archive_line(&report.archive));
    Recipients {
        label: Line::new("Nơi nhận:", lead.recipients_label),
        items: items.into_iter().map(|t| Line::new(t, style)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Style;
    use chrono::NaiveDate;

    #[test]
    fn h13_dates() {
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2021, 1, 5).unwrap()), "ngày 05 tháng 01 năm 2021");
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2021, 3, 31).unwrap()), "ngày 31 tháng 3 năm 2021");
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2019, 6, 29).unwrap()), "ngày 29 tháng 6 năm 2019");
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2024, 12, 15).unwrap()), "ngày 15 tháng 12 năm 2024");
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2024, 2, 9).unwrap()), "ngày 09 tháng 02 năm 2024");
    }

    #[test]
    fn p08_lowercase_start_keeps_acronyms() {
        assert_eq!(lowercase_first("Kết quả thực hiện"), "kết quả thực hiện");
        assert_eq!(lowercase_first("UBND huyện"), "UBND huyện");
        assert_eq!(uppercase_first("kết quả"), "Kết quả");
    }

    fn joint() -> Report {
        let text = include_str!("../samples/chuong-trinh-phoi-hop-2021.yaml");
        crate::data::load(std::path::Path::new("x.yaml"), text).unwrap().report
    }

    #[test]
    fn section11_lead_signs_on_the_right_and_a_third_goes_below() {
        let mut r = joint();
        let names = |r: &Report| signing_order(r).iter().map(|s| s.name.clone()).collect::<Vec<_>>();
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
    fn section11_header_order_marks_and_joint_number() {
        let mut r = joint();
        let doc = compose(&r, Vec::new());
        assert_eq!(doc.header.issuers[0].mark, Mark::Asterisk, "co-issuer (Party) first");
        assert!(matches!(doc.header.issuers[1].mark, Mark::RuleFraction(_)), "lead (state) next to the motto");
        assert!((doc.header.widths.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        r.document.joint_code = Some("CTrPH-UBND-BDV".into());
        r.document.number = Some(1);
        let doc = compose(&r, Vec::new());
        assert!(doc.header.issuers[0].bottom.is_none());
        assert_eq!(doc.header.issuers[1].bottom.as_ref().unwrap().text, "Số: 01/CTrPH-UBND-BDV");
    }

    #[test]
    fn h06_long_lines_break_before_the_unit_word() {
        let line = Line::new("ỦY BAN MTTQ VIỆT NAM HUYỆN ĐỨC THỌ", Style::regular(13.0));
        let parts: Vec<String> = wrap_line(&line, 180.0).into_iter().map(|l| l.text).collect();
        assert_eq!(parts, ["ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐỨC THỌ"]);
    }

    #[test]
    fn c01_p23_the_body_ends_with_the_profile_mark() {
        use crate::doc::{Align, Paragraph, Role, Run};
        let para = |t: &str| Block::Paragraph(Paragraph { role: Role::Body, runs: vec![Run::plain(t)], align: Align::Justify, first_line_indent: true, keep_with_next: false });
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
