//! What the clerk opens is the document we print: every sample's DOCX, laid
//! out by LibreOffice, against baocao's own PDF. Same page count; the same
//! lines in the header, the trích yếu and the signature block; every rule
//! (H-03, H-07, T-03) as long within 0.5 mm and placed within 1 mm; no table
//! header cell wrapped differently. Text positions come from poppler's
//! bounding boxes (`pdftotext -bbox-layout`), rules from the page content
//! streams (strokes and thin filled rectangles, read with lopdf).

use std::path::Path;

use baocao::{Format, Renderer};

use crate::common::{OfficePdf, office_pdfs_of_samples, tool};

const MM: f32 = 72.0 / 25.4;

/// One line of text as poppler groups it: page, box and words.
#[derive(Debug, Clone)]
struct TextLine {
    page: usize,
    x0: f32,
    y0: f32,
    x1: f32,
    text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
}

/// Lines of every page, top to bottom.
fn text_lines(pdf: &Path) -> Vec<TextLine> {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]).expect("pdftotext (poppler-utils)");
    let mut out = Vec::new();
    for (page, chunk) in xml.split("<page ").skip(1).enumerate() {
        for line in chunk.split("<line ").skip(1) {
            let tag = &line[..line.find('>').unwrap()];
            let words: Vec<String> =
                line.split("<word ").skip(1).map(|w| unescape(&w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()])).collect();
            out.push(TextLine {
                page: page + 1,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                text: words.join(" "),
            });
        }
    }
    out.sort_by_key(|l| (l.page, l.y0 as i32, l.x0 as i32));
    out
}

/// A horizontal rule: page, left and right ends, height from the top (pt).
#[derive(Debug, Clone, Copy)]
struct Rule {
    page: usize,
    x0: f32,
    x1: f32,
    y: f32,
}

/// Horizontal strokes and thin filled rectangles wider than 5 pt.
fn rules(pdf: &Path) -> Vec<Rule> {
    use lopdf::content::Content;
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for (page_no, (_, id)) in doc.get_pages().into_iter().enumerate() {
        let height = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"MediaBox").ok())
            .and_then(|b| b.as_array().ok())
            .and_then(|a| a.get(3).and_then(|v| v.as_float().ok()))
            .unwrap_or(842.0);
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        let mut ctm = [1.0f32, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut stack = Vec::new();
        let mut path: Vec<(f32, f32, f32, f32)> = Vec::new(); // segments in page space
        let mut current = (0.0f32, 0.0f32);
        let apply = |m: &[f32; 6], x: f32, y: f32| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
        let num = |o: &lopdf::Object| o.as_float().unwrap_or(0.0);
        for op in content.operations {
            let a: Vec<f32> = op.operands.iter().map(num).collect();
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" if a.len() == 6 => {
                    let m = [a[0], a[1], a[2], a[3], a[4], a[5]];
                    ctm = [
                        m[0] * ctm[0] + m[1] * ctm[2],
                        m[0] * ctm[1] + m[1] * ctm[3],
                        m[2] * ctm[0] + m[3] * ctm[2],
                        m[2] * ctm[1] + m[3] * ctm[3],
                        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
                        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
                    ];
                }
                "m" if a.len() == 2 => current = apply(&ctm, a[0], a[1]),
                "l" if a.len() == 2 => {
                    let next = apply(&ctm, a[0], a[1]);
                    path.push((current.0, current.1, next.0, next.1));
                    current = next;
                }
                "re" if a.len() == 4 => {
                    let (x0, y0) = apply(&ctm, a[0], a[1]);
                    let (x1, y1) = apply(&ctm, a[0] + a[2], a[1] + a[3]);
                    if (y1 - y0).abs() < 2.0 {
                        let y = (y0 + y1) / 2.0;
                        path.push((x0.min(x1), y, x0.max(x1), y));
                    } else {
                        // A box: its four sides.
                        path.push((x0, y0, x1, y0));
                        path.push((x0, y1, x1, y1));
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    for (x0, y0, x1, y1) in path.drain(..) {
                        if (y0 - y1).abs() < 0.5 && (x1 - x0).abs() > 5.0 {
                            out.push(Rule { page: page_no + 1, x0: x0.min(x1), x1: x0.max(x1), y: height - y0 });
                        }
                    }
                }
                "n" => path.clear(),
                _ => {}
            }
        }
    }
    out
}

/// The rule just under a line of text (within 12 pt below its top + height).
fn rule_under(rules: &[Rule], line: &TextLine, below: f32) -> Option<Rule> {
    rules
        .iter()
        .filter(|r| r.page == line.page && r.y > line.y0 + 5.0 && r.y < line.y0 + below)
        .filter(|r| r.x0 < line.x1 + 20.0 && r.x1 > line.x0 - 20.0)
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .copied()
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]).unwrap();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).expect("pdfinfo prints the page count")
}

