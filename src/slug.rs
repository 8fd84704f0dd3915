//! Safe output file names from unit names ("Xã Lục Hồn" -> `xa-luc-hon`).
//!
//! Contract:
//! - [`slug`] returns lowercase ASCII letters, digits and single hyphens,
//!   never empty (`bao-cao` for a name with no letters), never `.`/`..`,
//!   no path separators, no Windows device name (`con`, `nul`, `com1` …), at
//!   most [`MAX_SLUG_CHARS`] characters. Vietnamese diacritics are folded
//!   (ộ -> o, đ -> d); other scripts fall back to their code points so two
//!   different names do not both become empty.
//! - [`Slugs`] hands out names for a batch: two units whose names fold to
//!   the same slug ("Xã Lục Hồn" / "Xã Lúc Hơn") get `xa-luc-hon` and
//!   `xa-luc-hon-2`, case-insensitively unique (Windows and macOS folders
//!   ignore case), in the order they are asked for, so the result is
//!   deterministic for a sorted input.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Longest slug: short enough for any file system with an extension added.
pub(crate) const MAX_SLUG_CHARS: usize = 80;

/// A file-name-safe ASCII slug of `name`.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    let push = |out: &mut String, piece: &str, hyphen: &mut bool| {
        if *hyphen && !out.is_empty() {
            out.push('-');
        }
        *hyphen = false;
        out.push_str(piece);
    };
    for c in name.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Combining marks (Vietnamese tones, circumflex, breve, horn) go.
            '\u{300}'..='\u{36f}' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            push(&mut out, &c.to_ascii_lowercase().to_string(), &mut hyphen);
        } else if c.is_alphanumeric() {
            // A letter of another script: keep it distinguishable.
            push(&mut out, &format!("u{:x}", c as u32), &mut hyphen);
            hyphen = true;
        } else {
            hyphen = true;
        }
    }
    if out.len() > MAX_SLUG_CHARS {
        out.truncate(MAX_SLUG_CHARS);
        while out.ends_with('-') {
            out.pop();
        }
    }
    if out.is_empty() {
        return "bao-cao".to_string();
    }
    const DEVICES: &[&str] = &["con", "prn", "aux", "nul"];
    let device = DEVICES.contains(&out.as_str())
        || ((out.starts_with("com") || out.starts_with("lpt")) && out.len() == 4 && out.as_bytes()[3].is_ascii_digit());
    if device {
        out.push_str("-1");
    }
    out
}

/// Collision-free slugs for one batch (one output folder).
#[derive(Debug, Default, Clone)]
pub(crate) struct Slugs {
    taken: HashSet<String>,
}

impl Slugs {
    pub(crate) fn new() -> Slugs {
        Slugs::default()
    }

    /// Marks a name as used (e.g. a file already planned by other means).
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_ascii_lowercase());
    }

    /// The slug of `name`, or `slug-2`, `slug-3` … when it is taken.
    pub(crate) fn allocate(&mut self, name: &str) -> String {
        let base = slug(name);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names_fold_to_ascii() {
        assert_eq!(slug("Xã Lục Hồn"), "xa-luc-hon");
        assert_eq!(slug("Thị trấn Bình Liêu"), "thi-tran-binh-lieu");
        assert_eq!(slug("ĐẢNG ỦY XÃ ĐỒNG VĂN"), "dang-uy-xa-dong-van");
        assert_eq!(slug("Phường Đức Thọ (cũ)"), "phuong-duc-tho-cu");
        // Decomposed input folds the same way.
        assert_eq!(slug("Xa\u{303} Lu\u{323}c Ho\u{302}\u{300}n"), "xa-luc-hon");
        assert_eq!(slug("Ủy ban nhân dân huyện U Minh Thượng"), "uy-ban-nhan-dan-huyen-u-minh-thuong");
    }

    #[test]
    fn hostile_names_become_safe() {
        for name in ["../../etc/passwd", "..", ".", "/", "a/b\\c", "C:\\x", "", "   ", "\u{0}\n\t", "con", "COM1", "lpt9"] {
            let s = slug(name);
            assert!(!s.is_empty(), "{name:?}");
            assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{name:?} -> {s}");
            assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{name:?} -> {s}");
            assert!(!["con", "com1", "lpt9", ".", ".."].contains(&s.as_str()), "{name:?} -> {s}");
        }
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("?!"), "bao-cao");
        assert!(slug(&"Xã ".repeat(100)).len() <= MAX_SLUG_CHARS);
    }

    #[test]
    fn other_scripts_stay_distinct() {
        assert_ne!(slug("北京"), slug("上海"));
        assert_ne!(slug("北京"), "bao-cao");
    }

    #[test]
    fn allocator_never_collides() {
        let mut slugs = Slugs::new();
        assert_eq!(slugs.allocate("Xã Lục Hồn"), "xa-luc-hon");
        assert_eq!(slugs.allocate("Xã Lúc Hơn"), "xa-luc-hon-2");
        assert_eq!(slugs.allocate("XA LUC HON"), "xa-luc-hon-3");
        slugs.reserve("xa-luc-hon-4");
        assert_eq!(slugs.allocate("xã lục hồn"), "xa-luc-hon-5");
        // A name that is itself a numbered slug does not steal a later number.
        assert_eq!(slugs.allocate("xa luc hon 2"), "xa-luc-hon-2-2");
    }
}
