//! End-to-end tests: every sample rendered through the public API and the
//! command line, checked with the tools a person would use (pdftotext,
//! pdffonts), plus broken inputs and their exact error output.

mod architecture;
mod batch;
mod batch_path;
mod cli_errors;
mod common;
mod docx_office;
mod faults;
mod fit;
mod layout_rules;
mod lint_docx;
mod lint_own;
mod lint_pdf;
mod newcomer;
mod office_fidelity;
mod profiles;
mod prop;
mod prop_contract;
mod prop_determinism;
mod render_samples;
mod sheet_input;
mod wording;
