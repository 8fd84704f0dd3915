//! Text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI and
//! pasted as if it were Unicode: "Céng hoµ x· héi" (TCVN3) or "Coäng hoøa xaõ
//! hoäi" (VNI). Old Word documents with .VnTime or VNI-Times fonts give this.
//!
//! Contract: [`detect`] returns the encoding and the Unicode text only when
//! (1) some word cannot be Unicode Vietnamese as written (it holds a Latin-1
//! character that is no Vietnamese letter, like `µ` or `ø`, or it is not
//! shaped like a Vietnamese syllable, like `Lieâu`), (2) every word the
//! conversion changes becomes a Vietnamese syllable of two letters or more,
//! and (3) no word keeps a non-Vietnamese Latin-1 character. So "3 × 4",
//! "Müller" or plain Unicode text are never reported.

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Tcvn3,
    Vni,
}

impl Encoding {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }
}

/// The 134 precomposed Vietnamese letters plus đ/Đ, both cases.
const VIET: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ\
ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";

fn is_viet_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || VIET.contains(c)
}

/// A Latin-1 character that real Vietnamese Unicode text does not contain.
fn suspicious(c: char) -> bool {
    ('\u{a1}'..='\u{ff}').contains(&c) && !is_viet_letter(c)
}

/// TCVN3: byte value (read as Latin-1) -> letter. Capital letters other than
/// Ă Â Ê Ô Ơ Ư Đ used the same codes in a separate capitals font.
const TCVN3: &[(char, char)] = &[
    ('\u{a1}', 'Ă'),
    ('\u{a2}', 'Â'),
    ('\u{a3}', 'Ê'),
    ('\u{a4}', 'Ô'),
    ('\u{a5}', 'Ơ'),
    ('\u{a6}', 'Ư'),
    ('\u{a7}', 'Đ'),
    ('\u{a8}', 'ă'),
    ('\u{a9}', 'â'),
    ('\u{aa}', 'ê'),
    ('\u{ab}', 'ô'),
    ('\u{ac}', 'ơ'),
    ('\u{ad}', 'ư'),
    ('\u{ae}', 'đ'),
    ('\u{b5}', 'à'),
    ('\u{b6}', 'ả'),
    ('\u{b7}', 'ã'),
    ('\u{b8}', 'á'),
    ('\u{b9}', 'ạ'),
    ('\u{bb}', 'ằ'),
    ('\u{bc}', 'ẳ'),
    ('\u{bd}', 'ẵ'),
    ('\u{be}', 'ắ'),
    ('\u{c6}', 'ặ'),
    ('\u{c7}', 'ầ'),
    ('\u{c8}', 'ẩ'),
    ('\u{c9}', 'ẫ'),
    ('\u{ca}', 'ấ'),
    ('\u{cb}', 'ậ'),
    ('\u{cc}', 'è'),
    ('\u{ce}', 'ẻ'),
    ('\u{cf}', 'ẽ'),
    ('\u{d0}', 'é'),
    ('\u{d1}', 'ẹ'),
    ('\u{d2}', 'ề'),
    ('\u{d3}', 'ể'),
    ('\u{d4}', 'ễ'),
    ('\u{d5}', 'ế'),
    ('\u{d6}', 'ệ'),
    ('\u{d7}', 'ì'),
    ('\u{d8}', 'ỉ'),
    ('\u{dc}', 'ĩ'),
    ('\u{dd}', 'í'),
    ('\u{de}', 'ị'),
    ('\u{df}', 'ò'),
    ('\u{e1}', 'ỏ'),
    ('\u{e2}', 'õ'),
    ('\u{e3}', 'ó'),
    ('\u{e4}', 'ọ'),
    ('\u{e5}', 'ồ'),
    ('\u{e6}', 'ổ'),
    ('\u{e7}', 'ỗ'),
    ('\u{e8}', 'ố'),
    ('\u{e9}', 'ộ'),
    ('\u{ea}', 'ờ'),
    ('\u{eb}', 'ở'),
    ('\u{ec}', 'ỡ'),
    ('\u{ed}', 'ớ'),
    ('\u{ee}', 'ợ'),
    ('\u{ef}', 'ù'),
    ('\u{f1}', 'ủ'),
    ('\u{f2}', 'ũ'),
    ('\u{f3}', 'ú'),
    ('\u{f4}', 'ụ'),
    ('\u{f5}', 'ừ'),
    ('\u{f6}', 'ử'),
    ('\u{f7}', 'ữ'),
    ('\u{f8}', 'ứ'),
    ('\u{f9}', 'ự'),
    ('\u{fa}', 'ỳ'),
    ('\u{fb}', 'ỷ'),
    ('\u{fc}', 'ỹ'),
    ('\u{fd}', 'ý'),
    ('\u{fe}', 'ỵ'),
];

