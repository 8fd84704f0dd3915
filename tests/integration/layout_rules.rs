//! Every sample, laid out, meets every rule the layout verifier checks
//! (G-01, G-03, G-06, H-01..H-07, H-14, H-15, T-01..T-03, R-03, R-04, S-04,
//! no overlapping text, no heading at the foot of a page).

use baocao::Renderer;
use baocao::layout::{self, rules};

use crate::common::samples;

#[test]
fn every_sample_meets_the_format_rules_on_its_laid_out_pages() {
    let renderer = Renderer::new().unwrap();
    for sample in samples() {
        // The product's own path: the lead profile's heading style ("I-" for Party) included.
        let doc = renderer.compose_file(&sample).unwrap_or_else(|d| panic!("{d:?}")).document;
        let pages = layout::layout(&doc);
        let violations = rules::verify(&doc, &pages);
        assert!(violations.is_empty(), "{}: {violations:#?}", sample.display());
    }
}
