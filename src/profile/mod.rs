//! Format profiles as data: one [`Profile`] value per rulebook (state = Nghị
//! định 30/2020/NĐ-CP, party = HD 36-HD/VPTW, front = MTTQ on the state
//! layout). Every value names the rule in `format-spec.md` it comes from, and
//! the tests below pin each value to its rule ID.
//!
//! Contract: pure data plus tiny formatting functions (number line, authority
//! prefixes, recipient and archive lines, appendix labels); no layout, no IO.
//! Values the spec marks OPEN or MUST? take the most common practice and can
//! be overridden per document with `document.style` ([`Profile::with_overrides`]).

use crate::fonts::Style;
use crate::units::Mm;
use crate::vocab::{Authority, SizeSet, StyleOverrides, System};

/// Everything that differs between the format rulebooks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Profile {
    pub(crate) system: System,
    /// G-03 (state: top 20–25, bottom 20–25, left 30–35, right 15–20) / P-18.
    pub(crate) margin_top: Mm,
    pub(crate) margin_bottom: Mm,
    pub(crate) margin_left: Mm,
    pub(crate) margin_right: Mm,
    /// Lines of the motto column, top to bottom: Quốc hiệu and Tiêu ngữ (H-01, H-02)
    /// or "ĐẢNG CỘNG SẢN VIỆT NAM" (P-01, P-02). A rule of the last line's length follows (H-03).
    pub(crate) motto: Vec<(&'static str, Style)>,
    /// Governing body line (H-05 / P-03: upper case, not bold).
    pub(crate) parent: Style,
    /// Issuing body lines (H-06 / P-03: upper case, bold).
    pub(crate) agency: Style,
    /// What is drawn under the issuing body: a 1/3–1/2 rule (H-07) or "*" (P-03).
    pub(crate) agency_mark: AgencyMark,
    /// "Số" line (H-09, H-10: 13 pt / P-04: 14 pt).
    pub(crate) number: Style,
    /// Place and date (H-14: italic 13–14 / P-06: italic 14).
    pub(crate) place_date: Style,
    /// Tên loại (T-01 / P-07).
    pub(crate) type_name: Style,
    /// Trích yếu (T-02 / P-08).
    pub(crate) summary: Style,
    /// Trích yếu starts with a lower-case letter (P-08) instead of a capital (T-02).
    pub(crate) summary_lowercase_start: bool,
    /// Under the trích yếu: a 1/3–1/2 rule (T-03) or "-----" (P-09).
    pub(crate) summary_separator: TitleSeparator,
    /// "Kính gửi".
    pub(crate) to: Style,
    /// Body text and headings (B-01, G-05).
    pub(crate) body_size: f32,
    /// B-04: multiple of single spacing, 1.0 ..= 1.5.
    pub(crate) line_spacing: f32,
    /// B-02: 10 or 12.7 mm.
    pub(crate) first_line_indent: Mm,
    /// B-03: at least 6 pt between paragraphs.
    pub(crate) space_after_pt: f32,
    /// C-04: tables in the body font or 1–2 pt smaller.
    pub(crate) table_size: f32,
    /// Authority lines: "TM. ỦY BAN NHÂN DÂN", "K/T TRƯỞNG BAN" (S-02 / P-14: bold).
    pub(crate) signer_lines: Style,
    /// The signer's own title, the last line above the name (S-02: bold / P-14:
    /// not bold in the §8.1 sketch; OPEN, `document.style.signer_title_bold`).
    pub(crate) signer_title: Style,
    /// Signer's name (S-04).
    pub(crate) signer_name: Style,
    /// "Nơi nhận:" (R-03: 12 pt bold italic / P-15: 14 pt underlined).
    pub(crate) recipients_label: Style,
    /// Recipient lines (R-04: 11 pt / P-16: 12 pt).
    pub(crate) recipients_item: Style,
    /// Page number (G-06 / P-17).
    pub(crate) page_number_size: f32,
    /// S-07: space for signature and seal between the title and the name.
    pub(crate) signature_gap: Mm,
    /// What ends every recipient line but the last (R-04 ";" / P-16 "," in the
    /// §8.1 sketch; OPEN, `document.style.recipient_separator`).
    pub(crate) recipient_separator: &'static str,
    /// C-01 / P-23: how the body ends.
    pub(crate) end_mark: &'static str,
    /// How Mục headings are numbered (B-12 "I." / P-12 "I-").
    pub(crate) headings: HeadingStyle,
}

