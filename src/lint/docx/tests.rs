//! The reader on hand-made packages: Word's inheritance and toggle rules,
//! theme fonts, fields, and files that are not what they claim to be.

use std::io::Write;

use super::read::{Align, HfKind, LineRule};
use super::*;
use crate::lint::Status;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

/// A DOCX with these parts (name, XML).
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document(body: &str) -> (&'static str, String) {
    ("word/document.xml", format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#))
}

fn styles(inner: &str) -> (&'static str, String) {
    ("word/styles.xml", format!(r#"<w:styles {W}>{inner}</w:styles>"#))
}

#[test]
fn styles_resolve_as_word_does_defaults_chain_table_character_direct() {
    let styles = styles(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="22"/></w:rPr></w:rPrDefault>
           <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
           <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style>
           <w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="both"/><w:ind w:firstLine="567"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
           <w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Base"/><w:pPr><w:spacing w:before="120" w:line="300" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="26"/></w:rPr></w:style>
           <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/><w:i/></w:rPr></w:style>
           <w:style w:type="table" w:styleId="Grid"><w:rPr><w:sz w:val="20"/><w:caps/></w:rPr><w:tblPr><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    );
    let theme = (
        "word/theme/theme1.xml",
        format!(
            r#"<a:theme {W}><a:themeElements><a:fontScheme><a:majorFont><a:latin typeface="Cambria"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#
        ),
    );
    let body = r#"
        <w:p><w:pPr><w:pStyle w:val="Child"/></w:pPr><w:r><w:t>bold by style</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>toggled off</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>direct off</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Missing"/></w:pPr><w:r><w:rPr><w:rFonts w:asciiTheme="majorHAnsi"/></w:rPr><w:t>theme</w:t></w:r></w:p>
        <w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="2835"/><w:gridCol w:w="5670"/></w:tblGrid>
          <w:tr><w:tc><w:p><w:r><w:t>cell a</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="5670" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>cell b</w:t></w:r></w:p><w:p><w:r><w:t>cell b2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        <w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="850" w:gutter="0"/></w:sectPr>"#;
    let pkg = read(&package(&[document(body), styles, theme])).unwrap();
    let p = &pkg.paras[0];
    assert_eq!(p.align, Align::Both);
    assert!((p.first_line_mm - 10.0).abs() < 0.01);
    assert_eq!((p.before_pt, p.after_pt), (6.0, 8.0));
    assert_eq!(p.line, LineRule::Exact(15.0));
    let r = &p.runs;
    assert_eq!(r[0].props.size, 13.0);
    assert_eq!(r[0].props.ascii.as_deref(), Some("Times New Roman"));
    assert!(r[0].props.bold, "paragraph style turns bold on");
    assert!(!r[1].props.bold && r[1].props.italic, "character style toggles bold off again");
    assert!(!r[2].props.bold, "direct formatting sets the value outright");
    // An unknown style falls back to nothing: document defaults, with the theme's fonts.
    let q = &pkg.paras[1];
    assert_eq!(q.runs[0].props.ascii.as_deref(), Some("Cambria"));
    assert_eq!(q.runs[0].props.hansi.as_deref(), Some("Calibri"));
    assert_eq!(q.runs[0].props.size, 11.0);
    // Table style between defaults and the paragraph style; cells know where they are.
    let (a, b, b2) = (&pkg.paras[2], &pkg.paras[3], &pkg.paras[4]);
    assert_eq!(a.runs[0].props.size, 14.0, "the default paragraph style overrides the table style");
    assert!(a.runs[0].props.caps && a.shown() == "CELL A");
    let (ca, cb) = (a.cell.unwrap(), b.cell.unwrap());
    assert_eq!((ca.table, ca.row, ca.col, cb.col), (0, 0, 0, 1));
    assert_eq!(b2.cell, b.cell);
    assert!((ca.text_width_mm.unwrap() - 50.0).abs() < 0.05 && (cb.text_width_mm.unwrap() - 100.0).abs() < 0.05, "{ca:?} {cb:?}");
    let s = &pkg.sections[0];
    assert!(!s.landscape && s.margins.unwrap().iter().zip([20.0, 20.0, 30.0, 15.0]).all(|(a, b)| (a - b).abs() < 0.01));
}

#[test]
fn page_fields_in_headers_simple_and_complex() {
    let rels = (
        "word/_rels/document.xml.rels",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="h1" Type="x/header" Target="header1.xml"/><Relationship Id="h2" Type="x/header" Target="/word/header2.xml"/><Relationship Id="f1" Type="x/footer" Target="footer1.xml"/></Relationships>"#.to_string(),
    );
    let h1 = (
        "word/header1.xml",
        format!(
            r#"<w:hdr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE  \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#
        ),
    );
    let h2 = ("word/header2.xml", format!(r#"<w:hdr {W}><w:p/></w:hdr>"#));
    let f1 = (
        "word/footer1.xml",
        format!(r#"<w:ftr {W}><w:p><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p></w:ftr>"#),
    );
    let body = r#"<w:p><w:r><w:t>x</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="h1"/><w:headerReference w:type="first" r:id="h2"/><w:footerReference w:type="default" r:id="f1"/><w:pgSz w:w="12240" w:h="15840"/><w:titlePg/></w:sectPr>"#;
    let pkg = read(&package(&[document(body), rels, h1, h2, f1])).unwrap();
    assert!(pkg.sections[0].title_pg);
    let default = pkg.parts.iter().find(|h| h.kind == HfKind::Default && !h.footer).unwrap();
    let (p, f) = default.page_fields().next().unwrap();
    assert_eq!((p.align, f.props.size, p.text().as_str()), (Align::Center, 14.0, "2"));
    assert!(pkg.parts.iter().any(|h| h.kind == HfKind::First && h.page_fields().next().is_none()));
    assert!(pkg.parts.iter().any(|h| h.footer && h.paras[0].fields[0].instr == "NUMPAGES"));
    // Letter paper and a page number that is there: G-01 fails, G-06 passes.
    let findings = check(&pkg, System::State);
    let status = |rule: &str| findings.iter().find(|f| f.rule == rule).map(|f| f.status);
    assert_eq!(status("G-01"), Some(Status::Fail));
    assert_eq!(status("G-06"), Some(Status::Pass));
    assert_eq!(status("C-13"), Some(Status::Pass));
}

#[test]
fn line_shapes_are_read_with_their_length() {
    let body = r#"<w:p><w:r><w:drawing><wp:anchor xmlns:wp="wp"><wp:extent cx="2178000" cy="0"/><a:graphic><a:graphicData><wps:wsp xmlns:wps="wps"><wps:cNvCnPr/><wps:spPr><a:prstGeom prst="line"/></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>
                  <w:p><w:r><w:pict><v:line xmlns:v="v" from="0,0" to="170.1pt,0"/></w:pict></w:r></w:p>"#;
    let pkg = read(&package(&[document(body)])).unwrap();
    assert!((pkg.paras[0].shapes[0].length_mm.unwrap() - 60.5).abs() < 0.01);
    assert!((pkg.paras[1].shapes[0].length_mm.unwrap() - 60.0).abs() < 0.05);
}

#[test]
fn foreign_and_broken_files_are_errors_or_findings_never_panics() {
    let good = package(&[document(r#"<w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p><w:sectPr/>"#)]);
    let mut inputs: Vec<Vec<u8>> = vec![
        b"PK\x03\x04 not really a zip".to_vec(),
        package(&[("word/other.xml", "<a/>".into())]),
        package(&[("word/document.xml", "\u{0}garbage <w:body".into())]),
        package(&[("word/document.xml", format!("<w:document {W}><w:body>{}</w:body></w:document>", "<w:tbl><w:tr><w:tc>".repeat(200)))]),
        package(&[
            document("<w:p><w:r><w:fldChar w:fldCharType=\"end\"/><w:fldChar w:fldCharType=\"separate\"/></w:r></w:p>"),
            styles("<w:style w:styleId=\"A\"><w:basedOn w:val=\"A\"/></w:style>"),
        ]),
        package(&[document(
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="-5"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr><w:p><w:pPr><w:ind w:firstLine="NaN"/><w:spacing w:line="inf"/></w:pPr></w:p></w:tc></w:tr></w:tbl><w:sectPr><w:pgSz w:w="x"/><w:pgMar w:top="-1e40"/></w:sectPr>"#,
        )]),
    ];
    // Every truncation of a real package.
    for cut in (0..good.len()).step_by(7) {
        inputs.push(good[..cut].to_vec());
    }
    let mut read_ok = 0;
    for bytes in &inputs {
        if let Ok(pkg) = read(bytes) {
            read_ok += 1;
            let _ = header_lines(&pkg);
            let findings = check(&pkg, System::State);
            assert!(!findings.is_empty());
        }
    }
    assert!(read(&inputs[0]).is_err() && read(&inputs[1]).is_err() && read(&inputs[2]).is_err());
    assert!(read_ok >= 2, "the odd but well-formed packages are read");
}

#[test]
fn word_lists_show_their_labels_and_indents() {
    let numbering = (
        "word/numbering.xml",
        format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num></w:numbering>"#
        ),
    );
    let item = |id: u32, lvl: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body =
        [item(1, 0, "MỘT"), item(1, 1, "x"), item(1, 1, "y"), item(1, 0, "HAI"), item(1, 1, "z"), item(2, 0, "Lưu: VT, VP.")].concat();
    let pkg = read(&package(&[document(&body), numbering])).unwrap();
    let shown: Vec<String> = pkg.paras.iter().map(|p| p.text()).collect();
    assert_eq!(shown, ["I. MỘT", "a) x", "b) y", "II. HAI", "a) z", "• Lưu: VT, VP."]);
    assert!((pkg.paras[0].first_line_mm + 6.35).abs() < 0.01 && (pkg.paras[0].left_mm - 12.7).abs() < 0.01);
    assert!(pkg.paras[5].runs[0].label && pkg.paras[5].runs[0].props.ascii.as_deref() == Some("Symbol"));
}
