//! The roll-up arithmetic of a batch: each unit's figures ([`Figures::of`]),
//! then totals, rates, a shared ranking and indicator sums over the units
//! that rendered ([`rollup`]); units named by their issuer ("Xã Lục Hồn").
//! Pure functions of validated reports; `batch` decides which units count.

use std::collections::BTreeMap;

use super::model::{Report, Rollup, RollupIndicator, RollupRow, TaskStatus};
use super::{Node, NodeKind};

/// The total row of the roll-up table. Document text, not a message: the
/// report itself is always in Vietnamese, whatever the CLI's language.
pub(crate) const ROLLUP_TOTAL: &str = "Tổng cộng";

/// A unit's figures for the roll-up (small: kept for every unit).
#[derive(Debug, Clone, Default)]
pub(crate) struct Figures {
    pub(crate) row: RollupRow,
    /// (name, unit, value, of)
    pub(crate) indicators: Vec<(String, Option<String>, f64, Option<f64>)>,
}

impl Figures {
    /// The figures of one rendered (or checked) unit.
    pub(crate) fn of(report: &Report) -> Figures {
        let r = &report.results;
        let count = |s: TaskStatus| r.tasks.iter().filter(|t| t.status == s).count() as u64;
        let mut row = RollupRow {
            name: unit_name(report),
            tasks: r.tasks.len() as u64,
            tasks_done: count(TaskStatus::Done),
            tasks_in_progress: count(TaskStatus::InProgress),
            tasks_not_done: count(TaskStatus::NotDone),
            ..RollupRow::default()
        };
        if let Some(m) = &r.models {
            row.models_registered = m.registered.unwrap_or(0);
            row.models_recognized = m.recognized.iter().map(|l| l.count).sum();
        }
        if let Some(c) = &r.complaints {
            row.complaints_received = c.received;
            row.complaints_resolved = c.resolved;
        }
        set_rates(&mut row);
        let indicators = r.indicators.iter().map(|i| (i.name.clone(), i.unit.clone(), i.value, i.of)).collect();
        Figures { row, indicators }
    }
}

fn set_rates(row: &mut RollupRow) {
    let rate = |part: u64, whole: u64| (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
    row.tasks_rate = rate(row.tasks_done, row.tasks);
    row.complaints_rate = rate(row.complaints_resolved, row.complaints_received);
}

/// "Xã Lục Hồn" from the lead issuer's last name line "XÃ LỤC HỒN": the
/// administrative prefix in sentence case, the place name in title case.
pub(crate) fn unit_name(report: &Report) -> String {
    let Some(line) = report.issuers.first().and_then(|i| i.name.last()) else { return String::new() };
    unit_name_of(line)
}

/// [`unit_name`] of one name line.
fn unit_name_of(line: &str) -> String {
    let lower = line.trim().to_lowercase();
    const PREFIXES: &[&str] = &["thị trấn", "thị xã", "thành phố", "xã", "phường", "huyện", "quận", "tỉnh"];
    let (prefix, rest) = match PREFIXES.iter().find(|p| lower.starts_with(*p) && lower[p.len()..].starts_with(' ')) {
        Some(p) => (capitalise(p), &lower[p.len()..]),
        None => (String::new(), lower.as_str()),
    };
    let rest: Vec<String> = rest.split_whitespace().map(capitalise).collect();
    if prefix.is_empty() { rest.join(" ") } else { format!("{prefix} {}", rest.join(" ")) }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Totals, ranking and indicator sums over the units that rendered.
pub(crate) fn rollup(figures: &[Figures], expected: usize, missing: Vec<String>) -> Rollup {
    let mut total = RollupRow { name: ROLLUP_TOTAL.to_string(), ..RollupRow::default() };
    for f in figures {
        let r = &f.row;
        total.tasks += r.tasks;
        total.tasks_done += r.tasks_done;
        total.tasks_in_progress += r.tasks_in_progress;
        total.tasks_not_done += r.tasks_not_done;
        total.models_registered += r.models_registered;
        total.models_recognized += r.models_recognized;
        total.complaints_received += r.complaints_received;
        total.complaints_resolved += r.complaints_resolved;
    }
    set_rates(&mut total);
    let mut rows: Vec<RollupRow> = figures.iter().map(|f| f.row.clone()).collect();

    // Rank by task completion, then complaints resolved, then models
    // recognised; equal keys share a rank (1, 2, 2, 4).
    let key = |r: &RollupRow| (r.tasks_rate.unwrap_or(0.0), r.complaints_rate.unwrap_or(100.0), r.models_recognized as f64);
    let mut order: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].tasks > 0).collect();
    let ranked = order.len() >= 2;
    if ranked {
        order.sort_by(|&a, &b| key(&rows[b]).partial_cmp(&key(&rows[a])).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b)));
        let mut previous: Option<((f64, f64, f64), u32)> = None;
        for (place, &i) in order.iter().enumerate() {
            let k = key(&rows[i]);
            let rank = match previous {
                Some((pk, pr)) if pk == k => pr,
                _ => place as u32 + 1,
            };
            rows[i].rank = Some(rank);
            previous = Some((k, rank));
        }
    }
    // Name the leaders when few; when many tie, the template counts them.
    let leaders: Vec<RollupRow> = order.iter().map(|&i| rows[i].clone()).take_while(|r| r.rank.is_some_and(|k| k <= 3)).collect();
    let leaders_tied = order.iter().filter(|&&i| rows[i].rank == Some(1)).count();
    let leaders = if ranked && leaders.len() <= 5 { leaders } else { Vec::new() };

    // Indicators: same name and unit across units; percentages are averaged.
    let mut by_key: BTreeMap<(String, Option<String>), (usize, RollupIndicator, bool)> = BTreeMap::new();
    let mut seen = 0usize;
    for f in figures {
        for (name, unit, value, of) in &f.indicators {
            let entry = by_key.entry((name.clone(), unit.clone())).or_insert_with(|| {
                seen += 1;
                let percent = unit.as_deref().is_some_and(|u| u.trim_start().starts_with('%'));
                let ind = RollupIndicator {
                    name: name.clone(),
                    unit: unit.clone(),
                    units: 0,
                    total: (!percent).then_some(0.0),
                    of: Some(0.0),
                    average: 0.0,
                };
                (seen, ind, percent)
            });
            let ind = &mut entry.1;
            ind.units += 1;
            ind.average += value;
            if let Some(t) = ind.total.as_mut() {
                *t += value;
            }
            ind.of = match (ind.of, of) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
    }
    let mut indicators: Vec<(usize, RollupIndicator)> = by_key
        .into_values()
        .map(|(order, mut ind, percent)| {
            ind.average /= ind.units as f64;
            if percent {
                ind.of = None;
            }
            (order, ind)
        })
        .collect();
    indicators.sort_by_key(|(order, _)| *order);
    Rollup {
        expected,
        reported: figures.len(),
        missing,
        rows,
        total,
        ranked,
        leaders,
        leaders_tied,
        indicators: indicators.into_iter().map(|(_, i)| i).collect(),
    }
}