/// What a profile draws under an issuing body's name (resolved to a length
/// or a symbol line by `compose`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum AgencyMark {
    /// A centred rule of this fraction of the name's last line (H-07: 1/3..1/2).
    Rule(f32),
    /// "*" (P-03).
    Asterisk,
}

/// What a profile draws under the trích yếu.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TitleSeparator {
    /// A centred rule of this fraction of the trích yếu's longest line (T-03).
    Rule(f32),
    /// "-----" (P-09).
    Dashes,
}

/// Numbering of the Mục level of the report scheme: "I. TÊN MỤC" (ND30, B-12)
/// or "I- TÊN MỤC" (Party practice, P-12). Lower levels are "1.", "a)" in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingStyle {
    RomanDot,
    RomanHyphen,
}

impl HeadingStyle {
    /// The text after the Roman numeral, space included.
    pub(crate) fn section_suffix(self) -> &'static str {
        match self {
            HeadingStyle::RomanDot => ". ",
            HeadingStyle::RomanHyphen => "- ",
        }
    }
}

impl Profile {
    /// The profile for an issuer's system at a size set (G-05 §3.9).
    pub(crate) fn for_system(system: System, size_set: SizeSet) -> Profile {
        match system {
            System::State => Profile::state(size_set),
            System::Front => Profile::front(size_set),
            System::Party => Profile::party(),
        }
    }

    /// MTTQ and mass organisations (format-spec §9): the ND30 layout, sizes,
    /// prefixes and number syntax; only the header text (from the input) differs.
    pub(crate) fn front(size_set: SizeSet) -> Profile {
        Profile { system: System::Front, ..Profile::state(size_set) }
    }

    /// This profile with the document's `style` overrides applied (values the
    /// spec leaves OPEN or MUST?).
    pub(crate) fn with_overrides(mut self, o: &StyleOverrides) -> Profile {
        if let Some(h) = &o.headings {
            self.headings = if h.contains('-') { HeadingStyle::RomanHyphen } else { HeadingStyle::RomanDot };
        }
        if let Some(end) = &o.end_mark {
            self.end_mark = if end.contains('/') { "./." } else { "." };
        }
        if let Some(sep) = &o.recipient_separator {
            self.recipient_separator = if sep.contains(',') { "," } else { ";" };
        }
        if let Some(bold) = o.signer_title_bold {
            self.signer_title.bold = bold;
        }
        if let Some(dashes) = &o.summary_separator {
            self.summary_separator = if dashes == "rule" { TitleSeparator::Rule(0.4) } else { TitleSeparator::Dashes };
        }
        if self.system == System::Party {
            if let Some(size) = o.title_size {
                // P-02: the "ĐẢNG CỘNG SẢN VIỆT NAM" line, 15 pt (some use 14 or 16).
                if let Some(first) = self.motto.first_mut() {
                    first.1.size = crate::units::Pt(size);
                }
            }
            if let Some(size) = o.type_size {
                // P-07: tên loại 15–16 pt.
                self.type_name.size = crate::units::Pt(size);
            }
        }
        self
    }

