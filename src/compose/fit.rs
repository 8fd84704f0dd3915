//! Line breaking for the fixed parts of a document (header names, trích yếu,
//! "Kính gửi", signer lines, recipients), as a Vietnamese reader breaks them.
//!
//! Contract: pure; measures with the bundled font metrics, which are those of
//! Times New Roman, so the lines decided here are the lines both writers print.
//! A break inside a compound word ("Ủy / ban", "Mặt / trận") or inside one of
//! the document's own names ("U MINH / THƯỢNG") costs much more than a break
//! elsewhere, so it happens only when nothing else fits; a title never ends
//! with a lone word when it can be avoided. [`Broken::fits`] says whether every
//! line fits its width (a single word wider than the column does not).

use crate::doc::Style;
use crate::fonts::FontSet;
use crate::linebreak::{self, Mode, WordBox};

/// Two- and three-word compounds and fixed phrases of administrative
/// Vietnamese that a line should not split (lower case).
const COMPOUNDS: &[&str] = &[
    "ủy ban",
    "nhân dân",
    "mặt trận",
    "tổ quốc",
    "việt nam",
    "huyện ủy",
    "tỉnh ủy",
    "thành ủy",
    "đảng ủy",
    "quận ủy",
    "thị ủy",
    "dân vận",
    "chính trị",
    "xã hội",
    "chính quyền",
    "chương trình",
    "phối hợp",
    "công tác",
    "thực hiện",
    "kết quả",
    "nông thôn",
    "hội đồng",
    "thường trực",
    "thường vụ",
    "đoàn thể",
    "phương hướng",
    "nhiệm vụ",
    "dân chủ",
    "cơ sở",
    "thi đua",
    "khen thưởng",
    "hành chính",
    "cải cách",
    "kinh tế",
    "văn hóa",
    "an ninh",
    "quốc phòng",
    "giai đoạn",
    "tổng kết",
    "sơ kết",
    "giao ban",
    "đánh giá",
    "triển khai",
    "tuyên truyền",
    "vận động",
    "đồng bào",
    "dân tộc",
    "tôn giáo",
    "thanh niên",
    "phụ nữ",
    "nông dân",
    "cựu chiến binh",
    "công đoàn",
    "khu dân cư",
    "thị trấn",
    "thị xã",
    "thành phố",
    "chủ tịch",
    "phó chủ tịch",
    "trưởng ban",
    "phó trưởng ban",
    "bí thư",
    "phó bí thư",
    "văn phòng",
    "cộng sản",
    "hội nghị",
    "dân vận khéo",
    "chủ nghĩa",
    "quý i",
    "quý ii",
    "quý iii",
    "quý iv",
];

/// Administrative unit words: a header name breaks before them first
/// ("ỦY BAN MTTQ VIỆT NAM / HUYỆN ĐỨC THỌ"), and the words after them up to
/// the end of the line are a proper name that is never split.
const UNIT_WORDS: &[&str] = &["huyện", "tỉnh", "xã", "quận", "phường", "thị", "thành"];

/// Break costs, against squared slack in pt² (a 100 pt gap costs 10⁴).
const INSIDE_COMPOUND: f32 = 200_000.0;
const INSIDE_NAME: f32 = 400_000.0;
const LONE_LAST_WORD: f32 = 1_000_000.0;
const NOUN_NUMBER: f32 = 300_000.0;
/// A header line breaks before a unit word for free, elsewhere at this cost.
const HEADER_ELSEWHERE: f32 = 20_000.0;

/// How a text is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Header names (H-05, H-06, P-03): fewest lines, breaks before unit words,
    /// never inside the proper name after one.
    Header,
    /// Centred text of even lines (trích yếu, signer lines): never a lone last word.
    Title,
    /// Ragged left text (recipients, addressees).
    Ragged,
}

/// Words and phrases that must stay on one line: the compounds above plus the
/// document's own names (place, bodies, parties).
#[derive(Debug, Clone, Default)]
pub(crate) struct Phrases {
    names: Vec<Vec<String>>,
}

impl Phrases {
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Phrases {
        let names =
            names.into_iter().map(|n| n.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>()).filter(|w| w.len() > 1).collect();
        Phrases { names }
    }
}

/// The lines of a broken text and whether all of them fit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Broken {
    pub(crate) lines: Vec<String>,
    pub(crate) fits: bool,
    /// Width of the widest line (pt).
    pub(crate) widest: f32,
}

