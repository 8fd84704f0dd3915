//! baocao: structured YAML in, Vietnamese administrative reports out (PDF, DOCX).
//!
//! ```text
//! YAML --data::load--> Report (typed, NFC, validated; all problems at once)
//!   --template (Handlebars, strict)--> body Markdown --template::markdown--> doc blocks
//!   --compose (header, title, signatures from the format profile)--> doc::Document
//!        |--layout (pure: fonts, line breaking, pages)--> pdf --> .pdf
//!        '--docx (Word lays out itself)-----------------------> .docx
//! ```

pub mod cli;
pub mod compose;
pub mod data;
pub mod diag;
pub mod doc;
pub mod docx;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod profile;
pub mod template;
pub mod units;
