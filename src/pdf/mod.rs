//! Laid-out pages -> PDF bytes. The only file that names printpdf.
//!
//! Contract: deterministic (same pages and metadata -> same bytes, whatever
//! else the process rendered before): font ids are fixed names, the dates are
//! the document's own, and the trailer /ID is a hash of the content instead of
//! printpdf's process-wide counter. Fonts are embedded as subsets; the
//! document language is set to vi-VN. PDF 1.7 with an Info dictionary (title,
//! author, subject, creation and modification date = the document's date) and
//! an XMP packet saying the same; no PDF/X claim. The bundled fonts are
//! parsed once per process.

mod content;
mod slim;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt as PdfPt, TextItem as PdfTextItem};

use crate::doc::Meta;
use crate::fonts::{Face, FontSet};
use crate::layout::{Item, Page};

/// printpdf's view of one bundled face without any glyph tables, made once
/// per process: each document fills in only its own glyphs (see
/// `document_font`), so the copy printpdf makes per document is small.
fn empty_fonts() -> &'static [ParsedFont; 4] {
    static FACES: OnceLock<[ParsedFont; 4]> = OnceLock::new();
    FACES.get_or_init(|| Face::ALL.map(|face| empty_font(face.bytes()).expect("bundled font parses")))
}

/// The metrics printpdf writes in the font descriptor, read with the font
/// parser the layout already uses (printpdf's own parser would also build
/// tables of every character and glyph, which no document needs).
fn empty_font(bytes: &[u8]) -> Option<ParsedFont> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    let table = |tag: &[u8; 4]| face.raw_face().table(ttf_parser::Tag::from_bytes(tag));
    let i16_at = |data: &[u8], at: usize| Some(i16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?));
    let head = table(b"head")?;
    let hhea = table(b"hhea")?;
    let weight = table(b"OS/2").and_then(|os2| Some(u16::from_be_bytes(os2.get(4..6)?.try_into().ok()?))).unwrap_or(0);
    let units_per_em = u16::from_be_bytes(head.get(18..20)?.try_into().ok()?);
    Some(ParsedFont {
        original_bytes: Vec::new(),
        font_index: 0,
        font_name: None,
        codepoint_to_glyph: BTreeMap::new(),
        glyph_widths: BTreeMap::new(),
        units_per_em,
        font_metrics: printpdf::FontMetrics { ascent: i16_at(hhea, 4)?, descent: i16_at(hhea, 6)? },
        font_type: if table(b"CFF ").is_some() { printpdf::FontType::OpenTypeCFF(()) } else { printpdf::FontType::TrueType },
        pdf_font_metrics: printpdf::PdfFontMetricsStub {
            units_per_em,
            x_min: i16_at(head, 36)?,
            y_min: i16_at(head, 38)?,
            x_max: i16_at(head, 40)?,
            y_max: i16_at(head, 42)?,
            caret_slope_rise: i16_at(hhea, 18)?,
            caret_slope_run: i16_at(hhea, 20)?,
            us_weight_class: weight,
        },
    })
}

/// The face as printpdf embeds it in one document: the font program is our
/// compact subset of the glyphs `chars` print (renumbered from 0, see
/// `slim::compact`), and the character map and widths hold those glyphs
/// only, under their new ids.
fn document_font(face: Face, chars: &BTreeMap<char, u16>, glyphs: &BTreeSet<u16>) -> ParsedFont {
    let mut font = empty_fonts()[face as usize].clone();
    let metrics = FontSet::get().face(face).font();
    let advance = |g: u16| metrics.glyph_hor_advance(ttf_parser::GlyphId(g));
    match compact_subset(face, glyphs) {
        Some(subset) => {
            let (program, old_ids) = &*subset;
            let new_id: BTreeMap<u16, u16> = old_ids.iter().enumerate().map(|(new, &old)| (old, new as u16)).collect();
            font.original_bytes = program.clone();
            font.codepoint_to_glyph = chars.iter().filter_map(|(&c, g)| Some((c as u32, *new_id.get(g)?))).collect();
            font.glyph_widths = old_ids.iter().enumerate().filter_map(|(new, &old)| Some((new as u16, advance(old)?))).collect();
        }
        None => {
            font.original_bytes = face.bytes().to_vec();
            font.codepoint_to_glyph = chars.iter().map(|(&c, &g)| (c as u32, g)).collect();
            font.glyph_widths = glyphs.iter().filter_map(|&g| Some((g, advance(g)?))).collect();
        }
    }
    font
}