    /// ND30, size set "14" (default) or "13" (format-spec §3.9).
    pub(crate) fn state(size_set: SizeSet) -> Profile {
        let big = match size_set {
            SizeSet::S14 => 14.0,
            SizeSet::S13 => 13.0,
        };
        let small = big - 1.0; // Quốc hiệu, agency: 13 with set 14, 12 with set 13.
        Profile {
            system: System::State,
            margin_top: Mm(20.0),
            margin_bottom: Mm(20.0),
            margin_left: Mm(30.0),
            margin_right: Mm(15.0),
            motto: vec![("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::bold(small)), ("Độc lập - Tự do - Hạnh phúc", Style::bold(big))],
            parent: Style::regular(small),
            agency: Style::bold(small),
            agency_mark: AgencyMark::Rule(0.4),
            number: Style::regular(13.0),
            place_date: Style::italic(big),
            type_name: Style::bold(big),
            summary: Style::bold(big),
            summary_lowercase_start: false,
            summary_separator: TitleSeparator::Rule(0.4),
            to: Style::regular(big),
            body_size: big,
            line_spacing: 1.2,
            first_line_indent: Mm(10.0),
            space_after_pt: 6.0,
            table_size: big - 1.0,
            signer_lines: Style::bold(big),
            signer_title: Style::bold(big),
            signer_name: Style::bold(big),
            recipients_label: Style::bold_italic(12.0),
            recipients_item: Style::regular(11.0),
            page_number_size: big,
            signature_gap: Mm(25.0),
            recipient_separator: ";",
            end_mark: "./.",
            headings: HeadingStyle::RomanDot,
        }
    }

    /// Party documents (HD 36-HD/VPTW, format-spec §8). Values marked MUST?/OPEN
    /// there take the most common practice.
    pub(crate) fn party() -> Profile {
        let mut underlined = Style::regular(14.0);
        underlined.underline = true;
        Profile {
            system: System::Party,
            margin_top: Mm(20.0),
            margin_bottom: Mm(20.0),
            margin_left: Mm(30.0),
            margin_right: Mm(15.0),
            motto: vec![("ĐẢNG CỘNG SẢN VIỆT NAM", Style::bold(15.0))],
            parent: Style::regular(14.0),
            agency: Style::bold(14.0),
            agency_mark: AgencyMark::Asterisk,
            number: Style::regular(14.0),
            place_date: Style::italic(14.0),
            type_name: Style::bold(15.0),
            summary: Style::bold(14.0),
            summary_lowercase_start: true,
            summary_separator: TitleSeparator::Dashes,
            to: Style::regular(14.0),
            body_size: 14.0,
            line_spacing: 1.2,
            first_line_indent: Mm(10.0),
            space_after_pt: 6.0,
            table_size: 13.0,
            signer_lines: Style::bold(14.0),
            signer_title: Style::regular(14.0),
            signer_name: Style::bold(14.0),
            recipients_label: underlined,
            recipients_item: Style::regular(12.0),
            page_number_size: 14.0,
            signature_gap: Mm(25.0),
            recipient_separator: ",",
            end_mark: ".",
            headings: HeadingStyle::RomanHyphen,
        }
    }

    /// The "Số" line: "Số: 05/BC-UBND" (H-09, H-10) or "Số 05-BC/BDVHU" (P-04).
    /// Without a number (unregistered draft, H-11) the number is left blank.
    pub(crate) fn number_line(&self, number: Option<u32>, doc_type: &str, code: &str) -> String {
        let n = match number {
            Some(n) if n < 10 => format!("0{n}"),
            Some(n) => n.to_string(),
            None => "\u{a0}".repeat(6),
        };
        match self.system {
            System::Party => format!("Số {n}-{doc_type}/{code}"),
            System::State | System::Front => format!("Số: {n}/{doc_type}-{code}"),
        }
    }

    /// One joint number for all issuers (§11): "Số: 01/CTrPH-UBND-MTTQ" (state
    /// order) or "Số 01-CTrPH/BDVHU-UBND"-style (Party: the part before the first
    /// "-" of the joint code is the type). `joint_code` is everything after the number.
    pub(crate) fn joint_number_line(&self, number: Option<u32>, joint_code: &str) -> String {
        let n = match number {
            Some(n) if n < 10 => format!("0{n}"),
            Some(n) => n.to_string(),
            None => "\u{a0}".repeat(6),
        };
        match self.system {
            System::Party => match joint_code.split_once('-') {
                Some((kind, issuers)) if !joint_code.contains('/') => format!("Số {n}-{kind}/{issuers}"),
                _ => format!("Số {n}-{joint_code}"),
            },
            System::State | System::Front => format!("Số: {n}/{joint_code}"),
        }
    }

    /// One recipient line: "- Ban Dân vận Tỉnh ủy;" or "- Ủy ban nhân dân huyện," (P-16).
    pub(crate) fn recipient_line(&self, recipient: &str) -> String {
        format!("- {}{}", recipient.trim_end_matches([';', '.', ',']).trim_end(), self.recipient_separator)
    }

    /// Authority prefix with its separator: "TM. " / "T/M " (S-01, P-13).
    pub(crate) fn authority_prefix(&self, authority: Authority) -> Option<&'static str> {
        let party = self.system == System::Party;
        Some(match authority {
            Authority::Tm if party => "T/M ",
            Authority::Kt if party => "K/T ",
            Authority::Tl if party => "T/L ",
            Authority::Tm => "TM. ",
            Authority::Kt => "KT. ",
            Authority::Q => "Q. ",
            Authority::Tl => "TL. ",
            Authority::Tuq => "TUQ. ",
            Authority::None => return None,
        })
    }

    /// The last recipient line: "- Lưu: VT, VP." or "- Lưu VP." (P-16).
    pub(crate) fn archive_line(&self, archive: &[String]) -> String {
        match self.system {
            System::Party => {
                let units: Vec<&str> = archive.iter().map(String::as_str).filter(|u| *u != "VT").collect();
                let units = if units.is_empty() { vec!["VP"] } else { units };
                format!("- Lưu {}.", units.join(", "))
            }
            System::State | System::Front => {
                // "VT" first wherever it was written (R-05: "Lưu: VT, <unit>").
                let units: Vec<&str> = std::iter::once("VT").chain(archive.iter().map(String::as_str).filter(|u| *u != "VT")).collect();
                format!("- Lưu: {}.", units.join(", "))
            }
        }
    }
}

/// "BÁO CÁO" for "BC" and the other ND30 type names (format-spec §4.2).
pub(crate) fn type_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "BC" => "BÁO CÁO",
        "CTr" => "CHƯƠNG TRÌNH",
        "KH" => "KẾ HOẠCH",
        "TB" => "THÔNG BÁO",
        "TTr" => "TỜ TRÌNH",
        "QĐ" => "QUYẾT ĐỊNH",
        "NQ" => "NGHỊ QUYẾT",
        "CT" => "CHỈ THỊ",
        "HD" => "HƯỚNG DẪN",
        "ĐA" => "ĐỀ ÁN",
        "PA" => "PHƯƠNG ÁN",
        "BB" => "BIÊN BẢN",
        "KL" => "KẾT LUẬN",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> Profile {
        Profile::state(SizeSet::S14)
    }

