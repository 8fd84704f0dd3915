//! Input data: YAML text -> validated [`model::Report`], with every problem
//! reported as a located [`crate::diag::Diagnostic`].

pub mod model;
