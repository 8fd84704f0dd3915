//! Format profiles as data: one [`Profile`] value per rulebook (state = Nghị
//! định 30/2020/NĐ-CP, party = HD 36-HD/VPTW, front = MTTQ on the state
//! layout). Every value names the rule in `format-spec.md` it comes from, and
//! the tests below pin each value to its rule ID.
//!
//! Contract: pure data plus tiny formatting functions (number line, authority
//! prefixes, archive line); no layout, no IO.

use crate::data::model::{Authority, SizeSet, System};
use crate::doc::{Mark, Separator, Style};
use crate::units::Mm;

/// Everything that differs between the format rulebooks.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub system: System,
    /// G-03 (state: top 20–25, bottom 20–25, left 30–35, right 15–20) / P-18.
    pub margin_top: Mm,
    pub margin_bottom: Mm,
    pub margin_left: Mm,
    pub margin_right: Mm,
    /// Lines of the motto column, top to bottom: Quốc hiệu and Tiêu ngữ (H-01, H-02)
    /// or "ĐẢNG CỘNG SẢN VIỆT NAM" (P-01, P-02). A rule of the last line's length follows (H-03).
    pub motto: Vec<(&'static str, Style)>,
    /// Governing body line (H-05 / P-03: upper case, not bold).
    pub parent: Style,
    /// Issuing body lines (H-06 / P-03: upper case, bold).
    pub agency: Style,
    /// What is drawn under the issuing body: a 1/3–1/2 rule (H-07) or "*" (P-03).
    pub agency_mark: Mark,
    /// "Số" line (H-09, H-10: 13 pt / P-04: 14 pt).
    pub number: Style,
    /// Place and date (H-14: italic 13–14 / P-06: italic 14).
    pub place_date: Style,
    /// Tên loại (T-01 / P-07).
    pub type_name: Style,
    /// Trích yếu (T-02 / P-08).
    pub summary: Style,
    /// Trích yếu starts with a lower-case letter (P-08) instead of a capital (T-02).
    pub summary_lowercase_start: bool,
    /// Under the trích yếu: a 1/3–1/2 rule (T-03) or "-----" (P-09).
    pub summary_separator: Separator,
    /// "Kính gửi".
    pub to: Style,
    /// Body text and headings (B-01, G-05).
    pub body_size: f32,
    /// B-04: multiple of single spacing, 1.0 ..= 1.5.
    pub line_spacing: f32,
    /// B-02: 10 or 12.7 mm.
    pub first_line_indent: Mm,
    /// B-03: at least 6 pt between paragraphs.
    pub space_after_pt: f32,
    /// C-04: tables in the body font or 1–2 pt smaller.
    pub table_size: f32,
    /// Authority and title lines (S-02 / P-14).
    pub signer_lines: Style,
    /// Signer's name (S-04).
    pub signer_name: Style,
    /// "Nơi nhận:" (R-03: 12 pt bold italic / P-15: 14 pt underlined).
    pub recipients_label: Style,
    /// Recipient lines (R-04: 11 pt / P-16: 12 pt).
    pub recipients_item: Style,
    /// Page number (G-06 / P-17).
    pub page_number_size: f32,
    /// S-07: space for signature and seal between the title and the name.
    pub signature_gap: Mm,
    /// C-01 / P-23: how the body ends.
    pub end_mark: &'static str,
}

impl Profile {
    /// The profile for an issuer's system at a size set (G-05 §3.9).
    pub fn for_system(system: System, size_set: SizeSet) -> Profile {
        match system {
            System::State => Profile::state(size_set),
            System::Front => Profile { system: System::Front, ..Profile::state(size_set) },
            System::Party => Profile::party(),
        }
    }

    /// ND30, size set "14" (default) or "13" (format-spec §3.9).
    pub fn state(size_set: SizeSet) -> Profile {
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
            motto: vec![
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::bold(small)),
                ("Độc lập - Tự do - Hạnh phúc", Style::bold(big)),
            ],
            parent: Style::regular(small),
            agency: Style::bold(small),
            agency_mark: Mark::RuleFraction(0.4),
            number: Style::regular(13.0),
            place_date: Style::italic(big),
            type_name: Style::bold(big),
            summary: Style::bold(big),
            summary_lowercase_start: false,
            summary_separator: Separator::Rule(0.4),
            to: Style::regular(big),
            body_size: big,
            line_spacing: 1.2,
            first_line_indent: Mm(10.0),
            space_after_pt: 6.0,
            table_size: big - 1.0,
            signer_lines: Style::bold(big),
            signer_name: Style::bold(big),
            recipients_label: Style::bold_italic(12.0),
            recipients_item: Style::regular(11.0),
            page_number_size: big,
            signature_gap: Mm(25.0),
            end_mark: "./.",
        }
    }

    /// Party documents (HD 36-HD/VPTW, format-spec §8). Values marked MUST?/OPEN
    /// there take the most common practice.
    pub fn party() -> Profile {
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
            agency_mark: Mark::Asterisk,
            number: Style::regular(14.0),
            place_date: Style::italic(14.0),
            type_name: Style::bold(15.0),
            summary: Style::bold(14.0),
            summary_lowercase_start: true,
            summary_separator: Separator::Dashes,
            to: Style::regular(14.0),
            body_size: 14.0,
            line_spacing: 1.2,
            first_line_indent: Mm(10.0),
            space_after_pt: 6.0,
            table_size: 13.0,
            signer_lines: Style::bold(14.0),
            signer_name: Style::bold(14.0),
            recipients_label: underlined,
            recipients_item: Style::regular(12.0),
            page_number_size: 14.0,
            signature_gap: Mm(25.0),
            end_mark: ".",
        }
    }

    /// The "Số" line: "Số: 05/BC-UBND" (H-09, H-10) or "Số 05-BC/BDVHU" (P-04).
    /// Without a number (unregistered draft, H-11) the number is left blank.
    pub fn number_line(&self, number: Option<u32>, doc_type: &str, code: &str) -> String {
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

    /// Authority prefix with its separator: "TM. " / "T/M " (S-01, P-13).
    pub fn authority_prefix(&self, authority: Authority) -> Option<&'static str> {
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
    pub fn archive_line(&self, archive: &[String]) -> String {
        match self.system {
            System::Party => {
                let units: Vec<&str> = archive.iter().map(String::as_str).filter(|u| *u != "VT").collect();
                let units = if units.is_empty() { vec!["VP"] } else { units };
                format!("- Lưu {}.", units.join(", "))
            }
            System::State | System::Front => {
                let mut units: Vec<&str> = archive.iter().map(String::as_str).collect();
                if !units.contains(&"VT") {
                    units.insert(0, "VT");
                }
                format!("- Lưu: {}.", units.join(", "))
            }
        }
    }
}

/// "BÁO CÁO" for "BC" and the other ND30 type names (format-spec §4.2).
pub fn type_name(code: &str) -> Option<&'static str> {
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
        let Mark::RuleFraction(f) = p.agency_mark else { panic!("H-07 needs a rule") };
        assert!((1.0 / 3.0..=0.5).contains(&f));
        let Separator::Rule(f) = p.summary_separator else { panic!("T-03 needs a rule") };
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
        assert_eq!(p.agency_mark, Mark::Asterisk);
        assert!(p.summary_lowercase_start, "P-08");
    }
}