fn tcvn3(c: char) -> Option<char> {
    TCVN3.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

// Combining marks.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const TILDE: char = '\u{303}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';

/// VNI: a mark key typed after a vowel -> (shape mark, tone mark).
fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    Some(match c.to_lowercase().next()? {
        'ø' => (None, Some(GRAVE)),
        'ù' => (None, Some(ACUTE)),
        'û' => (None, Some(HOOK)),
        'õ' => (None, Some(TILDE)),
        'ï' => (None, Some(DOT)),
        'â' => (Some(CIRCUMFLEX), None),
        'à' => (Some(CIRCUMFLEX), Some(GRAVE)),
        'á' => (Some(CIRCUMFLEX), Some(ACUTE)),
        'å' => (Some(CIRCUMFLEX), Some(HOOK)),
        'ã' => (Some(CIRCUMFLEX), Some(TILDE)),
        'ä' => (Some(CIRCUMFLEX), Some(DOT)),
        'ê' => (Some(BREVE), None),
        'è' => (Some(BREVE), Some(GRAVE)),
        'é' => (Some(BREVE), Some(ACUTE)),
        'ú' => (Some(BREVE), Some(HOOK)),
        'ü' => (Some(BREVE), Some(TILDE)),
        'ë' => (Some(BREVE), Some(DOT)),
        _ => return None,
    })
}

/// VNI letters typed as one key: đ, ơ, ư and the i's.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        _ => return None,
    })
}

fn decode_vni(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // ô/ö before a mark are the bases ơ/ư; a, e, o, u, y take marks.
        let base = match c {
            'ô' | 'Ô' | 'ö' | 'Ö' => vni_single(c),
            c if "aeouyAEOUY".contains(c) => Some(c),
            _ => None,
        };
        if let (Some(base), Some(next)) = (base, chars.get(i + 1))
            && let Some((shape, tone)) = vni_mark(*next)
        {
            let lower = base.to_lowercase().next().unwrap_or(base);
            let shape_ok = match shape {
                Some(CIRCUMFLEX) => "aeo".contains(lower),
                Some(_) => lower == 'a',
                None => true,
            };
            if shape_ok {
                let mut seq = String::from(base);
                seq.extend(shape);
                seq.extend(tone);
                let mut j = i + 2;
                // A tone may follow a shape key: "aâ" then "ù"? VNI packs both in one key; nothing to do.
                if shape.is_some()
                    && tone.is_none()
                    && let Some((None, Some(t))) = chars.get(j).and_then(|c| vni_mark(*c))
                {
                    seq.push(t);
                    j += 1;
                }
                out.extend(seq.nfc());
                i = j;
                continue;
            }
        }
        out.push(vni_single(c).unwrap_or(c));
        i += 1;
    }
    out
}