    #[test]
    fn g03_state_margins_within_ranges() {
        let p = state();
        assert!((20.0..=25.0).contains(&p.margin_top.0));
        assert!((20.0..=25.0).contains(&p.margin_bottom.0));
        assert!((30.0..=35.0).contains(&p.margin_left.0));
        assert!((15.0..=20.0).contains(&p.margin_right.0));
    }

    #[test]
    fn g05_size_sets_follow_section_3_9() {
        let s14 = state();
        assert_eq!(s14.motto[0].1, Style::bold(13.0), "H-01 Quốc hiệu 13 B");
        assert_eq!(s14.motto[1].1, Style::bold(14.0), "H-02 Tiêu ngữ 14 B");
        assert_eq!(s14.place_date, Style::italic(14.0), "H-14");
        assert_eq!(s14.agency, Style::bold(13.0), "H-06");
        assert_eq!(s14.parent, Style::regular(13.0), "H-05 not bold");
        let s13 = Profile::state(SizeSet::S13);
        assert_eq!(s13.motto[0].1, Style::bold(12.0));
        assert_eq!(s13.motto[1].1, Style::bold(13.0));
        assert_eq!(s13.place_date, Style::italic(13.0));
        assert_eq!(s13.body_size, 13.0);
        assert_eq!(s13.number, Style::regular(13.0), "H-09: Số is 13 pt in both sets");
    }