#[test]
fn the_docx_laid_out_by_libreoffice_is_the_pdf_line_for_line() {
    let renderer = Renderer::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut jobs = Vec::new();
    for OfficePdf { sample, stem, pdf } in &office_pdfs_of_samples().1 {
        let doc = renderer.compose_file(sample).unwrap().document;
        let rendered = renderer.render_file(sample, &[Format::Pdf]).unwrap();
        std::fs::write(dir.path().join(format!("{stem}.pdf")), &rendered.outputs[0].1).unwrap();
        jobs.push((stem, pdf, doc));
    }

    let mut failures = Vec::new();
    for (stem, theirs, doc) in &jobs {
        let ours = dir.path().join(format!("{stem}.pdf"));
        let (ours_n, theirs_n) = (page_count(&ours), page_count(theirs));
        if ours_n != theirs_n {
            failures.push(format!("{stem}: G-01 pages: PDF {ours_n}, LibreOffice {theirs_n}"));
        }
        let (a, b) = (text_lines(&ours), text_lines(theirs));
        let (ra, rb) = (rules(&ours), rules(theirs));
        // Header, trích yếu and the closing: every model line is one line in both.
        let mut fixed: Vec<(&str, usize, String)> = Vec::new();
        for c in doc.header.issuers.iter().chain(std::iter::once(&doc.header.motto)) {
            fixed.extend(c.lines.iter().map(|l| ("H-06", 1, l.text.clone())));
        }
        fixed.extend(doc.title.summary.iter().map(|l| ("T-02", 1, l.text.clone())));
        let last_a = ours_n;
        let last_b = theirs_n;
        for s in &doc.closing.signers {
            fixed.extend(s.lines.iter().map(|l| ("S-02", 0, l.text.clone())));
            fixed.push(("S-04", 0, s.name.text.clone()));
        }
        for (rule, page, text) in &fixed {
            let (pa, pb) = if *page == 0 { (last_a, last_b) } else { (*page, *page) };
            // Header columns share a row: poppler may join neighbours into one line.
            let hit = |lines: &[TextLine], p: usize| {
                lines
                    .iter()
                    .any(|l| l.page == p && (l.text == *text || l.text.split("  ").any(|t| t == text) || l.text.contains(text.as_str())))
            };
            if !hit(&a, pa) || !hit(&b, pb) {
                failures.push(format!("{stem}: {rule} line {text:?}: PDF {}, LibreOffice {}", hit(&a, pa), hit(&b, pb)));
            }
        }
        // Rules under the Tiêu ngữ, the issuers' names and the trích yếu.
        let mut ruled: Vec<(&str, String)> = Vec::new();
        if let Some(l) = doc.header.motto.lines.last() {
            ruled.push(("H-03", l.text.clone()));
        }
        for c in &doc.header.issuers {
            if matches!(c.mark, baocao::doc::Mark::Rule(_)) {
                ruled.push(("H-07", c.lines.last().unwrap().text.clone()));
            }
        }
        if matches!(doc.title.separator, baocao::doc::Separator::Rule(_)) {
            ruled.push(("T-03", doc.title.summary.last().unwrap().text.clone()));
        }
        for (rule, text) in ruled {
            let line_a = a.iter().find(|l| l.page == 1 && l.text.contains(&text));
            let line_b = b.iter().find(|l| l.page == 1 && l.text.contains(&text));
            let (Some(la), Some(lb)) = (line_a, line_b) else {
                failures.push(format!("{stem}: {rule}: line {text:?} not found"));
                continue;
            };
            match (rule_under(&ra, la, 30.0), rule_under(&rb, lb, 30.0)) {
                (Some(x), Some(y)) => {
                    let (len_x, len_y) = (x.x1 - x.x0, y.x1 - y.x0);
                    if (len_x - len_y).abs() > 0.5 * MM {
                        failures.push(format!("{stem}: {rule} length: PDF {:.1} mm, LibreOffice {:.1} mm", len_x / MM, len_y / MM));
                    }
                    let (cx, cy) = ((x.x0 + x.x1) / 2.0, (y.x0 + y.x1) / 2.0);
                    if (cx - cy).abs() > MM {
                        failures.push(format!("{stem}: {rule} centre: PDF {:.1} mm, LibreOffice {:.1} mm", cx / MM, cy / MM));
                    }
                    if (x.y - y.y).abs() > 3.0 * MM {
                        failures.push(format!("{stem}: {rule} height: PDF {:.1} mm, LibreOffice {:.1} mm", x.y / MM, y.y / MM));
                    }
                }
                (x, y) => failures.push(format!("{stem}: {rule} under {text:?}: PDF {}, LibreOffice {}", x.is_some(), y.is_some())),
            }
        }
        // Table header cells: every header word on the same line as in the PDF ("STT" never "ST/T").
        for block in &doc.body {
            let baocao::doc::Block::Table(t) = block else { continue };
            for cell in &t.header {
                let text: String = cell.runs.iter().map(|r| r.text.as_str()).collect();
                for word in text.split_whitespace() {
                    let whole = |lines: &[TextLine]| lines.iter().any(|l| l.text.split_whitespace().any(|w| w == word));
                    if !whole(&b) {
                        failures.push(format!("{stem}: C-04 header word {word:?} is cut in LibreOffice"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}