fn decode_tcvn3(word: &str) -> String {
    // Capitals were typed with a capitals font: a word whose plain letters
    // are all capitals gets capital accented letters.
    let upper = word.chars().filter(|c| c.is_ascii_alphabetic()).count() > 0
        && word.chars().filter(|c| c.is_ascii_alphabetic()).all(|c| c.is_ascii_uppercase());
    word.chars()
        .map(|c| match tcvn3(c) {
            Some(v) if upper => v.to_uppercase().next().unwrap_or(v),
            Some(v) => v,
            None => c,
        })
        .collect()
}

/// Whether `word` (letters only) is shaped like one Vietnamese syllable:
/// an initial consonant, a vowel nucleus, a final consonant, one tone at most.
///
/// Every text field asks this of most of its words, and a report repeats
/// its words, so answers are remembered per thread (a bounded table).
pub(crate) fn is_syllable(word: &str) -> bool {
    use std::cell::RefCell;
    use std::collections::HashMap;
    /// Distinct words remembered; the table starts over when full.
    const KEEP: usize = 4096;
    thread_local! {
        static KNOWN: RefCell<HashMap<Box<str>, bool>> = RefCell::new(HashMap::new());
    }
    if word.len() > 32 {
        return shaped_like_syllable(word);
    }
    KNOWN.with(|known| {
        if let Some(&answer) = known.borrow().get(word) {
            return answer;
        }
        let answer = shaped_like_syllable(word);
        let mut known = known.borrow_mut();
        if known.len() >= KEEP {
            known.clear();
        }
        known.insert(word.into(), answer);
        answer
    })
}

