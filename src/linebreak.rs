//! Optimal-fit line breaking (total fit over the paragraph, in the manner of
//! Knuth and Plass, without hyphenation): every way of breaking the paragraph
//! is scored by how far each line's spaces must stretch or shrink, and the
//! cheapest total wins. Greedy filling, by contrast, leaves very loose lines
//! after long words.
//!
//! Contract: pure arithmetic over word widths; never fails. A word wider than
//! the line is set on a line of its own (callers split such words first).

/// One unbreakable word and the natural width of the space that follows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WordBox {
    pub(crate) width: f32,
    pub(crate) space: f32,
    /// Extra cost of ending a line after this word (0 = a normal break).
    pub(crate) penalty: f32,
}

/// How lines are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Both edges flush; the last line is left ragged.
    Justify,
    /// Ragged lines (left aligned); the last line may be short.
    Ragged,
    /// Ragged lines of even length, last line included (centred titles).
    Balanced,
}

/// A line as a half-open range of word indices, with its natural width and
/// how much each space must grow (negative: shrink) to fill the line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BrokenLine {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) natural: f32,
    pub(crate) extra_per_space: f32,
}

/// Spaces may stretch by this share of their width before a line counts as loose.
const STRETCH: f32 = 0.6;
/// Spaces may shrink by at most this share of their width, in justified text
/// only: ragged and centred lines are set at their natural width, as a word
/// processor sets them, so they must fit as they are.
const SHRINK: f32 = 0.25;

fn shrink(mode: Mode) -> f32 {
    if mode == Mode::Justify { SHRINK } else { 0.0 }
}
/// Cost of a line that cannot be set within the limits (a lone over-long word,
/// or a lone word on a justified line): very high, but finite, so a solution always exists.
const INFEASIBLE: f64 = 1e12;

/// Break `words` into lines. The first line is `first_width` wide (first-line
/// indent), the others `width`.
pub(crate) fn break_lines(words: &[WordBox], first_width: f32, width: f32, mode: Mode) -> Vec<BrokenLine> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    // best[j]: least cost of setting words[..j]; from[j]: where its last line starts.
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    for j in 1..=n {
        let mut natural = 0.0f32;
        let mut space_total = 0.0f32;
        for i in (0..j).rev() {
            if i < j - 1 {
                natural += words[i].space;
                space_total += words[i].space;
            }
            natural += words[i].width;
            let line_width = if i == 0 { first_width } else { width };
            let too_long = natural - shrink(mode) * space_total > line_width;
            if too_long && i < j - 1 {
                break; // adding more words only makes it longer
            }
            if best[i].is_infinite() {
                continue;
            }
            let penalty = if j < n { words[j - 1].penalty as f64 } else { 0.0 };
            let cost = line_cost(natural, space_total, line_width, j == n, i == j - 1, mode) + penalty;
            let total = best[i] + cost;
            if total < best[j] {
                best[j] = total;
                from[j] = i;
            }
        }
    }
    let mut ends = Vec::new();
    let mut j = n;
    while j > 0 {
        ends.push((from[j], j));
        j = from[j];
    }
    ends.reverse();
    ends.into_iter()
        .map(|(start, end)| {
            let natural = natural_width(&words[start..end]);
            let spaces: f32 = words[start..end.saturating_sub(1)].iter().map(|w| w.space).sum();
            let line_width = if start == 0 { first_width } else { width };
            let gaps = end - start - 1;
            // Justified lines fill the width; any line that is too long shrinks its spaces.
            let adjust = gaps > 0 && spaces > 0.0 && ((mode == Mode::Justify && end != n) || natural > line_width);
            let extra = if adjust { (line_width - natural) / gaps as f32 } else { 0.0 };
            BrokenLine { start, end, natural, extra_per_space: extra }
        })
        .collect()
}

/// Width of words set with their natural spaces between them.
pub(crate) fn natural_width(words: &[WordBox]) -> f32 {
    let spaces: f32 = words[..words.len().saturating_sub(1)].iter().map(|w| w.space).sum();
    words.iter().map(|w| w.width).sum::<f32>() + spaces
}

fn line_cost(natural: f32, spaces: f32, width: f32, last: bool, single: bool, mode: Mode) -> f64 {
    let slack = (width - natural) as f64;
    if natural - shrink(mode) * spaces > width + 0.01 {
        return INFEASIBLE; // only reached for a lone over-long word
    }
    match mode {
        Mode::Ragged if last => 0.0,
        Mode::Ragged | Mode::Balanced => slack * slack,
        Mode::Justify => {
            if last {
                return if slack >= 0.0 { 0.0 } else { badness(-slack / (SHRINK as f64 * spaces as f64)) };
            }
            if single || spaces <= 0.0 {
                return INFEASIBLE / 1000.0;
            }
            let ratio = if slack >= 0.0 { slack / (STRETCH as f64 * spaces as f64) } else { -slack / (SHRINK as f64 * spaces as f64) };
            badness(ratio)
        }
    }
}