/// Width of `text` in `style` (pt).
pub(crate) fn width(text: &str, style: &Style) -> f32 {
    FontSet::get().width(text, style)
}

/// Breaks `text` into lines of at most `max` points (the first line `first`).
pub(crate) fn break_text(text: &str, style: &Style, first: f32, max: f32, kind: Kind, phrases: &Phrases) -> Broken {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Broken { lines: Vec::new(), fits: true, widest: 0.0 };
    }
    let space = width(" ", style);
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let penalties = penalties(&lower, kind, phrases);
    let boxes: Vec<WordBox> =
        words.iter().zip(&penalties).map(|(w, &penalty)| WordBox { width: width(w, style), space, penalty }).collect();
    let mode = match kind {
        Kind::Header | Kind::Title => Mode::Balanced,
        Kind::Ragged => Mode::Ragged,
    };
    // Balanced lines count the slack of every line, the last included, so
    // they take as few lines as fit unless a split compound costs more.
    let lines = linebreak::break_lines(&boxes, first, max, mode);
    let mut out = Vec::new();
    let mut fits = true;
    let mut widest = 0.0f32;
    for (k, line) in lines.iter().enumerate() {
        let room = if k == 0 { first } else { max };
        let natural = linebreak::natural_width(&boxes[line.start..line.end]);
        fits &= natural <= room + 0.01;
        widest = widest.max(natural);
        out.push(words[line.start..line.end].join(" "));
    }
    Broken { lines: out, fits, widest }
}

/// The cost of breaking after each word (the last entry is unused).
fn penalties(lower: &[String], kind: Kind, phrases: &Phrases) -> Vec<f32> {
    let n = lower.len();
    let mut out = vec![0.0f32; n];
    let mark = |start: usize, len: usize, cost: f32, out: &mut Vec<f32>| {
        for slot in out.iter_mut().skip(start).take(len.saturating_sub(1)) {
            *slot = slot.max(cost);
        }
    };
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let stripped: Vec<String> = lower.iter().map(|w| bare(w)).collect();
    for parts in compound_words() {
        for start in find_all(&stripped, parts) {
            mark(start, parts.len(), INSIDE_COMPOUND, &mut out);
        }
    }
    for name in &phrases.names {
        let parts: Vec<&str> = name.iter().map(|w| w.as_str()).collect();
        let parts: Vec<String> = parts.iter().map(|w| bare(w)).collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        for start in find_all(&stripped, &parts) {
            mark(start, parts.len(), INSIDE_NAME, &mut out);
        }
    }
    for i in 0..n.saturating_sub(1) {
        let noun = matches!(stripped[i].as_str(), "năm" | "tháng" | "ngày" | "quý" | "số" | "khóa" | "giai" | "phần" | "mục");
        let numeric = stripped[i + 1].chars().next().is_some_and(|c| c.is_ascii_digit());
        if noun && numeric {
            out[i] = out[i].max(NOUN_NUMBER);
        }
        // A line never starts with a dash.
        if matches!(lower[i + 1].as_str(), "-" | "–" | "+") {
            out[i] = out[i].max(NOUN_NUMBER);
        }
    }
    if kind == Kind::Header {
        // The proper name after the last unit word stays whole; breaks
        // elsewhere cost something, before a unit word nothing.
        let mut in_name = false;
        for i in 0..n {
            if UNIT_WORDS.contains(&stripped[i].as_str()) {
                in_name = true;
                if i > 0 && out[i - 1] < INSIDE_COMPOUND {
                    out[i - 1] = 0.0;
                }
                continue;
            }
            if i + 1 < n && out[i] == 0.0 && !UNIT_WORDS.contains(&stripped[i + 1].as_str()) {
                out[i] = if in_name { INSIDE_NAME } else { HEADER_ELSEWHERE };
            }
        }
        // "THÀNH PHỐ BÀ RỊA", "THỊ XÃ", "THỊ TRẤN": a unit word of two
        // syllables is never split, and the name starts after it.
        for i in 0..n.saturating_sub(1) {
            let two_syllables = matches!((stripped[i].as_str(), stripped[i + 1].as_str()), ("thành", "phố") | ("thị", "xã" | "trấn"));
            if two_syllables {
                out[i] = out[i].max(INSIDE_NAME);
                if i + 2 < n {
                    out[i + 1] = 0.0;
                }
            }
        }
        // "HUYỆN ỦY U MINH THƯỢNG": the compound "huyện ủy" is a rank, the
        // name starts after it.
        for i in 0..n.saturating_sub(1) {
            if UNIT_WORDS.contains(&stripped[i].as_str()) && stripped[i + 1] == "ủy" && i + 2 < n {
                out[i + 1] = HEADER_ELSEWHERE;
            }
        }
    }
    if kind == Kind::Title && n >= 3 {
        out[n - 2] = out[n - 2].max(LONE_LAST_WORD);
    }
    out
}

