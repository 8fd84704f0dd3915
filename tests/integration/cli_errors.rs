//! Broken inputs (filled in below).