/// TeX-style demerits for an adjustment ratio: cheap near 0, steep past 1.
fn badness(ratio: f64) -> f64 {
    let b = 100.0 * ratio.abs().powi(3);
    (10.0 + b).powi(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(widths: &[f32]) -> Vec<WordBox> {
        widths.iter().map(|&w| WordBox { width: w, space: 3.0, penalty: 0.0 }).collect()
    }

    #[test]
    fn everything_fits_on_one_line() {
        let lines = break_lines(&words(&[10.0, 20.0, 30.0]), 100.0, 100.0, Mode::Justify);
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].start, lines[0].end), (0, 3));
        assert_eq!(lines[0].extra_per_space, 0.0, "last line is not stretched");
    }

    #[test]
    fn justified_lines_fill_the_width_exactly() {
        let ws = words(&[20.0; 20]);
        let lines = break_lines(&ws, 90.0, 100.0, Mode::Justify);
        assert!(lines.len() > 1);
        for (k, line) in lines.iter().enumerate().take(lines.len() - 1) {
            let width = if k == 0 { 90.0 } else { 100.0 };
            let gaps = (line.end - line.start - 1) as f32;
            let filled = line.natural + gaps * line.extra_per_space;
            assert!((filled - width).abs() < 0.01, "line {k} fills {filled} of {width}");
        }
        // Lines cover all words in order.
        assert_eq!(lines[0].start, 0);
        assert_eq!(lines.last().unwrap().end, 20);
        for pair in lines.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
    }

    /// Greedy first-fit breaks, for comparison.
    fn greedy(ws: &[WordBox], width: f32) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < ws.len() {
            let mut end = start + 1;
            while end < ws.len() && natural_width(&ws[start..end + 1]) <= width {
                end += 1;
            }
            out.push((start, end));
            start = end;
        }
        out
    }

    /// Largest stretch of a space over all lines but the last, in space widths.
    fn worst_stretch(ws: &[WordBox], lines: &[(usize, usize)], width: f32) -> f32 {
        lines[..lines.len() - 1]
            .iter()
            .map(|&(s, e)| (width - natural_width(&ws[s..e])) / (e - s - 1).max(1) as f32 / 3.0)
            .fold(0.0, f32::max)
    }

    #[test]
    fn optimal_fit_is_never_looser_than_greedy() {
        // Deterministic pseudo-random word widths, like syllables of Vietnamese text.
        let mut seed = 7u32;
        let ws: Vec<WordBox> = (0..400)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                WordBox { width: 8.0 + (seed >> 16) as f32 % 40.0, space: 3.0, penalty: 0.0 }
            })
            .collect();
        let width = 220.0;
        let optimal: Vec<(usize, usize)> = break_lines(&ws, width, width, Mode::Justify).iter().map(|l| (l.start, l.end)).collect();
        let greedy = greedy(&ws, width);
        let (o, g) = (worst_stretch(&ws, &optimal, width), worst_stretch(&ws, &greedy, width));
        assert!(o <= g, "optimal worst stretch {o} vs greedy {g}");
        assert!(o < g * 0.9, "total fit should improve on greedy here: {o} vs {g}");
    }

    #[test]
    fn over_long_word_gets_its_own_line() {
        let ws = words(&[10.0, 150.0, 10.0]);
        let lines = break_lines(&ws, 100.0, 100.0, Mode::Justify);
        assert!(lines.iter().any(|l| l.start == 1 && l.end == 2));
    }

    #[test]
    fn ragged_mode_balances_lines() {
        let ws = words(&[30.0; 6]);
        let lines = break_lines(&ws, 140.0, 140.0, Mode::Ragged);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].end - lines[0].start, 4);
        assert!(lines.iter().all(|l| l.extra_per_space == 0.0));
    }

    #[test]
    fn balanced_mode_evens_out_the_last_line() {
        let ws = words(&[30.0; 6]);
        let lines = break_lines(&ws, 140.0, 140.0, Mode::Balanced);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].end - lines[0].start, 3);
    }

    #[test]
    fn a_penalty_moves_the_break_elsewhere() {
        let mut ws = words(&[30.0; 12]);
        let free = break_lines(&ws, 140.0, 140.0, Mode::Justify);
        let first_end = free[0].end;
        ws[first_end - 1].penalty = 1e15;
        let penalised = break_lines(&ws, 140.0, 140.0, Mode::Justify);
        assert!(penalised.iter().all(|l| l.end != first_end));
    }

    #[test]
    fn empty_input() {
        assert!(break_lines(&[], 10.0, 10.0, Mode::Justify).is_empty());
    }
}