/// `slim::compact` of the face for these glyphs, kept per thread for the
/// next document that prints the same ones (in a batch, most bold and italic
/// faces do).
fn compact_subset(face: Face, glyphs: &BTreeSet<u16>) -> Option<std::rc::Rc<(Vec<u8>, Vec<u16>)>> {
    type Subsets = HashMap<(Face, Vec<u16>), std::rc::Rc<(Vec<u8>, Vec<u16>)>>;
    thread_local! {
        static SUBSETS: std::cell::RefCell<Subsets> = std::cell::RefCell::new(HashMap::new());
    }
    let key = (face, glyphs.iter().copied().collect::<Vec<u16>>());
    SUBSETS.with_borrow_mut(|subsets| {
        if let Some(subset) = subsets.get(&key) {
            return Some(subset.clone());
        }
        let subset = std::rc::Rc::new(slim::compact(face.bytes(), glyphs)?);
        // A district's fonts fit many times over; a province's are let go.
        if subsets.len() >= 256 {
            subsets.clear();
        }
        subsets.insert(key, subset.clone());
        Some(subset)
    })
}

/// Fixed font resource names, so the same document gives the same bytes.
fn font_id(face: Face) -> FontId {
    FontId(format!("F{}", face as usize + 1))
}

/// What becomes of a thread's deflate states once a stream is compressed.
/// The bytes are the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deflaters {
    /// Kept for the thread's next stream and document (a batch: setting a
    /// state up again costs about a twentieth of a report).
    Kept,
    /// Freed after each stream (one document: the next stream's state then
    /// reuses that memory instead of touching fresh pages, a few hundred
    /// page faults fewer).
    Freed,
}

/// Writes the pages as a PDF. printpdf builds the document: pages,
/// resources, the fonts (program, widths, ToUnicode) and metadata; each
/// page's content stream is ours (`content::encode`). printpdf embeds a font
/// for the characters its text operators show, so the first page shows it
/// each face's characters once, and that stream is then replaced like the
/// others.
pub fn write(pages: &[Page], meta: &Meta, deflaters: Deflaters) -> Vec<u8> {
    // The Info dictionary and the XMP packet are written in `metadata`.
    let mut doc = PdfDocument::new(&meta.title);
    let chars = used_chars(pages);
    let used: BTreeMap<Face, BTreeSet<u16>> = chars.iter().map(|(face, chars)| (*face, chars.values().copied().collect())).collect();
    let mut glyphs: content::GlyphIds = Default::default();
    let mut show_every_character = vec![Op::StartTextSection];
    for (face, glyph_set) in &used {
        let font = document_font(*face, &chars[face], glyph_set);
        glyphs[*face as usize] = content::FaceGlyphs::new(&font.codepoint_to_glyph);
        doc.resources.fonts.map.insert(font_id(*face), printpdf::PdfFont::new(font));
        show_every_character.push(Op::SetFont { font: PdfFontHandle::External(font_id(*face)), size: PdfPt(12.0) });
        show_every_character.push(Op::ShowText { items: vec![PdfTextItem::Text(chars[face].keys().collect())] });
    }
    show_every_character.push(Op::EndTextSection);
    let mm = |pt: f32| printpdf::Mm(pt / crate::units::PT_PER_MM);
    let pdf_pages = pages
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let ops = if n == 0 { std::mem::take(&mut show_every_character) } else { Vec::new() };
            PdfPage::new(mm(page.width), mm(page.height), ops)
        })
        .collect();
    let doc = doc.with_pages(pdf_pages);
    let options = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    replace_contents(&mut lo, pages, &glyphs);
    metadata(&mut lo, meta);
    finish(&mut lo, &meta.lang, &used);
    compress_streams(&mut lo, deflaters);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).expect("writing to memory cannot fail");
    bytes
}

