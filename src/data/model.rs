//! The typed, validated report: what `data::load` produces and what templates
//! and the document composer consume. Field names follow the input contract
//! (`input-contract.md`); everything here is already NFC-normalised and checked.
//!
//! `Serialize` is what Handlebars templates see: dates serialise as ISO strings
//! ("2021-03-31"), enums in snake_case, absent options as null.

use chrono::NaiveDate;
use serde::Serialize;

/// The kinds the format rules are written in (below the data layer, shared
/// with `profile`).
pub use crate::vocab::{Authority, SizeSet, StyleOverrides, System};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Built-in template name or folder path, as written (None = `bao-cao-ket-qua`).
    pub template: Option<String>,
    pub document: DocumentInfo,
    /// At least one; the first leads (chủ trì).
    pub issuers: Vec<Issuer>,
    pub(crate) period: Period,
    pub programme: Option<Programme>,
    pub(crate) meeting: Option<Meeting>,
    pub results: Results,
    pub sections: Sections,
    pub signers: Vec<Signer>,
    pub recipients: Vec<String>,
    pub(crate) archive: Vec<String>,
    /// Totals of the units of a batch, for the roll-up template (`tong-hop`).
    /// Set by `batch` for a folder's `summary.yaml`, never read from YAML;
    /// absent from the template data otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) rollup: Option<Rollup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    /// ND30 abbreviation as written: "BC", "CTr", "KH", "TB" …
    #[serde(rename = "type")]
    pub doc_type: String,
    pub(crate) number: Option<u32>,
    pub place: String,
    pub date: NaiveDate,
    pub summary: String,
    pub to: Vec<String>,
    pub(crate) size_set: SizeSet,
    /// Optional `document.type_name`: the printed tên loại when it says more
    /// than the type ("Chương trình phối hợp" for CTr); printed in upper case.
    pub(crate) type_name: Option<String>,
    /// Optional `document.joint_code`: one joint number for all issuers (§11),
    /// everything after the number: "CTrPH-UBND-MTTQ" -> "Số: 01/CTrPH-UBND-MTTQ".
    pub(crate) joint_code: Option<String>,
    /// Optional `document.style`: overrides of format values the spec leaves OPEN.
    pub(crate) style: StyleOverrides,
}

