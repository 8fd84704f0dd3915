//! Units of length. Everything in the document model and layout is in points;
//! conversions to millimetres, twips and half-points live here and only here.

/// PostScript points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Pt(pub f32);

/// Millimetres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Mm(pub f32);

pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Pt {
        Pt(mm.0 * PT_PER_MM)
    }
}

impl From<Pt> for Mm {
    fn from(pt: Pt) -> Mm {
        Mm(pt.0 / PT_PER_MM)
    }
}

impl Pt {
    /// Twentieths of a point, the unit of DOCX lengths.
    pub(crate) fn twips(self) -> i32 {
        (self.0 * 20.0).round() as i32
    }
    /// Half-points, the unit of DOCX font sizes.
    pub(crate) fn half_points(self) -> usize {
        (self.0 * 2.0).round() as usize
    }
    pub(crate) fn mm(self) -> f32 {
        self.0 / PT_PER_MM
    }
}

impl Mm {
    pub fn pt(self) -> f32 {
        self.0 * PT_PER_MM
    }
    pub(crate) fn twips(self) -> i32 {
        Pt::from(self).twips()
    }
}