/// Each page's content stream becomes the one `content::encode` writes.
fn replace_contents(doc: &mut lopdf::Document, pages: &[Page], glyphs: &content::GlyphIds) {
    let ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    assert_eq!(ids.len(), pages.len(), "printpdf writes one page object per page");
    for (page, id) in pages.iter().zip(ids) {
        let contents = doc.get_dictionary(id).and_then(|d| d.get(b"Contents")).and_then(lopdf::Object::as_reference);
        let stream = contents.and_then(|c| doc.get_object_mut(c)).and_then(lopdf::Object::as_stream_mut);
        stream.expect("printpdf writes a content stream for every page").set_content(content::encode(page, glyphs));
    }
}

/// The characters each face prints on these pages, with their glyph ids.
fn used_chars(pages: &[Page]) -> BTreeMap<Face, BTreeMap<char, u16>> {
    let mut chars: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(t) = item {
            chars.entry(t.face).or_default().extend(t.text.chars());
        }
    }
    chars
        .into_iter()
        .map(|(face, chars)| {
            let font = FontSet::get().face(face).font();
            (face, chars.into_iter().filter_map(|c| Some((c, font.glyph_index(c)?.0))).collect())
        })
        .collect()
}

/// PostScript name of each face ("LiberationSerif-Bold"), as printpdf names the font.
fn postscript_names() -> &'static [String; 4] {
    static NAMES: OnceLock<[String; 4]> = OnceLock::new();
    NAMES.get_or_init(|| {
        Face::ALL.map(|face| {
            ttf_parser::Face::parse(face.bytes(), 0)
                .ok()
                .and_then(|f| {
                    f.names().into_iter().filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME).find_map(|n| n.to_string())
                })
                .unwrap_or_default()
        })
    })
}

/// The six-capital-letter subset tag ("ABCDEF+Name"), from the glyphs kept,
/// so equal subsets get equal tags and different ones differ.
fn subset_tag(face: Face, glyphs: &BTreeSet<u16>) -> String {
    let mut hasher = Fnv64::default();
    hasher.write(&[face as u8]);
    for g in glyphs {
        hasher.write(&g.to_le_bytes());
    }
    let mut n = hasher.0;
    (0..6)
        .map(|_| {
            let c = (b'A' + (n % 26) as u8) as char;
            n /= 26;
            c
        })
        .collect()
}

