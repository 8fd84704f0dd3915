//! Pagination: fills pages with boxes, breaking only where allowed, then
//! adds page numbers once all pages exist (G-06: from page 2, centred in the
//! top margin).

use super::blocks::{Flow, VBox};
use super::text::centred;
use super::{Item, Page};
use crate::doc::Document;
use crate::fonts::Face;

/// A box placed on a page: `index` into the flow (None for a repeated table header).
struct Placed {
    index: Option<usize>,
    y: f32,
}

pub(crate) fn paginate(doc: &Document, flow: Flow) -> Vec<Page> {
    let top = doc.page.margin_top.pt();
    let available = doc.page.height.pt() - top - doc.page.margin_bottom.pt();
    let boxes = &flow.boxes;
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut start = 0;
    while start < boxes.len() {
        let mut placed = Vec::new();
        let mut y = 0.0;
        // A table continued from the previous page gets its header row again.
        if let Some(t) = boxes[start].table
            && start > 0
            && boxes[start - 1].table == Some(t)
        {
            placed.push(Placed { index: None, y });
            y += flow.table_headers[t].height;
        }
        let mut next = start;
        while next < boxes.len() {
            let b = &boxes[next];
            let space = if next == start { 0.0 } else { b.space_before };
            if next > start && y + space + b.height > available + 0.01 {
                break;
            }
            placed.push(Placed { index: Some(next), y: y + space });
            y += space + b.height;
            next += 1;
        }
        if next < boxes.len() {
            // Go back to the last box after which a break is allowed.
            if let Some(k) = (start + 1..=next).rev().find(|&k| !boxes[k - 1].keep_with_next) {
                placed.retain(|p| p.index.is_none_or(|i| i < k));
                next = k;
            }
        }
        pages.push(placed);
        start = next;
    }
    pages
        .into_iter()
        .enumerate()
        .map(|(n, placed)| {
            let mut items = Vec::new();
            for p in &placed {
                let b: &VBox = match p.index {
                    Some(i) => &boxes[i],
                    None => {
                        let first = placed.iter().find_map(|q| q.index).expect("a header precedes rows");
                        &flow.table_headers[boxes[first].table.expect("continued table")]
                    }
                };
                items.extend(b.items.iter().map(|item| shift(item, top + p.y)));
            }
            if n > 0 {
                let size = doc.page.page_number_size.0;
                let centre = doc.page.margin_left.pt() + doc.page.text_width().pt() / 2.0;
                let baseline = doc.page.page_number_baseline.pt();
                items.push(Item::Text(centred(&(n + 1).to_string(), Face::Regular, size, centre, baseline)));
            }
            Page { width: doc.page.width.pt(), height: doc.page.height.pt(), items }
        })
        .collect()
}

fn shift(item: &Item, dy: f32) -> Item {
    match item {
        Item::Text(t) => {
            let mut t = t.clone();
            t.baseline += dy;
            Item::Text(t)
        }
        Item::Line { x1, y1, x2, y2, thickness } => Item::Line { x1: *x1, y1: y1 + dy, x2: *x2, y2: y2 + dy, thickness: *thickness },
    }
}