/// [`COMPOUNDS`] split into words, once per process (every header, title
/// and signer line is scored against all of them).
fn compound_words() -> &'static [Vec<&'static str>] {
    static SPLIT: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    SPLIT.get_or_init(|| COMPOUNDS.iter().map(|c| c.split(' ').collect()).collect())
}

/// Where `parts` occurs in `words`, as word indices.
fn find_all<'a>(words: &'a [String], parts: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
    let last = if parts.is_empty() { None } else { words.len().checked_sub(parts.len()) };
    last.into_iter().flat_map(move |last| (0..=last).filter(move |&i| parts.iter().enumerate().all(|(k, p)| words[i + k] == *p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, size: f32, max: f32, kind: Kind, names: &[&str]) -> Vec<String> {
        break_text(text, &Style::bold(size), max, max, kind, &Phrases::new(names.iter().copied())).lines
    }

    #[test]
    fn h06_header_names_break_between_rank_and_name() {
        let l = lines("HUYỆN ỦY U MINH THƯỢNG", 14.0, 150.0, Kind::Header, &["U Minh Thượng"]);
        assert_eq!(l, ["HUYỆN ỦY", "U MINH THƯỢNG"]);
        let l = lines("ỦY BAN MTTQ VIỆT NAM HUYỆN ĐỨC THỌ", 13.0, 180.0, Kind::Header, &[]);
        assert_eq!(l, ["ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐỨC THỌ"]);
        let l = lines("ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU", 13.0, 140.0, Kind::Header, &[]);
        assert_eq!(l, ["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH LIÊU"]);
    }

    #[test]
    fn h06_a_two_syllable_unit_word_stays_whole_and_the_name_follows_it() {
        for text in ["ỦY BAN NHÂN DÂN THÀNH PHỐ BÀ RỊA", "ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY", "ỦY BAN NHÂN DÂN THỊ TRẤN BÌNH LIÊU"]
        {
            // From the width of "THÀNH PHỐ" at 14 pt up.
            for max in (10..=24).map(|k| k as f32 * 10.0) {
                let l = lines(text, 14.0, max, Kind::Header, &[]);
                for pair in l.windows(2) {
                    let start = pair[1].split(' ').next().unwrap();
                    assert!(!matches!(start, "PHỐ" | "XÃ" | "TRẤN"), "{max}: {l:?}");
                }
            }
        }
        let l = lines("ỦY BAN NHÂN DÂN THÀNH PHỐ BÀ RỊA", 14.0, 160.0, Kind::Header, &[]);
        assert_eq!(l, ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ BÀ RỊA"]);
    }

    #[test]
    fn titles_keep_compounds_and_names_whole_and_never_end_alone() {
        let text = "giữa Ủy ban nhân dân huyện và Ban Dân vận Huyện ủy về công tác dân vận chính quyền năm 2021";
        for max in [250.0, 300.0, 350.0, 400.0, 430.0] {
            let l = lines(text, 14.0, max, Kind::Title, &["Ban Dân vận Huyện ủy", "Ủy ban nhân dân huyện"]);
            for pair in l.windows(2) {
                let end = pair[0].split(' ').next_back().unwrap().to_lowercase();
                let start = pair[1].split(' ').next().unwrap().to_lowercase();
                let joined = format!("{end} {start}");
                assert!(!COMPOUNDS.contains(&joined.as_str()), "{max}: split compound {joined:?} in {l:?}");
                assert_ne!(joined, "năm 2021", "{max}: {l:?}");
            }
            assert!(l.last().unwrap().split(' ').count() > 1, "{max}: lone last word in {l:?}");
        }
    }

    #[test]
    fn a_word_wider_than_the_column_does_not_fit() {
        let b = break_text("CHỦTỊCHỦYBANNHÂNDÂN", &Style::bold(14.0), 60.0, 60.0, Kind::Title, &Phrases::default());
        assert!(!b.fits);
        let b = break_text("PHÓ CHỦ TỊCH", &Style::bold(14.0), 200.0, 200.0, Kind::Title, &Phrases::default());
        assert!(b.fits);
        assert_eq!(b.lines, ["PHÓ CHỦ TỊCH"]);
    }
}