/// Subsets the embedded fonts and tags their names, sets /Lang and replaces
/// the random trailer /ID with a content hash.
fn finish(doc: &mut lopdf::Document, lang: &str, used: &BTreeMap<Face, BTreeSet<u16>>) {
    use lopdf::Object;
    // The font programs are already our subsets (see `document_font`); their
    // names carry the subset tag.
    let renamed: BTreeMap<String, String> = used
        .iter()
        .map(|(face, glyphs)| {
            let name = postscript_names()[*face as usize].clone();
            (name.clone(), format!("{}+{name}", subset_tag(*face, glyphs)))
        })
        .collect();
    // printpdf names a font by its resource id ("F1") when it has not read
    // the font's name table itself: every font gets its PostScript name back,
    // and a subset font's name carries its tag (ISO 32000 9.6.4), in the font
    // dictionary and in the descriptor alike.
    let plain: BTreeMap<Vec<u8>, &str> =
        Face::ALL.iter().map(|&f| (font_id(f).0.into_bytes(), postscript_names()[f as usize].as_str())).collect();
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
                if let Ok(Object::Name(name)) = dict.get(key)
                    && let Some(plain) = plain.get(name.as_slice())
                {
                    let named = renamed.get(*plain).map_or(*plain, String::as_str);
                    dict.set(key, Object::Name(named.as_bytes().to_vec()));
                }
            }
            if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
                for inner in descendants {
                    if let Object::Dictionary(inner) = inner
                        && let Ok(Object::Name(name)) = inner.get(b"BaseFont")
                        && let Some(plain) = plain.get(name.as_slice())
                    {
                        inner.set("BaseFont", Object::Name(plain.as_bytes().to_vec()));
                    }
                }
            }
        }
    }
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", Object::string_literal(lang));
    }
    let mut hasher = Fnv64::default();
    for (id, object) in &doc.objects {
        hasher.write(&id.0.to_le_bytes());
        match object {
            Object::Stream(stream) => hasher.write(&stream.content),
            // Dictionaries: their keys and strings (title, author …); the
            // streams they point to are hashed on their own.
            Object::Dictionary(dict) => {
                for (key, value) in dict.iter() {
                    hasher.write(key);
                    if let Object::String(text, _) = value {
                        hasher.write(text);
                    }
                }
            }
            _ => {}
        }
    }
    let hex = format!("{:016x}{:016x}", hasher.0, hasher.0.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15);
    let id = Object::String(hex.into_bytes(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
}

/// `D:20241215000000Z`, the PDF date of the document's day (midnight UTC).
fn pdf_date(date: chrono::NaiveDate) -> String {
    format!("D:{}000000Z", date.format("%Y%m%d"))
}

/// `2024-12-15T00:00:00Z`, the same instant as an XMP date.
fn xmp_date(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// A PDF text string: UTF-16BE with its byte order mark (ISO 32000 7.9.2.2).
fn text_string(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Creator and producer of every file.
const TOOL: &str = "baocao";

/// The XMP packet that says what the Info dictionary says (ISO 32000 14.3.2):
/// title, author, subject, language, dates, creator tool and producer.
fn xmp_packet(meta: &Meta) -> String {
    format!(
        concat!(
            "<?xpacket begin=\"{bom}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
            "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n",
            "<dc:format>application/pdf</dc:format>\n",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n",
            "<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n",
            "<xmp:CreateDate>{date}</xmp:CreateDate>\n",
            "<xmp:ModifyDate>{date}</xmp:ModifyDate>\n",
            "<xmp:MetadataDate>{date}</xmp:MetadataDate>\n",
            "<xmp:CreatorTool>{tool}</xmp:CreatorTool>\n",
            "<pdf:Producer>{tool}</pdf:Producer>\n",
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n",
            "<?xpacket end=\"r\"?>"
        ),
        bom = '\u{feff}',
        title = xml_escape(&meta.title),
        author = xml_escape(&meta.author),
        subject = xml_escape(&meta.subject),
        lang = xml_escape(&meta.lang),
        date = xmp_date(meta.date),
        tool = TOOL,
    )
}

/// PDF 1.7, the Info dictionary from the model (no PDF/X claim: printpdf
/// writes an empty `/GTS_PDFXVersion`, and readers then take the file for
/// PDF/X), and an XMP packet saying the same.
fn metadata(doc: &mut lopdf::Document, meta: &Meta) {
    use lopdf::{Dictionary, Object, Stream};
    doc.version = "1.7".to_string();
    let date = Object::string_literal(pdf_date(meta.date));
    let info = Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Subject", text_string(&meta.subject)),
        ("Creator", text_string(TOOL)),
        ("Producer", text_string(TOOL)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ]);
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
    // Uncompressed, so tools that do not parse PDF can still find it.
    let kind = |k: &str| Object::Name(k.as_bytes().to_vec());
    let dict = Dictionary::from_iter(vec![("Type", kind("Metadata")), ("Subtype", kind("XML"))]);
    let xmp = Stream::new(dict, xmp_packet(meta).into_bytes()).with_compression(false);
    let id = doc.add_object(xmp);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(id));
    }
}

/// Deflates every stream that is not compressed yet, at a fast level: lopdf's
/// own `compress` uses the slowest level, a sixth of the render time for a
/// few hundred bytes less per file. The window is sized to the stream
/// (`deflate::window_bits_for`).
fn compress_streams(doc: &mut lopdf::Document, deflaters: Deflaters) {
    DEFLATE.with_borrow_mut(|deflate| deflate.streams(doc, deflaters));
}

thread_local! {
    // The compressors stay from one stream and document to the next, unless
    // freed (see `Deflaters`).
    static DEFLATE: std::cell::RefCell<Deflate> = std::cell::RefCell::new(Deflate::default());
}

#[derive(Default)]
struct Deflate {
    compressors: crate::deflate::Compressors,
    /// Font programs and ToUnicode maps already deflated, by content: the
    /// reports of a batch mostly print the same characters in their bold and
    /// italic faces (three fonts in five repeat across a district's communes).
    /// The bytes are those a fresh compression gives, so the output is the
    /// same whatever was rendered before.
    shared: HashMap<u64, (Vec<u8>, Vec<u8>)>,
    shared_bytes: usize,
}

impl Deflate {
    /// Enough for a district's fonts; emptied when full (8 MB per thread at most).
    const SHARED_LIMIT: usize = 4 << 20;

