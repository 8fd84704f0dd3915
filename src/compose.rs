//! Composer: builds the parts of the document that the format rules fix (the
//! header block, title, "Kính gửi", signature blocks, "Nơi nhận") from the
//! validated report and the lead issuer's [`Profile`], and joins them with the
//! body blocks that the templates produced.
//!
//! Contract: pure; every string is final (upper case, prefixes, punctuation).

use crate::data::model::{Authority, Issuer, Report, Signer};
use crate::doc::{
    BodyStyle, Block, Closing, Document, Header, HeaderColumn, Line, Mark, Meta, PageSetup, Recipients,
    SignatureBlock, Style, Title,
};
use crate::profile::{self, Profile};
use crate::units::{Mm, Pt};

/// The lead issuer's profile (the first issuer leads, §11).
pub fn lead_profile(report: &Report) -> Profile {
    Profile::for_system(report.issuers[0].system, report.document.size_set)
}

/// The whole document: fixed parts from the report, `body` from the template.
pub fn compose(report: &Report, body: Vec<Block>) -> Document {
    let lead = lead_profile(report);
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

fn meta(report: &Report) -> Meta {
    let type_name = profile::type_name(&report.document.doc_type).unwrap_or("BÁO CÁO");
    let lead = &report.issuers[0];
    let author = lead.name.join(" ");
    Meta {
        title: format!("{} {}", sentence_case(type_name), report.document.summary),
        author,
        subject: report.document.summary.clone(),
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

fn header(report: &Report, lead: &Profile) -> Header {
    let joint = report.issuers.len() > 1;
    let issuers: Vec<HeaderColumn> = report
        .issuers
        .iter()
        .enumerate()
        .map(|(i, issuer)| {
            let profile = Profile::for_system(issuer.system, report.document.size_set);
            // One number per issuer when each registers the document itself (§11);
            // otherwise the document's number under the lead issuer only.
            let number = if joint { issuer.number.or(if i == 0 { report.document.number } else { None }) } else { report.document.number };
            let show_number = !joint || issuer.number.is_some() || i == 0;
            issuer_column(issuer, &profile, &report.document.doc_type, number, show_number)
        })
        .collect();
    let place_date = Line::new(
        format!("{}, {}", report.document.place, long_date(report.document.date)),
        lead.place_date,
    );
    let motto = HeaderColumn {
        lines: lead.motto.iter().map(|(text, style)| Line::new(*text, *style)).collect(),
        mark: Mark::RuleTextWidth,
        bottom: Some(place_date),
    };
    let widths = match issuers.len() {
        1 => vec![0.4, 0.6],
        n => {
            let motto_share = 0.4;
            let each = (1.0 - motto_share) / n as f32;
            let mut w = vec![each; n];
            w.push(motto_share);
            w
        }
    };
    Header { issuers, motto, widths }
}

fn issuer_column(issuer: &Issuer, profile: &Profile, doc_type: &str, number: Option<u32>, show_number: bool) -> HeaderColumn {
    let mut lines = Vec::new();
    if let Some(parent) = &issuer.parent {
        lines.push(Line::new(parent.to_uppercase(), profile.parent));
    }
    lines.extend(issuer.name.iter().map(|l| Line::new(l.to_uppercase(), profile.agency)));
    HeaderColumn {
        lines,
        mark: profile.agency_mark,
        bottom: show_number.then(|| Line::new(profile.number_line(number, doc_type, &issuer.code), profile.number)),
    }
}

/// H-13: "ngày 05 tháng 01 năm 2021", "ngày 31 tháng 3 năm 2021".
pub fn long_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    format!("ngày {:02} tháng {} năm {}", date.day(), month, date.year())
}

fn title(report: &Report, lead: &Profile) -> Title {
    let type_name = profile::type_name(&report.document.doc_type).unwrap_or("BÁO CÁO");
    let summary = if lead.summary_lowercase_start {
        lowercase_first(&report.document.summary)
    } else {
        uppercase_first(&report.document.summary)
    };
    Title {
        type_line: Line::new(type_name, lead.type_name),
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
    let signers = report
        .signers
        .iter()
        .map(|signer| {
            let issuer = report.issuers.iter().find(|i| i.code == signer.issuer).unwrap_or(&report.issuers[0]);
            signature_block(signer, &Profile::for_system(issuer.system, report.document.size_set))
        })
        .collect();
    Closing {
        signers,
        recipients: Some(recipients(report, lead)),
        signature_gap: lead.signature_gap,
        recipients_width: 0.45,
    }
}

/// S-01, S-08, §7: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
fn signature_block(signer: &Signer, profile: &Profile) -> SignatureBlock {
    let style = profile.signer_lines;
    let mut lines = Vec::new();
    let head = signer.head.as_deref().map(str::to_uppercase);
    let title = signer.title.to_uppercase();
    match signer.authority {
        Authority::Tm => {
            let collective = signer.on_behalf_of.as_deref().map(str::to_uppercase).unwrap_or_else(|| title.clone());
            lines.push(format!("{}{}", profile.authority_prefix(Authority::Tm).unwrap_or_default(), collective));
            if collective != title {
                lines.push(title);
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
                let tm = profile.authority_prefix(Authority::Tm).unwrap_or_default();
                lines.push(format!("{tm}{}", collective.to_uppercase()));
            }
            let prefix = profile.authority_prefix(acting).unwrap_or_default();
            lines.push(format!("{prefix}{}", head.unwrap_or_else(|| title.clone())));
            lines.push(title);
        }
    }
    SignatureBlock {
        lines: lines.into_iter().map(|l| Line::new(l, style)).collect(),
        name: Line::new(signer.name.clone(), profile.signer_name),
    }
}

/// R-01..R-05: "- Như trên;" first when there is a "Kính gửi", one line per
/// recipient ending ";", the archive line last ending ".".
fn recipients(report: &Report, lead: &Profile) -> Recipients {
    let style = lead.recipients_item;
    let mut items = Vec::new();
    if !report.document.to.is_empty() {
        items.push("- Như trên;".to_string());
    }
    items.extend(report.recipients.iter().map(|r| format!("- {};", r.trim_end_matches([';', '.', ',']))));
    items.push(lead.archive_line(&report.archive));
    Recipients {
        label: Line::new("Nơi nhận:", lead.recipients_label),
        items: items.into_iter().map(|t| Line::new(t, style)).collect(),
    }
}

/// Style helper for tests and backends that need the body style as a `Style`.
pub fn body_text_style(doc: &Document) -> Style {
    Style::regular(doc.body_style.size.0)
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