/// The unit's name ("Xã Hỏng") read from the lead issuer's last name line
/// in the tree, for a unit that failed validation.
pub(crate) fn unit_name_in_tree(tree: &Node) -> Option<String> {
    let (_, issuers) = tree.as_map()?.iter().rev().find(|(k, _)| k.name == "issuers")?;
    let lead = match &issuers.kind {
        NodeKind::Seq(items) => items.first()?,
        NodeKind::Map(_) => issuers,
        _ => return None,
    };
    let (_, name) = lead.as_map()?.iter().find(|(k, _)| k.name == "name")?;
    let line = match &name.kind {
        NodeKind::Seq(lines) => lines.last()?.scalar_text()?,
        _ => name.scalar_text()?,
    };
    let name = unit_name_of(&line);
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, tasks: u64, done: u64, received: u64, resolved: u64) -> Figures {
        let mut row = RollupRow {
            name: name.into(),
            tasks,
            tasks_done: done,
            complaints_received: received,
            complaints_resolved: resolved,
            ..RollupRow::default()
        };
        set_rates(&mut row);
        Figures { row, indicators: vec![] }
    }

    #[test]
    fn totals_rates_and_shared_ranks() {
        let r = rollup(&[row("A", 10, 5, 4, 4), row("B", 10, 10, 2, 1), row("C", 4, 2, 4, 4), row("D", 0, 0, 0, 0)], 5, vec!["e".into()]);
        assert_eq!((r.total.tasks, r.total.tasks_done), (24, 17));
        assert_eq!((r.total.complaints_received, r.total.complaints_resolved), (10, 9));
        assert_eq!(r.total.complaints_rate, Some(90.0));
        assert_eq!((r.expected, r.reported, r.missing.len()), (5, 4, 1));
        let ranks: Vec<Option<u32>> = r.rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![Some(2), Some(1), Some(2), None]);
        assert_eq!(r.leaders.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["B", "A", "C"]);
    }

    #[test]
    fn indicators_sum_counts_and_average_percentages() {
        let mut a = row("A", 1, 1, 0, 0);
        a.indicators =
            vec![("Xã đạt chuẩn".into(), Some("xã".into()), 1.0, Some(2.0)), ("Tăng trưởng".into(), Some("%".into()), 10.0, None)];
        let mut b = row("B", 1, 1, 0, 0);
        b.indicators =
            vec![("Xã đạt chuẩn".into(), Some("xã".into()), 2.0, Some(3.0)), ("Tăng trưởng".into(), Some("%".into()), 20.0, None)];
        let r = rollup(&[a, b], 2, vec![]);
        assert_eq!(r.indicators[0].name, "Xã đạt chuẩn");
        assert_eq!((r.indicators[0].total, r.indicators[0].of), (Some(3.0), Some(5.0)));
        assert_eq!((r.indicators[1].total, r.indicators[1].average), (None, 15.0));
    }
}