    #[test]
    fn h01_h02_motto_text() {
        let p = state();
        assert_eq!(p.motto[0].0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert_eq!(p.motto[1].0, "Độc lập - Tự do - Hạnh phúc");
    }

    #[test]
    fn h07_t03_rules_between_a_third_and_a_half() {
        let p = state();
        let AgencyMark::Rule(f) = p.agency_mark else { panic!("H-07 needs a rule") };
        assert!((1.0 / 3.0..=0.5).contains(&f));
        let TitleSeparator::Rule(f) = p.summary_separator else { panic!("T-03 needs a rule") };
        assert!((1.0 / 3.0..=0.5).contains(&f));
    }

    #[test]
    fn h09_h10_number_syntax() {
        let p = state();
        assert_eq!(p.number_line(Some(5), "BC", "UBND"), "Số: 05/BC-UBND");
        assert_eq!(p.number_line(Some(125), "BC", "UBND"), "Số: 125/BC-UBND");
        assert_eq!(p.number_line(None, "BC", "UBND"), "Số: \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-UBND");
    }

    #[test]
    fn p04_party_number_syntax() {
        assert_eq!(Profile::party().number_line(Some(45), "BC", "BDVHU"), "Số 45-BC/BDVHU");
        assert_eq!(Profile::party().number_line(Some(5), "BC", "HU"), "Số 05-BC/HU");
    }

    #[test]
    fn b01_b04_body() {
        let p = state();
        assert!((13.0..=14.0).contains(&p.body_size), "B-01");
        assert!(p.first_line_indent == Mm(10.0) || p.first_line_indent == Mm(12.7), "B-02");
        assert!(p.space_after_pt >= 6.0, "B-03");
        assert!((1.0..=1.5).contains(&p.line_spacing), "B-04");
    }

    #[test]
    fn r03_r05_recipients() {
        let p = state();
        assert_eq!(p.recipients_label, Style::bold_italic(12.0), "R-03");
        assert_eq!(p.recipients_item, Style::regular(11.0), "R-04");
        assert_eq!(p.archive_line(&["VT".into(), "VP".into()]), "- Lưu: VT, VP.", "R-05");
        assert_eq!(p.archive_line(&["VP".into()]), "- Lưu: VT, VP.", "R-05 always names VT");
        assert_eq!(p.archive_line(&["VP".into(), "VT".into(), "NV".into()]), "- Lưu: VT, VP, NV.", "R-05: VT first");
        assert_eq!(Profile::party().archive_line(&["VT".into(), "VP".into()]), "- Lưu VP.", "P-16");
    }

    #[test]
    fn s01_p13_prefixes() {
        assert_eq!(state().authority_prefix(Authority::Tm), Some("TM. "));
        assert_eq!(state().authority_prefix(Authority::Kt), Some("KT. "));
        assert_eq!(state().authority_prefix(Authority::Tuq), Some("TUQ. "));
        assert_eq!(Profile::party().authority_prefix(Authority::Tm), Some("T/M "));
        assert_eq!(Profile::party().authority_prefix(Authority::Kt), Some("K/T "));
        assert_eq!(state().authority_prefix(Authority::None), None);
    }

    #[test]
    fn g06_page_number_size() {
        assert!((13.0..=14.0).contains(&state().page_number_size));
    }

    #[test]
    fn p01_p03_party_header() {
        let p = Profile::party();
        assert_eq!(p.motto.len(), 1);
        assert_eq!(p.motto[0].0, "ĐẢNG CỘNG SẢN VIỆT NAM");
        assert_eq!(p.agency_mark, AgencyMark::Asterisk);
        assert!(p.summary_lowercase_start, "P-08");
    }

    #[test]
    fn p02_p06_p07_p08_p09_party_title_and_sizes() {
        let p = Profile::party();
        assert_eq!(p.motto[0].1, Style::bold(15.0), "P-02: 15 pt bold");
        assert_eq!(p.parent, Style::regular(14.0), "P-03: superior body 14, not bold");
        assert_eq!(p.agency, Style::bold(14.0), "P-03: issuing body 14 bold");
        assert_eq!(p.number, Style::regular(14.0), "P-04: 14 pt");
        assert_eq!(p.place_date, Style::italic(14.0), "P-06");
        assert!((15.0..=16.0).contains(&p.type_name.size.0) && p.type_name.bold, "P-07");
        assert!((14.0..=15.0).contains(&p.summary.size.0) && p.summary.bold, "P-08");
        assert_eq!(p.summary_separator, TitleSeparator::Dashes, "P-09");
    }

    #[test]
    fn p11_p17_p18_party_body_page_and_margins() {
        let p = Profile::party();
        assert!((14.0..=15.0).contains(&p.body_size), "P-11");
        assert!(p.first_line_indent == Mm(10.0) || p.first_line_indent == Mm(12.7), "P-11 indent");
        assert!(p.space_after_pt >= 6.0, "P-11");
        let single = 16.1; // 1.15 em at 14 pt (§2)
        assert!((18.0..=22.0).contains(&(single * p.line_spacing)), "P-11: 18–22 pt exactly");
        assert_eq!(p.page_number_size, 14.0, "P-17");
        assert_eq!((p.margin_top, p.margin_bottom, p.margin_left, p.margin_right), (Mm(20.0), Mm(20.0), Mm(30.0), Mm(15.0)), "P-18");
    }

    #[test]
    fn p13_p14_party_signature_styles() {
        let p = Profile::party();
        assert_eq!(p.authority_prefix(Authority::Tl), Some("T/L "), "P-13");
        assert_eq!(p.signer_lines, Style::bold(14.0), "P-14 authority bold");
        assert_eq!(p.signer_title, Style::regular(14.0), "P-14 title not bold (§8.1 sketch)");
        assert_eq!(p.signer_name, Style::bold(14.0), "P-14 name bold");
        assert_eq!(state().signer_title, Style::bold(14.0), "S-02 state title bold");
    }

    #[test]
    fn p15_p16_party_recipients() {
        let p = Profile::party();
        let mut label = Style::regular(14.0);
        label.underline = true;
        assert_eq!(p.recipients_label, label, "P-15: 14 pt underlined, not bold");
        assert_eq!(p.recipients_item, Style::regular(12.0), "P-16: 12 pt");
        assert_eq!(p.recipient_line("Ủy ban nhân dân huyện;"), "- Ủy ban nhân dân huyện,", "P-16 (§8.1 sketch)");
        assert_eq!(p.archive_line(&["BDV".into()]), "- Lưu BDV.", "P-16: no colon, no VT");
        assert_eq!(state().recipient_line("Ban Dân vận Tỉnh ủy"), "- Ban Dân vận Tỉnh ủy;", "R-04");
    }

    #[test]
    fn b12_p12_heading_styles() {
        assert_eq!(state().headings.section_suffix(), ". ", "B-12: I.");
        assert_eq!(Profile::party().headings.section_suffix(), "- ", "P-12: I-");
    }

    #[test]
    fn c01_p23_end_marks() {
        assert_eq!(state().end_mark, "./.", "C-01");
        assert_eq!(Profile::party().end_mark, ".", "P-23");
    }

    #[test]
    fn section9_front_is_the_state_layout() {
        let f = Profile::for_system(System::Front, SizeSet::S14);
        assert_eq!(f.system, System::Front);
        assert_eq!(f.motto, state().motto, "Quốc hiệu and Tiêu ngữ");
        assert!(matches!(f.agency_mark, AgencyMark::Rule(_)), "rule, no *");
        assert_eq!(f.number_line(Some(45), "BC", "MTTQ-BTT"), "Số: 45/BC-MTTQ-BTT");
        assert_eq!(f.authority_prefix(Authority::Tm), Some("TM. "));
        assert_eq!(f.archive_line(&["VP".into()]), "- Lưu: VT, VP.");
    }

    #[test]
    fn section11_joint_number_lines() {
        assert_eq!(state().joint_number_line(Some(1), "CTrPH-UBND-MTTQ"), "Số: 01/CTrPH-UBND-MTTQ");
        assert_eq!(Profile::party().joint_number_line(Some(3), "CTrPH-BDVHU-UBND"), "Số 03-CTrPH/BDVHU-UBND");
    }

    #[test]
    fn open_values_follow_document_style() {
        let o = StyleOverrides {
            headings: Some("I.".into()),
            end_mark: Some("./.".into()),
            recipient_separator: Some(";".into()),
            signer_title_bold: Some(true),
            summary_separator: Some("rule".into()),
            title_size: Some(16.0),
            type_size: Some(16.0),
        };
        let p = Profile::party().with_overrides(&o);
        assert_eq!(p.headings, HeadingStyle::RomanDot);
        assert_eq!(p.end_mark, "./.");
        assert_eq!(p.recipient_separator, ";");
        assert!(p.signer_title.bold);
        assert_eq!(p.summary_separator, TitleSeparator::Rule(0.4));
        assert_eq!(p.motto[0].1.size.0, 16.0);
        assert_eq!(p.type_name.size.0, 16.0);
        assert_eq!(Profile::party().with_overrides(&StyleOverrides::default()), Profile::party());
        // Party-only sizes leave the state profile alone.
        assert_eq!(state().with_overrides(&StyleOverrides { title_size: Some(16.0), ..Default::default() }), state());
    }
}
