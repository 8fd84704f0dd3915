//! Same input, same bytes: PDF and DOCX do not depend on what the process
//! rendered before or renders at the same time (no shared caches that change
//! output, no time stamps, no hash-map order).

use std::sync::Arc;

use baocao::{Format, Renderer, Workload};

use crate::common::samples;

#[test]
fn same_bytes_when_rendered_in_parallel_threads() {
    let renderer = Arc::new(Renderer::new().unwrap());
    let all = samples();
    let formats = [Format::Pdf, Format::Docx];
    let reference: Vec<Vec<(Format, Vec<u8>)>> = all.iter().map(|s| renderer.render_file(s, &formats).unwrap().outputs).collect();
    // Every sample several times over, in a different order on each thread.
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let renderer = Arc::clone(&renderer);
            let all = all.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                for round in 0..2 {
                    for i in 0..all.len() {
                        let k = (i * (t + 1) + round) % all.len();
                        got.push((k, renderer.render_file(&all[k], &formats).unwrap().outputs));
                    }
                }
                got
            })
        })
        .collect();
    for h in handles {
        for (k, outputs) in h.join().unwrap() {
            assert!(outputs == reference[k], "{} differs when rendered alongside others", all[k].display());
        }
    }
}

#[test]
fn same_bytes_with_rayon_and_a_fresh_renderer() {
    use rayon::prelude::*;
    let all = samples();
    let formats = [Format::Pdf, Format::Docx];
    let first: Vec<_> = all.iter().map(|s| Renderer::new().unwrap().render_file(s, &formats).unwrap().outputs).collect();
    let shared = Renderer::new().unwrap();
    let again: Vec<_> = all.par_iter().map(|s| shared.render_file(s, &formats).unwrap().outputs).collect();
    for (i, (a, b)) in first.iter().zip(&again).enumerate() {
        assert!(a == b, "{} differs between runs", all[i].display());
    }
}

#[test]
fn same_bytes_and_pages_whatever_the_workload() {
    let many = Renderer::new().unwrap();
    // One: the writers on a thread each, the deflate states freed after each stream.
    let one = Renderer::new().unwrap().with_workload(Workload::One);
    for formats in [&[Format::Pdf, Format::Docx][..], &[Format::Docx, Format::Pdf], &[Format::Pdf], &[Format::Docx]] {
        for sample in samples() {
            let a = many.render_file(&sample, formats).unwrap();
            let b = one.render_file(&sample, formats).unwrap();
            assert!(a.outputs == b.outputs, "{} {formats:?}: outputs differ with one document at a time", sample.display());
            assert_eq!(a.pages, b.pages, "{} {formats:?}", sample.display());
            let order: Vec<Format> = b.outputs.iter().map(|(f, _)| *f).collect();
            assert_eq!(order, formats, "outputs in the order asked for");
        }
    }
}