    fn streams(&mut self, doc: &mut lopdf::Document, deflaters: Deflaters) {
        let shareable = shareable_streams(doc);
        for (id, object) in doc.objects.iter_mut() {
            let lopdf::Object::Stream(stream) = object else { continue };
            if !stream.allows_compression || stream.dict.has(b"Filter") {
                continue;
            }
            // Page contents are new in each document: the faster level costs
            // them 3 % in size; fonts are deflated once per batch and keep
            // the tighter one.
            let packed = if shareable.contains(id) { self.shared(&stream.content) } else { self.deflate(&stream.content, 2) };
            if deflaters == Deflaters::Freed {
                self.compressors.free();
            }
            if let Some(packed) = packed.filter(|p| p.len() < stream.content.len()) {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }

    /// The deflated bytes of a stream other documents may hold too.
    fn shared(&mut self, content: &[u8]) -> Option<Vec<u8>> {
        let mut hasher = Fnv64::default();
        hasher.write(content);
        let key = hasher.0 ^ content.len() as u64;
        if let Some((raw, packed)) = self.shared.get(&key)
            && raw.as_slice() == content
        {
            return Some(packed.clone());
        }
        let packed = self.deflate(content, 3)?;
        if self.shared_bytes > Self::SHARED_LIMIT {
            self.shared.clear();
            self.shared_bytes = 0;
        }
        self.shared_bytes += content.len() + packed.len();
        self.shared.insert(key, (content.to_vec(), packed.clone()));
        Some(packed)
    }

    fn deflate(&mut self, content: &[u8], level: u32) -> Option<Vec<u8>> {
        use crate::deflate::{Wrapper, window_bits_for};
        self.compressors.deflate(content, Wrapper::Zlib, level, window_bits_for(content.len()))
    }
}

/// The streams of font programs and ToUnicode maps.
fn shareable_streams(doc: &lopdf::Document) -> BTreeSet<lopdf::ObjectId> {
    let mut ids = BTreeSet::new();
    let mut note = |dict: &lopdf::Dictionary| {
        for key in [b"FontFile2".as_slice(), b"FontFile3", b"ToUnicode"] {
            if let Ok(lopdf::Object::Reference(id)) = dict.get(key) {
                ids.insert(*id);
            }
        }
    };
    for object in doc.objects.values() {
        if let lopdf::Object::Dictionary(dict) = object {
            note(dict);
        }
    }
    ids
}

/// FNV-1a: tiny, stable across runs and platforms (unlike `DefaultHasher`).
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    /// FNV-1a over 8-byte words (then the tail byte by byte): the same
    /// stability, an eighth of the steps over a document's streams.
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.0 ^= u64::from_le_bytes(word.try_into().expect("8 bytes"));
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        for b in words.remainder() {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::TextItem;

    #[test]
    fn the_descriptor_metrics_are_those_printpdf_reads_itself() {
        for face in Face::ALL {
            let mut theirs = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).expect("bundled font parses");
            theirs.original_bytes.clear();
            theirs.codepoint_to_glyph.clear();
            theirs.glyph_widths.clear();
            assert_eq!(empty_fonts()[face as usize], theirs, "{face:?}");
        }
    }

    #[test]
    fn each_document_font_holds_its_own_glyphs_only() {
        let metrics = ttf_parser::Face::parse(Face::Regular.bytes(), 0).unwrap();
        let chars: BTreeMap<char, u16> = ['A', 'ệ'].into_iter().map(|c| (c, metrics.glyph_index(c).unwrap().0)).collect();
        let glyphs: BTreeSet<u16> = chars.values().copied().collect();
        let font = document_font(Face::Regular, &chars, &glyphs);
        assert_eq!(font.codepoint_to_glyph.len(), 2);
        let embedded = ttf_parser::Face::parse(&font.original_bytes, 0).expect("the subset parses");
        // 'ệ' is built from parts, which come along; glyph 0 always does.
        assert!(embedded.number_of_glyphs() <= 6, "{} glyphs", embedded.number_of_glyphs());
        for (c, old) in &chars {
            let new = font.codepoint_to_glyph[&(*c as u32)];
            assert_eq!(font.glyph_widths[&new], metrics.glyph_hor_advance(ttf_parser::GlyphId(*old)).unwrap(), "{c}");
            assert_eq!(embedded.glyph_hor_advance(ttf_parser::GlyphId(new)), metrics.glyph_hor_advance(ttf_parser::GlyphId(*old)));
            assert_eq!(outline(&embedded, new), outline(&metrics, *old), "{c}");
        }
    }

    /// A page of one line of `text`, and its metadata.
    fn one_line(text: &str) -> (Page, Meta) {
        let item =
            TextItem { x: 100.0, baseline: 100.0, text: text.into(), face: Face::Regular, size: 14.0, extra_per_space: 0.0, width: 100.0 };
        let page = Page { width: 595.0, height: 842.0, items: vec![Item::Text(item)] };
        let meta = Meta {
            title: "t".into(),
            author: "a".into(),
            subject: "s".into(),
            lang: "vi-VN".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 12, 15).unwrap(),
        };
        (page, meta)
    }