fn shaped_like_syllable(word: &str) -> bool {
    const INITIALS: &[&str] = &[
        "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s",
        "t", "v", "x", "",
    ];
    const NUCLEI: &[&str] = &[
        "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu",
        "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "ưa", "ưi", "ưu", "ươ", "uy", "yê", "a",
        "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    ];
    const FINALS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
    let mut tones = 0;
    let mut stripped = String::new();
    for c in word.to_lowercase().nfd() {
        match c {
            GRAVE | ACUTE | TILDE | HOOK | DOT => tones += 1,
            _ => stripped.push(c),
        }
    }
    if tones > 1 {
        return false;
    }
    let s: String = stripped.nfc().collect();
    INITIALS
        .iter()
        .any(|i| s.strip_prefix(i).is_some_and(|rest| NUCLEI.iter().any(|n| rest.strip_prefix(n).is_some_and(|fin| FINALS.contains(&fin)))))
}

/// A character of a word: a letter or digit, or a character that a legacy
/// encoding turns into a letter. The Latin letters Vietnamese uses are
/// settled without Unicode's tables (every character of those blocks is a letter).
fn is_word(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{a1}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Words of `text` as (start, end) byte ranges; characters that a legacy
/// encoding turns into letters count as letters.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The encoding `text` was typed in and its Unicode form, when it is
/// legacy-encoded text (see the module contract).
pub(crate) fn detect(text: &str) -> Option<(Encoding, String)> {
    // Both encodings live in the Latin-1 range: ASCII and real Vietnamese
    // beyond it (ạ, ư, ơ …) never change.
    if !text.chars().any(|c| ('\u{a1}'..='\u{ff}').contains(&c)) {
        return None;
    }
    // Only a word that cannot be Unicode Vietnamese as written is evidence of
    // a legacy encoding; without one, neither decoding can succeed. Checking
    // that first spares both decodings for ordinary text.
    let latin1 = |c: char| ('\u{a1}'..='\u{ff}').contains(&c);
    let evidence_possible = words(text).into_iter().any(|(s, e)| {
        let word = &text[s..e];
        word.chars().any(latin1) && (word.chars().any(suspicious) || !is_syllable(word))
    });
    if !evidence_possible {
        return None;
    }
    [Encoding::Tcvn3, Encoding::Vni].into_iter().find_map(|enc| {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let mut evidence = false;
        for (s, e) in words(text) {
            out.push_str(&text[last..s]);
            last = e;
            let word = &text[s..e];
            // Both decoders only touch characters of the Latin-1 range, so a
            // word without one stays as it is (most words: ASCII, or ạ, ư, ơ …).
            if !word.chars().any(latin1) {
                out.push_str(word);
                continue;
            }
            let decoded = match enc {
                Encoding::Tcvn3 => decode_tcvn3(word),
                Encoding::Vni => decode_vni(word),
            };
            let has_suspicious = word.chars().any(suspicious);
            // A word that cannot be Unicode Vietnamese as written.
            let wrong_as_is = has_suspicious || !is_syllable(word);
            if decoded != word {
                let right_decoded = decoded.chars().count() >= 2 && decoded.chars().all(is_viet_letter) && is_syllable(&decoded);
                if !right_decoded {
                    return None;
                }
                evidence |= wrong_as_is;
            } else if has_suspicious {
                return None;
            }
            out.push_str(&decoded);
        }
        out.push_str(&text[last..]);
        evidence.then_some((enc, out))
    })
}

/// Whether raw bytes that are not UTF-8 look like an 8-bit legacy
/// Vietnamese file: read as Latin-1, they pass [`detect`] somewhere.
pub fn bytes_look_legacy(bytes: &[u8]) -> bool {
    let latin1: String = bytes.iter().map(|&b| b as char).collect();
    latin1.lines().any(|l| detect(l).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_is_detected_and_converted() {
        assert_eq!(detect("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), Some((Encoding::Tcvn3, "Cộng hoà xã hội chủ nghĩa Việt Nam".to_string())));
        assert_eq!(detect("Tæng kÕt n¨m 2020"), Some((Encoding::Tcvn3, "Tổng kết năm 2020".to_string())));
        assert_eq!(detect("CéNG HOµ"), Some((Encoding::Tcvn3, "CỘNG HOÀ".to_string())));
        assert_eq!(detect("§¶ng bé huyÖn"), Some((Encoding::Tcvn3, "Đảng bộ huyện".to_string())));
    }

    #[test]
    fn vni_is_detected_and_converted() {
        assert_eq!(
            detect("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            Some((Encoding::Vni, "Cộng hòa xã hội chủ nghĩa Việt Nam".to_string()))
        );
        assert_eq!(detect("Nguyeãn Thò Tuyeát Haïnh"), Some((Encoding::Vni, "Nguyễn Thị Tuyết Hạnh".to_string())));
        assert_eq!(detect("Ñaûng boä huyeän"), Some((Encoding::Vni, "Đảng bộ huyện".to_string())));
        assert_eq!(detect("Phoøng Vaên hoùa"), Some((Encoding::Vni, "Phòng Văn hóa".to_string())));
        assert_eq!(detect("ñöôïc"), Some((Encoding::Vni, "được".to_string())));
    }

    #[test]
    fn unicode_and_foreign_text_are_left_alone() {
        for s in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Bình Liêu",
            "3 × 4 = 12",
            "Ông Müller · Đức",
            "Nhiệt độ 25°C",
            "« Dân vận khéo »",
            "José Martí",
            "UBND",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    #[test]
    fn word_characters_are_letters_digits_or_legacy_codes() {
        for c in (0..=0x2000u32).filter_map(char::from_u32) {
            assert_eq!(is_word(c), c.is_alphanumeric() || ('\u{a1}'..='\u{ff}').contains(&c), "{c:?}");
        }
    }

    #[test]
    fn remembered_answers_match_fresh_ones() {
        for s in ["được", "coọng", "được", "Nguyễn", "coọng", "bcd"] {
            assert_eq!(is_syllable(s), shaped_like_syllable(s), "{s}");
        }
    }

    #[test]
    fn syllables() {
        for s in ["nghiêng", "được", "khuya", "giữa", "quốc", "trường", "uỷ", "Nguyễn", "hoà", "yêu"] {
            assert!(is_syllable(s), "{s}");
        }
        for s in ["coọng", "hoứa", "mỹller", "bcd", "ạá", "chđ"] {
            assert!(!is_syllable(s), "{s}");
        }
    }
}
