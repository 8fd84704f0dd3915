//! Languages of the messages people read: Vietnamese (the default, because
//! the users are Vietnamese office staff) and English.
//!
//! Contract:
//! - A [`Text`] always holds both languages; there is no way to build one
//!   from a single string by accident, so a missing translation is a compile
//!   error, not a blank at run time (`From<String>` exists only for text
//!   that is the same in every language, such as a file name). Message catalogues (`data::messages`,
//!   the template and CLI messages) write each message as `Text::new(vi, en)`.
//! - The language is chosen once, in the CLI ([`Lang::detect`]: the
//!   `--lang` flag, else LC_ALL / LC_MESSAGES / LANG starting with "en",
//!   else Vietnamese). Library code never reads the environment.

use std::fmt;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en` (also `vi-VN`, `en_US.UTF-8` and the like); None otherwise.
    pub(crate) fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("en") {
            Some(Lang::En)
        } else if s.starts_with("vi") {
            Some(Lang::Vi)
        } else {
            None
        }
    }

    /// The language from a flag value, else from the locale variables
    /// (in POSIX precedence: LC_ALL, LC_MESSAGES, LANG), else Vietnamese.
    /// Only an English locale switches to English: a machine set to "C" or
    /// "POSIX" is usually a server default, not a choice by the user.
    pub(crate) fn detect(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag.and_then(Lang::parse) {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            match env(var) {
                Some(v) if !v.is_empty() => {
                    return if v.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Vi };
                }
                _ => {}
            }
        }
        Lang::Vi
    }

    /// The process environment, as [`Lang::detect`] wants it.
    pub fn from_env(flag: Option<&str>) -> Lang {
        Lang::detect(flag, |k| std::env::var(k).ok())
    }
}

/// One message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text { vi: vi.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Both texts transformed the same way (e.g. adding a suffix).
    pub(crate) fn map(self, f: impl Fn(String) -> String) -> Text {
        Text { vi: f(self.vi), en: f(self.en) }
    }
}

/// Text that is the same in every language: file names, raw parser or OS
/// output. Catalogue messages use [`Text::new`].
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text { vi: s.clone(), en: s }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_string())
    }
}

/// The English text: the language of the library's own tests and of
/// `Debug`/`Display` output outside the CLI.
impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// An operating-system error in both languages, without the OS's own
/// English wording or any path (the caller names the file it was about).
pub fn os_error(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let (vi, en) = match e.kind() {
        K::NotFound => ("không có tệp hay thư mục này", "no such file or folder"),
        K::PermissionDenied => ("không có quyền truy cập", "permission denied"),
        K::ReadOnlyFilesystem => ("ổ đĩa chỉ cho phép đọc", "the file system is read-only"),
        K::StorageFull | K::QuotaExceeded => ("ổ đĩa đã hết chỗ trống", "no space left on the disk"),
        K::FileTooLarge => ("tệp vượt quá kích thước hệ thống cho phép", "the file is larger than the system allows"),
        K::IsADirectory => ("đây là một thư mục", "it is a folder"),
        K::NotADirectory => ("một phần của đường dẫn không phải là thư mục", "a part of the path is not a folder"),
        K::DirectoryNotEmpty => ("thư mục không trống", "the folder is not empty"),
        K::AlreadyExists => ("đã có tệp mang tên này", "a file with this name already exists"),
        K::InvalidFilename => ("tên tệp không hợp lệ hoặc quá dài", "the file name is invalid or too long"),
        K::Interrupted => ("bị ngắt giữa chừng", "interrupted"),
        K::WouldBlock => ("tệp chưa sẵn sàng để đọc", "the file is not ready to be read"),
        _ => {
            return match e.raw_os_error() {
                Some(code) => Text::new(format!("lỗi hệ thống (mã {code})"), format!("system error (code {code})")),
                None => Text::new("lỗi hệ thống", "system error"),
            };
        }
    };
    Text::new(vi, en)
}

/// Labels used around messages.
pub(crate) fn error_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "lỗi",
        Lang::En => "error",
    }
}

pub(crate) fn warning_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "cảnh báo",
        Lang::En => "warning",
    }
}

pub(crate) fn hint_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "gợi ý",
        Lang::En => "hint",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn flag_wins_then_locale_then_vietnamese() {
        assert_eq!(Lang::detect(Some("en"), env(&[("LANG", "vi_VN.UTF-8")])), Lang::En);
        assert_eq!(Lang::detect(Some("vi"), env(&[("LANG", "en_US.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::detect(None, env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::detect(None, env(&[("LC_ALL", "vi_VN"), ("LANG", "en_US")])), Lang::Vi);
        assert_eq!(Lang::detect(None, env(&[("LC_MESSAGES", "en_GB"), ("LANG", "vi_VN")])), Lang::En);
        assert_eq!(Lang::detect(None, env(&[("LC_ALL", ""), ("LANG", "en")])), Lang::En);
        assert_eq!(Lang::detect(None, env(&[("LANG", "C.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::detect(None, env(&[])), Lang::Vi);
    }

    #[test]
    fn os_errors_carry_no_english_in_vietnamese() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(os_error(&e), Text::new("không có quyền truy cập", "permission denied"));
        let raw = std::io::Error::from_raw_os_error(28);
        assert_eq!(os_error(&raw).vi, "ổ đĩa đã hết chỗ trống");
    }
}