#[derive(Debug, Clone, Serialize)]
pub struct Issuer {
    pub system: System,
    pub(crate) parent: Option<String>,
    /// One entry per printed line.
    pub name: Vec<String>,
    pub(crate) code: String,
    pub(crate) number: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Period {
    #[serde(flatten)]
    pub(crate) kind: PeriodKind,
    pub(crate) cutoff: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PeriodKind {
    Year { year: i32 },
    Quarter { year: i32, quarter: u8 },
    Span { from: i32, to: i32 },
}

#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    pub name: String,
    pub parties: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Meeting {
    pub(crate) date: Option<NaiveDate>,
    pub(crate) chairs: Vec<Person>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) title: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Results {
    pub tasks: Vec<Task>,
    pub models: Option<Models>,
    pub complaints: Option<Complaints>,
    pub(crate) indicators: Vec<Indicator>,
    pub(crate) commendations: Vec<Commendation>,
    /// Derived: every year that some indicator's `series` names, ascending
    /// (the columns of a comparison table).
    pub(crate) series_years: Vec<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub name: String,
    pub lead: String,
    pub(crate) partners: Vec<String>,
    pub status: TaskStatus,
    pub note: Option<String>,
    /// Extra field beyond the contract (for programmes, type CTr): "Quý II", "Cả năm" …
    pub(crate) deadline: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Done,
    InProgress,
    NotDone,
}

#[derive(Debug, Clone, Serialize)]
pub struct Models {
    pub registered: Option<u64>,
    /// Recognised models by level, in input order: ("province", 1), ("district", 15) …
    pub recognized: Vec<LevelCount>,
    pub(crate) examples: Vec<ModelExample>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    pub(crate) level: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ModelExample {
    pub(crate) name: String,
    pub(crate) unit: Option<String>,
    pub(crate) field: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Complaints {
    pub received: u64,
    pub resolved: u64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Indicator {
    pub(crate) name: String,
    pub(crate) value: f64,
    pub(crate) unit: Option<String>,
    pub(crate) target: Option<f64>,
    pub(crate) previous: Option<f64>,
    pub(crate) of: Option<f64>,
    /// Optional `series: {2016: 12.1, 2017: 13.4}`: the figure year by year, ascending.
    pub(crate) series: Vec<SeriesPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct SeriesPoint {
    pub(crate) year: i32,
    pub(crate) value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Commendation {
    pub(crate) by: String,
    pub(crate) collectives: u64,
    pub(crate) individuals: u64,
}

/// Narrative sections in Markdown; each is a list of paragraphs (a single
/// string in the input becomes a one-element list).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Sections {
    pub situation: Vec<String>,
    pub achievements: Vec<String>,
    pub limitations: Vec<String>,
    pub causes: Vec<String>,
    pub lessons: Vec<String>,
    pub next_tasks: Vec<String>,
    pub proposals: Vec<String>,
    /// Optional, for programmes (CTr): mục đích, yêu cầu.
    pub(crate) purpose: Vec<String>,
    /// Optional, for programmes (CTr): tổ chức thực hiện.
    pub(crate) implementation: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signer {
    /// Code of the issuer this signer signs for (already defaulted to the lead's code).
    pub(crate) issuer: String,
    pub(crate) authority: Authority,
    pub(crate) on_behalf_of: Option<String>,
    pub(crate) head: Option<String>,
    pub(crate) title: String,
    pub name: String,
}

/// A roll-up: one row per unit (commune) of a batch and a total row. Counts
/// are sums; rates are percentages (0-100) and absent where the total is 0.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rollup {
    /// Units found in the batch, failed ones included.
    pub expected: usize,
    /// Units whose figures are in the totals (= `rows.len()`).
    pub reported: usize,
    /// Names ("Xã Hỏng") of the units missing from the totals, when their
    /// issuer could be read; never a file name (this is official text).
    pub(crate) missing: Vec<String>,
    /// In input order (by path).
    pub rows: Vec<RollupRow>,
    pub total: RollupRow,
    /// True when at least two units have tasks, so a ranking means something.
    pub(crate) ranked: bool,
    /// The best-ranked units (rank 1 to 3), best first, when there are at
    /// most five of them; empty otherwise (see `leaders_tied`).
    pub(crate) leaders: Vec<RollupRow>,
    /// How many units share rank 1 (when too many to name).
    pub(crate) leaders_tied: usize,
    /// Indicators summed by (name, unit) across units, in first-seen order.
    pub indicators: Vec<RollupIndicator>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RollupRow {
    /// Display name of the unit ("Xã Lục Hồn"), or "Tổng cộng" for the total.
    pub name: String,
    pub tasks: u64,
    pub tasks_done: u64,
    pub tasks_in_progress: u64,
    pub tasks_not_done: u64,
    pub(crate) tasks_rate: Option<f64>,
    pub models_registered: u64,
    pub models_recognized: u64,
    pub complaints_received: u64,
    pub complaints_resolved: u64,
    pub(crate) complaints_rate: Option<f64>,
    /// 1 = best task completion rate; ties share a rank. None if not ranked.
    pub rank: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RollupIndicator {
    pub(crate) name: String,
    pub(crate) unit: Option<String>,
    /// How many units report this indicator.
    pub(crate) units: usize,
    /// Sum over units; None for percentages, which are averaged instead.
    pub total: Option<f64>,
    /// Sum of `of` when every reporting unit gives it ("12/20 xã").
    pub of: Option<f64>,
    pub(crate) average: f64,
}
