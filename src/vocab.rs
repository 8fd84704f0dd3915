//! Shared vocabulary of the format rules: the issuer systems, the size sets,
//! the signing authorities and the document's style overrides. Plain types
//! with their input words; used by `data` (which parses them) and `profile`
//! (which turns them into format values), importing nothing of the crate.

use serde::Serialize;

/// The system an issuer belongs to: state (Nghị định 30), Party (Hướng dẫn
/// 36-HD/VPTW) or front (Mặt trận and mass organisations, state rules with
/// their own practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    State,
    Party,
    Front,
}

impl System {
    /// Every system, in the order the input contract lists them.
    pub(crate) const ALL: [System; 3] = [System::State, System::Party, System::Front];

    /// The input's word for it (`system: state`), as templates see it.
    pub(crate) fn key(self) -> &'static str {
        match self {
            System::State => "state",
            System::Party => "party",
            System::Front => "front",
        }
    }
}

/// The size set of the whole document (§11: 13 or 14 pt body text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SizeSet {
    #[serde(rename = "13")]
    S13,
    #[serde(rename = "14")]
    S14,
}

/// How a signer signs for the body (TM., KT., Q., TL., TUQ. or in their own name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    Tm,
    Kt,
    Q,
    Tl,
    Tuq,
    None,
}

/// `document.style`: every key optional; absent keys keep the profile's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StyleOverrides {
    /// Mục numbering: "I." (ND30) or "I-" (Party practice, P-12).
    pub(crate) headings: Option<String>,
    /// End of the body: "./." (C-01) or "." (P-23).
    pub(crate) end_mark: Option<String>,
    /// Recipient line terminator: ";" or "," (P-16).
    pub(crate) recipient_separator: Option<String>,
    /// Bold title line in the signature (P-14).
    pub(crate) signer_title_bold: Option<bool>,
    /// Under the trích yếu: "dashes" or "rule" (P-09).
    pub(crate) summary_separator: Option<String>,
    /// Party title "ĐẢNG CỘNG SẢN VIỆT NAM" size, 14–16 (P-02).
    pub(crate) title_size: Option<f32>,
    /// Party tên loại size, 15–16 (P-07).
    pub(crate) type_size: Option<f32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_words_round_trip_and_match_serde() {
        for s in System::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key(), "templates see the same word");
        }
        let keys: Vec<&str> = System::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, ["state", "party", "front"], "the input contract's words");
    }
}
