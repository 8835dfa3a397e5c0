//! Facets: each record's code (status, deadline year, units: [`super::encode::facet_code`]),
//! the `f/<k>.js` blocks of codes read when a query's results are made of frequent words, and
//! the counts by facet value ([`Histogram`]) of all records (in `meta.js`) and of each
//! frequent word (in its posting file). The on-disk forms are in `docs/search-index.md`.

use super::encode;
use super::fblock;
use super::postings::Ids;
use super::records::Facets;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};

/// Where the facet code of record `id` starts in the concatenated codes.
pub(super) fn code_start(code_end: &[u32], id: u32) -> u32 {
    if id == 0 {
        0
    } else {
        code_end[id as usize - 1]
    }
}

/// The facet code of record `id`.
pub(super) fn code_at<'c>(codes: &'c str, code_end: &[u32], id: u32) -> &'c str {
    &codes[code_start(code_end, id) as usize..code_end[id as usize] as usize]
}

/// Facet block `k`: the codes of records `k * fblock ..`.
pub(super) fn facet_block(codes: &str, code_end: &[u32], k: u32) -> (String, String) {
    let n = code_end.len() as u32;
    let lo = k * fblock(n);
    let hi = (lo + fblock(n)).min(n);
    let start = code_start(code_end, lo);
    let end = code_end[hi as usize - 1];
    (
        format!("f/{k}"),
        json!(&codes[start as usize..end as usize]).to_string(),
    )
}

/// The codes file of spelling `exact` (its ids in `word_ids`, by `words`): its records'
/// facet codes one after another, as a JSON string (see [`super::CODED`]).
pub(super) fn codes_file(
    exact: &str,
    words: &FxHashMap<Box<str>, u32>,
    word_ids: &[Ids],
    codes: &str,
    code_end: &[u32],
) -> Option<String> {
    let mut out = String::from("\"");
    for id in word_ids[*words.get(exact)? as usize].iter() {
        out.push_str(code_at(codes, code_end, id));
    }
    out.push('"');
    Some(out)
}

/// A record's facet code (see [`encode::facet_code`]).
pub(super) fn facet_code(out: &mut String, f: &Facets) {
    encode::facet_code(out, f.s, f.y, &f.units);
}

/// Counts of records by facet value.
#[derive(Clone, PartialEq, Debug)]
pub(super) struct Histogram {
    pub(super) s: Vec<u32>,
    pub(super) y: Vec<u32>,
    pub(super) u: Vec<u32>,
    /// Years always written (the site's histogram has one per deadline year).
    pub(super) years: usize,
}

impl Histogram {
    pub(super) fn new(years: usize, units: usize) -> Self {
        Histogram {
            s: vec![0; 16],
            y: vec![0; years + 1],
            u: vec![0; units],
            years: years + 1,
        }
    }
    /// The histogram of records `ids` (`code`: a record's facet code), its years going up to
    /// the last of its records' (a word's or a pair's, not the site's).
    pub(super) fn of<'c>(ids: &[u32], code: &dyn Fn(u32) -> &'c str) -> Self {
        let mut h = Histogram {
            years: 0,
            ..Histogram::new(0, 0)
        };
        let mut units = Vec::new();
        for &id in ids {
            h.add(code(id), &mut units);
        }
        h
    }
    pub(super) fn add(&mut self, code: &str, units: &mut Vec<u32>) {
        self.count(code, units, true);
    }
    /// Counts the record of facet code `code` in (`up`) or out of the histogram (an in-place
    /// update: a record's code changed).
    pub(super) fn count(&mut self, code: &str, units: &mut Vec<u32>, up: bool) {
        let Some((s, y)) = encode::Reader::new(code).code(units) else {
            return;
        };
        let step = |c: &mut u32| *c = if up { *c + 1 } else { c.saturating_sub(1) };
        if let Some(c) = self.s.get_mut(s as usize) {
            step(c);
        }
        let y = y as usize;
        if y >= self.y.len() {
            self.y.resize(y + 1, 0);
        }
        step(&mut self.y[y]);
        for &u in units.iter() {
            let u = u as usize;
            if u >= self.u.len() {
                self.u.resize(u + 1, 0);
            }
            step(&mut self.u[u]);
        }
    }
    /// `[states, years, [[unit, count] …]]`: years up to the last one counted (or all the
    /// site's), units only where the count is not zero.
    pub(super) fn json(&self) -> Value {
        let units: Vec<[u32; 2]> = self
            .u
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(u, c)| [u as u32, *c])
            .collect();
        let years = self
            .y
            .iter()
            .rposition(|&c| c > 0)
            .map_or(0, |i| i + 1)
            .max(self.years);
        json!([self.s, self.y[..years], units])
    }
}
