//! Schema order for WordprocessingML property containers: the slots the
//! streaming rewrite (`stream`) sorts children into, and the checker the tests
//! use as their oracle (`violations`).
//!
//! Contract: `sequence` gives, for every container it lists, the ECMA-376
//! sequence order of its children. Word reads properties in schema order and
//! may ignore one that comes too late, and docx-rs writes e.g. `w:sz` before
//! `w:rFonts` and `w:jc` before `w:spacing`; hence the rewrite. The lists follow the
//! `xsd:sequence` declarations of wml.xsd (ECMA-376 Part 1); names are local
//! names in the `w:` namespace, alternatives that share a slot are joined by `|`.

use std::collections::HashMap;
use std::sync::OnceLock;

#[cfg(test)]
use super::xml::Element;

/// CT_RPr (EG_RPrBase) preceded by the revision marks of CT_ParaRPr.
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// CT_PPr (CT_PPrBase, then rPr, sectPr, pPrChange).
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// CT_SectPr.
const SECTPR: &[&str] = &[
    "headerReference|footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// CT_TblPr.
const TBLPR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];

/// CT_TrPr (its base is a choice; this is the order the schema lists them in).
const TRPR: &[&str] = &[
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
    "ins",
    "del",
    "trPrChange",
];

/// CT_TcPr.
const TCPR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

const TBL_BORDERS: &[&str] = &["top", "left|start", "bottom", "right|end", "insideH", "insideV"];
const TC_BORDERS: &[&str] = &["top", "left|start", "bottom", "right|end", "insideH", "insideV", "tl2br", "tr2bl"];
const P_BDR: &[&str] = &["top", "left", "bottom", "right", "between", "bar"];
const CELL_MAR: &[&str] = &["top", "left|start", "bottom", "right|end"];

/// CT_Style.
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

const STYLES: &[&str] = &["docDefaults", "latentStyles", "style"];
const DOC_DEFAULTS: &[&str] = &["rPrDefault", "pPrDefault"];

/// CT_Settings (extension elements of other namespaces go last).
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

// Content containers: their property element comes first, content after.
const P: &[&str] = &["pPr"];
const R: &[&str] = &["rPr"];
const TBL: &[&str] = &["tblPr", "tblGrid"];
const TR: &[&str] = &["tblPrEx", "trPr"];
const TC: &[&str] = &["tcPr"];

/// The sequence for the children of `container` (a qualified name), and whether
/// every child must be in it (property containers) or unlisted children are
/// content that follows the listed ones.
pub(crate) fn sequence(container: &str) -> Option<(&'static [&'static str], bool)> {
    let local = container.strip_prefix("w:")?;
    Some(match local {
        "rPr" => (RPR, true),
        "pPr" => (PPR, true),
        "sectPr" => (SECTPR, true),
        "tblPr" => (TBLPR, true),
        "trPr" => (TRPR, true),
        "tcPr" => (TCPR, true),
        "tblBorders" => (TBL_BORDERS, true),
        "tcBorders" => (TC_BORDERS, true),
        "pBdr" => (P_BDR, true),
        "tblCellMar" | "tcMar" => (CELL_MAR, true),
        "style" => (STYLE, true),
        "styles" => (STYLES, true),
        "docDefaults" => (DOC_DEFAULTS, true),
        "settings" => (SETTINGS, false),
        "p" => (P, false),
        "r" => (R, false),
        "tbl" => (TBL, false),
        "tr" => (TR, false),
        "tc" => (TC, false),
        _ => return None,
    })
}

/// Position of `child` (a qualified name) in `seq`, if listed.
#[cfg(test)]
pub(crate) fn rank(seq: &[&str], child: &str) -> Option<usize> {
    let local = child.strip_prefix("w:")?;
    seq.iter().position(|slot| slot.split('|').any(|alt| alt == local))
}

/// Slot of every child name of every container, looked up by hash instead of
/// scanning the sequences: the rewrite visits every element of every part.
/// FNV-1a for the slot maps: they are looked up for every element of every
/// part, and SipHash's defence against chosen keys buys nothing for a fixed
/// set of schema names.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FnvMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<Fnv>>;

/// Slot of each child name of a container (names without their `w:` prefix).
pub(crate) type Slots = FnvMap<usize>;

pub(crate) fn slots(container: &str) -> Option<&'static Slots> {
    static SLOTS: OnceLock<FnvMap<Slots>> = OnceLock::new();
    const CONTAINERS: [&str; 20] = [
        "rPr",
        "pPr",
        "sectPr",
        "tblPr",
        "trPr",
        "tcPr",
        "tblBorders",
        "tcBorders",
        "pBdr",
        "tblCellMar",
        "tcMar",
        "style",
        "styles",
        "docDefaults",
        "settings",
        "p",
        "r",
        "tbl",
        "tr",
        "tc",
    ];
    let all = SLOTS.get_or_init(|| {
        CONTAINERS
            .iter()
            .filter_map(|c| {
                let (seq, _) = sequence(&format!("w:{c}"))?;
                let map = seq.iter().enumerate().flat_map(|(i, slot)| slot.split('|').map(move |name| (name, i))).collect();
                Some((*c, map))
            })
            .collect()
    });
    all.get(container.strip_prefix("w:")?)
}

/// Every schema violation in the subtree: a child that is not allowed in a
/// strict container, or that comes after a child with a later slot.
#[cfg(test)]
pub(crate) fn violations(el: &Element) -> Vec<String> {
    let mut out = Vec::new();
    check(el, &mut out);
    out
}

#[cfg(test)]
fn check(el: &Element, out: &mut Vec<String>) {
    if let Some((seq, strict)) = sequence(&el.name) {
        let mut last = 0usize;
        let mut last_name = String::new();
        for c in el.elements() {
            match rank(seq, &c.name) {
                Some(r) if r < last => out.push(format!("<{}>: <{}> must come before <{}>", el.name, c.name, last_name)),
                Some(r) => {
                    last = r;
                    last_name = c.name.clone();
                }
                None if strict => out.push(format!("<{}>: unexpected child <{}>", el.name, c.name)),
                None => last = seq.len(),
            }
        }
    }
    for c in el.elements() {
        check(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::parse;

    #[test]
    fn violations_name_the_late_children() {
        let d = parse(r#"<w:rPr><w:sz w:val="28"/><w:b/><w:rFonts w:ascii="Times New Roman"/><w:i/></w:rPr>"#).unwrap();
        assert_eq!(violations(&d.root).len(), 3, "b, rFonts and i all come after sz");
    }

    #[test]
    fn unknown_property_is_reported() {
        let d = parse(r#"<w:tcPr><w:bogus/></w:tcPr>"#).unwrap();
        assert_eq!(violations(&d.root).len(), 1);
    }
}
