//! End-to-end tests: every sample rendered through the public API and the
//! command line, checked with the tools a person would use (pdftotext,
//! pdffonts), plus broken inputs and their exact error output.

mod common;
mod render_samples;
mod profiles;
mod cli_errors;
mod layout_rules;
mod docx_office;
mod batch;
mod faults;
mod batch_path;
mod sheet_input;
mod newcomer;
mod prop;
mod prop_determinism;
mod wording;
mod fit;
mod office_fidelity;
