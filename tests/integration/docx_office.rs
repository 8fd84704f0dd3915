//! Every sample's DOCX, opened by real readers: LibreOffice lays it out (its
//! text must hold every input word and its page count must be close to our
//! own PDF's), and python-docx must open it.

use std::collections::HashSet;

use baocao::{Format, Renderer};

use crate::common::{OfficePdf, input_texts, load, office_pdfs_of_samples, pdftotext, squash, tool, write_sample_docx};

#[test]
fn libreoffice_lays_out_every_sample_with_all_its_text() {
    let renderer = Renderer::new().unwrap();
    for OfficePdf { sample, stem, pdf } in &office_pdfs_of_samples().1 {
        let pages = renderer.render_file(sample, &[Format::Pdf]).unwrap().pages;
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]).unwrap();
        let lo_pages: usize =
            info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).expect("pdfinfo prints the page count");
        assert!(lo_pages.abs_diff(pages) <= 1, "{stem}: LibreOffice lays out {lo_pages} pages, our PDF has {pages}");
        let text = squash(&pdftotext(pdf));
        let words: HashSet<&str> = text.split(' ').collect();
        for input in input_texts(&load(sample)) {
            for word in input.split_whitespace() {
                assert!(words.contains(word) || text.contains(word), "{stem}.docx: {word:?} (from {input:?}) missing");
            }
        }
    }
}

/// Every sample's DOCX written into `dir`; their paths.
fn sample_docx_files(dir: &std::path::Path) -> Vec<String> {
    write_sample_docx(dir).into_iter().map(|(_, path)| path.to_str().unwrap().to_string()).collect()
}

#[test]
fn python_docx_opens_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    let files = sample_docx_files(dir.path());
    let script = "import sys, docx\n\
                  for f in sys.argv[1:]:\n\
                  \x20   d = docx.Document(f)\n\
                  \x20   s = d.sections[0]\n\
                  \x20   print(len(d.paragraphs), len(d.tables), s.page_width.mm, s.different_first_page_header_footer, d.core_properties.title)\n";
    let mut args = vec!["-c", script];
    args.extend(files.iter().map(String::as_str));
    let out = tool("python3", &args).expect("python3 with python-docx (pip install python-docx)");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), files.len(), "{out}");
    for line in lines {
        let fields: Vec<&str> = line.splitn(5, ' ').collect();
        assert!(fields[0].parse::<usize>().unwrap() > 10, "paragraphs: {line}");
        assert!(fields[1].parse::<usize>().unwrap() >= 2, "header and signature tables at least: {line}");
        assert!(fields[2].starts_with("210"), "A4 width: {line}");
        assert_eq!(fields[3], "True", "G-06: different first page: {line}");
        assert!(!fields[4].is_empty(), "core title: {line}");
    }
}

/// Issue 9 (3): the Mục, Khoản and Điểm headings are Word headings with
/// outline levels. python-docx sees Word's built-in "Heading 1".."Heading 3";
/// LibreOffice, converting to its own format, makes each of them an outline
/// heading (`text:h` with its level), which is what its navigator lists, and
/// nothing else ("Phần" lines, when a template has them, at the top level).
#[test]
fn headings_are_word_headings_and_libreoffice_outline_entries() {
    let dir = tempfile::tempdir().unwrap();
    let files = sample_docx_files(dir.path());
    let out_dir = dir.path().join("odf");
    let mut args = vec!["--headless", "--convert-to", "fodt", "--outdir", out_dir.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    tool("soffice", &args).expect("LibreOffice is installed (libreoffice-writer-nogui)");
    // For each file: the Word headings (level, text) and LibreOffice's outline.
    let script = "import sys, os, docx, xml.etree.ElementTree as ET\n\
                  T = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'\n\
                  out = sys.argv[1]\n\
                  for f in sys.argv[2:]:\n\
                  \x20   level = lambda n: 1 if n == 'Phần' else int(n.split()[-1])\n\
                  \x20   word = [(level(p.style.name), p.text) for p in docx.Document(f).paragraphs if p.style.name.startswith('Heading') or p.style.name == 'Phần']\n\
                  \x20   odt = os.path.join(out, os.path.basename(f)[:-5] + '.fodt')\n\
                  \x20   lo = [(int(h.get(T + 'outline-level')), ''.join(h.itertext())) for h in ET.parse(odt).iter(T + 'h')]\n\
                  \x20   print(os.path.basename(f), len(word), word == lo, repr(word[:3]), repr(lo[:3]))\n";
    let mut args = vec!["-c", script, out_dir.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let out = tool("python3", &args).expect("python3 with python-docx");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), files.len(), "{out}");
    let mut headings = 0;
    for line in lines {
        let fields: Vec<&str> = line.splitn(4, ' ').collect();
        let n: usize = fields[1].parse().unwrap();
        headings += n;
        assert!(n > 0, "every sample has Mục headings: {line}");
        assert_eq!(fields[2], "True", "Word headings and LibreOffice outline differ: {line}");
    }
    assert!(headings >= 20, "{out}");
}