    #[test]
    fn deflate_states_are_kept_or_freed_as_asked_and_the_bytes_do_not_change() {
        let (page, meta) = one_line("Báo cáo kết quả thực hiện Chương trình phối hợp");
        // A thread of its own: the states are per thread.
        std::thread::spawn(move || {
            let pages = std::slice::from_ref(&page);
            let states = || DEFLATE.with_borrow(|d| d.compressors.held());
            let freed = write(pages, &meta, Deflaters::Freed);
            assert_eq!(states(), 0, "freed after each stream");
            let kept = write(pages, &meta, Deflaters::Kept);
            assert!(states() > 0, "kept for the next document");
            assert_eq!(freed, kept);
            assert_eq!(write(pages, &meta, Deflaters::Freed), kept, "a fresh state compresses as a kept one");
            assert_eq!(states(), 0);
        })
        .join()
        .unwrap();
    }

    /// The regular font a PDF of one line of `text` embeds, and the glyph id
    /// of each character in it.
    fn embedded(text: &str) -> (Vec<u8>, BTreeMap<char, u16>) {
        let (page, meta) = one_line(text);
        let bytes = write(std::slice::from_ref(&page), &meta, Deflaters::Kept);
        let doc = lopdf::Document::load_mem(&bytes).expect("our PDF parses");
        let font = doc
            .objects
            .values()
            .find_map(|o| match o {
                lopdf::Object::Stream(s) if s.dict.has(b"Length1") => Some(s.decompressed_content().expect("deflated font")),
                _ => None,
            })
            .expect("an embedded font");
        let chars = &used_chars(&[page])[&Face::Regular];
        let glyphs: BTreeSet<u16> = chars.values().copied().collect();
        let ids = document_font(Face::Regular, chars, &glyphs).codepoint_to_glyph;
        (font, chars.keys().map(|&c| (c, ids[&(c as u32)])).collect())
    }

    /// Every drawing command of a glyph's outline, as text.
    fn outline(face: &ttf_parser::Face, glyph: u16) -> Vec<String> {
        slim::tests::outline(face, ttf_parser::GlyphId(glyph))
    }

    /// Each character of `text` draws in the PDF's font as in the bundled one.
    fn assert_embedded_as_bundled(text: &str) -> usize {
        let (font, ids) = embedded(text);
        let original = ttf_parser::Face::parse(Face::Regular.bytes(), 0).unwrap();
        let embedded = ttf_parser::Face::parse(&font, 0).expect("embedded font parses");
        for (c, new) in ids {
            let old = original.glyph_index(c).unwrap().0;
            assert!(c == ' ' || !outline(&embedded, new).is_empty(), "{c} has an outline");
            assert_eq!(outline(&embedded, new), outline(&original, old), "{c}");
        }
        embedded.number_of_glyphs() as usize
    }

    #[test]
    fn vietnamese_text_embeds_its_glyphs_and_no_others() {
        let text = "Cộng hòa xã hội chủ nghĩa Việt Nam";
        let glyphs = assert_embedded_as_bundled(text);
        let distinct = text.chars().collect::<BTreeSet<char>>().len();
        // Accented letters bring their parts (base letter and marks).
        assert!(glyphs > distinct && glyphs < 2 * distinct + 10, "{glyphs} glyphs for {distinct} characters");
    }

    #[test]
    fn a_character_outside_vietnamese_still_embeds() {
        assert_embedded_as_bundled("Ω ohm, Việt Nam");
    }
}
